// The "I don't know" threshold calibrated on the knowledge base (leave-article-out), on a seeded
// synthetic knowledge base whose articles share most of their wording, in English and Chinese.
import assert from 'node:assert/strict';
import { render } from '../../core/i18n.ts';
import { test } from 'node:test';
import { fitLsa } from '../../ml/text/lsa.ts';
import { DEFAULT_MIN_COVERAGE, DONT_KNOW, extractiveAnswer } from './answer.ts';
import { balancedThreshold, calibrate, MAX_THRESHOLD, MIN_THRESHOLD } from './calibration.ts';
import { syntheticKb } from './calibration-fixture.ts';
import { buildKnowledgeIndex, chunkArticles, type ArticleInput } from './retrieval.ts';
import { memoryVectorStore } from './vector-store.ts';

async function indexOf(articles: ArticleInput[]) {
  const texts = chunkArticles(articles).map((c) => `${c.heading}\n${c.text}`);
  const lsa = fitLsa(texts, { dim: Math.max(1, Math.min(128, texts.length - 1)), seed: 7 });
  return buildKnowledgeIndex(articles, { embed: async (t) => t.map((x) => lsa.embed(x)), store: memoryVectorStore(), model: 'lsa' });
}

// Two articles are left out: their products and topics exist elsewhere, their facts do not.
const HELD_OUT = ['Atlas warranty', '星辰 保修'];

test('the threshold is learnt from the knowledge base and stored with the index', async () => {
  const index = await indexOf(syntheticKb(HELD_OUT));
  const c = index.calibration;
  assert.equal(c.method, 'leave-article-out');
  assert.equal(c.articles, syntheticKb(HELD_OUT).length);
  assert.ok(c.questions >= 20, `${c.questions} questions`);
  assert.ok(c.threshold >= MIN_THRESHOLD && c.threshold <= MAX_THRESHOLD);
  // Articles here differ by a product name and a number: the threshold must sit well above the default.
  assert.ok(c.threshold > DEFAULT_MIN_COVERAGE + 0.1, JSON.stringify(c));
  assert.ok(c.answered_when_indexed! >= 0.9, JSON.stringify(c));
  assert.ok(c.abstained_when_held_out! >= 0.5, JSON.stringify(c));
});

test('answerable questions are answered with the right citation, in English and Chinese', async () => {
  const index = await indexOf(syntheticKb(HELD_OUT));
  const cases: [string, string, RegExp][] = [
    ['How long do Cobalt customers have to ask for a refund?', 'Cobalt refunds', /Cobalt customers can request a refund within \d+ days of purchase\. \[1\]/],
    ['From which warehouse do Delta orders ship?', 'Delta shipping', /Delta orders ship from the \w+ warehouse/],
    ['How many months is the Ember hardware warranty?', 'Ember warranty', /Ember hardware warranty lasts \d+ months/],
    ['What discount do Fjord resellers get?', 'Fjord discounts', /Resellers of Fjord receive a \d+ percent discount/],
    ['How many hours of onboarding training do Granite administrators get?', 'Granite training', /New Granite administrators get \d+ hours/],
    ['极光客户多少天内可以申请退款？', '极光 退款', /极光客户可以在购买后\d+天内申请退款。 \[1\]/],
    ['海港订单从哪个仓库发货？', '海港 发货', /海港订单在\d+个工作日内从\S+仓库发货/],
    ['雨林硬件的保修期是多久？', '雨林 保修', /雨林硬件的保修期为\d+个月/],
  ];
  for (const [question, article, fact] of cases) {
    const answer = extractiveAnswer(question, await index.search(question, 5), index.calibration.threshold);
    assert.equal(answer.confident, true, `${question}: ${JSON.stringify(answer)}`);
    assert.equal(answer.citations[0].article_id, article, question);
    assert.match(render(answer.answer, 'en'), fact, question);
    assert.equal(answer.threshold, index.calibration.threshold);
  }
});

test('unanswerable questions get "I don\'t know" and the closest articles, in English and Chinese', async () => {
  const index = await indexOf(syntheticKb(HELD_OUT));
  const cases: [string, RegExp][] = [
    ['How many months is the Atlas hardware warranty?', /warranty/], // other products' warranties exist, Atlas's does not
    ['星辰硬件的保修期是多久？', /保修/],
    ['What is the parental leave policy for employees?', /./],
    ['员工的育儿假政策是什么？', /./],
  ];
  for (const [question, closestTitle] of cases) {
    const hits = await index.search(question, 5);
    const answer = extractiveAnswer(question, hits, index.calibration.threshold);
    assert.equal(answer.confident, false, `${question}: ${JSON.stringify(answer)}`);
    assert.equal(answer.answer, DONT_KNOW);
    assert.deepEqual(answer.citations, []);
    assert.ok(answer.closest.length > 0, question);
    assert.match(answer.closest[0].title, closestTitle, question);
    assert.ok(!HELD_OUT.includes(answer.closest[0].article_id));
  }
  // The hand-set default would have answered the held-out questions with another product's facts.
  for (const question of ['How many months is the Atlas hardware warranty?', '星辰硬件的保修期是多久？']) {
    const wrong = extractiveAnswer(question, await index.search(question, 5), DEFAULT_MIN_COVERAGE);
    assert.equal(wrong.confident, true, question);
  }
  // With the article indexed, the same question is answered from it.
  const full = await indexOf(syntheticKb());
  const atlas = extractiveAnswer('How many months is the Atlas hardware warranty?', await full.search('How many months is the Atlas hardware warranty?', 5), full.calibration.threshold);
  assert.equal(atlas.citations[0]?.article_id, 'Atlas warranty', JSON.stringify(atlas));
});

test('a tiny knowledge base keeps the default; calibration is recomputed when the index is rebuilt', async () => {
  const tiny = await indexOf(syntheticKb().slice(0, 2));
  assert.equal(tiny.calibration.method, 'default');
  assert.equal(tiny.calibration.threshold, DEFAULT_MIN_COVERAGE);
  const small = await indexOf(syntheticKb().slice(0, 12));
  const large = await indexOf(syntheticKb());
  assert.equal(small.calibration.method, 'leave-article-out');
  assert.notEqual(small.calibration.questions, large.calibration.questions);
  const empty = await buildKnowledgeIndex([], { embed: async () => [], store: memoryVectorStore(), model: 'none' });
  assert.equal(empty.calibration.threshold, DEFAULT_MIN_COVERAGE);
});

test('balanced threshold: the middle of the best interval, shrunk towards the default by the evidence', () => {
  assert.ok(Math.abs(balancedThreshold([0.8, 0.9, 1], [0.2, 0.3, 0.4])! - 0.6) < 1e-9);
  assert.equal(balancedThreshold([], [0.1]), null);
  const few = calibrate(10, [0.8, 0.9, 1], [0.2, 0.3, 0.4]);
  const many = calibrate(10, Array(200).fill(0.9), Array(200).fill(0.3));
  assert.ok(Math.abs(few.threshold - (3 * 0.6 + 20 * DEFAULT_MIN_COVERAGE) / 23) < 1e-3, JSON.stringify(few));
  assert.ok(Math.abs(many.threshold - 0.6) < 0.02, JSON.stringify(many));
  // Pairs where the held-out knowledge base answers as well are not counted as negatives.
  assert.equal(calibrate(10, [1, 0.9], [1, 0.3]).questions, 1);
});
