import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/errors.ts';
import { analyzeConversation } from './analyze.ts';
import { findActionItems } from './action-items.ts';
import { questionKind } from './questions.ts';
import { scoreSentiment } from './sentiment.ts';
import { extractiveSummary } from './summary.ts';
import { findInterruptions, longestRepMonologue, talkRatio } from './talk.ts';
import { findTrackerHits, type TrackerDefinition } from './trackers.ts';
import { emailThreadToTurns, splitSentences, type Role, type Turn } from './transcript.ts';

const turn = (role: Role, text: string, start?: number, end?: number): Turn => ({ speaker: role === 'rep' ? 'Rita (rep)' : 'Carl (customer)', role, text, start, end });

const timedCall: Turn[] = [
  turn('rep', 'Hi Carl, thanks for joining. How is the rollout going?', 0, 10),
  turn('customer', 'Honestly it has been slow and frustrating.', 10, 25),
  turn('rep', 'Sorry to hear that. What is blocking the team?', 24, 30), // starts 1 s before Carl finished
  turn('rep', 'Is it the data import?', 30, 40),
  turn('customer', 'Mostly the import, and the price is too expensive for us right now.', 40, 70),
  turn('rep', "I'll send you the import guide by Friday, and let's schedule a call next week.", 65, 80), // 5 s overlap
  turn('customer', 'That sounds great, thank you.', 80, 85),
];

test('talk ratio uses time when every turn has timestamps, words otherwise', () => {
  const timed = talkRatio(timedCall);
  assert.equal(timed.basis, 'seconds');
  assert.equal(timed.rep, 10 + 6 + 10 + 15);
  assert.equal(timed.customer, 15 + 30 + 5);
  assert.ok(Math.abs(timed.repShare - 41 / 91) < 1e-12);
  const untimed = talkRatio([turn('rep', 'one two three'), turn('customer', 'four'), turn('rep', '我们 下周 见')]);
  assert.equal(untimed.basis, 'words');
  assert.equal(untimed.customer, 1);
  assert.ok(untimed.rep >= 5);
  assert.equal(talkRatio([]).repShare, 0, 'empty call: 0, not NaN');
});

test('the longest rep monologue joins consecutive rep turns', () => {
  const m = longestRepMonologue(timedCall);
  assert.deepEqual([m.fromTurn, m.toTurn, m.length], [2, 3, 16]);
  const none = longestRepMonologue([turn('customer', 'hello')]);
  assert.deepEqual([none.fromTurn, none.length], [-1, 0]);
});

test('interruptions come from overlapping timestamps; short back-channel overlaps are ignored', () => {
  const found = findInterruptions(timedCall);
  assert.deepEqual(found.map((i) => [i.turn, i.by, i.of, i.overlapSeconds]), [[2, 'rep', 'customer', 1], [5, 'rep', 'customer', 5]]);
  assert.deepEqual(findInterruptions(timedCall, 2).map((i) => i.turn), [5]);
  assert.deepEqual(findInterruptions([turn('rep', 'a'), turn('customer', 'b')]), [], 'no timing, no interruptions');
});

test('questions in English and Chinese, open versus closed, with and without question marks', () => {
  const cases: [string, string | null][] = [
    ['How much budget have you set aside?', 'open'],
    ['what does success look like for you', 'open'],
    ['Do you have a decision date', 'closed'],
    ['That works for you, right?', 'closed'],
    ['What a great quarter.', null],
    ['I will send the deck.', null],
    ['你们的预算是多少？', 'open'],
    ['为什么选择现在的供应商', 'open'],
    ['这个价格可以接受吗', 'closed'],
    ['你们有没有其他需求', 'closed'],
    ['我们下周见吧。', null],
    ['我不知道他是谁。', null],
  ];
  for (const [sentence, kind] of cases) assert.equal(questionKind(sentence), kind, sentence);
});

test('sentiment handles negation, intensity and Chinese', () => {
  const pos = scoreSentiment('This is great, the team loves it.');
  assert.equal(pos.label, 'positive');
  assert.equal(scoreSentiment('This is not good at all.').label, 'negative');
  assert.equal(scoreSentiment('Not bad.').label, 'positive');
  assert.ok(scoreSentiment('very expensive').compound < scoreSentiment('expensive').compound, 'boosters intensify');
  assert.equal(scoreSentiment('这个产品不错，我们很满意').label, 'positive');
  assert.equal(scoreSentiment('太贵了，我们不满意').label, 'negative');
  assert.equal(scoreSentiment('不太满意').label, 'negative');
  const neutral = scoreSentiment('The meeting is at 3pm in room 4.');
  assert.deepEqual([neutral.compound, neutral.label], [0, 'neutral']);
  for (const text of ['', '...', 'great '.repeat(500)]) {
    const s = scoreSentiment(text);
    assert.ok(Number.isFinite(s.compound) && s.compound >= -1 && s.compound <= 1);
  }
});

test('default trackers find pricing, competitors, objections and next steps in English and Chinese', () => {
  const turns = [
    turn('customer', "What's the pricing for 50 seats? We are also evaluating HubSpot."),
    turn('customer', 'Honestly this is not a priority for us at the moment.'),
    turn('rep', "Let's set up a call for next week."),
    turn('customer', '这个多少钱？我们也在看竞品。'),
    turn('customer', 'Any discuont for nonprofits?'),
    turn('rep', 'The weather in Denver is lovely today.'),
  ];
  const hits = findTrackerHits(turns);
  const by = (id: string) => hits.filter((h) => h.trackerId === id).map((h) => h.turn);
  assert.deepEqual(by('pricing'), [0, 3, 4]);
  assert.deepEqual(by('competitors'), [0, 3]);
  assert.deepEqual(by('objections'), [1]);
  assert.deepEqual(by('next-steps'), [2]);
  assert.equal(hits.find((h) => h.turn === 1)!.matchedBy, 'similar');
  const typo = hits.find((h) => h.turn === 4)!;
  assert.ok(typo.matchedBy === 'keyword' && typo.score < 1, 'one-typo keyword match scores below an exact one');
  assert.ok(!hits.some((h) => h.turn === 5));
});

test('user-defined trackers, role filters and validation', () => {
  const custom: TrackerDefinition[] = [{ id: 'security', name: 'Security', keywords: ['SOC 2', 'GDPR', '数据安全'], roles: ['customer'] }];
  const hits = findTrackerHits([turn('customer', 'Are you SOC 2 certified?'), turn('rep', 'Yes, SOC 2 Type II.'), turn('customer', '数据安全怎么保证？')], custom);
  assert.deepEqual(hits.map((h) => h.turn), [0, 2]);
  assert.throws(() => findTrackerHits([], [{ id: 'x', name: 'X', keywords: [] }]), InputError);
});

test('action items: commitments with owner and due hint, not statements or refusals', () => {
  const items = findActionItems([
    turn('rep', "I'll send you the proposal by Friday. I'll be honest, it is a big project."),
    turn('rep', "Let's schedule a demo next week."),
    turn('customer', 'Can you send me the security questionnaire?'),
    turn('customer', 'We will not sign this quarter.'),
    turn('rep', '我会把合同发给您。下周安排一次演示。'),
    turn('customer', '这个产品很好。'),
  ]);
  assert.deepEqual(
    items.map((a) => [a.turn, a.owner, a.ownerRole, a.due ?? null]),
    [[0, 'speaker', 'rep', 'by Friday'], [1, 'both', 'rep', 'next week'], [2, 'other', 'rep', null], [4, 'speaker', 'rep', null], [4, 'speaker', 'rep', '下周']],
  );
});

test('the extractive summary keeps the central sentences in spoken order', () => {
  const turns = [
    turn('rep', 'Thanks for taking the call today.'),
    turn('customer', 'Our sales team struggles to import leads from the old CRM into the new pipeline.'),
    turn('rep', 'The import tool maps old CRM fields to the new pipeline automatically.'),
    turn('customer', 'My dog is called Biscuit and he likes long walks.'),
    turn('customer', 'If the import works for our leads, the sales team will move to the new pipeline.'),
  ];
  const summary = extractiveSummary(turns, { maxSentences: 2 });
  assert.equal(summary.length, 2);
  assert.ok(summary[0].turn < summary[1].turn);
  assert.ok(summary.every((s) => /import/.test(s.text)), JSON.stringify(summary));
  assert.deepEqual(extractiveSummary([turn('rep', 'ok'), turn('customer', 'thanks')]), []);
});

test('email threads drop quoted replies; sentences split in both languages', () => {
  const turns = emailThreadToTurns([
    { from: 'rita@seller.com', role: 'rep', body: 'Hi Carl,\nAttached is the quote.\n\nOn Mon, 3 Jun 2024 at 10:00, Carl wrote:\n> Can you send a quote?' },
    { from: 'carl@buyer.com', role: 'customer', body: 'Thanks! Looks good.\n> Attached is the quote.' },
  ]);
  assert.deepEqual(turns.map((t) => t.text), ['Hi Carl,\nAttached is the quote.', 'Thanks! Looks good.']);
  assert.deepEqual(splitSentences('Hi Mr. Smith, how are you? 我们下周安排演示。价格是多少？'), ['Hi Mr. Smith, how are you?', '我们下周安排演示。', '价格是多少？']);
});

test('analyzeConversation puts it together and validates input', () => {
  const a = analyzeConversation(timedCall);
  assert.equal(a.turns, 7);
  assert.equal(a.talk.basis, 'seconds');
  assert.deepEqual([a.questions.total, a.questions.open, a.questions.closed], [3, 2, 1]);
  assert.ok(Math.abs(a.questions.perRepTurn - 3 / 4) < 1e-12);
  assert.deepEqual([a.interruptions.byRep, a.interruptions.byCustomer], [2, 0]);
  assert.ok(a.sentiment.customerTrend > 0, 'the customer ends happier than they started');
  assert.equal(a.trackers.counts.pricing.customer, 1);
  assert.equal(a.trackers.counts['next-steps'].rep, 1);
  assert.equal(a.actionItems.length, 1);
  assert.ok(a.summary.length > 0);
  const json = JSON.stringify(analyzeConversation([]));
  assert.ok(!json.includes('NaN') && !json.includes('null'), json);
  assert.throws(
    () => analyzeConversation([turn('rep', 'hi', 5, 2), { speaker: 'x', role: 'boss' as Role, text: 'yo' }]),
    (err: unknown) => err instanceof InputError && err.issues.map((i) => `${i.row}:${i.column}`).join() === '0:end,1:role',
  );
});

test('tracker hits carry the character offsets of their sentence within the turn', async () => {
  const { findTrackerHits } = await import('./trackers.ts');
  const text = 'Thanks for your time.  What would the price be per seat? We also look at HubSpot.';
  const hits = findTrackerHits([{ speaker: 'C', role: 'customer', text }]);
  assert.ok(hits.length >= 2);
  for (const h of hits) assert.equal(text.slice(h.start, h.end), h.sentence);
  assert.deepEqual(hits.map((h) => h.trackerId).sort(), ['competitors', 'pricing']);
});

test('plain-text transcripts: speakers, rep detection, stamps, continuation lines and errors', async () => {
  const { parseTranscriptText } = await import('./transcript-text.ts');
  const turns = parseTranscriptText('[00:00] Ana: Hi Lina, thanks for joining.\n[00:05] Lina: Happy to.\nWe are busy.\n[00:12] Ana: What matters most?');
  assert.deepEqual(turns.map((t) => [t.speaker, t.role, t.start, t.end]), [['Ana', 'rep', 0, 5], ['Lina', 'customer', 5, 12], ['Ana', 'rep', 12, 13.2]]);
  assert.equal(turns[1].text, 'Happy to.\nWe are busy.');
  const zh = parseTranscriptText('客户王芳：价格是多少？\n销售李明：我们下周发报价。', { repSpeakers: ['销售李明'] });
  assert.deepEqual(zh.map((t) => t.role), ['customer', 'rep']);
  assert.throws(() => parseTranscriptText('no speaker here', { file: 'call.txt' }), (e: any) => e.issues[0].file === 'call.txt' && e.issues[0].row === 1);
});

test('embedding matches add paraphrases the offline matching missed, and only those', async () => {
  const { embeddingHits, sentencesOf } = await import('./tracker-embeddings.ts');
  const turns = [{ speaker: 'C', role: 'customer' as const, text: 'Wie viel kostet das? What is the price?' }];
  const sentences = sentencesOf(turns);
  assert.deepEqual(sentences.map((s) => turns[0].text.slice(s.start, s.end)), ['Wie viel kostet das?', 'What is the price?']);
  const tracker = { id: 'pricing', name: 'Pricing', keywords: [], examples: ['how much does it cost'] };
  const existing = findTrackerHits(turns, [{ ...tracker, keywords: ['price'] }]);
  assert.equal(existing.length, 1, 'the English sentence is a keyword hit');
  // Hand-made vectors: the German sentence is close to the example, nothing else is.
  const hits = embeddingHits(sentences, [[1, 0.1], [1, 0]], [tracker], [[[1, 0.05]]], existing, 0.8);
  assert.deepEqual(hits.map((h) => [h.sentence, h.matchedBy]), [['Wie viel kostet das?', 'embedding']]);
  assert.equal(embeddingHits(sentences, [[0, 1], [0, 1]], [tracker], [[[1, 0]]], [], 0.8).length, 0);
});
