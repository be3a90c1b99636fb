// Writer drafts: the generated drafts in my scope (GET /api/v1/writer/drafts), opened in an editor
// (PATCH /api/v1/writer/drafts/:id re-runs the fact checks) and sent
// (POST /api/v1/writer/drafts/:id/send), showing the delivery or the problem the API answers,
// e.g. 409 "no delivery configured" (docs/api/writer-calls.md).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState, StateViews } from '../components/Async.tsx';
import { FlaggedText, type Checks } from '../components/writer/Draft.tsx';
import { Problem, attempt } from '../components/orchestrate/Problem.tsx';
import { SubNav, WRITER_NAV } from '../components/orchestrate/SubNav.tsx';

export interface DraftView {
  id: string; subject: string; body: string; status: 'draft' | 'done'; variant: number | null; kind: string | null; language: string | null;
  provider: string | null; checks: Checks | null; delivered_at: string | null; lead_id: string | null; contact_id: string | null;
  account_id: string | null; opportunity_id: string | null; owner_id: string | null; created_at: string;
  delivery?: { kind: string; status: number };
}

const flagsOf = (checks: Checks | null) => [
  ...(checks?.invented ?? []).map((f) => ({ ...f, cls: 'flag-invented' })),
  ...(checks?.spam ?? []).map((f) => ({ ...f, cls: 'flag-spam' })),
];
const flagCount = (checks: Checks | null) => flagsOf(checks).length + (checks?.length && !checks.length.ok ? 1 : 0);

export default function WriterDrafts() {
  const { t, tOr, formatDateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const drafts = useAsync((signal) => api<{ data: DraftView[] }>('/api/v1/writer/drafts?limit=100', { signal }).then((r) => r.data), []);
  const [edited, setEdited] = useState<DraftView | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  const listed = drafts.data?.find((d) => d.id === selectedId) ?? null;
  const current = edited && edited.id === selectedId ? edited : listed;
  useEffect(() => {
    setSubject(current?.subject ?? '');
    setBody(current?.body ?? '');
    // Only when another draft is opened (or its saved text changes), not on each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.id, current?.subject, current?.body]);

  const open = (id: string) => {
    setError(null);
    setNote(null);
    setEdited(null);
    setParams({ id }, { replace: false });
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!current) return;
    setNote(null);
    const r = await attempt(setBusy, setError, () => api<DraftView>(`/api/v1/writer/drafts/${current.id}`, { method: 'PATCH', body: { subject, body } }));
    if (r) {
      setEdited(r);
      setNote(t('orch.draft.saved'));
      drafts.reload();
    }
  };
  const send = async () => {
    if (!current) return;
    setNote(null);
    const r = await attempt(setBusy, setError, () => api<DraftView>(`/api/v1/writer/drafts/${current.id}/send`, { method: 'POST', body: {} }));
    if (r) {
      setEdited(r);
      setNote(t('orch.draft.sent', { when: formatDateTime(r.delivered_at), status: r.delivery ? `${r.delivery.kind} ${r.delivery.status}` : '—' }));
      drafts.reload();
    }
  };
  const dirty = current != null && (subject !== current.subject || body !== current.body);
  const sent = current?.status === 'done';

  const state = pageState(drafts, drafts.data?.length === 0);
  return (
    <section className="page" data-page="writer-drafts" data-state={state} aria-labelledby="drafts-title">
      <header className="page-header">
        <div>
          <h1 id="drafts-title">{t('orch.draft.title')}</h1>
          <p className="muted">{t('orch.draft.subtitle')}</p>
        </div>
      </header>
      <SubNav label="orch.writer.nav" items={WRITER_NAV} />
      <StateViews state={state} of={drafts} what="GET /api/v1/writer/drafts" empty={<>{t('orch.draft.empty')} <Link to="/writer">{t('orch.writer.compose')}</Link></>} />
      {drafts.data && drafts.data.length > 0 && (
        <div className="orch-split">
          <div className="card table-scroll table-tall">
            <table className="table table-compact" data-testid="drafts-table">
              <thead>
                <tr><th scope="col">{t('writer.subject')}</th><th scope="col">{t('common.status')}</th><th scope="col">{t('orch.draft.checks')}</th></tr>
              </thead>
              <tbody>
                {drafts.data.map((d) => {
                  const n = flagCount(d.checks);
                  return (
                    <tr key={d.id} className={d.id === selectedId ? 'row-selected' : undefined} data-draft-id={d.id}>
                      <td className="cell-clip"><button type="button" className="link-button" onClick={() => open(d.id)} aria-current={d.id === selectedId ? 'true' : undefined}>{d.subject || t('orch.draft.noSubject')}</button><span className="muted small block">{formatDateTime(d.created_at)}</span></td>
                      <td><span className={`badge ${d.status === 'done' ? 'badge-qualified' : 'badge-working'}`}>{t(d.status === 'done' ? 'orch.draft.status.sent' : 'orch.draft.status.draft')}</span></td>
                      <td>{d.checks == null ? '—' : n === 0 ? <span className="pos">✓</span> : <span className="neg">{t('writer.flags', { count: n })}</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div>
            {!current && <div className="card"><p className="muted">{selectedId ? t('orch.draft.notListed') : t('orch.draft.pick')}</p></div>}
            {current && (
              <form className="card" onSubmit={(e) => void save(e)} data-testid="draft-editor" data-draft-id={current.id} data-status={current.status} aria-labelledby="draft-edit-title">
                <div className="card-header">
                  <h2 id="draft-edit-title">{sent ? t('orch.draft.sentTitle') : t('orch.draft.edit')}</h2>
                  <span className="muted small">
                    {[current.kind ? tOr(`writer.kind.${current.kind}`, current.kind) : null, current.language ? tOr(`lang.${current.language}`, current.language) : null, current.provider].filter(Boolean).join(' · ')}
                  </span>
                </div>
                <p className="small">
                  {current.lead_id && <Link to={`/leads/${current.lead_id}`}>{t('orch.link.lead')}</Link>}
                  {current.opportunity_id && <> {current.lead_id ? ' · ' : ''}<Link to={`/pipeline/${current.opportunity_id}`}>{t('orch.link.deal')}</Link></>}
                  {current.delivered_at && <> · {t('orch.draft.deliveredAt', { when: formatDateTime(current.delivered_at) })}</>}
                </p>
                <label className="field"><span>{t('writer.subject')}</span><input value={subject} onChange={(e) => setSubject(e.target.value)} readOnly={sent} maxLength={1000} data-testid="draft-subject" /></label>
                <label className="field"><span>{t('orch.tpl.body')}</span><textarea value={body} onChange={(e) => setBody(e.target.value)} readOnly={sent} rows={14} maxLength={50000} data-testid="draft-body" /></label>
                <section aria-labelledby="draft-checks-title" className="draft-checks" data-testid="draft-checks">
                  <h3 id="draft-checks-title">{t('orch.draft.checks')} {dirty && <span className="muted small">({t('orch.draft.checksSaved')})</span>}</h3>
                  {current.checks == null ? <p className="muted small">—</p> : flagCount(current.checks) === 0
                    ? <p className="badge badge-qualified">✓ {t('writer.checksOk')}</p>
                    : (
                      <>
                        {flagsOf(current.checks).length > 0 && <div className="draft-body small"><p><strong>{t('writer.subject')}:</strong> <FlaggedText text={current.subject} flags={flagsOf(current.checks)} /></p><FlaggedText text={current.body} flags={flagsOf(current.checks)} /></div>}
                        <ul className="flag-legend small">
                          {current.checks.invented.map((f, i) => <li key={`i${i}`}><mark className="flag flag-invented">{f.text}</mark> {t('writer.invented')} ({f.kind})</li>)}
                          {current.checks.spam.map((f, i) => <li key={`s${i}`}><mark className="flag flag-spam">{f.text}</mark> {t('writer.spam')}</li>)}
                          {current.checks.length && !current.checks.length.ok && current.checks.length.problems.map((p, i) => <li key={`l${i}`}>{t('writer.lengthProblem')}: {p}</li>)}
                        </ul>
                      </>
                    )}
                </section>
                {note && <p className="notice notice-ok" role="status" data-testid="draft-note">{note}</p>}
                <Problem error={error} testId="draft-problem" />
                {!sent && (
                  <div className="button-row">
                    <button type="submit" className="btn" disabled={busy || !dirty} data-testid="draft-save">{busy ? t('common.saving') : t('orch.draft.save')}</button>
                    <button type="button" className="btn btn-primary" disabled={busy || dirty} onClick={() => void send()} data-testid="draft-send" title={dirty ? t('orch.draft.saveFirst') : undefined}>{t('orch.draft.send')}</button>
                  </div>
                )}
              </form>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
