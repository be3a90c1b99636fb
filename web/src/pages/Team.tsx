// Team: a rep's competency scorecard (radar chart, evidence behind each score, what to raise),
// their training plan and its progress, and the best-practice playbooks mined from won deals
// (docs/api/team.md). Reps see themselves; managers their reps; admins everyone.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, listAll, withQuery, type Team as TeamRow } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState, Unavailable } from '../components/Async.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { Chart, preloadChart } from '../components/Chart.tsx';

preloadChart();

interface Evidence { metric: string; label: string; value: number | null; team_median: number | null; n?: number; effect: number | null }
interface Score { competency: string; label: string; score: number | null; percentile: number | null; trend: number | null; evidence: Evidence[]; to_raise?: string | null }
interface Scorecard { user_id: string; name: string; period: string; method: string; overall: number | null; overall_percentile: number | null; overall_trend: number | null; scores: Score[] }
interface PlanStep { id: string; position: number; week: number; competency: string; kind: string; title: string; due_at: string | null; status: string }
interface Plan { id: string; user_id: string; status: string; created_at: string; gaps?: { competency: string; score: number | null; team_median: number | null }[]; steps?: PlanStep[]; progress: { done: number; total: number }; kpis?: { metric: string; before: number | null; after: number | null; change: number | null }[] }
interface Playbook { pattern: string; description: string; kind: string; direction: 'do' | 'avoid'; support: number; deals: number; win_rate: number; win_rate_without: number; lift: number; q_value: number; examples?: { id: string; name: string; stage: string }[] }

const PERIODS = ['last-365d', 'last-90d'];

export default function Team() {
  const { me, users } = useAuth();
  const { t, formatPercent, formatDecimal, formatDate, locale } = useI18n();
  // A manager sees the reps of the teams they manage; an admin every rep.
  const teams = useAsync((signal) => (me?.role === 'manager' ? listAll<TeamRow>('/api/v1/teams', {}, signal) : Promise.resolve([] as TeamRow[])), [me?.id]);
  const reps = useMemo(() => {
    const managed = new Set((teams.data ?? []).filter((x) => x.manager_id === me?.id).map((x) => x.id));
    return [...users.values()]
      .filter((u) => u.role === 'rep' && u.active && (me?.role !== 'manager' || (u.team_id != null && managed.has(u.team_id))))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [users, teams.data, me]);
  const [picked, setPicked] = useState('');
  const [period, setPeriod] = useState(PERIODS[0]);
  const userId = me?.role === 'rep' ? me.id : picked || reps[0]?.id || '';
  const waiting = me?.role !== 'rep' && (users.size === 0 || (me?.role === 'manager' && !teams.data));
  const card = useAsync((signal) => (userId ? api<Scorecard>(withQuery(`/api/v1/competency/reps/${userId}`, { period }), { signal }) : Promise.resolve(null)), [userId, period]);
  const plans = useAsync(async (signal) => {
    if (!userId) return null;
    const list = await api<{ data: Plan[] }>(withQuery('/api/v1/training-plans', { user_id: userId }), { signal });
    const latest = [...list.data].sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
    return latest ? api<Plan>(`/api/v1/training-plans/${latest.id}`, { signal }) : null;
  }, [userId]);
  // Competency names come from the (editable) model, which carries a Chinese name beside the English one.
  const model = useAsync((signal) => api<{ competencies: { key: string; label: string; label_zh?: string }[] }>('/api/v1/competency/model', { signal }), []);
  const nameOf = (s: Score) => (locale === 'zh' ? model.data?.competencies.find((c) => c.key === s.competency)?.label_zh : undefined) ?? s.label;
  const playbooks = useAsync((signal) => api<{ deals: number; base_win_rate: number; playbooks: Playbook[] }>('/api/v1/best-practices/playbooks', { signal }), []);
  const [creating, setCreating] = useState(false);
  const [planError, setPlanError] = useState<string | null>(null);

  const radar = useMemo(() => {
    const scores = card.data?.scores.filter((s) => s.score != null) ?? [];
    if (scores.length < 3) return null;
    return {
      tooltip: {},
      radar: { indicator: scores.map((s) => ({ name: nameOf(s), max: 100 })), radius: '65%', axisName: { color: '#394150' } },
      series: [{ type: 'radar', name: card.data!.name, data: [{ value: scores.map((s) => Math.round(s.score!)), name: card.data!.name, areaStyle: { color: 'rgba(166,30,81,0.2)' }, lineStyle: { color: '#a61e51' }, itemStyle: { color: '#a61e51' } }] }],
    };
  }, [card.data, model.data, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  const createPlan = async () => {
    setCreating(true);
    setPlanError(null);
    try {
      await api('/api/v1/training-plans', { method: 'POST', body: { user_id: userId, period } });
      plans.reload();
    } catch (e) {
      setPlanError(e instanceof Error ? e.message : String(e));
    } finally {
      setCreating(false);
    }
  };

  const state = waiting ? 'loading' : pageState(card);
  const trend = (v: number | null) => (v == null ? '' : v > 0 ? `▲ ${v}` : v < 0 ? `▼ ${-v}` : '＝');
  return (
    <section className="page" data-page="team" data-state={state} aria-labelledby="team-title">
      <header className="page-header">
        <div>
          <h1 id="team-title">{t('team.title')}</h1>
          <p className="muted">{t('team.subtitle')}</p>
          <nav className="tm-links" aria-label={t('team.title')}>
            <Link to="/team/model" data-testid="team-link-model">{t('team.linkModel')}</Link>
            {me?.role !== 'rep' && <Link to="/team/ratings" data-testid="team-link-ratings">{t('team.linkRatings')}</Link>}
            <Link to="/graph">{t('team.linkGraph')}</Link>
          </nav>
        </div>
        <div className="form-row">
          {me?.role !== 'rep' && (
            <label className="field">
              <span>{t('team.rep')}</span>
              <select value={userId} onChange={(e) => setPicked(e.target.value)} data-testid="team-rep">
                {reps.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </select>
            </label>
          )}
          <label className="field">
            <span>{t('team.period')}</span>
            <select value={period} onChange={(e) => setPeriod(e.target.value)}>
              {PERIODS.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
        </div>
      </header>
      {state === 'loading' && <Loading />}
      {!waiting && !userId && <p className="muted">{t('state.noData')}</p>}
      {state === 'unavailable' && <Unavailable what="GET /api/v1/competency/reps/:id" />}
      {state === 'error' && <ErrorState error={card.error} onRetry={card.reload} />}
      {card.data && (
        <div className="forecast-grid">
          <section className="card" aria-labelledby="sc-title" data-testid="scorecard">
            <h2 id="sc-title">{t('team.scorecard')}: {card.data.name}</h2>
            <div className="kpi-grid kpi-grid-3">
              <div className="kpi"><div className="kpi-label">{t('team.overall')}</div><div className="kpi-value">{card.data.overall ?? '—'}</div><div className="kpi-hint">{trend(card.data.overall_trend)}</div></div>
              <div className="kpi"><div className="kpi-label">{t('team.percentile')}</div><div className="kpi-value">{card.data.overall_percentile ?? '—'}</div></div>
              <div className="kpi"><div className="kpi-label">{t('team.period')}</div><div className="kpi-value kpi-small">{card.data.period}</div><div className="kpi-hint">{card.data.method}</div></div>
            </div>
            <h3>{t('team.competencies')}</h3>
            {card.data.scores.map((s) => (
              <details key={s.competency} className="competency">
                <summary>
                  <span className="competency-name">{nameOf(s)}</span>
                  <span className="score-bar" aria-hidden="true"><span style={{ width: `${s.score ?? 0}%` }} /></span>
                  <strong>{s.score ?? '—'}</strong>
                  <span className="muted small">{s.percentile != null ? `P${s.percentile}` : ''} {trend(s.trend)}</span>
                </summary>
                <table className="table table-compact">
                  <caption className="sr-only">{t('team.evidence')}</caption>
                  <thead><tr><th scope="col">{t('team.metric')}</th><th scope="col">{t('common.value')}</th><th scope="col">{t('team.teamMedian')}</th><th scope="col">{t('team.effect')}</th></tr></thead>
                  <tbody>
                    {s.evidence.map((e) => <tr key={e.metric}><td>{e.label}{e.n != null ? <span className="muted small"> (n={e.n})</span> : ''}</td><td>{formatDecimal(e.value)}</td><td>{formatDecimal(e.team_median)}</td><td>{e.effect == null ? '—' : `${e.effect > 0 ? '+' : ''}${formatDecimal(e.effect, 1)}`}</td></tr>)}
                  </tbody>
                </table>
                {s.to_raise && <p className="small"><strong>{t('team.toRaise')}:</strong> {s.to_raise}</p>}
              </details>
            ))}
          </section>
          <aside className="card" aria-label={t('team.competencies')}>
            {radar ? <Chart option={radar} height={300} label={t('team.competencies')} testId="competency-chart" /> : <p className="muted">{t('state.noData')}</p>}
          </aside>
        </div>
      )}
      {userId && (
        <section className="card" aria-labelledby="plan-title">
          <div className="card-header">
            <h2 id="plan-title">{t('team.plan')}</h2>
            <button type="button" className="btn" onClick={() => void createPlan()} disabled={creating}>{creating ? t('common.saving') : t('team.planCreate')}</button>
          </div>
          {planError && <p className="notice notice-error" role="alert">{planError}</p>}
          <AsyncBlock state={plans} what="GET /api/v1/training-plans" isEmpty={(p) => p == null} empty={t('team.planNone')} testId="plan">
            {(p) => p && (
              <div data-testid="training-plan">
                <p>
                  <progress max={p.progress.total || 1} value={p.progress.done} aria-label={t('team.progress', p.progress)} /> {t('team.progress', p.progress)}
                </p>
                {p.gaps && p.gaps.length > 0 && <p className="small"><strong>{t('team.gaps')}:</strong> {p.gaps.map((g) => `${g.competency} ${g.score ?? '—'} / ${g.team_median ?? '—'}`).join(' · ')}</p>}
                <ol className="plan-steps">
                  {(p.steps ?? []).map((s) => (
                    <li key={s.id} className={s.status === 'done' ? 'step-done' : ''}>
                      <span className="badge">{t('team.week', { n: s.week })}</span> {s.title} <span className="muted small">· {s.kind} · {formatDate(s.due_at)} · {s.status}</span>
                    </li>
                  ))}
                </ol>
                {p.kpis && p.kpis.length > 0 && (
                  <table className="table table-compact">
                    <thead><tr><th scope="col">{t('team.metric')}</th><th scope="col">{t('team.kpiBefore')}</th><th scope="col">{t('team.kpiAfter')}</th></tr></thead>
                    <tbody>{p.kpis.map((k) => <tr key={k.metric}><td>{k.metric}</td><td>{formatDecimal(k.before)}</td><td>{formatDecimal(k.after)}</td></tr>)}</tbody>
                  </table>
                )}
              </div>
            )}
          </AsyncBlock>
        </section>
      )}
      <section className="card" aria-labelledby="pb-title">
        <h2 id="pb-title">{t('team.playbooks')}</h2>
        <AsyncBlock state={playbooks} what="GET /api/v1/best-practices/playbooks" isEmpty={(p) => p.playbooks.length === 0} empty={t('team.noPlaybooks')} testId="playbooks">
          {(p) => (
            <>
              <p className="muted small">{t('team.playbooksSub', { deals: p.deals, rate: formatPercent(p.base_win_rate) })}</p>
              <ul className="playbooks" data-testid="playbooks">
                {p.playbooks.map((b) => (
                  <li key={b.pattern} className={`playbook playbook-${b.direction}`}>
                    <span className={`badge ${b.direction === 'do' ? 'badge-qualified' : 'badge-disqualified'}`}>{b.direction === 'do' ? t('team.do') : t('team.avoid')}</span>
                    <strong> {b.description}</strong>
                    <div className="muted small">
                      {t('team.winRate', { with: formatPercent(b.win_rate), without: formatPercent(b.win_rate_without) })} · {t('team.lift', { value: formatDecimal(b.lift) })} · {t('team.support', { value: formatPercent(b.support) })} · q = {b.q_value.toExponential(1)}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </AsyncBlock>
      </section>
    </section>
  );
}
