// Calls: analysed calls and email threads in scope with their conversation metrics
// (GET /api/v1/calls); "Analyse all" runs the analysis over every call with a transcript. The
// trackers they are scanned for are managed on /calls/trackers (pages/Trackers.tsx).
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState, StateViews } from '../components/Async.tsx';
import { SubNav } from '../components/orchestrate/SubNav.tsx';

interface CallRow { activity_id: string; type: string; subject: string | null; occurred_at: string | null; owner_id: string | null; owner_name: string | null; talk_ratio: number | null; questions: number | null; longest_monologue_seconds?: number | null; longest_monologue?: { seconds?: number | null; basis?: string; length?: number } | null; interruptions: number | null; sentiment: number | null; trackers: Record<string, number>; action_items: number }

export default function Calls() {
  const { t, tOr, formatPercent, formatDateTime, formatDecimal, formatNumber } = useI18n();
  const calls = useAsync((signal) => api<{ data: CallRow[] }>('/api/v1/calls?limit=200', { signal }).then((r) => r.data), []);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const analyzeAll = async () => {
    setBusy(true);
    setNote(null);
    try {
      const r = await api<{ analyzed: number; skipped: number; tasks_created: number }>('/api/v1/calls/analyze-all', { method: 'POST', body: { limit: 500, only_missing: true } });
      setNote(t('calls.analyzed', { analyzed: r.analyzed, skipped: r.skipped, tasks: r.tasks_created }));
      calls.reload();
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const state = pageState(calls, calls.data?.length === 0);
  return (
    <section className="page" data-page="calls" data-state={state} aria-labelledby="calls-title">
      <header className="page-header">
        <div>
          <h1 id="calls-title">{t('calls.title')}</h1>
          <p className="muted">{t('calls.subtitle')}</p>
        </div>
        {state !== 'unavailable' && <button type="button" className="btn" onClick={() => void analyzeAll()} disabled={busy}>{busy ? t('calls.analyzing') : t('calls.analyzeAll')}</button>}
      </header>
      <SubNav label="orch.calls.nav" items={[{ to: '/calls', label: 'nav.calls' }, { to: '/calls/trackers', label: 'orch.trk.title' }]} />
      {note && <p className="notice notice-info" role="status">{note}</p>}
      <StateViews state={state} of={calls} what="GET /api/v1/calls" empty={t('calls.empty')} />
      {calls.data && calls.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" data-testid="calls-table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th><th scope="col">{t('common.owner')}</th><th scope="col">{t('common.when')}</th>
                <th scope="col">{t('calls.talkRatio')}</th><th scope="col">{t('calls.questions')}</th><th scope="col">{t('calls.monologue')}</th>
                <th scope="col">{t('calls.sentiment')}</th><th scope="col">{t('calls.trackers')}</th><th scope="col">{t('calls.actionItems')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.data.map((c) => (
                <tr key={c.activity_id}>
                  <td><Link to={`/calls/${c.activity_id}`}>{c.subject ?? tOr(`activity.${c.type}`, c.type)}</Link></td>
                  <td>{c.owner_name ?? '—'}</td>
                  <td>{formatDateTime(c.occurred_at)}</td>
                  <td>{formatPercent(c.talk_ratio)}</td>
                  <td>{formatNumber(c.questions)}</td>
                  <td>{c.longest_monologue_seconds != null ? t('calls.seconds', { value: Math.round(c.longest_monologue_seconds) })
                    : c.longest_monologue?.length != null ? t(c.longest_monologue.basis === 'words' ? 'calls.words' : 'calls.seconds', { value: Math.round(c.longest_monologue.length) }) : '—'}</td>
                  <td className={(c.sentiment ?? 0) >= 0 ? 'pos' : 'neg'}>{formatDecimal(c.sentiment)}</td>
                  <td>{Object.entries(c.trackers ?? {}).filter(([, n]) => Number(n) > 0).map(([k, n]) => <span key={k} className="badge tracker">{k} ×{String(n)}</span>)}</td>
                  <td>{formatNumber(typeof c.action_items === 'number' ? c.action_items : Array.isArray(c.action_items) ? (c.action_items as unknown[]).length : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
