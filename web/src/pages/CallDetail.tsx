// One call: the transcript by speaker turn with tracker mentions highlighted (character offsets
// from the API), the sentiment line through the call, metrics, summary and action items.
import { Fragment, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { isUnavailable, Unavailable } from '../components/Async.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { Chart, preloadChart } from '../components/Chart.tsx';

preloadChart();

export interface Monologue { seconds?: number | null; words?: number; basis?: string; length?: number }
interface Turn { index: number; speaker: string; role: string; text: string; start: number | null; end: number | null }
interface Tracker { tracker: string; name: string; turn: number; start: number; end: number; sentence?: string; matched_by?: string; term?: string }
interface Call {
  activity_id: string; type: string; subject: string | null; occurred_at: string | null; owner_id: string | null;
  turns: Turn[];
  metrics: { talk_ratio: number | null; longest_monologue?: Monologue | null; questions?: { total: number; open: number; closed: number } | null; interruptions?: { by_rep: number; by_customer: number } | null; sentiment?: { overall: number | null; rep: number | null; customer: number | null } | null };
  trackers: Tracker[];
  sentiment: { turn: number; role: string; t: number | null; compound: number }[];
  summary: (string | { text: string; role?: string; speaker?: string })[];
  action_items: { sentence: string; turn: number; owner?: string; owner_role?: string; due?: string | null; task_id?: string | null }[];
}

function Highlighted({ text, marks }: { text: string; marks: Tracker[] }) {
  const sorted = [...marks].filter((m) => m.end > m.start).sort((a, b) => a.start - b.start);
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const m of sorted) {
    if (m.start < at) continue;
    out.push(<Fragment key={`t${at}`}>{text.slice(at, m.start)}</Fragment>);
    out.push(<mark key={`m${m.start}`} className={`tracker-mark tracker-${m.tracker}`} title={m.name} data-testid="tracker-mark">{text.slice(m.start, m.end)}</mark>);
    at = m.end;
  }
  out.push(<Fragment key="end">{text.slice(at)}</Fragment>);
  return <>{out}</>;
}

export default function CallDetail() {
  const { id = '' } = useParams();
  const { t, tOr, formatPercent, formatDateTime, formatDecimal } = useI18n();
  const call = useAsync((signal) => api<Call>(`/api/v1/calls/${id}`, { signal }), [id]);
  const option = useMemo(() => {
    const s = call.data?.sentiment ?? [];
    if (!s.length) return null;
    const series = (role: string, color: string) => ({ type: 'line', name: tOr(`calls.role.${role}`, role), data: s.filter((x) => x.role === role).map((x) => [x.turn, x.compound]), itemStyle: { color }, smooth: true });
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: t('calls.turn'), min: 0 },
      yAxis: { type: 'value', min: -1, max: 1 },
      series: [series('rep', '#1f5fd6'), series('customer', '#a61e51')],
    };
  }, [call.data, t, tOr]);

  if (call.error != null) {
    return <section className="page" data-page="call" data-state={isUnavailable(call.error) ? 'unavailable' : 'error'}>{isUnavailable(call.error) ? <Unavailable what="GET /api/v1/calls/:id" /> : <LoadError error={call.error} onRetry={call.reload} page="call" />}</section>;
  }
  if (!call.data) return <section className="page" data-page="call" data-state="loading"><Loading /></section>;
  const c = call.data;
  const monologue = (m: Monologue | null | undefined) => {
    if (!m) return '—';
    if (m.seconds != null) return t('calls.seconds', { value: Math.round(m.seconds) });
    const words = m.words ?? (m.basis === 'words' ? m.length : undefined);
    if (words != null) return t('calls.words', { value: words });
    return m.length != null ? t('calls.seconds', { value: Math.round(m.length) }) : '—';
  };
  const byTurn = new Map<number, Tracker[]>();
  for (const tr of c.trackers) byTurn.set(tr.turn, [...(byTurn.get(tr.turn) ?? []), tr]);
  const trackerNames = [...new Map(c.trackers.map((x) => [x.tracker, x.name])).entries()];
  return (
    <section className="page" data-page="call" data-state="ready" aria-labelledby="call-title">
      <nav aria-label="breadcrumb" className="breadcrumb"><Link to="/calls">← {t('calls.back')}</Link></nav>
      <header className="page-header">
        <div>
          <h1 id="call-title">{c.subject ?? tOr(`activity.${c.type}`, c.type)}</h1>
          <p className="muted">{formatDateTime(c.occurred_at)}</p>
        </div>
      </header>
      <div className="kpi-grid">
        <div className="kpi"><div className="kpi-label">{t('calls.talkRatio')}</div><div className="kpi-value">{formatPercent(c.metrics.talk_ratio)}</div></div>
        <div className="kpi"><div className="kpi-label">{t('calls.questions')}</div><div className="kpi-value">{c.metrics.questions?.total ?? '—'}</div></div>
        <div className="kpi"><div className="kpi-label">{t('calls.monologue')}</div><div className="kpi-value">{monologue(c.metrics.longest_monologue)}</div></div>
        <div className="kpi"><div className="kpi-label">{t('calls.sentiment')}</div><div className="kpi-value">{formatDecimal(c.metrics.sentiment?.overall)}</div></div>
      </div>
      <div className="forecast-grid">
        <section className="card" aria-labelledby="transcript-title">
          <h2 id="transcript-title">{t('calls.transcript')}</h2>
          {trackerNames.length > 0 && <p className="small">{t('calls.trackers')}: {trackerNames.map(([k, n]) => <mark key={k} className={`tracker-mark tracker-${k}`}>{n}</mark>)}</p>}
          <ol className="transcript" data-testid="transcript">
            {c.turns.map((turn) => (
              <li key={turn.index} className={`turn turn-${turn.role}`}>
                <div className="turn-who"><strong>{turn.speaker}</strong> <span className="muted small">{tOr(`calls.role.${turn.role}`, turn.role)}{turn.start != null ? ` · ${Math.floor(turn.start / 60)}:${String(Math.floor(turn.start % 60)).padStart(2, '0')}` : ''}</span></div>
                <p><Highlighted text={turn.text} marks={byTurn.get(turn.index) ?? []} /></p>
              </li>
            ))}
          </ol>
        </section>
        <aside>
          <section className="card" aria-labelledby="sent-title">
            <h2 id="sent-title">{t('calls.sentimentLine')}</h2>
            {option && <Chart option={option} height={200} label={t('calls.sentimentLine')} testId="sentiment-chart" />}
          </section>
          <section className="card" aria-labelledby="summary-title">
            <h2 id="summary-title">{t('calls.summary')}</h2>
            <ul data-testid="call-summary">{c.summary.map((s, i) => <li key={i}>{typeof s === 'string' ? s : s.text}</li>)}</ul>
          </section>
          <section className="card" aria-labelledby="items-title">
            <h2 id="items-title">{t('calls.actionItems')}</h2>
            <ul data-testid="action-items">
              {c.action_items.map((a, i) => (
                <li key={i}>{a.sentence} <span className="muted small">{[a.owner_role ? tOr(`calls.role.${a.owner_role}`, a.owner_role) : null, a.due ? t('calls.due', { value: a.due }) : null, a.task_id ? t('calls.task') : null].filter(Boolean).join(' · ')}</span></li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </section>
  );
}
