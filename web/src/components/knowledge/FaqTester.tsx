// The FAQ tester: route a customer question to an FAQ intent (POST /api/v1/faq/route), with the
// top 5 intents and whether the router abstains.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.tsx';
import { isUnavailable, Unavailable } from '../Async.tsx';
import { ErrorState } from '../States.tsx';

interface Route { intent: string; article_id: string | null; title: string | null; score: number; none_fits: boolean; top5: { intent: string; score: number }[] }

export function FaqTester() {
  const { t, formatPercent } = useI18n();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Route | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (e: FormEvent) => {
    e.preventDefault();
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api<Route>('/api/v1/faq/route', { method: 'POST', body: { question: q.trim() } }));
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="faq-tester">
      <form className="form-row" onSubmit={(e) => void run(e)}>
        <label className="field grow"><span>{t('kb.faqQuestion')}</span><input value={q} onChange={(e) => setQ(e.target.value)} data-testid="faq-input" /></label>
        <button type="submit" className="btn btn-primary" disabled={busy || !q.trim()}>{t('kb.route')}</button>
      </form>
      {error != null && (isUnavailable(error) ? <Unavailable what="POST /api/v1/faq/route" /> : <ErrorState error={error} />)}
      {result && (
        <div className="card faq-result" data-testid="faq-result">
          {result.none_fits && <p className="notice notice-info">{t('kb.noneFits')}</p>}
          <dl className="fields">
            <div className="field-row"><dt>{t('kb.intent')}</dt><dd><strong>{result.intent}</strong> ({formatPercent(result.score)})</dd></div>
            <div className="field-row"><dt>{t('kb.article')}</dt><dd>{result.title ?? '—'}</dd></div>
          </dl>
          <h4>{t('kb.top5')}</h4>
          <ol>{result.top5.map((x) => <li key={x.intent}>{x.intent} <span className="muted small">{formatPercent(x.score)}</span></li>)}</ol>
        </div>
      )}
    </div>
  );
}
