import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assessCrmExport } from './crm-csv.ts';

const DIR = new URL('../../../../shared/data/crm-sales-opportunities/', import.meta.url).pathname;

test('per-agent KPIs and competency evidence on the Maven CRM opportunities', { skip: !existsSync(join(DIR, 'sales_pipeline.csv')) && 'shared data absent' }, () => {
  const r = assessCrmExport(DIR);
  assert.equal(r.deals, 8800);
  assert.equal(r.agents.length, 30);
  // The README: 4,238 won and 2,473 lost → 63.2% overall.
  const won = r.agents.reduce((s, a) => s + a.metrics.win_rate.value! * a.metrics.win_rate.n, 0);
  const closed = r.agents.reduce((s, a) => s + a.metrics.win_rate.n, 0);
  assert.equal(closed, 4238 + 2473);
  assert.ok(Math.abs(won - 4238) < 1e-6);
  for (const a of r.agents) {
    assert.ok(a.manager && a.office, a.agent);
    assert.ok(a.metrics.win_rate.value! > 0.4 && a.metrics.win_rate.value! < 0.8);
    assert.ok(a.metrics.avg_deal_size.value! > 0 && a.metrics.cycle_time_days.value! > 0);
    const closing = a.scores.find((s) => s.competency === 'closing')!;
    assert.ok(closing.score !== null && closing.evidence.some((e) => e.metric === 'win_rate' && e.value !== null));
    // No call transcripts in this export: conversation evidence is absent, not invented.
    assert.equal(a.metrics.talk_ratio.value, null);
    assert.ok(!JSON.stringify(a).includes('NaN'));
  }
  // Closing scores follow win rate.
  const best = [...r.agents].sort((x, y) => y.metrics.win_rate.value! - x.metrics.win_rate.value!);
  const closing = (a: (typeof r.agents)[number]) => a.scores.find((s) => s.competency === 'closing')!.score!;
  assert.ok(closing(best[0]) > closing(best[best.length - 1]));
});

test('a bad row is reported with file, row, column and value', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-csv-'));
  try {
    writeFileSync(join(dir, 'sales_pipeline.csv'), 'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\nA,Ann,GTX,Acme,Won,2017-01-02,2017-02-01,100\nB,Ann,GTX,Acme,Maybe,2017-01-02,,\n');
    writeFileSync(join(dir, 'sales_teams.csv'), 'sales_agent,manager,regional_office\nAnn,Bob,East\n');
    assert.throws(() => assessCrmExport(dir), (e: { issues: { row: number; column: string; value: string }[] }) => e.issues[0].row === 3 && e.issues[0].column === 'deal_stage' && e.issues[0].value === 'Maybe');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
