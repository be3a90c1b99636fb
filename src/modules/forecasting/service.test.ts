import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { render } from '../../core/i18n.ts';
import { createTestDb, type TestDb } from '../../db/testing.ts';
import type { Actor } from '../crm/access.ts';
import { generateDemo } from '../demo/generate.ts';
import { fallbackText, reconcileText } from './messages.ts';
import type { FallbackNote } from '../../ml/timeseries/types.ts';
import type { ReconcileNote } from '../../ml/timeseries/hierarchy.ts';
import { backtestLevel, forecastLevel, type ForecastRequest } from './service.ts';
import { listLevels, loadSeries } from './series.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const base: ForecastRequest = { level: 'total', frequency: 'month', horizon: 6, method: 'auto', measure: 'revenue' };

describe('sales forecasts over the demo company', () => {
  let db: TestDb;
  let admin: Actor;
  let rep: Actor;
  let manager: Actor;
  before(async () => {
    db = await createTestDb();
    await generateDemo(db, { seed: 3, size: 'small', now: NOW, plan: { leads: 300, accounts: 60 } });
    const users = (await db.query<{ id: string; name: string; role: 'admin' | 'rep' | 'manager' }>(`SELECT id, name, role FROM users ORDER BY external_id`)).rows;
    admin = users.find((u) => u.role === 'admin')!;
    // The rep with the most orders, and a manager of another team.
    const [top] = (await db.query<{ owner_id: string }>(`SELECT owner_id FROM orders GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1`)).rows;
    rep = users.find((u) => u.id === top.owner_id)!;
    manager = users.find((u) => u.role === 'manager')!;
  });
  after(async () => db?.close());

  test('monthly history is calendar-aligned, zero-filled, and ends in a flagged partial month', async () => {
    const f = await forecastLevel(db, admin, base);
    assert.equal(f.as_of, '2025-06-15');
    const last = f.history[f.history.length - 1];
    assert.deepEqual([last.period, last.partial], ['2025-06-01', true]);
    assert.ok(f.history.every((h) => /^\d{4}-\d{2}-01$/.test(h.period) && Number.isFinite(h.value) && h.value >= 0));
    assert.ok(f.history.length >= 30, `${f.history.length} months`);
    // The forecast starts with the partial month and carries ordered intervals.
    assert.equal(f.forecast.length, 6);
    assert.equal(f.forecast[0].period, '2025-06-01');
    assert.equal(f.forecast[5].period, '2025-11-01');
    for (const p of f.forecast) assert.ok(p.lo95 <= p.lo80 && p.lo80 <= p.mean && p.mean <= p.hi80 && p.hi80 <= p.hi95, JSON.stringify(p));
    // The history sums to the stored sales up to as_of.
    const [{ total }] = (await db.query<{ total: number }>(
      `SELECT sum(ol.amount)::float8 AS total FROM orders o JOIN order_lines ol ON ol.order_id = o.id WHERE o.status IN ('completed','pending') AND o.ordered_at <= '2025-06-15T12:00:00Z'`,
    )).rows;
    const summed = f.history.reduce((s, h) => s + h.value, 0);
    assert.ok(Math.abs(summed - total) < 1, `${summed} vs ${total}`);
    assert.equal(f.backtest.origins, 6);
    assert.ok(f.backtest.mase !== null && f.backtest.baseline.mase !== null);
    assert.match(render(f.backtest.sentence, 'zh'), /^此模型在最近 6 个预测起点上的误差：MASE \d+\.\d\d，naive-2 为 \d+\.\d\d；95% 区间覆盖了 \d+% 的实际值。$/);
    assert.match(render(f.backtest.sentence, 'en'), /over the last 6 origins: MASE \d+\.\d\d, naive-2 \d+\.\d\d; 95% intervals covered \d+%/);
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM model_monitoring WHERE model_kind = 'forecast' AND feature = 'total:total:month:revenue'`)).rows;
    assert.equal(n, 3, 'mase, smape and coverage95 recorded once');
    await forecastLevel(db, admin, base);
    const [{ n: again }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM model_monitoring WHERE model_kind = 'forecast'`)).rows;
    assert.equal(again, 3, 'not again within the hour');
  });

  test('weeks are ISO weeks starting Monday; quarters start on the quarter', async () => {
    const w = await loadSeries(db, admin, { level: 'total', frequency: 'week', measure: 'units', asOf: Date.parse('2025-06-15T23:59:59.999Z') });
    assert.ok(w.periods.every((p) => new Date(p).getUTCDay() === 1));
    assert.equal(w.lastIsPartial, false, 'Sunday 15 June ends the ISO week');
    const q = await forecastLevel(db, admin, { ...base, frequency: 'quarter', horizon: 2 });
    assert.equal(q.forecast[0].period, '2025-04-01');
    assert.equal(q.season, 4);
  });

  test('children reconcile by MinT: they add up to the parent, history and forecast', async () => {
    for (const children of ['region', 'family', 'rep'] as const) {
      const f = await forecastLevel(db, admin, { ...base, children });
      assert.ok(f.children && f.children.length >= 2, children);
      assert.equal(f.reconciliation, 'mint-shrink', JSON.stringify(f.reconciliation_detail));
      assert.equal(f.reconciliation_detail?.reason, null);
      assert.ok(f.reconciliation_detail!.origins >= 8);
      assert.ok(f.reconciliation_detail!.shrinkage! >= 0 && f.reconciliation_detail!.shrinkage! <= 1);
      f.forecast.forEach((p, t) => {
        const sum = f.children!.reduce((s, c) => s + c.forecast[t].mean, 0);
        assert.ok(Math.abs(sum - p.mean) < 0.05, `${children} t=${t}: ${sum} vs ${p.mean}`);
        assert.ok(p.lo95 <= p.mean && p.mean <= p.hi95);
      });
      f.history.forEach((h, t) => {
        const sum = f.children!.reduce((s, c) => s + c.history[t].value, 0);
        assert.ok(Math.abs(sum - h.value) < 0.05 * f.children!.length, `${children} history t=${t}`);
      });
    }
  });

  test('a short history reconciles bottom-up and says why', async () => {
    const f = await forecastLevel(db, admin, { ...base, frequency: 'quarter', horizon: 2, children: 'region' });
    assert.equal(f.reconciliation, 'bottom-up');
    assert.match(render(f.reconciliation_detail!.reason!, 'en'), /too little history/);
    assert.match(render(f.reconciliation_detail!.reason!, 'zh'), /^历史太短，无法使用 MinT（\d+ 个一步误差，需要 \d+ 个）$/);
    f.forecast.forEach((p, t) => {
      const sum = f.children!.reduce((s, c) => s + c.forecast[t].mean, 0);
      assert.ok(Math.abs(sum - p.mean) < 0.05);
    });
  });

  test('a drill-down level with a key forecasts that member only', async () => {
    const levels = await listLevels(db, admin);
    const region = levels.find((l) => l.level === 'region')!.keys[0];
    const f = await forecastLevel(db, admin, { ...base, level: 'region', key: region.key, children: 'rep' });
    assert.equal(f.key, region.key);
    const total = await forecastLevel(db, admin, { ...base, children: 'region' });
    const child = total.children!.find((c) => c.key === region.key)!;
    assert.deepEqual(f.history.map((h) => h.value), child.history.map((h) => h.value));
  });

  test('a rep forecasts only their own orders; a manager their team', async () => {
    const mine = await forecastLevel(db, rep, base);
    const asAdmin = await forecastLevel(db, admin, { ...base, level: 'rep', key: rep.id });
    assert.deepEqual(mine.history.map((h) => h.value), asAdmin.history.slice(-mine.history.length).map((h) => h.value));
    const all = await forecastLevel(db, admin, base);
    assert.ok(mine.history.reduce((s, h) => s + h.value, 0) < all.history.reduce((s, h) => s + h.value, 0));
    const repLevels = await listLevels(db, rep);
    assert.deepEqual(repLevels.find((l) => l.level === 'rep')!.keys.map((k) => k.key), [rep.id]);
    const managerReps = (await listLevels(db, manager)).find((l) => l.level === 'rep')!.keys.map((k) => k.key);
    const team = (await db.query<{ id: string }>(`SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.manager_id = $1`, [manager.id])).rows.map((r) => r.id);
    assert.ok(managerReps.length > 0 && managerReps.every((id) => team.includes(id) || id === manager.id));
  });

  test('bad and degenerate input: clear errors or documented fallbacks, never NaN', async () => {
    await assert.rejects(forecastLevel(db, admin, { ...base, level: 'region' }), /key is required for level region/);
    // A member with no sales: flat zero, noted, no NaN.
    const none = await forecastLevel(db, admin, { ...base, level: 'region', key: 'Atlantis' });
    assert.ok(none.forecast.every((p) => p.mean === 0 && p.hi95 === 0));
    assert.match(render(none.fallback ?? '', 'en'), /no sales|empty|constant/);
    assert.match(render(none.fallback ?? '', 'zh'), /没有销售|空序列|常数序列/);
    // Too short for a backtest: an honest sentence and null metrics.
    const short = await forecastLevel(db, admin, { ...base, asOf: Date.parse('2022-08-20T00:00:00Z'), horizon: 12 });
    assert.ok(short.history.length < 6);
    assert.equal(short.backtest.origins, 0);
    assert.equal(short.backtest.mase, null);
    assert.match(render(short.backtest.sentence, 'en'), /Not enough history/);
    assert.equal(render(short.backtest.sentence, 'zh'), '历史数据不足，尚无法回测此预测：请谨慎参考。');
    assert.ok(short.forecast.every((p) => Number.isFinite(p.mean) && Number.isFinite(p.hi95)));
    // Horizon longer than the history still forecasts finite values.
    const long = await forecastLevel(db, admin, { ...base, frequency: 'quarter', horizon: 20 });
    assert.equal(long.forecast.length, 20);
    assert.ok(long.forecast.every((p) => Number.isFinite(p.mean) && p.mean >= 0));
    assert.ok(!JSON.stringify(long).includes('NaN'));
  });

  test('the detailed backtest lists each origin against naive-2', async () => {
    const b = await backtestLevel(db, admin, { ...base, horizon: 3, origins: 4 });
    assert.equal(b.origins.length, 4);
    assert.ok(b.origins.every((o) => /^\d{4}-\d{2}-01$/.test(o.origin) && o.smape !== null));
    assert.ok(b.overall.mase !== null && b.baseline.mase !== null);
    assert.deepEqual(b.origins.map((o) => o.train_periods), [...b.origins.map((o) => o.train_periods)].sort((a, c) => a - c));
  });
});

test('every fallback and reconciliation code src/ml gives has words in English and Chinese', () => {
  const fallbacks: Array<[FallbackNote, string]> = [
    [{ code: 'empty' }, 'empty series: forecast 0'],
    [{ code: 'constant' }, 'constant series: flat forecast'],
    [{ code: 'tooShort', method: 'ets', n: 3 }, 'series too short for ets (n = 3 < 4): naive'],
    [{ code: 'negativeDemand', method: 'croston' }, 'croston needs demand without negative values: naive'],
    [{ code: 'shorterThanSeason' }, 'shorter than one season: naive'],
    [{ code: 'etsFailed' }, 'ETS could not be fitted: naive'],
    [{ code: 'intermittent' }, 'intermittent demand (≥ 30% zeros): TSB'],
    [{ code: 'longHorizon' }, 'horizon longer than history: combination with damped-trend ETS'],
    [{ code: 'nonFinite', method: 'Theta' }, 'Theta produced non-finite values: Naive2'],
  ];
  const reconciliations: Array<[ReconcileNote, string]> = [
    [{ code: 'noChildren' }, 'no children to reconcile'],
    [{ code: 'notAdditive' }, 'the children do not add up to the parent in the history'],
    [{ code: 'tooLittle', usable: 5, needed: 8 }, 'too little history for MinT (5 one-step errors, 8 needed)'],
    [{ code: 'nonFinite' }, 'non-finite backtest errors'],
    [{ code: 'zeroErrors' }, 'the one-step errors are all zero'],
    [{ code: 'singular' }, 'the error covariance is singular'],
  ];
  for (const [text, english] of [...fallbacks.map(([n, e]) => [fallbackText(n), e] as const), ...reconciliations.map(([n, e]) => [reconcileText(n), e] as const)]) {
    assert.equal(render(text, 'en'), english);
    assert.match(render(text, 'zh'), /[\u4e00-\u9fff]/, english);
  }
  assert.equal(render(fallbackText({ code: 'tooShort', method: 'ets', n: 3 }), 'zh'), '序列太短，无法使用 ets（n = 3 < 4）：改用 naive');
});
