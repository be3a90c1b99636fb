// Re-assess after a model change: the reps' stored scores (before) next to the scores a new
// assessment gives (after), per rep overall and per competency. Managers see their teams' reps,
// admins every team's.
import { useState } from 'react';
import { api, listAll, withQuery, type Team } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import { useAsync } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';

interface CardScore { competency: string; label: string; score: number | null; method?: string }
export interface TeamCard { user_id: string; name: string; overall: number | null; method: string; scores: CardScore[]; model?: { kind: string; supervised: SupervisedInfo[] } }
export interface SupervisedInfo { competency: string; rated_reps: number; used: boolean; cv_mae: number; rubric_mae: number; cv_spearman: number }
export interface AssessResult { period: string; assessed: number; method: string; seconds: number; data: { user_id: string; name: string; overall: number | null }[] }

/** Scorecards of the reps in the teams the user may see (a manager's own teams; an admin's all). */
export async function loadTeamCards(meId: string, role: string, period: string, signal?: AbortSignal): Promise<TeamCard[]> {
  const teams = (await listAll<Team>('/api/v1/teams', {}, signal)).filter((x) => role === 'admin' || x.manager_id === meId);
  const pages = await Promise.all(teams.map((x) => api<{ data: TeamCard[] }>(withQuery(`/api/v1/competency/team/${x.id}`, { period }), { signal })));
  return pages.flatMap((p) => p.data).sort((a, b) => a.name.localeCompare(b.name));
}

interface Comparison { result: AssessResult; before: Map<string, TeamCard>; after: TeamCard[] }

export function Reassess({ period, version }: { period: string; version: number }) {
  const { me } = useAuth();
  const { t, tOr, formatNumber } = useI18n();
  const baseline = useAsync((signal) => loadTeamCards(me!.id, me!.role, period, signal), [me?.id, period]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cmp, setCmp] = useState<Comparison | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const before = new Map((cmp?.after ?? baseline.data ?? []).map((c) => [c.user_id, c]));
      const result = await api<AssessResult>('/api/v1/competency/assess', { method: 'POST', body: { period } });
      const after = await loadTeamCards(me!.id, me!.role, period);
      setCmp({ result, before, after });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };

  const delta = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : b - a);
  const signed = (d: number | null) => (d == null ? '—' : d > 0 ? `+${formatNumber(d)}` : d < 0 ? `−${formatNumber(-d)}` : '0');
  const rows = cmp?.after ?? baseline.data ?? [];
  const changedReps = cmp ? cmp.after.filter((c) => {
    const d = delta(cmp.before.get(c.user_id)?.overall, c.overall);
    return d !== null && d !== 0;
  }).length : 0;
  return (
    <section className="card" aria-labelledby="cm-assess-title" data-testid="cm-reassess">
      <div className="card-header">
        <h2 id="cm-assess-title">{t('cm.assessTitle')}</h2>
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running || !baseline.data} data-testid="cm-assess">
          {running ? t('cm.assessing') : t('cm.assess')}
        </button>
      </div>
      <p className="muted small">{t('cm.assessHint')} <span className="chip">v{version}</span> <span className="chip">{period}</span></p>
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      {cmp && (
        <p className="notice notice-ok" role="status" data-testid="cm-assess-result">
          {t('cm.assessed', { count: cmp.result.assessed, seconds: cmp.result.seconds, method: tOr(`cm.method.${cmp.result.method}`, cmp.result.method) })}{' '}
          <strong data-testid="cm-changed-count" data-changed={changedReps}>{t('cm.changedSummary', { changed: changedReps, total: cmp.after.length })}</strong>
        </p>
      )}
      <AsyncBlock state={baseline} what="GET /api/v1/competency/team/:team_id" isEmpty={(d) => d.length === 0} empty={t('cm.noReps')} testId="cm-scores">
        {() => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="cm-scores-table">
              <thead>
                <tr>
                  <th scope="col">{t('rt.rep')}</th>
                  <th scope="col">{cmp ? t('cm.before') : t('team.overall')}</th>
                  {cmp && <th scope="col">{t('cm.after')}</th>}
                  {cmp && <th scope="col">{t('cm.change')}</th>}
                  {cmp && <th scope="col">{t('cm.changedComps')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => {
                  const before = cmp?.before.get(c.user_id);
                  const d = cmp ? delta(before?.overall, c.overall) : null;
                  const changes = cmp ? c.scores.map((s) => {
                    const old = before?.scores.find((x) => x.competency === s.competency);
                    return { label: s.label, d: old ? delta(old.score, s.score) : null, isNew: !old };
                  }).filter((x) => x.isNew || (x.d != null && x.d !== 0)) : [];
                  return (
                    <tr key={c.user_id} data-rep={c.user_id}>
                      <td>{c.name}</td>
                      <td>{formatNumber(cmp ? before?.overall : c.overall)}</td>
                      {cmp && <td><strong>{formatNumber(c.overall)}</strong></td>}
                      {cmp && <td className={d == null || d === 0 ? '' : d > 0 ? 'pos' : 'neg'} data-testid="cm-delta">{signed(d)}</td>}
                      {cmp && <td className="small">{changes.length === 0 ? '—' : changes.map((x) => `${x.label} ${x.isNew ? '✚' : signed(x.d)}`).join(' · ')}</td>}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </AsyncBlock>
    </section>
  );
}
