// Writer templates: the email templates users manage, with {{variables}} from the API's fixed list
// (GET/POST/PATCH/DELETE /api/v1/writer/templates, docs/api/writer-calls.md). The editor previews
// which variables a template uses and flags unknown ones before the API rejects them; reps may
// change only the templates they created.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState, StateViews } from '../components/Async.tsx';
import { Problem, attempt } from '../components/orchestrate/Problem.tsx';
import { SubNav, WRITER_NAV } from '../components/orchestrate/SubNav.tsx';
import { splitTags, TEMPLATE_KINDS, TEMPLATE_VARIABLES, variablesUsed } from '../components/orchestrate/templateVars.ts';
import { EditDeleteActions } from '../components/orchestrate/EditDeleteActions.tsx';

export interface Template { id: string; name: string; kind: string; language: string; subject: string; body: string; variables: string[]; created_by: string | null; created_at: string; updated_at: string }

type FormState = { id: string | null; name: string; kind: string; language: string; subject: string; body: string };
const BLANK: FormState = { id: null, name: '', kind: 'follow_up', language: 'en', subject: '', body: '' };

export default function WriterTemplates() {
  const { me } = useAuth();
  const { t, tOr, formatDateTime } = useI18n();
  const templates = useAsync((signal) => api<{ data: Template[] }>('/api/v1/writer/templates', { signal }).then((r) => r.data), []);
  const [form, setForm] = useState<FormState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const used = useMemo(() => (form ? variablesUsed(form.subject, form.body) : []), [form]);
  const unknown = used.filter((v) => !v.known);
  const mayEdit = (x: Template) => me?.role !== 'rep' || x.created_by === me?.id;

  const set = (patch: Partial<FormState>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const insert = (name: string) => {
    if (!form) return;
    const el = bodyRef.current;
    const tag = `{{${name}}}`;
    const at = el ? el.selectionStart : form.body.length;
    const end = el ? el.selectionEnd : form.body.length;
    set({ body: form.body.slice(0, at) + tag + form.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + tag.length, at + tag.length);
    });
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setNote(null);
    const body = { name: form.name.trim(), kind: form.kind, language: form.language, subject: form.subject, body: form.body };
    const saved = await attempt(setBusy, setError, () => (form.id
      ? api<Template>(`/api/v1/writer/templates/${form.id}`, { method: 'PATCH', body })
      : api<Template>('/api/v1/writer/templates', { method: 'POST', body })));
    if (saved) {
      setNote(t(form.id ? 'orch.tpl.updated' : 'orch.tpl.created', { name: saved.name }));
      setForm(null);
      templates.reload();
    }
  };
  const remove = async (x: Template) => {
    setNote(null);
    const ok = await attempt(setBusy, setError, () => api(`/api/v1/writer/templates/${x.id}`, { method: 'DELETE' }).then(() => true));
    setConfirming(null);
    if (ok) {
      setNote(t('orch.tpl.deleted', { name: x.name }));
      if (form?.id === x.id) setForm(null);
      templates.reload();
    }
  };

  const state = pageState(templates, templates.data?.length === 0 && !form);
  return (
    <section className="page" data-page="writer-templates" data-state={state} aria-labelledby="tpl-title">
      <header className="page-header">
        <div>
          <h1 id="tpl-title">{t('orch.tpl.title')}</h1>
          <p className="muted">{t('orch.tpl.subtitle')}</p>
        </div>
        {state !== 'unavailable' && !form && <button type="button" className="btn btn-primary" onClick={() => { setError(null); setForm({ ...BLANK }); }} data-testid="template-new">{t('orch.tpl.new')}</button>}
      </header>
      <SubNav label="orch.writer.nav" items={WRITER_NAV} />
      {note && <p className="notice notice-ok" role="status">{note}</p>}
      {!form && <Problem error={error} />}
      {form && (
        <form className="card orch-editor" onSubmit={(e) => void save(e)} data-testid="template-form" aria-labelledby="tpl-form-title">
          <h2 id="tpl-form-title">{form.id ? t('orch.tpl.edit', { name: form.name }) : t('orch.tpl.new')}</h2>
          <div className="form-row">
            <label className="field grow"><span>{t('common.name')}</span><input value={form.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} data-testid="template-name" /></label>
            <label className="field"><span>{t('writer.kind')}</span>
              <select value={form.kind} onChange={(e) => set({ kind: e.target.value })}>
                {TEMPLATE_KINDS.map((k) => <option key={k} value={k}>{tOr(`writer.kind.${k}`, t('orch.tpl.kind.marketing_copy'))}</option>)}
              </select>
            </label>
            <label className="field"><span>{t('common.language')}</span>
              <select value={form.language} onChange={(e) => set({ language: e.target.value })}>
                <option value="en">{t('lang.en')}</option>
                <option value="zh">{t('lang.zh')}</option>
              </select>
            </label>
          </div>
          <div className="orch-editor-grid">
            <div>
              <label className="field"><span>{t('writer.subject')}</span><input value={form.subject} onChange={(e) => set({ subject: e.target.value })} required maxLength={500} data-testid="template-subject" /></label>
              <label className="field"><span>{t('orch.tpl.body')}</span>
                <textarea ref={bodyRef} value={form.body} onChange={(e) => set({ body: e.target.value })} required rows={12} maxLength={20000} data-testid="template-body" />
              </label>
              <p className="muted small">{t('orch.tpl.syntax')}</p>
            </div>
            <aside className="orch-preview" aria-labelledby="tpl-vars-title" data-testid="template-preview">
              <h3 id="tpl-vars-title">{t('orch.tpl.variablesUsed')}</h3>
              {used.length === 0 ? <p className="muted small">{t('orch.tpl.noVariables')}</p> : (
                <ul className="chip-list" data-testid="template-variables">
                  {used.map((v) => <li key={v.name} className={`chip ${v.known ? 'chip-ok' : 'chip-bad'}`} data-variable={v.name} data-known={v.known}>{v.name}{v.count > 1 ? ` ×${v.count}` : ''}{!v.known && ` · ${t('orch.tpl.unknown')}`}</li>)}
                </ul>
              )}
              {unknown.length > 0 && <p className="notice notice-error small" role="status">{t('orch.tpl.unknownHint', { names: unknown.map((v) => v.name).join(', ') })}</p>}
              <h3>{t('orch.tpl.preview')}</h3>
              <div className="template-preview">
                <p><strong>{t('writer.subject')}:</strong> <Tagged text={form.subject} /></p>
                <div className="draft-body"><Tagged text={form.body} /></div>
              </div>
              <details>
                <summary>{t('orch.tpl.insert')}</summary>
                <div className="chip-list">
                  {TEMPLATE_VARIABLES.map((v) => <button key={v} type="button" className="chip chip-btn" onClick={() => insert(v)}>{v}</button>)}
                </div>
              </details>
            </aside>
          </div>
          <Problem error={error} />
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy || !form.name.trim() || !form.subject.trim() || !form.body.trim()} data-testid="template-save">{busy ? t('common.saving') : t('common.save')}</button>
            <button type="button" className="btn" onClick={() => { setForm(null); setError(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <StateViews state={state} of={templates} what="GET /api/v1/writer/templates" empty={t('orch.tpl.empty')} />
      {templates.data && templates.data.length > 0 && (
        <div className="card table-scroll">
          <table className="table" data-testid="templates-table">
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th><th scope="col">{t('writer.kind')}</th><th scope="col">{t('common.language')}</th>
                <th scope="col">{t('writer.subject')}</th><th scope="col">{t('orch.tpl.variables')}</th><th scope="col">{t('orch.updated')}</th>
                <th scope="col"><span className="sr-only">{t('orch.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {templates.data.map((x) => (
                <tr key={x.id} data-template-id={x.id}>
                  <td><strong>{x.name}</strong></td>
                  <td>{tOr(`writer.kind.${x.kind}`, x.kind === 'marketing_copy' ? t('orch.tpl.kind.marketing_copy') : x.kind)}</td>
                  <td>{tOr(`lang.${x.language}`, x.language)}</td>
                  <td className="cell-clip">{x.subject}</td>
                  <td>{x.variables.length ? x.variables.map((v) => <span key={v} className="chip chip-ok">{v}</span>) : '—'}</td>
                  <td>{formatDateTime(x.updated_at)}</td>
                  <td className="cell-actions">
                    {mayEdit(x) && (
                      <EditDeleteActions name={x.name} confirming={confirming === x.id} busy={busy}
                        onEdit={() => { setError(null); setNote(null); setForm({ id: x.id, name: x.name, kind: x.kind, language: x.language, subject: x.subject, body: x.body }); }}
                        onAskDelete={() => setConfirming(x.id)} onDelete={() => void remove(x)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Tagged({ text }: { text: string }) {
  return <>{splitTags(text).map((p, i) => (p.tag ? <mark key={i} className={`var-tag ${p.known ? '' : 'var-unknown'}`}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
