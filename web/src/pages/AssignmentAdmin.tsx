// Lead-assignment administration: each rep's rules (capacity, quota, territories, languages,
// products, hours, absences, accepting), the learning policy, the unassigned leads with the rep
// that would get each and why, the log with the "why", and the off-policy evaluation.
// docs/api/lead-assignment.md; managers see and edit their teams' reps, only admins change the policy.
import { useState } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { pageState } from '../components/Async.tsx';
import { Loading } from '../components/States.tsx';
import { RepProfiles, type Profile } from '../components/admin/RepProfiles.tsx';
import { PolicyCard, type PolicyInfo } from '../components/admin/PolicyCard.tsx';
import { AssignmentQueue } from '../components/admin/AssignmentQueue.tsx';
import { AssignmentLog } from '../components/admin/AssignmentLog.tsx';
import { PolicyEvaluation } from '../components/admin/PolicyEvaluation.tsx';

export default function AssignmentAdmin() {
  const { me } = useAuth();
  const { t } = useI18n();
  const profiles = useAsync((signal) => api<{ data: Profile[] }>('/api/v1/assignment/profiles', { signal }).then((r) => r.data), []);
  const policy = useAsync((signal) => api<PolicyInfo>('/api/v1/assignment/policy', { signal }), []);
  const [nonce, setNonce] = useState(0);
  const canEdit = me?.role === 'admin' || me?.role === 'manager';
  // The queue's previews (one transaction per lead), the evaluation and the log start once the rules are on screen.
  const started = profiles.data !== undefined || profiles.error != null;
  return (
    <section className="page" data-page="assignment" data-state={pageState(profiles)} aria-labelledby="asg-title">
      <header className="page-header">
        <div>
          <h1 id="asg-title">{t('asg.title')}</h1>
          <p className="muted">{t('asg.subtitle')}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="asg-queue">
        <h2 id="asg-queue">{t('asg.queue')}</h2>
        {!started ? <Loading /> : <AssignmentQueue onAssigned={() => { setNonce((n) => n + 1); profiles.reload(); policy.reload(); }} />}
      </section>
      <section className="card" aria-labelledby="asg-profiles">
        <h2 id="asg-profiles">{t('asg.profiles')}</h2>
        <p className="muted small">{t('asg.profilesHelp')}</p>
        <RepProfiles state={profiles} canEdit={canEdit} />
      </section>
      <div className="grid-2 asg-grid">
        <section className="card" aria-labelledby="asg-policy">
          <h2 id="asg-policy">{t('asg.policy')}</h2>
          <PolicyCard state={policy} isAdmin={me?.role === 'admin'} reps={profiles.data ?? []} />
        </section>
        <section className="card" aria-labelledby="asg-eval">
          <h2 id="asg-eval">{t('asg.evaluation')}</h2>
          <p className="muted small">{t('asg.evaluationHelp')}</p>
          {started ? <PolicyEvaluation nonce={nonce} /> : <Loading />}
        </section>
      </div>
      <section className="card" aria-labelledby="asg-log">
        <h2 id="asg-log">{t('asg.log')}</h2>
        {started ? <AssignmentLog nonce={nonce} /> : <Loading />}
      </section>
    </section>
  );
}
