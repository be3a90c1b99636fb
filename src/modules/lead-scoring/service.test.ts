import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { InputError } from '../../core/errors.ts';
import { render, type Text } from '../../core/i18n.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import { logLoss, rocAuc } from '../../ml/metrics/classification.ts';
import { generateDemo } from '../demo/generate.ts';
import { explainLead } from './explain.ts';
import { decodeArtifact, encodeArtifact } from './model-store.ts';
import { featureColumns, loadLeadRows, toLeadRecords } from './records.ts';
import { fitLeadScorer, scoreRecords } from './scorer.ts';
import { activeModel, leadScore, listModels, scoreAllLeads, setGradeThreshold, trainLeadModel, type TrainResult } from './service.ts';

const NOW = new Date('2025-06-15T12:00:00Z');

describe('lead scoring over a generated demo company', () => {
  let db: TestDb;
  let first: TrainResult;
  const labelledInOrder = async () =>
    (await db.query<{ external_id: string; y: number }>(
      `SELECT external_id, (converted IS TRUE OR status = 'converted')::int AS y FROM leads
        WHERE converted IS NOT NULL OR status IN ('converted', 'disqualified') ORDER BY created_at, id`,
    )).rows;

  before(async () => {
    db = await createTestDb();
    await generateDemo(db, { seed: 7, size: 'small', now: NOW, plan: { leads: 800, accounts: 80, orderMonths: 3 } });
    first = await trainLeadModel(db, null, { asOf: NOW });
  });
  after(async () => db?.close());

  test('trains with real signal on the newest 20 % and is promoted as the first model', async () => {
    const m = first.metrics as Record<string, number>;
    assert.equal(first.promoted, true);
    assert.equal(first.version, 1);
    const labelled = await labelledInOrder();
    assert.equal(m.train_rows + m.holdout_rows, labelled.length);
    assert.ok(Math.abs(m.holdout_rows - 0.2 * labelled.length) <= 1);
    assert.ok(m.auc > 0.7, `hold-out AUC ${m.auc}`);
    // No leakage: the model cannot rank the hold-out much better than the hidden true propensities do.
    const truth = (await db.query<{ value: Record<string, number> }>(`SELECT value FROM demo_ground_truth WHERE key = 'lead_propensity'`)).rows[0].value;
    const hold = labelled.slice(m.train_rows);
    const oracleAuc = rocAuc(hold.map((r) => r.y), hold.map((r) => truth[r.external_id]));
    assert.ok(m.auc < oracleAuc + 0.05, `model AUC ${m.auc} vs oracle ${oracleAuc}`);
    assert.ok(Array.isArray(m.roc as unknown) && (m.roc as unknown as unknown[]).length <= 100);
    assert.equal((m.lift as unknown as unknown[]).length, 10);
    const features = m.features as unknown as string[];
    for (const leaked of ['status', 'converted', 'converted_at']) assert.ok(!features.includes(leaked), `${leaked} must not be a feature`);
    assert.ok(features.includes('calls') && features.includes('source') && features.some((f) => f.startsWith('attr.')));
  });

  test('a fitted scorer survives the JSON artifact exactly (logistic and gbdt), and so does the stored one', async () => {
    const leads = toLeadRecords(await loadLeadRows(db, NOW));
    const labelled = leads.filter((l) => l.label !== null);
    const records = leads.map((l) => l.record);
    const y = Float64Array.from(labelled, (l) => l.label!);
    for (const kind of ['logistic', 'gbdt'] as const) {
      // The text encoder's round trip is covered by the logistic fit; the trees skip it to save time.
      const columns = featureColumns(records).filter((c) => kind === 'logistic' || c !== 'notes');
      const scorer = fitLeadScorer(labelled.map((l) => l.record), y, columns, { model: kind });
      assert.equal(scorer.model.kind, kind);
      const artifact = { scorer, columns: [], holdout: { scores: new Float64Array(0), labels: new Uint8Array(0), leadsPerWeek: 0 }, featureReference: [] };
      const reloaded = decodeArtifact(JSON.parse(encodeArtifact(artifact))).scorer;
      assert.deepEqual(scoreRecords(reloaded, records), scoreRecords(scorer, records));
      assert.deepEqual(explainLead(reloaded, scorer.gradeCutoffs, records[0]), explainLead(scorer, scorer.gradeCutoffs, records[0]));
    }
    const fromDb = (await db.query<{ artifact: unknown }>(`SELECT artifact FROM models WHERE kind = 'lead-scoring' AND version = 1`)).rows[0].artifact;
    const stored = decodeArtifact(fromDb);
    assert.deepEqual(decodeArtifact(JSON.parse(encodeArtifact(stored))), stored);
  });

  test('a worse model is recorded but not promoted; --force-promote overrides', async () => {
    const weak = await trainLeadModel(db, null, { asOf: NOW, columns: ['created_hour', 'created_weekday'] });
    assert.equal(weak.promoted, false);
    assert.match(render(weak.promotion_reason, 'en'), /not promoted: hold-out log loss .* > active v1/);
    assert.match(render(weak.promotion_reason, 'zh'), /未启用：留出集对数损失 .* > 当前启用的 v1/);
    assert.equal((await activeModel(db))!.version, 1);
    const forced = await trainLeadModel(db, null, { asOf: NOW, columns: ['created_hour', 'created_weekday'], forcePromote: true });
    assert.equal(forced.promoted, true);
    assert.equal((await activeModel(db))!.version, forced.version);
    const models = await listModels(db);
    assert.deepEqual(models.map((m) => [m.version, m.active]), [[3, true], [2, false], [1, false]]);
    // The stored promotion reason reads back as a Text in either language; the plain notes column
    // keeps the English sentence; a model stored before (no Text in its metrics) shows its plain notes.
    assert.match(render(models[0].notes ?? '', 'en'), /^promoted by force although hold-out log loss/);
    assert.match(render(models[0].notes ?? '', 'zh'), /^已强制启用，尽管留出集对数损失/);
    assert.equal(render(models[2].notes ?? '', 'zh'), '已启用：此前没有启用中的模型');
    const plain = await db.query<{ notes: string }>(`SELECT notes FROM models WHERE kind = 'lead-scoring' AND version = 3`);
    assert.equal(plain.rows[0].notes, render(models[0].notes!, 'en'));
    await db.query(`UPDATE models SET notes = 'promoted: an old plain note', metrics = metrics - 'promotion_reason' WHERE kind = 'lead-scoring' AND version = 2`);
    assert.equal((await listModels(db))[1].notes, 'promoted: an old plain note');
    // Back to the good model through retraining: it beats the forced weak one and is promoted.
    const again = await trainLeadModel(db, null, { asOf: NOW });
    assert.equal(again.promoted, true);
    assert.ok((again.metrics.log_loss as number) < (forced.metrics.log_loss as number));
  });

  test('batch scoring keeps history, flags the latest, explains exactly and records PSI', async () => {
    const open = await scoreAllLeads(db, null, 'open', NOW);
    assert.ok(open && open.scored > 0);
    const openCount = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE converted IS NULL AND status NOT IN ('converted', 'disqualified')`)).rows[0].n;
    assert.equal(open.scored, openCount);
    assert.equal(Object.values(open.grades).reduce((a, b) => a + b, 0), open.scored);
    await scoreAllLeads(db, null, 'open', NOW);
    const counts = (await db.query<{ total: number; latest: number; leads: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE latest)::int AS latest, count(DISTINCT lead_id)::int AS leads FROM lead_scores`,
    )).rows[0];
    assert.deepEqual(counts, { total: 2 * openCount, latest: openCount, leads: openCount });
    const psi = (await db.query<{ metric: string; feature: string | null; value: number }>(`SELECT metric, feature, value FROM model_monitoring WHERE model_kind = 'lead-scoring'`)).rows;
    assert.equal(psi.filter((r) => r.metric === 'psi_score').length, 2);
    assert.ok(psi.filter((r) => r.metric === 'psi_feature').length >= 10);
    assert.ok(psi.every((r) => Number.isFinite(r.value) && r.value >= 0));

    const { lead_id } = (await db.query<{ lead_id: string }>(`SELECT lead_id FROM lead_scores WHERE latest LIMIT 1`)).rows[0];
    const score = await leadScore(db, lead_id) as { score: number; log_odds: number; base_log_odds: number; reasons: { contribution: number; label: Text | string }[]; history: unknown[] };
    assert.equal(score.history.length, 2);
    // Reason codes sum to the score's log-odds minus the base log-odds of the model.
    const model = (await activeModel(db))!;
    const sum = score.reasons.reduce((s, r) => s + r.contribution, 0);
    assert.ok(Math.abs(sum - (score.log_odds - model.artifact.scorer.baseLogOdds)) < 1e-9);
    assert.ok(Math.abs(score.score - 1 / (1 + Math.exp(-score.log_odds))) < 1e-12);
    assert.ok(score.reasons.every((r) => !render(r.label, 'en').includes('NaN') && !render(r.label, 'zh').includes('NaN')));
    assert.ok(score.reasons.every((r) => render(r.label, 'en') !== render(r.label, 'zh')), 'every stored reason renders in Chinese too');
    // And the same holds for any lead explained directly.
    const record = toLeadRecords(await loadLeadRows(db, NOW, 'l.id = $2', [lead_id]))[0].record;
    const ex = explainLead(model.artifact.scorer, model.params.grade_cutoffs, record);
    assert.ok(Math.abs(ex.score - score.score) < 1e-12);
  });

  test('grade A threshold by capacity or precision is chosen on the hold-out and stored', async () => {
    const model = (await activeModel(db))!;
    const { scores, labels, leadsPerWeek } = model.artifact.holdout;
    const byCapacity = await setGradeThreshold(db, null, { rule: 'capacity', capacity: leadsPerWeek / 4, per: 'week' });
    assert.ok(Math.abs(byCapacity.expected.leads_per_period - leadsPerWeek / 4) <= leadsPerWeek / scores.length + 1e-9, JSON.stringify(byCapacity.expected));
    const stored = (await activeModel(db))!.params;
    assert.equal(stored.grade_cutoffs[0], byCapacity.threshold);
    assert.equal(stored.threshold_choice?.rule, 'capacity');
    const byPrecision = await setGradeThreshold(db, null, { rule: 'precision', precision: 0.5 }, true);
    assert.ok(byPrecision.expected.precision >= 0.5);
    assert.equal(byPrecision.stored, false);
    // Precision at the chosen cut-off, recomputed from the hold-out.
    let tp = 0;
    let sel = 0;
    scores.forEach((s, i) => s >= byPrecision.threshold && (sel++, (tp += labels[i])));
    assert.equal(byPrecision.expected.precision, tp / sel);
    assert.ok(byPrecision.tradeoff.length >= 5);
    assert.ok(logLoss(Array.from(labels), Array.from(scores)) > 0);
  });
});

describe('lead scoring rejects unusable data', () => {
  let db: TestDb;
  before(async () => (db = await createTestDb()));
  after(async () => db?.close());

  test('no labelled leads, then a single outcome class', async () => {
    await assert.rejects(trainLeadModel(db, null), (e: unknown) => e instanceof InputError && /no labelled leads/.test(e.message) && e.issues[0].column === 'converted');
    await db.query(`INSERT INTO leads (name, source, converted) SELECT 'L' || g, 'Web', false FROM generate_series(1, 30) g`);
    await assert.rejects(trainLeadModel(db, null), (e: unknown) => e instanceof InputError && /same outcome/.test(e.message));
    assert.equal(await scoreAllLeads(db, null), null, 'no active model: nothing to score');
  });

  test('few outcomes give a flagged low-confidence model whose scores carry intervals', async () => {
    await db.query(`INSERT INTO leads (name, source, converted) SELECT 'R' || g, CASE WHEN g % 3 = 0 THEN 'Web' ELSE 'Referral' END, g % 3 <> 0 FROM generate_series(1, 12) g`);
    await db.query(`INSERT INTO leads (name, source) VALUES ('Open', 'Referral')`);
    const trained = await trainLeadModel(db, null);
    assert.match(render(trained.metrics.low_confidence as Text, 'en'), /low-confidence model/);
    assert.match(render(trained.metrics.low_confidence as Text, 'zh'), /^低置信度模型/);
    await scoreAllLeads(db, null);
    const { rows } = await db.query<{ score: number; interval_low: number; interval_high: number }>(`SELECT score, interval_low, interval_high FROM lead_scores WHERE latest`);
    assert.equal(rows.length, 1);
    assert.ok(rows[0].interval_low <= rows[0].score && rows[0].score <= rows[0].interval_high, JSON.stringify(rows[0]));
    assert.ok(rows[0].interval_high > rows[0].interval_low);
  });
});
