// Off-policy evaluation of candidate assignment policies from the log (GET /api/v1/assignment/evaluation):
// each estimator's estimate with its 95% bootstrap interval, as a table and an interval chart.
import { useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { Chart } from '../Chart.tsx';

interface Estimate { estimate: number; low: number; high: number; n: number; effective_sample_size: number }
const ESTIMATORS = ['replay', 'ips', 'snips', 'dr'] as const;
type Estimator = (typeof ESTIMATORS)[number];
interface Candidate { policy: string; replay?: Estimate | null; ips?: Estimate | null; snips?: Estimate | null; dr?: Estimate | null }
interface Evaluation { logged: number; evaluated: number; logged_reward_mean: number | null; candidates: Candidate[]; note: string | null }

export function PolicyEvaluation({ nonce }: { nonce: number }) {
  const state = useAsync((signal) => api<Evaluation>('/api/v1/assignment/evaluation?resamples=300', { signal }), [nonce]);
  return (
    <AsyncBlock state={state} what="GET /api/v1/assignment/evaluation" testId="evaluation">
      {(e) => <EvaluationView e={e} />}
    </AsyncBlock>
  );
}

function EvaluationView({ e }: { e: Evaluation }) {
  const { t, formatPercent, formatNumber } = useI18n();
  const [estimator, setEstimator] = useState<Estimator>('dr');
  const label = (k: Estimator) => t(`asg.estimator.${k}` as MessageKey);
  const option = useMemo(() => {
    const rows = e.candidates.filter((c) => c[estimator]);
    if (!rows.length) return null;
    const names = rows.map((c) => c.policy);
    const low = rows.map((c) => c[estimator]!.low);
    return {
      grid: { left: 8, right: 24, top: 28, bottom: 24, containLabel: true },
      legend: { top: 0, data: [t('asg.interval'), t('asg.estimate')] },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const c = rows[ps[0].dataIndex][estimator]!;
          return `${names[ps[0].dataIndex]}<br/>${label(estimator)}: ${formatPercent(c.estimate, 1)} [${formatPercent(c.low, 1)} – ${formatPercent(c.high, 1)}]<br/>n = ${c.n}`;
        },
      },
      xAxis: { type: 'value', min: Math.min(0, Math.floor(Math.min(...low) * 10) / 10), axisLabel: { formatter: (v: number) => formatPercent(v) } },
      yAxis: { type: 'category', inverse: true, data: names },
      series: [
        // An invisible bar up to the lower bound, then the interval stacked on it.
        // stackStrategy 'all': a bootstrap bound below 0 (IPS can give one) still stacks with the interval.
        { type: 'bar', stack: 'ci', stackStrategy: 'all', data: low, itemStyle: { color: 'transparent' }, silent: true, barWidth: 14 },
        {
          type: 'bar', stack: 'ci', stackStrategy: 'all', name: t('asg.interval'), data: rows.map((c) => Math.max(0, c[estimator]!.high - c[estimator]!.low)), itemStyle: { color: 'rgba(166, 30, 81, 0.28)', borderColor: '#a61e51' }, barWidth: 14,
          markLine: e.logged_reward_mean == null ? undefined : { symbol: 'none', label: { formatter: t('asg.loggedMean') }, lineStyle: { type: 'dashed', color: '#8a93a3' }, data: [{ xAxis: e.logged_reward_mean }] },
        },
        { type: 'scatter', name: t('asg.estimate'), data: rows.map((c) => c[estimator]!.estimate), symbolSize: 12, itemStyle: { color: '#a61e51' }, z: 5 },
      ],
    };
  }, [e, estimator, t, formatPercent]);

  return (
    <div data-testid="evaluation-view">
      <p className="small">{t('asg.logged', { logged: formatNumber(e.logged), evaluated: formatNumber(e.evaluated), mean: formatPercent(e.logged_reward_mean, 1) })}</p>
      {e.note && <p className="notice notice-info" role="status" data-testid="evaluation-note">{e.note}</p>}
      {e.candidates.length === 0 ? <p className="muted">{t('asg.noEvaluation')}</p> : (
        <>
          <div className="table-scroll">
            <table className="table table-compact" data-testid="evaluation-table">
              <thead>
                <tr><th scope="col">{t('asg.candidate')}</th>{ESTIMATORS.map((k) => <th scope="col" key={k}>{label(k)}</th>)}</tr>
              </thead>
              <tbody>
                {e.candidates.map((c) => (
                  <tr key={c.policy}>
                    <th scope="row">{c.policy}</th>
                    {ESTIMATORS.map((k) => {
                      const x = c[k];
                      return <td key={k}>{x ? <><strong>{formatPercent(x.estimate, 1)}</strong> <span className="muted small">[{formatPercent(x.low, 1)} – {formatPercent(x.high, 1)}] n={x.n}</span></> : '—'}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="field field-inline"><span>{t('asg.estimator')}</span>
            <select value={estimator} onChange={(ev) => setEstimator(ev.target.value as Estimator)}>
              {ESTIMATORS.map((k) => <option key={k} value={k}>{label(k)}</option>)}
            </select>
          </label>
          {option && <Chart option={option} height={Math.max(180, 48 * e.candidates.length + 60)} label={`${t('asg.evaluation')}: ${label(estimator)}`} testId="chart-evaluation" />}
        </>
      )}
    </div>
  );
}
