// Training the FAQ router (admins, managers): an optional CSV of labelled questions (text,label)
// sent with POST /api/v1/faq/train, which retrains on the FAQ articles plus those rows and answers
// with a training report: held-out accuracy, top-5, "none fits" share, the abstention threshold.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { parseCsvPreview } from '../../csvPreview.ts';
import { useI18n } from '../../i18n.tsx';
import { ErrorState } from '../States.tsx';

export interface FaqTrainReport {
  model_version: number;
  intents: number;
  examples: number;
  imported?: number;
  threshold: number | null;
  temperature: number | null;
  report: {
    holdout_share: number; train_rows: number; holdout_rows: number; holdout_intents: number;
    accuracy: number | null; top5: number | null; abstained: number | null; answered_accuracy: number | null;
    misses: { text: string; expected: string; got: string; score: number; none_fits: boolean }[];
    note: string | null;
  };
}

interface Picked { name: string; text: string; rows: number; labels: number; ok: boolean }

export function FaqTrainer({ onTrained }: { onTrained: (r: FaqTrainReport) => void }) {
  const { t, formatNumber, formatPercent, formatDecimal } = useI18n();
  const [file, setFile] = useState<Picked | null>(null);
  const [holdout, setHoldout] = useState('0.2');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<FaqTrainReport | null>(null);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setError(null);
    if (!f) return setFile(null);
    const text = await f.text();
    const preview = parseCsvPreview(text, 200_000);
    const ti = preview.headers.indexOf('text');
    const li = preview.headers.indexOf('label');
    const ok = preview.delimiter === ',' && ti >= 0 && li >= 0;
    setFile({ name: f.name, text, rows: preview.rows.length, labels: ok ? new Set(preview.rows.map((r) => (r[li] ?? '').trim()).filter(Boolean)).size : 0, ok });
  };
  const train = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { holdout: Number(holdout) };
      if (file) Object.assign(body, { csv: file.text, filename: file.name });
      const r = await api<FaqTrainReport>('/api/v1/faq/train', { method: 'POST', body });
      setResult(r);
      onTrained(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const pct = (v: number | null) => formatPercent(v, 1);
  return (
    <section className="faq-train" aria-labelledby="faq-train-title" data-testid="faq-trainer">
      <h3 id="faq-train-title">{t('faqt.train')}</h3>
      <p className="muted small">{t('faqt.trainHelp')}</p>
      <form className="form-row" onSubmit={(e) => void train(e)}>
        <label className="field grow"><span>{t('faqt.file')}</span><input type="file" accept=".csv,text/csv" onChange={(e) => void pick(e)} data-testid="faq-file" /></label>
        <label className="field"><span>{t('faqt.holdout')}</span>
          <select value={holdout} onChange={(e) => setHoldout(e.target.value)}>{['0.1', '0.2', '0.3'].map((h) => <option key={h} value={h}>{formatPercent(Number(h))}</option>)}</select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || (file !== null && !file.ok)} data-testid="faq-train">{busy ? t('faqt.training') : t('faqt.trainButton')}</button>
      </form>
      <p className={`small ${file && !file.ok ? 'form-error' : 'muted'}`} data-testid="faq-file-summary">
        {!file ? t('faqt.noFile') : file.ok ? t('faqt.rows', { count: formatNumber(file.rows), labels: formatNumber(file.labels), name: file.name }) : t('faqt.badFile', { name: file.name })}
      </p>
      {error != null && <ErrorState error={error} />}
      {result && (
        <div className="card faq-report" data-testid="faq-report" role="status">
          <h4>{t('faqt.report', { version: result.model_version })}</h4>
          <dl className="summary-grid">
            <div className="summary-item"><dt>{t('faqt.accuracy')}</dt><dd data-testid="faq-accuracy">{pct(result.report.accuracy)}</dd></div>
            <div className="summary-item"><dt>{t('faqt.top5')}</dt><dd>{pct(result.report.top5)}</dd></div>
            <div className="summary-item"><dt>{t('faqt.abstained')}</dt><dd>{pct(result.report.abstained)}</dd></div>
            <div className="summary-item"><dt>{t('faqt.answeredAccuracy')}</dt><dd>{pct(result.report.answered_accuracy)}</dd></div>
            <div className="summary-item"><dt>{t('faqt.threshold')}</dt><dd>{formatDecimal(result.threshold, 3)}</dd></div>
            <div className="summary-item"><dt>{t('faqt.intents')}</dt><dd>{formatNumber(result.intents)}</dd></div>
          </dl>
          <p className="small">
            {t('faqt.split', { train: formatNumber(result.report.train_rows), holdout: formatNumber(result.report.holdout_rows), intents: formatNumber(result.report.holdout_intents) })}
            {' '}{t('faqt.examples')}: {formatNumber(result.examples)}{result.imported != null && <> · {t('faqt.imported')}: {formatNumber(result.imported)}</>} · {t('faqt.temperature')}: {formatDecimal(result.temperature, 2)}
          </p>
          {result.report.note && <p className="notice notice-info">{result.report.note}</p>}
          {result.report.misses.length > 0 && (
            <details>
              <summary>{t('faqt.misses')} ({result.report.misses.length})</summary>
              <table className="table table-compact">
                <thead><tr><th scope="col">{t('kb.faqQuestion')}</th><th scope="col">{t('faqt.expected')}</th><th scope="col">{t('faqt.got')}</th></tr></thead>
                <tbody>
                  {result.report.misses.map((m, i) => (
                    <tr key={i}><td>{m.text}</td><td>{m.expected}</td><td>{m.none_fits ? <em>{t('kb.noneFits')}</em> : m.got} <span className="muted small">{formatPercent(m.score)}</span></td></tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
