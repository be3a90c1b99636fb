// Choosing the grade-A cut-off of the active lead-scoring model: by capacity, target precision or
// target recall. Each rule is previewed with a dry run (POST /api/v1/lead-scoring/thresholds
// dry_run: expected A leads per period, precision and recall on the hold-out, the trade-off
// table), with how many of today's scored leads (GET /api/v1/lead-scores) would land in each
// grade; "apply" stores the chosen rule.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, api, withQuery } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { Chart } from '../Chart.tsx';
import { ErrorState } from '../States.tsx';

type Rule = 'capacity' | 'precision' | 'recall';
type Per = 'day' | 'week' | 'month';
interface TradeoffRow { threshold: number; leads_per_period: number; precision: number; recall: number }
interface ThresholdResult {
  model_version: number; rule: Rule; threshold: number; grade_cutoffs: [number, number, number]; stored: boolean; per: Per;
  expected: { leads_per_period: number; precision: number; recall: number }; tradeoff: TradeoffRow[];
}
/** The stored rule: its inputs under `target` (older rows may carry them at the top level). */
interface RuleTarget { capacity?: number; per?: Per; precision?: number; recall?: number }
export interface ActiveReport {
  version: number;
  model: string;
  grade_cutoffs: [number, number, number];
  threshold_choice: ({ rule: Rule; threshold: number; target?: RuleTarget } & RuleTarget) | null;
  leads_per_week?: number;
  grades?: { grade: string; rows: number; conversion_rate: number | null }[];
}

const RULES: Rule[] = ['capacity', 'precision', 'recall'];
const GRADES = ['A', 'B', 'C', 'D'] as const;

function gradeOf(score: number, c: readonly number[]): string {
  return score >= c[0] ? 'A' : score >= c[1] ? 'B' : score >= c[2] ? 'C' : 'D';
}

/** Every visible scored lead's score (best first; at most 20,000). */
async function allScores(signal: AbortSignal): Promise<number[]> {
  const out: number[] = [];
  for (let offset = 0; offset < 20_000; offset += 1000) {
    const page = await api<{ data: { score: number | null }[]; total: number }>(withQuery('/api/v1/lead-scores', { limit: 1000, offset }), { signal });
    for (const r of page.data) if (typeof r.score === 'number') out.push(r.score);
    if (page.data.length < 1000 || offset + 1000 >= page.total) break;
  }
  return out;
}

export function ThresholdTuner({ report, onApplied }: { report: ActiveReport; onApplied: () => void }) {
  const { t, formatDecimal, formatNumber, formatPercent } = useI18n();
  const choice = report.threshold_choice;
  const [rule, setRule] = useState<Rule>(choice?.rule ?? 'capacity');
  const target: RuleTarget = { ...choice, ...choice?.target };
  const [capacity, setCapacity] = useState(String(target.capacity ?? Math.max(1, Math.round((report.leads_per_week ?? 50) * 0.2))));
  const [per, setPer] = useState<Per>(target.per ?? 'week');
  const [precision, setPrecision] = useState(String(target.precision ?? 0.5));
  const [recall, setRecall] = useState(String(target.recall ?? 0.8));
  const bodies = useMemo(() => ({
    capacity: { capacity: Number(capacity), per },
    precision: { precision: Number(precision) },
    recall: { recall: Number(recall) },
  }), [capacity, per, precision, recall]);
  const [debounced, setDebounced] = useState(bodies);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(bodies), 350);
    return () => clearTimeout(id);
  }, [bodies]);
  const previews = useAsync(async (signal) => {
    const one = async (r: Rule) => {
      try {
        return { rule: r, result: await api<ThresholdResult>('/api/v1/lead-scoring/thresholds', { method: 'POST', body: { ...debounced[r], dry_run: true }, signal }), error: null };
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) return { rule: r, result: null, error: e as unknown };
        throw e;
      }
    };
    return Promise.all(RULES.map(one));
  }, [debounced, report.version]);
  const scores = useAsync((signal) => allScores(signal), [report.version]);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<string | null>(null);
  const [applyError, setApplyError] = useState<unknown>(null);

  const selected = previews.data?.find((p) => p.rule === rule) ?? null;
  const apply = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setApplied(null);
    setApplyError(null);
    try {
      const r = await api<ThresholdResult>('/api/v1/lead-scoring/thresholds', { method: 'POST', body: bodies[rule] });
      setApplied(t('scoring.applied', { threshold: formatDecimal(r.threshold, 3), version: r.model_version }));
      onApplied();
    } catch (err) {
      setApplyError(err);
    } finally {
      setBusy(false);
    }
  };
  const periodWord = (p: Per) => t(`scoring.per.${p}` as MessageKey);
  const counts = (cutoffs: readonly number[] | undefined) => {
    const c: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
    if (cutoffs && scores.data) for (const s of scores.data) c[gradeOf(s, cutoffs)]++;
    return c;
  };
  const nowCounts = counts(report.grade_cutoffs);
  const newCounts = counts(selected?.result?.grade_cutoffs);
  const chosen = selected?.result;
  const chart = useMemo(() => {
    if (!chosen) return null;
    const rows = [...chosen.tradeoff].sort((a, b) => a.threshold - b.threshold);
    return {
      grid: { left: 8, right: 8, top: 32, bottom: 28, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatDecimal(v, 2) },
      xAxis: { type: 'value', min: 0, max: 1, name: t('scoring.threshold'), nameLocation: 'middle', nameGap: 24 },
      yAxis: [
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatPercent(v) } },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        { type: 'line', name: t('scoring.precision'), data: rows.map((r) => [r.threshold, r.precision]), itemStyle: { color: '#a61e51' }, markLine: { symbol: 'none', lineStyle: { color: '#1b4b94', type: 'dashed' }, label: { formatter: formatDecimal(chosen.threshold, 3) }, data: [{ xAxis: chosen.threshold }] } },
        { type: 'line', name: t('scoring.recall'), data: rows.map((r) => [r.threshold, r.recall]), itemStyle: { color: '#1f5fd6' } },
        { type: 'line', name: t('scoring.leadsAxis', { period: periodWord(chosen.per) }), yAxisIndex: 1, data: rows.map((r) => [r.threshold, r.leads_per_period]), itemStyle: { color: '#5b2a95' }, lineStyle: { type: 'dotted' } },
      ],
    };
  }, [chosen, t, formatDecimal, formatPercent]);

  return (
    <form onSubmit={(e) => void apply(e)} data-testid="threshold-tuner">
      {choice && <p className="muted small" data-testid="active-choice">{t('scoring.activeChoice', { rule: t(`scoring.rule.${choice.rule}` as MessageKey), threshold: formatDecimal(choice.threshold, 3) })}</p>}
      <fieldset className="segmented" aria-describedby="rule-help">
        <legend className="sr-only">{t('scoring.rule')}</legend>
        {RULES.map((r) => (
          <label key={r} className={rule === r ? 'active' : ''}>
            <input type="radio" name="threshold-rule" value={r} checked={rule === r} onChange={() => setRule(r)} data-testid={`rule-${r}`} />
            {t(`scoring.rule.${r}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <p id="rule-help" className="muted small">{t(`scoring.ruleHelp.${rule}` as MessageKey)}</p>
      <div className="form-row">
        {rule === 'capacity' && (
          <>
            <label className="field"><span>{t('scoring.capacity')}</span><input type="number" min={1} step={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} data-testid="capacity" /></label>
            <label className="field"><span>{t('scoring.per')}</span>
              <select value={per} onChange={(e) => setPer(e.target.value as Per)}>{(['day', 'week', 'month'] as const).map((p) => <option key={p} value={p}>{periodWord(p)}</option>)}</select>
            </label>
          </>
        )}
        {rule === 'precision' && <label className="field"><span>{t('scoring.rule.precision')} — {t('scoring.target')}</span><input type="number" min={0.01} max={1} step={0.01} value={precision} onChange={(e) => setPrecision(e.target.value)} data-testid="precision" /></label>}
        {rule === 'recall' && <label className="field"><span>{t('scoring.rule.recall')} — {t('scoring.target')}</span><input type="number" min={0.01} max={1} step={0.01} value={recall} onChange={(e) => setRecall(e.target.value)} data-testid="recall" /></label>}
        <button type="submit" className="btn btn-primary" disabled={busy || !chosen} data-testid="apply-threshold">{t('scoring.apply')}</button>
      </div>
      {applied && <p className="notice notice-ok" role="status" data-testid="threshold-applied">{applied}</p>}
      {applyError != null && <ErrorState error={applyError} />}

      <h3>{t('scoring.preview')}</h3>
      <AsyncBlock state={previews} what="POST /api/v1/lead-scoring/thresholds" testId="threshold-preview">
        {(rows) => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="rule-comparison">
              <thead>
                <tr><th scope="col">{t('scoring.rule')}</th><th scope="col">{t('scoring.threshold')}</th><th scope="col">{t('scoring.aLeads')}</th><th scope="col">{t('scoring.precision')}</th><th scope="col">{t('scoring.recall')}</th></tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.rule} className={p.rule === rule ? 'row-selected' : ''} data-rule={p.rule}>
                    <th scope="row">{t(`scoring.rule.${p.rule}` as MessageKey)}</th>
                    {p.result ? (
                      <>
                        <td>{formatDecimal(p.result.threshold, 3)}</td>
                        <td>{formatNumber(Math.round(p.result.expected.leads_per_period))} / {periodWord(p.result.per)}</td>
                        <td>{formatPercent(p.result.expected.precision, 1)}</td>
                        <td>{formatPercent(p.result.expected.recall, 1)}</td>
                      </>
                    ) : <td colSpan={4} className="form-error small">{p.error instanceof Error ? p.error.message : String(p.error)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncBlock>
      <div className="grid-2">
        <figure className="chart-figure">
          <figcaption>{t('scoring.tradeoff')}</figcaption>
          {chart ? <Chart option={chart} height={260} label={t('scoring.tradeoff')} testId="chart-tradeoff" /> : <p className="muted">—</p>}
        </figure>
        <div>
          <h4>{t('scoring.leadsNow')}</h4>
          <AsyncBlock state={scores} what="GET /api/v1/lead-scores" isEmpty={(s) => s.length === 0} empty={t('scoring.noScores')} testId="grade-counts">
            {(s) => (
              <>
                <table className="table table-compact" data-testid="grade-counts">
                  <thead><tr><th scope="col">{t('scoring.grade')}</th><th scope="col">{t('scoring.current')}</th><th scope="col">{t('scoring.proposed')}</th></tr></thead>
                  <tbody>
                    {GRADES.map((g) => (
                      <tr key={g} data-grade={g}>
                        <th scope="row"><span className={`grade grade-${g}`}>{g}</span></th>
                        <td>{formatNumber(nowCounts[g])}</td>
                        <td><strong>{chosen ? formatNumber(newCounts[g]) : '—'}</strong>{chosen && newCounts[g] !== nowCounts[g] && <span className={`small ${newCounts[g] > nowCounts[g] ? 'pos' : 'neg'}`}> ({newCounts[g] > nowCounts[g] ? '+' : ''}{formatNumber(newCounts[g] - nowCounts[g])})</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted small">{t('scoring.leadsCounted', { count: formatNumber(s.length) })}</p>
              </>
            )}
          </AsyncBlock>
        </div>
      </div>
    </form>
  );
}
