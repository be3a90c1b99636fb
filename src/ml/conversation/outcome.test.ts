import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../../core/errors.ts';
import { Rng } from '../random.ts';
import { analyzeConversation } from './analyze.ts';
import { analyzeBehaviourOutcomes } from './outcome.ts';
import { benjaminiHochberg, normalCdf, normalQuantile, twoSidedP } from './stats.ts';
import type { Turn } from './transcript.ts';

const close = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} ≉ ${b}`);

test('normal distribution helpers match textbook values', () => {
  close(normalCdf(1.959963985), 0.975, 1e-7);
  close(normalCdf(-1), 0.158655254, 1e-7);
  close(normalQuantile(0.975), 1.959963985, 1e-8);
  close(normalQuantile(0.001), -3.090232306, 1e-8);
  close(twoSidedP(1.959963985), 0.05, 1e-6);
});

test('Benjamini–Hochberg adjusts in input order and stays monotone', () => {
  const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
  [0.02, 0.04, 0.04, 0.02].forEach((v, i) => close(q[i], v, 1e-12));
  assert.deepEqual(benjaminiHochberg([0.9, 0.8]), [0.9, 0.9]);
});

test('for a binary behaviour the logistic effect and its standard error are the log odds ratio and Woolf’s formula, per SD', () => {
  // Behaviour present in 40 calls (28 won), absent in 60 (21 won).
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) (x.push(1), y.push(i < 28 ? 1 : 0));
  for (let i = 0; i < 60; i++) (x.push(0), y.push(i < 21 ? 1 : 0));
  const sd = Math.sqrt((40 * 0.6 ** 2 + 60 * 0.4 ** 2) / 99);
  const logOr = Math.log((28 / 12) / (21 / 39));
  const woolf = Math.sqrt(1 / 28 + 1 / 12 + 1 / 21 + 1 / 39);
  const [e] = analyzeBehaviourOutcomes({ present: x }, y, { permutations: 500 }).effects;
  close(e.effect, logOr * sd, 1e-4, 'effect');
  close(e.standardError, woolf * sd, 1e-4, 'SE');
  close(e.ci[0], e.effect - 1.959963985 * e.standardError, 1e-6);
  close(e.oddsRatio!, Math.exp(e.effect), 1e-9);
  assert.ok(e.significant && e.ci[0] > 0);
});

test('a real effect is found near the truth; noise behaviours are not, after correction', () => {
  const rng = new Rng(11);
  const n = 500;
  const behaviours: Record<string, number[]> = { questions: [] };
  for (let k = 0; k < 8; k++) behaviours[`noise${k}`] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const q = rng.normal(0, 2);
    behaviours.questions.push(q);
    for (let k = 0; k < 8; k++) behaviours[`noise${k}`].push(rng.normal());
    y.push(rng.bernoulli(1 / (1 + Math.exp(-(0.3 + 0.4 * q)))) ? 1 : 0);
  }
  const result = analyzeBehaviourOutcomes(behaviours, y, { seed: 5, permutations: 1000 });
  const q = result.effects[0];
  assert.equal(q.behaviour, 'questions');
  // True slope 0.4 per unit, the behaviour's SD is about 2: about 0.8 per SD.
  assert.ok(Math.abs(q.effect - 0.4 * q.sd) < 3 * q.standardError, `${q.effect} vs ${0.4 * q.sd}`);
  assert.ok(q.ci[0] > 0 && q.significant && q.pPermutation <= 0.002);
  assert.ok(result.effects.slice(1).every((e) => !e.significant), 'no noise behaviour survives BH');
});

test('the 95% interval covers the true effect in about 95% of simulated data sets', () => {
  let covered = 0;
  const runs = 120;
  for (let s = 0; s < runs; s++) {
    const rng = new Rng(1000 + s);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 300; i++) {
      x.push(rng.normal(0, 2));
      y.push(rng.bernoulli(1 / (1 + Math.exp(-(0.3 + 0.4 * x[i])))) ? 1 : 0);
    }
    const [e] = analyzeBehaviourOutcomes({ x }, y, { permutations: 0 }).effects;
    if (e.ci[0] < 0.4 * e.sd && 0.4 * e.sd < e.ci[1]) covered++;
  }
  assert.ok(covered / runs > 0.88 && covered / runs < 0.995, `coverage ${covered / runs}`);
});

test('numeric outcomes use least squares per SD', () => {
  const rng = new Rng(3);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 300; i++) {
    x.push(rng.normal(10, 3));
    y.push(5 + 2 * x[i] + rng.normal(0, 4));
  }
  const [e] = analyzeBehaviourOutcomes({ x }, y, { permutations: 200 }).effects;
  assert.equal(e.model, 'linear');
  assert.ok(e.ci[0] < 2 * e.sd && 2 * e.sd < e.ci[1], `CI ${e.ci} should cover ${2 * e.sd}`);
  assert.equal(e.oddsRatio, undefined);
});

test('constant behaviours and bad input are handled without NaN', () => {
  const y = [0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0];
  const result = analyzeBehaviourOutcomes({ same: y.map(() => 3), varied: y.map((v, i) => v + i / 10) }, y, { permutations: 50 });
  const same = result.effects.find((e) => e.behaviour === 'same')!;
  assert.deepEqual([same.effect, same.pPermutation, same.significant], [0, 1, false]);
  assert.match(same.note!, /same value/);
  assert.ok(!JSON.stringify(result).includes('null'));
  assert.throws(() => analyzeBehaviourOutcomes({ a: [1, 2] }, [0, 1]), InputError);
  assert.throws(
    () => analyzeBehaviourOutcomes({ a: y.map((_, i) => (i === 3 ? NaN : i)) }, y),
    (err: unknown) => err instanceof InputError && err.issues.some((i) => i.row === 3 && i.column === 'a'),
  );
  assert.throws(
    () => analyzeBehaviourOutcomes({ a: y }, y.map(() => 1), { outcomeKind: 'binary' }),
    (err: unknown) => err instanceof InputError && err.issues.some((i) => /all outcomes are the same/.test(i.reason)),
  );
});

const DATA = path.resolve(process.cwd(), '../shared/data/sales-conversations-persuasion4good');

/** Per-dialogue persuader behaviours and whether the persuadee donated. */
function persuasionBehaviours(): { behaviours: Record<string, number[]>; donated: number[] } {
  const read = (file: string) => parse(readFileSync(path.join(DATA, file)), { columns: true, relax_quotes: true }) as Record<string, string>[];
  const donation = new Map<string, number>();
  for (const r of read('full_info.csv')) if (r.B4 === '1') donation.set(r.B2, Number(r.B6));
  const dialogues = new Map<string, Turn[]>();
  for (const r of read('full_dialog.csv')) {
    const turns = dialogues.get(r.B2) ?? [];
    turns.push({ speaker: r.B4 === '0' ? 'persuader' : 'persuadee', role: r.B4 === '0' ? 'rep' : 'customer', text: r.Unit });
    dialogues.set(r.B2, turns);
  }
  const charity = [{ id: 'charity', name: 'The charity', keywords: ['save the children', 'charity', 'donate', 'donation', 'children'] }];
  const behaviours: Record<string, number[]> = {
    repQuestions: [], repOpenQuestions: [], repTalkShare: [], repSentiment: [], persuadeeSentiment: [],
    repCharityMentions: [], persuadeeCharityMentions: [], longestRepMonologue: [], persuadeeCommitments: [],
  };
  const donated: number[] = [];
  for (const [id, turns] of dialogues) {
    const amount = donation.get(id);
    if (amount === undefined || !Number.isFinite(amount)) continue;
    const a = analyzeConversation(turns, { trackers: charity, summary: false, file: id });
    behaviours.repQuestions.push(a.questions.total);
    behaviours.repOpenQuestions.push(a.questions.open);
    behaviours.repTalkShare.push(a.talk.repShare);
    behaviours.repSentiment.push(a.sentiment.rep);
    behaviours.persuadeeSentiment.push(a.sentiment.customer);
    behaviours.repCharityMentions.push(a.trackers.counts.charity.rep);
    behaviours.persuadeeCharityMentions.push(a.trackers.counts.charity.customer);
    behaviours.longestRepMonologue.push(a.longestMonologue.length);
    behaviours.persuadeeCommitments.push(a.actionItems.filter((i) => i.role === 'customer').length);
    donated.push(amount > 0 ? 1 : 0); // amounts are misreported above $2 (README), so binarise
  }
  return { behaviours, donated };
}

test('PersuasionForGood: behaviours relate to donations, and the relation vanishes when donations are shuffled', { skip: !existsSync(DATA) && 'shared data absent' }, () => {
  const { behaviours, donated } = persuasionBehaviours();
  assert.ok(donated.length > 1000, `${donated.length} dialogues`);
  const real = analyzeBehaviourOutcomes(behaviours, donated, { seed: 1, permutations: 2000 });
  const found = real.effects.filter((e) => e.significant);
  assert.ok(found.length >= 1, 'at least one behaviour is related to donating');
  for (const e of found) assert.ok(e.ci[0] > 0 || e.ci[1] < 0, `${e.behaviour}: CI ${e.ci} excludes zero`);
  const sentiment = real.effects.find((e) => e.behaviour === 'persuadeeSentiment')!;
  assert.ok(sentiment.significant && sentiment.effect > 0, 'a warmer persuadee is more likely to donate');
  for (const e of real.effects) assert.ok([e.effect, e.ci[0], e.ci[1], e.pPermutation, e.qValue].every(Number.isFinite));

  // Falsification: the same behaviours against shuffled donations must show nothing.
  const shuffled = new Rng(2024).shuffle([...donated]);
  const placebo = analyzeBehaviourOutcomes(behaviours, shuffled, { seed: 1, permutations: 2000 });
  assert.deepEqual(placebo.effects.filter((e) => e.significant).map((e) => e.behaviour), []);
});
