// Manager ratings (docs/api/team.md): a manager rates each of their reps per competency (0–100),
// sees the rep's ratings so far, and whether the supervised scorer is used for each competency
// with its cross-validated accuracy (from the assessment's `model`), re-assessing on demand.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, listAll, withQuery, type Team as TeamRow } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState, StateViews } from '../components/Async.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import type { CompetencyModel } from '../components/team/modelDraft.ts';
import type { AssessResult, SupervisedInfo, TeamCard } from '../components/team/Reassess.tsx';

interface Rating { id: string; user_id: string; competency: string; period: string; rating: number; rated_by: string; created_at: string }

/** Reps' ratings are needed before a supervised model is fitted (src/modules/competency/supervised.ts). */
const MIN_RATED_REPS = 8;

export default function Ratings() {
  const { me, users } = useAuth();
  const { t, tOr, locale, formatDecimal, formatDateTime, formatNumber } = useI18n();
  const teams = useAsync((signal) => (me?.role === 'manager' ? listAll<TeamRow>('/api/v1/teams', {}, signal) : Promise.resolve([] as TeamRow[])), [me?.id]);
  const reps = useMemo(() => {
    const managed = new Set((teams.data ?? []).filter((x) => x.manager_id === me?.id).map((x) => x.id));
    return [...users.values()]
      .filter((u) => u.role === 'rep' && u.active && (me?.role !== 'manager' || (u.team_id != null && managed.has(u.team_id))))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [users, teams.data, me]);
  const [picked, setPicked] = useState('');
  const repId = picked || reps[0]?.id || '';
  const rep = reps.find((r) => r.id === repId);
  const model = useAsync((signal) => api<CompetencyModel>('/api/v1/competency/model', { signal }), []);
  const ratings = useAsync((signal) => api<{ data: Rating[] }>('/api/v1/competency/ratings', { signal }), []);
  const card = useAsync((signal) => (repId ? api<TeamCard>(`/api/v1/competency/reps/${repId}`, { signal }) : Promise.resolve(null)), [repId]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [assessing, setAssessing] = useState(false);
  const [assessed, setAssessed] = useState<AssessResult | null>(null);

  const waiting = users.size === 0 || (me?.role === 'manager' && !teams.data);
  const compName = (c: { key: string; label: string; label_zh?: string }) => (locale === 'zh' && c.label_zh) || c.label;
  const nameOf = (id: string) => users.get(id)?.name ?? id.slice(0, 8);
  const mine = (ratings.data?.data ?? []).filter((r) => r.user_id === repId);
  const latest = (competency: string) => mine.find((r) => r.competency === competency);
  const ratedReps = useMemo(() => {
    const m = new Map<string, Set<string>>();
    for (const r of ratings.data?.data ?? []) (m.get(r.competency) ?? m.set(r.competency, new Set()).get(r.competency)!).add(r.user_id);
    return m;
  }, [ratings.data]);

  const bad = Object.entries(values).filter(([, v]) => v.trim() !== '' && !(Number(v) >= 0 && Number(v) <= 100));
  const save = async () => {
    const entries = Object.entries(values).filter(([, v]) => v.trim() !== '');
    setNotice(null);
    if (entries.length === 0) return setFormError(t('rt.nothing'));
    if (bad.length) return setFormError(t('rt.err.range'));
    setFormError(null);
    setSaving(true);
    try {
      for (const [competency, v] of entries) {
        await api('/api/v1/competency/ratings', { method: 'POST', body: { user_id: repId, competency, rating: Number(v) } });
      }
      setValues({});
      setNotice(t('rt.saved', { count: entries.length }));
      ratings.reload();
    } catch (e) {
      setFormError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const reassess = async () => {
    setAssessing(true);
    setFormError(null);
    try {
      setAssessed(await api<AssessResult>('/api/v1/competency/assess', { method: 'POST', body: {} }));
      card.reload();
    } catch (e) {
      setFormError(e instanceof Error ? e.message : String(e));
    } finally {
      setAssessing(false);
    }
  };

  const state = waiting ? 'loading' : pageState(model, reps.length === 0);
  const supervised: SupervisedInfo[] = card.data?.model?.supervised ?? [];
  const used = supervised.filter((s) => s.used);
  const comps = model.data?.competencies ?? [];
  const labelOfKey = (key: string) => {
    const c = comps.find((x) => x.key === key);
    return c ? compName(c) : key;
  };
  return (
    <section className="page" data-page="competency-ratings" data-state={state} aria-labelledby="rt-title">
      <header className="page-header">
        <div>
          <p className="breadcrumb"><Link to="/team">{t('team.title')}</Link></p>
          <h1 id="rt-title">{t('rt.title')}</h1>
          <p className="muted">{t('rt.subtitle')}</p>
        </div>
        {reps.length > 0 && (
          <label className="field">
            <span>{t('rt.rep')}</span>
            <select value={repId} onChange={(e) => { setPicked(e.target.value); setValues({}); setNotice(null); }} data-testid="rt-rep">
              {reps.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </label>
        )}
      </header>
      <StateViews state={state} of={model} what="GET /api/v1/competency/model" />
      {state === 'empty' && <p className="muted">{t('rt.noReps')}</p>}
      {state === 'ready' && rep && (
        <div className="rt-grid">
          <section className="card" aria-labelledby="rt-form-title">
            <h2 id="rt-form-title">{rep.name}</h2>
            {notice && <p className="notice notice-ok" role="status" data-testid="rt-notice">{notice}</p>}
            {formError && <p className="notice notice-error" role="alert">{formError}</p>}
            <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
              <table className="table table-compact" data-testid="rt-table">
                <thead>
                  <tr><th scope="col">{t('rt.competency')}</th><th scope="col">{t('rt.score')}</th><th scope="col">{t('rt.latest')}</th><th scope="col">{t('rt.newRating')}</th></tr>
                </thead>
                <tbody>
                  {comps.map((c) => {
                    const score = card.data?.scores.find((s) => s.competency === c.key);
                    const last = latest(c.key);
                    const v = values[c.key] ?? '';
                    const invalid = v.trim() !== '' && !(Number(v) >= 0 && Number(v) <= 100);
                    return (
                      <tr key={c.key} data-competency={c.key}>
                        <th scope="row">{compName(c)}</th>
                        <td>{card.data ? <>{formatNumber(score?.score)} <span className="muted small">{score?.method ? tOr(`cm.method.${score.method}`, score.method) : ''}</span></> : card.error ? '—' : '…'}</td>
                        <td>{last ? <>{formatNumber(last.rating)} <span className="muted small">{formatDateTime(last.created_at)}</span></> : '—'}</td>
                        <td>
                          <input type="number" min={0} max={100} step={1} inputMode="numeric" className="rt-input" value={v}
                            aria-label={t('rt.ratingFor', { rep: rep.name, competency: compName(c) })} aria-invalid={invalid || undefined}
                            onChange={(e) => setValues((s) => ({ ...s, [c.key]: e.target.value }))} data-testid="rt-input" />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="button-row">
                <button type="submit" className="btn btn-primary" disabled={saving || bad.length > 0} data-testid="rt-save">{saving ? t('common.saving') : t('rt.save')}</button>
              </div>
            </form>
            <h3>{t('rt.history', { rep: rep.name })}</h3>
            <AsyncBlock state={ratings} what="GET /api/v1/competency/ratings" isEmpty={() => mine.length === 0} empty={t('rt.noHistory')} testId="rt-history">
              {() => (
                <table className="table table-compact" data-testid="rt-history">
                  <thead><tr><th scope="col">{t('kg.date')}</th><th scope="col">{t('rt.competency')}</th><th scope="col">{t('common.value')}</th><th scope="col">{t('rt.by')}</th></tr></thead>
                  <tbody>{mine.slice(0, 30).map((r) => <tr key={r.id}><td>{formatDateTime(r.created_at)}</td><td>{labelOfKey(r.competency)}</td><td>{formatNumber(r.rating)}</td><td>{nameOf(r.rated_by)}</td></tr>)}</tbody>
                </table>
              )}
            </AsyncBlock>
          </section>
          <aside className="card" aria-labelledby="rt-model-title" data-testid="rt-model">
            <h2 id="rt-model-title">{t('rt.modelTitle')}</h2>
            {card.data ? (
              <p data-testid="rt-mode" data-mode={used.length ? 'supervised' : 'rubric'}>
                <strong>{used.length ? t('rt.modeSupervised', { list: used.map((s) => labelOfKey(s.competency)).join(', ') }) : t('rt.modeRubric')}</strong>
              </p>
            ) : card.error ? <ErrorState error={card.error} onRetry={card.reload} /> : <Loading />}
            {assessed && <p className="small" role="status" data-testid="rt-assessed">{t('rt.lastAssess', { method: tOr(`cm.method.${assessed.method}`, assessed.method), count: assessed.assessed })}</p>}
            <p className="muted small">{t('rt.needs', { min: MIN_RATED_REPS })}</p>
            <div className="table-scroll">
            <table className="table table-compact" data-testid="rt-models">
              <thead>
                <tr><th scope="col">{t('rt.competency')}</th><th scope="col">{t('rt.ratedReps')}</th><th scope="col">{t('rt.used')}</th><th scope="col">{t('rt.cvMae')}</th><th scope="col">{t('rt.rubricMae')}</th><th scope="col">{t('rt.cvSpearman')}</th></tr>
              </thead>
              <tbody>
                {comps.map((c) => {
                  const s = supervised.find((x) => x.competency === c.key);
                  return (
                    <tr key={c.key} data-competency={c.key} data-fitted={s ? 'true' : 'false'}>
                      <th scope="row">{compName(c)}</th>
                      <td>{formatNumber(s?.rated_reps ?? ratedReps.get(c.key)?.size ?? 0)} / {MIN_RATED_REPS}</td>
                      <td>{s ? (s.used ? t('common.yes') : t('common.no')) : '—'}</td>
                      <td>{s ? formatDecimal(s.cv_mae, 1) : '—'}</td>
                      <td>{s ? formatDecimal(s.rubric_mae, 1) : '—'}</td>
                      <td>{s ? formatDecimal(s.cv_spearman, 2) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </div>
            <button type="button" className="btn" onClick={() => void reassess()} disabled={assessing} data-testid="rt-reassess">{assessing ? t('cm.assessing') : t('rt.reassess')}</button>
          </aside>
        </div>
      )}
    </section>
  );
}
