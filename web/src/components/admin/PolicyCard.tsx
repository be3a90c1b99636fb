// The active assignment policy and its parameters (GET /api/v1/assignment/policy); admins choose
// another policy, its numeric parameters and the fairness floor (PUT /api/v1/assignment/policy).
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import type { AsyncState } from '../../useAsync.ts';
import { AsyncBlock } from '../Async.tsx';
import { ErrorState } from '../States.tsx';
import type { Profile } from './RepProfiles.tsx';

export interface PolicyInfo {
  policy: string;
  params: Record<string, unknown>;
  version: number;
  updated_at: string | null;
  fairness: { min_share: number; learning_leads: number };
  available: string[];
  outcomes_applied: number;
}

/** The numeric parameters each policy takes, with their documented defaults (docs/api/lead-assignment.md). */
const PARAMS: Record<string, [string, number][]> = {
  ucb1: [['c', 1.414]],
  thompson: [['priorWins', 0.5], ['priorLosses', 0.5], ['propensityDraws', 200]],
  'thompson-revenue': [['propensityDraws', 200]],
  'contextual-thompson': [['propensityDraws', 200]],
  linucb: [['alpha', 0.5], ['ridge', 10], ['propensityDraws', 200]],
  'epsilon-greedy': [['epsilon', 0.1]],
};

export function PolicyCard({ state, isAdmin, reps }: { state: AsyncState<PolicyInfo>; isAdmin: boolean; reps: Profile[] }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  return (
    <AsyncBlock state={state} what="GET /api/v1/assignment/policy" testId="policy">
      {(p) => (
        <>
          <p className="muted small" data-testid="policy-version">
            <strong>{p.policy}</strong> · {t('asg.version', { version: p.version, when: formatDateTime(p.updated_at) })} · {t('asg.outcomes', { count: formatNumber(p.outcomes_applied) })}
          </p>
          {isAdmin ? <PolicyForm key={`${p.version}`} info={p} reps={reps} onSaved={state.reload} /> : (
            <>
              <dl className="fields">
                <div className="field-row"><dt>{t('asg.params')}</dt><dd><code>{JSON.stringify(p.params)}</code></dd></div>
                <div className="field-row"><dt>{t('asg.minShare')}</dt><dd>{p.fairness.min_share}</dd></div>
                <div className="field-row"><dt>{t('asg.learningLeads')}</dt><dd>{p.fairness.learning_leads}</dd></div>
              </dl>
              <p className="muted small">{t('asg.adminOnly')}</p>
            </>
          )}
        </>
      )}
    </AsyncBlock>
  );
}

function PolicyForm({ info, reps, onSaved }: { info: PolicyInfo; reps: Profile[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [policy, setPolicy] = useState(info.policy);
  const [values, setValues] = useState<Record<string, string>>({});
  const [weights, setWeights] = useState<Record<string, string>>({});
  const [minShare, setMinShare] = useState(String(info.fairness.min_share));
  const [learning, setLearning] = useState(String(info.fairness.learning_leads));
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The stored parameters when the stored policy is chosen, empty (= defaults) otherwise.
    const same = policy === info.policy;
    const v: Record<string, string> = {};
    for (const [k] of PARAMS[policy] ?? []) if (same && typeof info.params[k] === 'number') v[k] = String(info.params[k]);
    setValues(v);
    const w = same && info.params.weights && typeof info.params.weights === 'object' ? info.params.weights as Record<string, number> : {};
    setWeights(Object.fromEntries(Object.entries(w).map(([k, x]) => [k, String(x)])));
  }, [policy, info]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const params: Record<string, unknown> = {};
      for (const [k] of PARAMS[policy] ?? []) if (values[k]?.trim()) params[k] = Number(values[k]);
      if (policy === 'weighted-rotation') {
        const w = Object.fromEntries(Object.entries(weights).filter(([, x]) => x.trim() !== '' && Number(x) > 0).map(([k, x]) => [k, Number(x)]));
        if (Object.keys(w).length) params.weights = w;
      }
      const r = await api<PolicyInfo>('/api/v1/assignment/policy', { method: 'PUT', body: { policy, params, fairness: { min_share: Number(minShare), learning_leads: Number(learning) } } });
      setNote(t('asg.policySaved', { policy: r.policy, version: r.version }));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="policy-form">
      {note && <p className="notice notice-ok" role="status">{note}</p>}
      {error != null && <ErrorState error={error} />}
      <div className="form-grid">
        <label className="field"><span>{t('asg.policyName')}</span>
          <select value={policy} onChange={(e) => setPolicy(e.target.value)} data-testid="policy-select">
            {info.available.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
        {(PARAMS[policy] ?? []).map(([k, def]) => (
          <label className="field" key={k}><span>{k}</span>
            <input type="number" step="any" min={0} max={k === 'epsilon' ? 1 : undefined} value={values[k] ?? ''} placeholder={`${t('asg.paramDefault')}: ${def}`} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} data-testid={`param-${k}`} />
          </label>
        ))}
        {policy === 'weighted-rotation' && reps.map((r) => (
          <label className="field" key={r.user_id}><span>{r.name}</span>
            <input type="number" step="any" min={0} value={weights[r.user_id] ?? ''} placeholder="1" onChange={(e) => setWeights((w) => ({ ...w, [r.user_id]: e.target.value }))} />
          </label>
        ))}
        <label className="field"><span>{t('asg.minShare')}</span><input type="number" step="any" min={0} max={1} value={minShare} onChange={(e) => setMinShare(e.target.value)} /></label>
        <label className="field"><span>{t('asg.learningLeads')}</span><input type="number" step={1} min={0} value={learning} onChange={(e) => setLearning(e.target.value)} /></label>
      </div>
      <p className="muted small">{t('asg.policyHelp')}</p>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="policy-save">{t('asg.savePolicy')}</button>
    </form>
  );
}
