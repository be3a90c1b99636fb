// The behaviour report's outcome path (per-call metrics as stored → per-deal behaviours →
// won/lost relation) on real persuasion dialogues, with the donation as the "won" outcome.
import { render } from '../../core/i18n.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyzeConversation } from '../../ml/conversation/analyze.ts';
import type { Turn } from '../../ml/conversation/transcript.ts';
import { Rng } from '../../ml/random.ts';
import { outcomeRelations } from './behaviour.ts';
import { metricsOf } from './service.ts';

const DATA = path.resolve(process.cwd(), '../shared/data/sales-conversations-persuasion4good');

test('PersuasionForGood through the calls service: real, significant relations with intervals; none after shuffling', { skip: !existsSync(DATA) && 'shared data absent' }, () => {
  const read = (file: string) => parse(readFileSync(path.join(DATA, file)), { columns: true, relax_quotes: true }) as Record<string, string>[];
  const donation = new Map<string, number>();
  for (const r of read('full_info.csv')) if (r.B4 === '1') donation.set(r.B2, Number(r.B6));
  const dialogues = new Map<string, Turn[]>();
  for (const r of read('full_dialog.csv')) {
    const turns = dialogues.get(r.B2) ?? [];
    turns.push({ speaker: r.B4 === '0' ? 'persuader' : 'persuadee', role: r.B4 === '0' ? 'rep' : 'customer', text: r.Unit });
    dialogues.set(r.B2, turns);
  }
  const rows: { opportunity_id: string; stage: string; metrics: Record<string, any> }[] = [];
  for (const [id, turns] of dialogues) {
    const amount = donation.get(id);
    if (amount === undefined || !Number.isFinite(amount)) continue;
    rows.push({ opportunity_id: id, stage: amount > 0 ? 'won' : 'lost', metrics: metricsOf(analyzeConversation(turns, { summary: false, trackers: [], file: id })) });
  }
  const real = outcomeRelations(rows, 1000);
  assert.ok(real.n > 1000, `${real.n} dialogues`);
  // Sales trackers (pricing, competitors, …) are left out here (they cost most of the analysis time
  // and do not apply to charity talk): they are constant, reported as such, never significant.
  assert.match(render(real.effects.find((e: any) => e.behaviour === 'pricing').note, 'en'), /same value/);
  assert.match(render(real.effects.find((e: any) => e.behaviour === 'pricing').note, 'zh'), /取值都相同/);
  const significant = real.effects.filter((e: any) => e.significant);
  assert.ok(significant.length >= 1);
  for (const e of significant) assert.ok(e.ci[0] > 0 || e.ci[1] < 0, `${e.behaviour}: ${e.ci}`);
  const sentiment = real.effects.find((e: any) => e.behaviour === 'customer_sentiment');
  assert.ok(sentiment.significant && sentiment.effect > 0 && sentiment.odds_ratio_ci[0] > 1, JSON.stringify(sentiment));

  const stages = new Rng(7).shuffle(rows.map((r) => r.stage));
  const placebo = outcomeRelations(rows.map((r, i) => ({ ...r, stage: stages[i] })), 1000);
  assert.deepEqual(placebo.effects.filter((e: any) => e.significant).map((e: any) => e.behaviour), []);
});
