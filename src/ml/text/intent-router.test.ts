import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Rng } from '../random.ts';
import { trainIntentRouter } from './intent-router.ts';
import { fitFeatureUnion, INTENT_FEATURES } from './tfidf.ts';
import { trainLinearSvm } from './linear-svm.ts';

const banking = path.resolve(process.cwd(), '../shared/data/intent-banking77');

test('routes a Chinese mini-corpus to the right intents', () => {
  const data: [string, string][] = [
    ['我的卡还没到', 'card_arrival'], ['新卡什么时候寄到', 'card_arrival'], ['卡片邮寄要多久', 'card_arrival'], ['我还没收到银行卡', 'card_arrival'],
    ['我要退款', 'refund'], ['怎么申请退款', 'refund'], ['退款什么时候到账', 'refund'], ['请把钱退给我', 'refund'],
    ['转账失败了', 'transfer_failed'], ['为什么我的转账没有成功', 'transfer_failed'], ['汇款被拒绝了', 'transfer_failed'], ['转账一直失败怎么办', 'transfer_failed'],
  ];
  const router = trainIntentRouter(data.map((d) => d[0]), data.map((d) => d[1]), { calibrationFolds: 2 });
  assert.equal(router.route('我的新卡还没有寄到').label, 'card_arrival');
  assert.equal(router.route('申请退款').label, 'refund');
  assert.equal(router.route('转账为什么失败').label, 'transfer_failed');
  const r = router.route('退款');
  assert.ok(r.confidence > 0 && r.confidence <= 1);
  assert.deepEqual(r.top.map((t) => t.label).sort(), ['card_arrival', 'refund', 'transfer_failed']);
  assert.ok(Math.abs(r.top.reduce((s, t) => s + t.score, 0) - 1) < 1e-9);
});

test('learns "none fits" from abstain-label rows and never returns that label as an intent', () => {
  const texts = [
    'reset my password', 'forgot my password', 'password reset link', 'cannot log in password', 'change password please', 'new password needed',
    'cancel my subscription', 'stop my plan', 'end subscription now', 'cancel the plan', 'unsubscribe me', 'terminate subscription',
    'what is the weather', 'tell me a joke', 'who won the game', 'play some music', 'how tall is everest', 'recipe for pancakes',
  ];
  const labels = [...Array(6).fill('password'), ...Array(6).fill('cancel'), ...Array(6).fill('oos')];
  const router = trainIntentRouter(texts, labels, { abstainLabel: 'oos', calibrationFolds: 2 });
  assert.deepEqual([...router.labels], ['cancel', 'password']);
  assert.equal(router.route('please reset the password').abstain, false);
  assert.equal(router.route('please reset the password').label, 'password');
  assert.equal(router.route('what is the weather tomorrow').abstain, true);
  assert.ok(router.route('tell me a joke').top.every((t) => t.label !== 'oos'));
  assert.throws(() => trainIntentRouter(['a', 'b'], ['x', 'oos'], { abstainLabel: 'oos' }), /at least two intents/);
});

function loadBanking(file: string) {
  return parse(readFileSync(path.join(banking, file)), { columns: true }) as { text: string; category: string }[];
}

test('abstains on held-out banking77 intents at least as well as an SVM max-margin threshold tuned on the test set',
  { skip: !existsSync(banking) && 'shared data absent (../shared/data/intent-banking77)' }, () => {
    // A 24-intent slice keeps the test fast: 19 intents in scope, 5 out of scope. As in
    // CLINC-150, train carries a small sample of out-of-scope rows labelled "oos".
    const all = [...new Set(loadBanking('train.csv').map((r) => r.category))].sort();
    const picked = new Rng(7).shuffle([...all]).slice(0, 24);
    const oosIntents = new Set(picked.slice(19));
    const sample = new Rng(3);
    const label = (c: string) => (oosIntents.has(c) ? 'oos' : c);
    const train = loadBanking('train.csv').filter((r) => picked.includes(r.category) && (!oosIntents.has(r.category) || sample.bernoulli(0.15)));
    const test_ = loadBanking('test.csv').filter((r) => picked.includes(r.category));
    const router = trainIntentRouter(train.map((r) => r.text), train.map((r) => label(r.category)), { abstainLabel: 'oos' });

    let inScope = 0, correct = 0, oos = 0, caught = 0;
    for (const r of test_) {
      const out = router.route(r.text);
      if (oosIntents.has(r.category)) { oos++; if (out.abstain) caught++; }
      else { inScope++; if (!out.abstain && out.label === r.category) correct++; }
    }
    const ours = { accuracy: correct / inScope, recall: caught / oos };

    const baseline = svmBestThreshold(train, test_, oosIntents);
    console.log(`ours accuracy ${ours.accuracy.toFixed(3)} recall ${ours.recall.toFixed(3)}; SVM at its best threshold ${baseline.accuracy.toFixed(3)} / ${baseline.recall.toFixed(3)}`);
    assert.ok(ours.accuracy >= baseline.accuracy, `accuracy ${ours.accuracy} < ${baseline.accuracy}`);
    assert.ok(ours.recall >= baseline.recall, `recall ${ours.recall} < ${baseline.recall}`);
  });

/**
 * The reference: the same features and SVM on in-scope rows, abstaining when the largest margin
 * is below a threshold picked with hindsight on the test set (max accuracy + recall).
 */
function svmBestThreshold(train: { text: string; category: string }[], test_: { text: string; category: string }[], oosIntents: Set<string>) {
  const inTrain = train.filter((r) => !oosIntents.has(r.category));
  const names = [...new Set(inTrain.map((r) => r.category))].sort();
  const features = fitFeatureUnion(inTrain.map((r) => r.text), INTENT_FEATURES);
  const svm = trainLinearSvm(features.transformMany(inTrain.map((r) => r.text)), inTrain.map((r) => names.indexOf(r.category)), names.length);
  const scored = test_.map((r) => {
    const m = svm.decision(features.transform(r.text));
    let best = 0;
    for (let c = 1; c < m.length; c++) if (m[c] > m[best]) best = c;
    return { margin: m[best], correct: names[best] === r.category, oos: oosIntents.has(r.category) };
  });
  const inScope = scored.filter((s) => !s.oos).length;
  const oos = scored.length - inScope;
  let baseline = { accuracy: 0, recall: 0 };
  for (const t of [...new Set(scored.map((s) => s.margin)), Infinity]) {
    const accuracy = scored.filter((s) => !s.oos && s.correct && s.margin >= t).length / inScope;
    const recall = scored.filter((s) => s.oos && s.margin < t).length / oos;
    if (accuracy + recall > baseline.accuracy + baseline.recall) baseline = { accuracy, recall };
  }
  return baseline;
}

test('without out-of-scope training rows, the threshold is a margin-gap quantile of intents left out in cross-validation', () => {
  // Six tiny synthetic intents; cross-validation leaves one out per fold as simulated out-of-scope.
  const topics = ['password', 'invoice', 'delivery', 'refund', 'meeting', 'discount'];
  const verbs = ['help with my', 'question about the', 'problem with my', 'need the', 'where is my', 'update the', 'check my', 'change the'];
  const texts = topics.flatMap((t) => verbs.map((v, i) => `${v} ${t} ${i % 2 ? 'please' : 'today'}`));
  const labels = topics.flatMap((t) => verbs.map(() => t));
  const router = trainIntentRouter(texts, labels, { abstainLabel: 'oos', seed: 5 });
  const c = router.calibration;
  assert.ok(c, 'calibration from simulated unseen intents');
  assert.equal(router.abstainScoreKind, 'margin-gap');
  assert.ok(c.unseenRows > 0);
  assert.equal(router.threshold, c.unseenRecallThreshold);
  const r = router.route('problem with my invoice today');
  assert.equal(r.abstain, r.abstainScore < router.threshold);
  assert.ok(r.abstainScore >= 0, 'the gap between the top two intents is never negative without an out-of-scope class');
  // A larger share of simulated unseen rows caught needs a higher threshold; 0 never abstains.
  const stricter = trainIntentRouter(texts, labels, { abstainLabel: 'oos', seed: 5, unseenRecall: 0.99 });
  assert.ok(stricter.threshold >= router.threshold);
  const never = trainIntentRouter(texts, labels, { abstainLabel: 'oos', seed: 5, unseenRecall: 0 });
  assert.equal(never.threshold, 0);
  assert.ok(texts.every((t) => !never.route(t).abstain));
  // Deterministic: same seed, same threshold.
  assert.equal(trainIntentRouter(texts, labels, { abstainLabel: 'oos', seed: 5 }).threshold, router.threshold);
  // With out-of-scope rows the score stays the calibrated probability.
  const pooled = trainIntentRouter([...texts, 'tell me a joke', 'weather tomorrow', 'who won the game'], [...labels, 'oos', 'oos', 'oos'], { abstainLabel: 'oos', seed: 5 });
  assert.equal(pooled.abstainScoreKind, 'probability');
  assert.equal(pooled.calibration, undefined);
});

/** A seeded synthetic intent set: each intent has its own keywords, every query shares filler words with all intents. */
function syntheticIntents(seed: number, intents: number, perIntent: number) {
  const rng = new Rng(seed);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pu', 'da', 'fe', 'gi', 'ho', 'ju', 'be'];
  const word = () => Array.from({ length: 3 }, () => rng.pick(syllables)).join('');
  const fillers = ['i need help with my', 'can you tell me about the', 'there is a problem with the', 'please check my', 'what about the', 'how do i change my'];
  const vocab = Array.from({ length: intents }, () => Array.from({ length: 8 }, word));
  const rows: { text: string; label: string }[] = [];
  vocab.forEach((words, c) => {
    for (let i = 0; i < perIntent; i++) rows.push({ text: `${rng.pick(fillers)} ${rng.pick(words)} ${rng.pick(words)} ${rng.bernoulli(0.5) ? 'today' : 'please'}`, label: `intent_${c}` });
  });
  return rows;
}

test('seeded synthetic set, 4 of 16 intents unseen in training: the calibrated threshold answers "none fits" for most of them', () => {
  const rows = syntheticIntents(17, 16, 40);
  const unseen = new Set(['intent_3', 'intent_7', 'intent_11', 'intent_15']);
  const rng = new Rng(2);
  const isTest = rows.map(() => rng.bernoulli(0.3));
  const train = rows.filter((r, i) => !isTest[i] && !unseen.has(r.label));
  const test_ = rows.filter((r, i) => isTest[i]);
  const router = trainIntentRouter(train.map((r) => r.text), train.map((r) => r.label), { seed: 3 });
  assert.equal(router.abstainScoreKind, 'margin-gap');
  let inScope = 0, correct = 0, oos = 0, caught = 0;
  for (const r of test_) {
    const out = router.route(r.text);
    if (unseen.has(r.label)) { oos++; if (out.abstain) caught++; } else { inScope++; if (!out.abstain && out.label === r.label) correct++; }
  }
  console.log(`synthetic: in-scope accuracy ${(correct / inScope).toFixed(3)}, out-of-scope recall ${(caught / oos).toFixed(3)} (${oos} rows)`);
  // The threshold catches 88 % of the simulated unseen intents' rows in cross-validation; on
  // truly unseen intents (final model, more rows) a little less: 0.73 with this seed.
  assert.ok(caught / oos >= 0.65, `out-of-scope recall ${caught / oos}`);
  assert.ok(correct / inScope >= 0.9, `in-scope accuracy ${correct / inScope}`);
});

test('without out-of-scope training rows, unseen banking77 intents: recall at least half, accuracy not below the SVM reference',
  { skip: !existsSync(banking) && 'shared data absent (../shared/data/intent-banking77)' }, () => {
    // The slice of the test above (19 intents in scope, 5 out of scope), but train has no "oos"
    // rows: the threshold comes from intents left out in cross-validation. These 5 intents are
    // near-duplicates of in-scope ones (e.g. card_arrival vs card_delivery_estimate), harder than
    // a typical left-out intent, so recall stays below the SVM's with a hindsight threshold here;
    // on all of banking77 see bench/intents-oos.bench.ts. On this slice the margin-gap rule is
    // close to the previous rule (probability threshold, reported by the same router): 0.934 /
    // 0.610 against 0.921 / 0.640. Asserted: recall at least half and in-scope accuracy above
    // the SVM reference.
    const all = [...new Set(loadBanking('train.csv').map((r) => r.category))].sort();
    const picked = new Rng(7).shuffle([...all]).slice(0, 24);
    const oosIntents = new Set(picked.slice(19));
    const train = loadBanking('train.csv').filter((r) => picked.includes(r.category) && !oosIntents.has(r.category));
    const test_ = loadBanking('test.csv').filter((r) => picked.includes(r.category));
    const router = trainIntentRouter(train.map((r) => r.text), train.map((r) => r.category), { abstainLabel: 'oos' });
    assert.equal(router.abstainScoreKind, 'margin-gap');
    const previous = router.calibration!.probabilityThreshold;

    let inScope = 0, oos = 0;
    const ours = { correct: 0, caught: 0 };
    const old = { correct: 0, caught: 0 };
    for (const r of test_) {
      const out = router.route(r.text);
      const oldAbstain = out.confidence < previous;
      if (oosIntents.has(r.category)) {
        oos++;
        if (out.abstain) ours.caught++;
        if (oldAbstain) old.caught++;
      } else {
        inScope++;
        if (!out.abstain && out.label === r.category) ours.correct++;
        if (!oldAbstain && out.label === r.category) old.correct++;
      }
    }
    const baseline = svmBestThreshold(train, test_, oosIntents);
    const f = (x: number) => x.toFixed(3);
    console.log(`ours ${f(ours.correct / inScope)} / ${f(ours.caught / oos)}; previous rule ${f(old.correct / inScope)} / ${f(old.caught / oos)}; SVM best ${f(baseline.accuracy)} / ${f(baseline.recall)}`);
    assert.ok(ours.caught / oos >= 0.5, `oos recall ${ours.caught / oos}`);
    assert.ok(ours.correct / inScope >= baseline.accuracy, `accuracy ${ours.correct / inScope} < SVM ${baseline.accuracy}`);
  });

test('outOfScope "far": "none fits" for queries unlike every intent centroid, threshold from held-out in-scope rows', () => {
  const rows = syntheticIntents(17, 10, 24);
  const texts = rows.map((r) => r.text);
  const labels = rows.map((r) => r.label);
  const router = trainIntentRouter(texts, labels, { seed: 3, outOfScope: 'far' });
  assert.equal(router.abstainScoreKind, 'centroid-similarity');
  const c = router.calibration!;
  assert.ok(c.similarityThreshold! > 0 && c.similarityThreshold! < Math.SQRT2, `threshold ${c.similarityThreshold}`);
  assert.equal(router.threshold, c.similarityThreshold);
  // The near rule's threshold is still reported, but not used.
  assert.ok(c.unseenRecallThreshold > 0);
  const unrelated = ['the weather is lovely by the sea this summer', 'who won the football cup yesterday', '今天天气很好', 'xyz'];
  for (const q of unrelated) {
    const r = router.route(q);
    assert.equal(r.abstain, true, `"${q}" similarity ${r.abstainScore}`);
    assert.equal(r.abstain, r.abstainScore < router.threshold);
  }
  // Most training-like queries are answered (the threshold leaves out ~5 % of held-out rows).
  const answered = texts.filter((t) => !router.route(t).abstain).length / texts.length;
  assert.ok(answered >= 0.9, `answered ${answered}`);
  // A larger share needs a higher threshold; 0 never abstains; the near rule is unaffected.
  assert.ok(trainIntentRouter(texts, labels, { seed: 3, outOfScope: 'far', farInScopeShare: 0.2 }).threshold > router.threshold);
  const never = trainIntentRouter(texts, labels, { seed: 3, outOfScope: 'far', farInScopeShare: 0 });
  assert.equal(never.threshold, 0);
  assert.ok(unrelated.every((q) => !never.route(q).abstain));
  const near = trainIntentRouter(texts, labels, { seed: 3 });
  assert.equal(near.abstainScoreKind, 'margin-gap');
  assert.equal(near.calibration!.unseenRecallThreshold, c.unseenRecallThreshold);
  assert.equal(near.calibration!.similarityThreshold, undefined);
  // With out-of-scope training rows the class is learnt and 'far' changes nothing.
  const pooled = trainIntentRouter([...texts, 'tell me a joke', 'weather tomorrow', 'who won the game'], [...labels, 'oos', 'oos', 'oos'], { abstainLabel: 'oos', seed: 3, outOfScope: 'far' });
  assert.equal(pooled.abstainScoreKind, 'probability');
});
