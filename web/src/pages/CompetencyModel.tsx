// The competency model (docs/api/team.md): each competency's names, description and weighted
// evidence. Managers and admins edit, add and remove competencies and metrics (checked as they
// type), save a new version, reset to the default, then re-assess and see how scores moved.
// Reps may read the model (the API lets them) but not change it.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState, StateViews } from '../components/Async.tsx';
import { CompetencyEditor } from '../components/team/CompetencyEditor.tsx';
import { Reassess } from '../components/team/Reassess.tsx';
import { fromDraft, toDraft, uid, validateDraft, MAX_COMPETENCIES, type CompetencyModel as Model, type DraftCompetency } from '../components/team/modelDraft.ts';

const PERIODS = ['last-365d', 'last-90d'];

export default function CompetencyModel() {
  const { me } = useAuth();
  const { t, formatDateTime } = useI18n();
  const canEdit = me?.role === 'manager' || me?.role === 'admin';
  const model = useAsync((signal) => api<Model>('/api/v1/competency/model', { signal }), []);
  const [draft, setDraft] = useState<DraftCompetency[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [serverError, setServerError] = useState<ApiError | Error | null>(null);
  const [showIssues, setShowIssues] = useState(false);
  const [period, setPeriod] = useState(PERIODS[0]);
  const [saved, setSaved] = useState<Model | null>(null);

  const current = saved ?? model.data;
  useEffect(() => {
    if (current && !dirty) setDraft(toDraft(current));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);

  const issues = useMemo(() => validateDraft(draft ?? []), [draft]);
  const update = (next: DraftCompetency[]) => {
    setDraft(next);
    setDirty(true);
    setNotice(null);
  };

  const save = async () => {
    if (!draft) return;
    if (issues.count > 0) {
      setShowIssues(true);
      return;
    }
    setSaving(true);
    setServerError(null);
    try {
      const next = await api<Model>('/api/v1/competency/model', { method: 'PUT', body: { competencies: fromDraft(draft) } });
      setDirty(false);
      setSaved(next);
      setDraft(toDraft(next));
      setNotice(t('cm.saved', { version: next.version }));
    } catch (e) {
      setServerError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSaving(false);
    }
  };

  const reset = async () => {
    if (!window.confirm(t('cm.confirmReset'))) return;
    setSaving(true);
    setServerError(null);
    try {
      const next = await api<Model>('/api/v1/competency/model/reset', { method: 'POST' });
      setDirty(false);
      setSaved(next);
      setDraft(toDraft(next));
      setNotice(t('cm.resetDone', { version: next.version }));
    } catch (e) {
      setServerError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    if (current) setDraft(toDraft(current));
    setDirty(false);
    setShowIssues(false);
    setServerError(null);
  };

  const addCompetency = () => {
    if (!draft || !current) return;
    const metric = current.metrics[0]?.metric ?? 'win_rate';
    update([...draft, { uid: uid(), key: '', keyTouched: false, isNew: true, label: '', label_zh: '', description: '', metrics: [{ uid: uid(), metric, weight: '1', direction: 1 }] }]);
  };

  const state = pageState(model, model.data ? model.data.competencies.length === 0 : false);
  const problems = serverError instanceof ApiError ? serverError.problem.errors ?? [] : [];
  return (
    <section className="page" data-page="competency-model" data-state={state} aria-labelledby="cm-title">
      <header className="page-header">
        <div>
          <p className="breadcrumb"><Link to="/team">{t('team.title')}</Link></p>
          <h1 id="cm-title">{t('cm.title')}</h1>
          <p className="muted">{t('cm.subtitle')}</p>
          {current && <p className="muted small" data-testid="cm-version" data-version={current.version}>{current.version > 0 ? t('cm.version', { version: current.version, date: formatDateTime(current.updated_at) }) : t('cm.versionDefault')}</p>}
        </div>
        {canEdit && current && (
          <div className="button-row cm-actions">
            {dirty && <span className="chip chip-bad" role="status">{t('cm.unsaved')}</span>}
            <button type="button" className="btn" onClick={discard} disabled={!dirty || saving}>{t('cm.discard')}</button>
            <button type="button" className="btn" onClick={() => void reset()} disabled={saving} data-testid="cm-reset">{t('cm.reset')}</button>
            <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving || !dirty} data-testid="cm-save">{saving ? t('common.saving') : t('cm.save')}</button>
          </div>
        )}
      </header>
      <StateViews state={state} of={model} what="GET /api/v1/competency/model" />
      {state === 'empty' && <p className="muted">{t('state.noData')}</p>}
      {!canEdit && current && <p className="notice notice-info">{t('cm.readOnly')}</p>}
      {notice && <p className="notice notice-ok" role="status" data-testid="cm-notice">{notice}</p>}
      {serverError && (
        <div className="notice notice-error" role="alert" data-testid="cm-server-error">
          <strong>{problems.length ? t('cm.serverErrors') : serverError.message}</strong>
          {problems.length > 0 && (
            <ul className="problem-errors">
              {problems.map((p, i) => <li key={i}>{p.row != null ? `#${p.row + 1} ` : ''}{p.field ?? (p as { column?: string }).column ?? ''}: {p.reason}{p.value !== undefined ? ` (${JSON.stringify(p.value).slice(0, 60)})` : ''}</li>)}
            </ul>
          )}
        </div>
      )}
      {canEdit && showIssues && issues.count > 0 && (
        <div className="notice notice-error" role="alert" data-testid="cm-invalid">
          {t('cm.invalid', { count: issues.count })}
          {issues.model.length > 0 && <ul className="problem-errors">{issues.model.map((m) => <li key={m}>{t(m === 'none' ? 'cm.err.none' : 'cm.err.tooMany')}</li>)}</ul>}
        </div>
      )}
      {current && draft && (
        <>
          <div className="cm-list">
            {draft.map((c, i) => (
              <CompetencyEditor
                key={c.uid}
                comp={c}
                index={i}
                catalog={current.metrics}
                issues={showIssues || dirty ? issues.byCompetency.get(c.uid) : undefined}
                readOnly={!canEdit}
                onChange={(next) => update(draft.map((x) => (x.uid === c.uid ? next : x)))}
                onRemove={() => update(draft.filter((x) => x.uid !== c.uid))}
              />
            ))}
          </div>
          {canEdit && (
            <div className="button-row cm-add">
              <button type="button" className="btn" onClick={addCompetency} disabled={draft.length >= MAX_COMPETENCIES} data-testid="cm-add">+ {t('cm.addCompetency')}</button>
              {dirty && issues.count > 0 && <span className="form-error small" role="status">{t('cm.invalid', { count: issues.count })}</span>}
            </div>
          )}
          {canEdit && (
            <>
              <div className="form-row cm-period">
                <label className="field">
                  <span>{t('team.period')}</span>
                  <select value={period} onChange={(e) => setPeriod(e.target.value)}>
                    {PERIODS.map((p) => <option key={p} value={p}>{p}</option>)}
                  </select>
                </label>
              </div>
              <Reassess period={period} version={current.version} />
            </>
          )}
        </>
      )}
    </section>
  );
}
