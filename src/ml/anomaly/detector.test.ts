import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random.ts';
import { detectAnomalies, type AnomalyKind } from './detector.ts';
import { syntheticKpi } from './synthetic.ts';
import { DetectionTally } from './evaluation.ts';

const flagged = (values: ArrayLike<number>, options = {}) =>
  detectAnomalies(values, { candidatePeriods: [7, 365], ...options }).points.filter((p) => p.kind);

for (const kind of ['spike', 'dip', 'level_shift', 'trend_change'] as AnomalyKind[]) {
  test(`finds an injected ${kind} and names it`, () => {
    let found = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const series = syntheticKpi(new Rng(seed), { length: 240, yearlyAmplitude: 0, inject: [kind] });
      const [truth] = series.anomalies;
      const hits = flagged(series.values).filter((p) => p.index >= truth.start && p.index <= truth.end);
      if (hits.some((p) => p.kind === kind)) found++;
    }
    assert.ok(found >= 4, `${kind} found in ${found}/5 series`);
  });
}

test('few false alarms on clean weekly + yearly series at medium sensitivity', () => {
  let alarms = 0;
  let points = 0;
  for (let seed = 20; seed < 26; seed++) {
    const series = syntheticKpi(new Rng(seed), { length: 730 });
    alarms += flagged(series.values).length;
    points += series.values.length;
  }
  assert.ok(alarms / points < 1e-3, `${alarms} alarms in ${points} points`);
  const series = syntheticKpi(new Rng(20), { length: 730 });
  assert.equal(flagged(series.values, { sensitivity: 'low' }).length, 0);
});

test('expected values and bands follow the season; F1 on a mixed series', () => {
  const tally = new DetectionTally();
  for (let seed = 1; seed <= 3; seed++) {
    const series = syntheticKpi(new Rng(seed), { length: 730, inject: ['spike', 'dip', 'level_shift', 'trend_change', 'spike'] });
    const report = detectAnomalies(series.values, { candidatePeriods: [7, 365] });
    assert.ok(report.periods.includes(7));
    tally.add(report.points.filter((p) => p.kind).map((p) => p.index), series.anomalies);
    const inside = report.points.filter((p) => p.value !== null && p.value >= p.lower && p.value <= p.upper).length;
    assert.ok(inside / report.points.length > 0.97);
  }
  assert.ok(tally.score().f1 >= 0.8, JSON.stringify(tally.score()));
});

test('short, constant and gappy series never produce NaN', () => {
  const cases: number[][] = [[], [5], [1, 2, 3], Array(30).fill(7), [...Array(20).fill(7), 50, ...Array(20).fill(7)]];
  const gappy = Array.from({ length: 60 }, (_, t) => (t % 9 === 4 ? Number.NaN : 10 + (t % 7)));
  cases.push(gappy, Array(40).fill(Number.NaN));
  for (const values of cases) {
    const report = detectAnomalies(values);
    for (const p of report.points) {
      for (const v of [p.expected, p.lower, p.upper, p.deviation, p.score]) assert.ok(Number.isFinite(v), JSON.stringify(p));
    }
    assert.equal(report.points.length, values.length);
  }
  const spikeInConstant = detectAnomalies(cases[4]).points.filter((p) => p.kind);
  assert.deepEqual(spikeInConstant.map((p) => [p.index, p.kind]), [[20, 'spike']]);
  assert.equal(detectAnomalies(cases[3]).points.filter((p) => p.kind).length, 0);
  const gapReport = detectAnomalies(gappy);
  assert.equal(gapReport.points[4].value, null);
  assert.equal(gapReport.points[4].kind, null);
});

test('event-level scoring merges consecutive detections', () => {
  const tally = new DetectionTally();
  tally.add([5, 6, 7, 20, 40, 41], [{ start: 4, end: 8 }, { start: 19, end: 21 }, { start: 60, end: 61 }]);
  const s = tally.score();
  assert.equal(s.truePositives, 2);
  assert.equal(s.falsePositives, 1);
  assert.ok(Math.abs(s.precision - 2 / 3) < 1e-12);
  assert.ok(Math.abs(s.recall - 2 / 3) < 1e-12);
});
