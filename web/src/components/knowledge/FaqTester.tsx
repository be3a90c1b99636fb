// The FAQ tab: admins and managers train the router (FaqTrainer: CSV upload, training report);
// everyone tests questions against it (POST /api/v1/faq/route) and sees the top intents with
// their scores, the matching article, and "none fits" when the router abstains.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n.tsx';
import { isUnavailable, Unavailable } from '../Async.tsx';
import { ErrorState } from '../States.tsx';
import { FaqTrainer } from './FaqTrainer.tsx';

interface Route { intent: string; article_id: string | null; title: string | null; score: number; none_fits: boolean; top5: { intent: string; score: number }[]; model_version?: number }

export function FaqTester() {
  const { me } = useAuth();
  const { t, formatPercent } = useI18n();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Route | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const route = async (question: string) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api<Route>('/api/v1/faq/route', { method: 'POST', body: { question } }));
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const run = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) void route(q.trim());
  };
  return (
    <div data-testid="faq-tester">
      {me && me.role !== 'rep' ? <FaqTrainer onTrained={() => { if (result && q.trim()) void route(q.trim()); }} /> : <p className="muted small">{t('faqt.repNote')}</p>}
      <h3>{t('faqt.test')}</h3>
      <form className="form-row" onSubmit={run}>
        <label className="field grow"><span>{t('kb.faqQuestion')}</span><input value={q} onChange={(e) => setQ(e.target.value)} data-testid="faq-input" /></label>
        <button type="submit" className="btn btn-primary" disabled={busy || !q.trim()}>{t('kb.route')}</button>
      </form>
      {error != null && (isUnavailable(error) ? <Unavailable what="POST /api/v1/faq/route" /> : <ErrorState error={error} />)}
      {result && (
        <div className="card faq-result" data-testid="faq-result" data-none-fits={result.none_fits}>
          {result.none_fits && <p className="notice notice-info" data-testid="faq-none-fits">{t('kb.noneFits')}</p>}
          <dl className="fields">
            <div className="field-row"><dt>{t('kb.intent')}</dt><dd><strong data-testid="faq-intent">{result.intent}</strong> ({formatPercent(result.score)})</dd></div>
            <div className="field-row"><dt>{t('kb.article')}</dt><dd>{result.title ?? '—'}</dd></div>
          </dl>
          <h4>{t('kb.top5')}</h4>
          <table className="table table-compact faq-top">
            <thead><tr><th scope="col">{t('faqt.rank')}</th><th scope="col">{t('kb.intent')}</th><th scope="col">{t('faqt.score')}</th></tr></thead>
            <tbody>
              {result.top5.map((x, i) => (
                <tr key={x.intent}>
                  <td>{i + 1}</td>
                  <th scope="row">{x.intent}</th>
                  <td><span className="faq-bar" aria-hidden="true"><span style={{ width: `${Math.round(Math.max(0, Math.min(1, x.score)) * 100)}%` }} /></span> {formatPercent(x.score, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.model_version != null && <p className="muted small">{t('faqt.routeVersion', { version: result.model_version })}</p>}
        </div>
      )}
    </div>
  );
}
