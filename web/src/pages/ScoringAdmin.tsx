// Lead-score administration: the grade-A rule of the active model (capacity, precision or recall
// target) with a preview of each choice, and the model versions with activation (admins).
// docs/api/lead-scoring.md.
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState, soft } from '../components/Async.tsx';
import { ModelVersions, type ScoringModel } from '../components/admin/ModelVersions.tsx';
import { ThresholdTuner, type ActiveReport } from '../components/admin/ThresholdTuner.tsx';

export default function ScoringAdmin() {
  const { me } = useAuth();
  const { t } = useI18n();
  const models = useAsync((signal) => api<{ data: ScoringModel[] }>('/api/v1/lead-scoring/models', { signal }).then((r) => r.data), []);
  // 404 = no active model: the tuner says so instead of failing.
  const active = useAsync((signal) => soft<ActiveReport>('/api/v1/lead-scoring/model', signal), [models.data?.find((m) => m.active)?.version ?? null]);
  return (
    <section className="page" data-page="scoring" data-state={pageState(models, models.data?.length === 0)} aria-labelledby="scoring-title">
      <header className="page-header">
        <div>
          <h1 id="scoring-title">{t('scoring.title')}</h1>
          <p className="muted">{t('scoring.subtitle')}</p>
        </div>
      </header>
      <section className="card" aria-labelledby="scoring-rule">
        <h2 id="scoring-rule">{t('scoring.rule')}{active.data ? ` — v${active.data.version}` : ''}</h2>
        <AsyncBlock state={active} what="GET /api/v1/lead-scoring/model" isEmpty={(r) => r === null} empty={t('scoring.noActive')} testId="active-model">
          {(r) => r && <ThresholdTuner key={r.version} report={r} onApplied={() => { models.reload(); active.reload(); }} />}
        </AsyncBlock>
      </section>
      <section className="card" aria-labelledby="scoring-models">
        <h2 id="scoring-models">{t('scoring.models')}</h2>
        <ModelVersions state={models} isAdmin={me?.role === 'admin'} onActivated={() => undefined} />
      </section>
    </section>
  );
}
