// Call trackers: the built-in ones (pricing, competitors, objections, next steps) and the ones the
// team defines, each a name, keyword lists and example phrases matched by similarity
// (GET/POST/PATCH/DELETE /api/v1/calls/trackers, docs/api/writer-calls.md). Managers and admins
// maintain them; reps read them.
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState, StateViews } from '../components/Async.tsx';
import { Problem, attempt } from '../components/orchestrate/Problem.tsx';
import { SubNav } from '../components/orchestrate/SubNav.tsx';
import { EditDeleteActions } from '../components/orchestrate/EditDeleteActions.tsx';

export interface Tracker { id: string; key: string; name: string; keywords: string[]; examples: string[]; threshold: number | null; builtin: boolean }
type FormState = { id: string | null; name: string; keywords: string; examples: string; threshold: string };
const BLANK: FormState = { id: null, name: '', keywords: '', examples: '', threshold: '' };

/** Keywords: one per line or comma-separated (、，too); examples: one per line. */
const splitKeywords = (s: string) => [...new Set(s.split(/[\n,，、;；]+/).map((x) => x.trim()).filter(Boolean))];
const splitLines = (s: string) => [...new Set(s.split(/\n+/).map((x) => x.trim()).filter(Boolean))];

export default function Trackers() {
  const { me } = useAuth();
  const { t, formatDecimal } = useI18n();
  const trackers = useAsync((signal) => api<{ data: Tracker[] }>('/api/v1/calls/trackers', { signal }).then((r) => r.data), []);
  const [form, setForm] = useState<FormState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const canEdit = me?.role === 'admin' || me?.role === 'manager';
  const set = (patch: Partial<FormState>) => setForm((f) => (f ? { ...f, ...patch } : f));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setNote(null);
    const threshold = form.threshold.trim() === '' ? null : Number(form.threshold);
    const body = { name: form.name.trim(), keywords: splitKeywords(form.keywords), examples: splitLines(form.examples), threshold };
    const saved = await attempt(setBusy, setError, () => (form.id
      ? api<Tracker>(`/api/v1/calls/trackers/${encodeURIComponent(form.id)}`, { method: 'PATCH', body })
      : api<Tracker>('/api/v1/calls/trackers', { method: 'POST', body })));
    if (saved) {
      setNote(t(form.id ? 'orch.trk.updated' : 'orch.trk.created', { name: saved.name }));
      setForm(null);
      trackers.reload();
    }
  };
  const remove = async (x: Tracker) => {
    setNote(null);
    const ok = await attempt(setBusy, setError, () => api(`/api/v1/calls/trackers/${encodeURIComponent(x.id)}`, { method: 'DELETE' }).then(() => true));
    setConfirming(null);
    if (ok) {
      setNote(t('orch.trk.deleted', { name: x.name }));
      trackers.reload();
    }
  };
  const keywordCount = form ? splitKeywords(form.keywords).length : 0;
  const exampleCount = form ? splitLines(form.examples).length : 0;

  const state = pageState(trackers, trackers.data?.length === 0);
  return (
    <section className="page" data-page="trackers" data-state={state} aria-labelledby="trk-title">
      <header className="page-header">
        <div>
          <h1 id="trk-title">{t('orch.trk.title')}</h1>
          <p className="muted">{t('orch.trk.subtitle')}</p>
        </div>
        {canEdit && state !== 'unavailable' && !form && <button type="button" className="btn btn-primary" onClick={() => { setError(null); setForm({ ...BLANK }); }} data-testid="tracker-new">{t('orch.trk.new')}</button>}
      </header>
      <SubNav label="orch.calls.nav" items={[{ to: '/calls', label: 'nav.calls' }, { to: '/calls/trackers', label: 'orch.trk.title' }]} />
      {!canEdit && <p className="notice notice-info" role="status">{t('orch.trk.readOnly')}</p>}
      {note && <p className="notice notice-ok" role="status">{note}</p>}
      {!form && <Problem error={error} />}
      {form && (
        <form className="card" onSubmit={(e) => void save(e)} data-testid="tracker-form" aria-labelledby="trk-form-title">
          <h2 id="trk-form-title">{form.id ? t('orch.trk.edit', { name: form.name }) : t('orch.trk.new')}</h2>
          <div className="form-row">
            <label className="field grow"><span>{t('common.name')}</span><input value={form.name} onChange={(e) => set({ name: e.target.value })} required maxLength={100} data-testid="tracker-name" /></label>
            <label className="field"><span>{t('orch.trk.threshold')}</span>
              <input type="number" min={0.05} max={1} step={0.05} value={form.threshold} placeholder="0.55" onChange={(e) => set({ threshold: e.target.value })} style={{ width: 110 }} aria-describedby="trk-threshold-help" />
            </label>
          </div>
          <p id="trk-threshold-help" className="muted small">{t('orch.trk.thresholdHelp')}</p>
          <div className="grid-2 grid-tight">
            <label className="field"><span>{t('orch.trk.keywords')} ({keywordCount})</span>
              <textarea value={form.keywords} onChange={(e) => set({ keywords: e.target.value })} rows={6} placeholder={t('orch.trk.keywordsPlaceholder')} data-testid="tracker-keywords" />
            </label>
            <label className="field"><span>{t('orch.trk.examples')} ({exampleCount})</span>
              <textarea value={form.examples} onChange={(e) => set({ examples: e.target.value })} rows={6} placeholder={t('orch.trk.examplesPlaceholder')} data-testid="tracker-examples" />
            </label>
          </div>
          <p className="muted small">{t('orch.trk.help')}</p>
          <Problem error={error} />
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy || !form.name.trim() || keywordCount + exampleCount === 0} data-testid="tracker-save">{busy ? t('common.saving') : t('common.save')}</button>
            <button type="button" className="btn" onClick={() => { setForm(null); setError(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <StateViews state={state} of={trackers} what="GET /api/v1/calls/trackers" empty={t('orch.trk.empty')} />
      {trackers.data && trackers.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" data-testid="trackers-table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th><th scope="col">{t('orch.trk.key')}</th><th scope="col">{t('orch.trk.keywords')}</th>
                <th scope="col">{t('orch.trk.examples')}</th><th scope="col">{t('orch.trk.threshold')}</th>
                {canEdit && <th scope="col"><span className="sr-only">{t('orch.actions')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {trackers.data.map((x) => (
                <tr key={x.id} data-tracker-key={x.key}>
                  <td><strong>{x.name}</strong> {x.builtin && <span className="badge">{t('orch.trk.builtin')}</span>}</td>
                  <td><code>{x.key}</code></td>
                  <td>{x.keywords.length ? x.keywords.map((k) => <span key={k} className="chip">{k}</span>) : '—'}</td>
                  <td className="cell-examples">{x.examples.length ? <ul className="plain-list small">{x.examples.map((k) => <li key={k}>“{k}”</li>)}</ul> : '—'}</td>
                  <td>{x.threshold == null ? (x.examples.length ? <span className="muted">0.55</span> : '—') : formatDecimal(x.threshold)}</td>
                  {canEdit && (
                    <td className="cell-actions">
                      {!x.builtin && (
                        <EditDeleteActions name={x.name} confirming={confirming === x.id} busy={busy}
                          onEdit={() => { setError(null); setNote(null); setForm({ id: x.id, name: x.name, keywords: x.keywords.join('\n'), examples: x.examples.join('\n'), threshold: x.threshold == null ? '' : String(x.threshold) }); }}
                          onAskDelete={() => setConfirming(x.id)} onDelete={() => void remove(x)} />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
