// The import wizard: choose an entity and a CSV file, preview its first rows and the detected
// column mapping, validate with a dry run (row errors from the API), then import, optionally
// skipping bad rows, with upload progress and the summary.
import { useEffect, useMemo, useState } from 'react';
import { ApiError, upload, type FieldError } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { normalise, parseCsvPreview, type CsvPreview } from '../csvPreview.ts';
import { ErrorState, Loading } from '../components/States.tsx';

const ENTITIES = ['leads', 'accounts', 'contacts', 'opportunities', 'activities', 'products', 'orders', 'order-lines'] as const;
type Entity = (typeof ENTITIES)[number];

interface ImportSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  attributes: { key: string; label: string; type: string }[];
  errors: { row?: number; column?: string; value?: unknown; reason: string }[];
  warnings: string[];
  dry_run: boolean;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; what: 'dry' | 'import'; progress: number }
  | { kind: 'checked'; summary: ImportSummary }
  | { kind: 'invalid'; detail: string; errors: FieldError[] }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'failed'; error: unknown };

/** Writable field names per entity, from the API's own OpenAPI document. */
async function loadFields(signal: AbortSignal): Promise<Record<string, string[]>> {
  const response = await fetch('/openapi.json', { signal });
  if (!response.ok) return {};
  const doc = await response.json() as { paths: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } } }> };
  const out: Record<string, string[]> = {};
  for (const entity of ENTITIES) {
    const props = doc.paths[`/api/v1/${entity}`]?.post?.requestBody?.content?.['application/json']?.schema?.properties;
    if (props) out[entity] = Object.keys(props);
  }
  return out;
}

export default function ImportWizard() {
  const { t, formatNumber } = useI18n();
  const [entity, setEntity] = useState<Entity>('leads');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const fields = useAsync(loadFields, []);

  useEffect(() => {
    setPhase({ kind: 'idle' });
    setPreview(null);
    setPreviewError(null);
    if (!file) return;
    let live = true;
    file.slice(0, 64 * 1024).text().then((text) => {
      if (!live) return;
      const p = parseCsvPreview(text);
      if (p.headers.length === 0) setPreviewError(t('import.noRows'));
      setPreview(p);
    }, (e) => live && setPreviewError(String(e)));
    return () => { live = false; };
  }, [file, t]);
  useEffect(() => setPhase({ kind: 'idle' }), [entity]);

  // Exact field names are known here (from the OpenAPI document); aliases ("Lead Source" → source)
  // and custom attributes are decided by the server, and a successful dry run reports which
  // columns became custom attributes.
  const mapping = useMemo(() => {
    if (!preview) return [];
    const known = fields.data?.[entity] ?? [];
    const byNorm = new Map(known.map((f) => [normalise(f), f]));
    const checked = phase.kind === 'checked' || phase.kind === 'done' ? phase.summary : null;
    const attrs = new Map((checked?.attributes ?? []).map((a) => [a.label, a]));
    return preview.headers.map((h) => {
      const n = normalise(h);
      const field = byNorm.get(n) ?? byNorm.get(`${n}id`) ?? null;
      const attr = attrs.get(h);
      const kind: 'field' | 'attribute' | 'alias' | 'server' = attr ? 'attribute' : field ? 'field' : checked ? 'alias' : 'server';
      return { column: h, field, kind, attr };
    });
  }, [preview, fields.data, entity, phase]);

  const run = async (dryRun: boolean, skip: boolean) => {
    if (!file) return;
    setPhase({ kind: 'working', what: dryRun ? 'dry' : 'import', progress: 0 });
    const query = new URLSearchParams();
    if (dryRun) query.set('dry_run', 'true');
    if (skip) query.set('on_error', 'skip');
    try {
      const summary = await upload<ImportSummary>(`/api/v1/imports/${entity}?${query}`, file, 'text/csv', (fraction) =>
        setPhase({ kind: 'working', what: dryRun ? 'dry' : 'import', progress: fraction }));
      setPhase(dryRun ? { kind: 'checked', summary } : { kind: 'done', summary });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setPhase({ kind: 'invalid', detail: error.message, errors: error.problem.errors });
      } else setPhase({ kind: 'failed', error });
    }
  };

  const reset = () => {
    setFile(null);
    setPhase({ kind: 'idle' });
    const input = document.getElementById('import-file') as HTMLInputElement | null;
    if (input) input.value = '';
  };

  const busy = phase.kind === 'working';
  const state = phase.kind === 'done' ? 'done' : phase.kind === 'invalid' ? 'invalid' : phase.kind === 'checked' ? 'checked' : busy ? 'working' : 'ready';
  return (
    <section className="page page-import" data-page="import" data-state={state} aria-labelledby="import-title">
      <header className="page-header">
        <div>
          <h1 id="import-title">{t('import.title')}</h1>
          <p className="muted">{t('import.subtitle')}</p>
        </div>
      </header>

      <ol className="wizard">
        <li className="card wizard-step">
          <h2>{t('import.step1')}</h2>
          <div className="form-row">
            <label className="field">
              <span>{t('import.entity')}</span>
              <select value={entity} onChange={(e) => setEntity(e.target.value as Entity)} disabled={busy} data-testid="import-entity">
                {ENTITIES.map((e) => <option key={e} value={e}>{t(`entity.${e}` as MessageKey)}</option>)}
              </select>
            </label>
            <label className="field">
              <span>{t('import.file')}</span>
              <input id="import-file" type="file" accept=".csv,text/csv,.tsv,.txt" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
            </label>
          </div>
        </li>

        {file && (
          <li className="card wizard-step">
            <h2>{t('import.step2')}</h2>
            {previewError && <p className="form-error" role="alert">{previewError}</p>}
            {!preview && !previewError && <Loading />}
            {preview && preview.headers.length > 0 && (
              <>
                <div className="table-scroll">
                  <table className="table table-compact" data-testid="import-mapping">
                    <caption className="sr-only">{t('import.mapsTo')}</caption>
                    <thead><tr><th scope="col">{t('import.column')}</th><th scope="col">{t('import.mapsTo')}</th></tr></thead>
                    <tbody>
                      {mapping.map((m) => (
                        <tr key={m.column}>
                          <td>{m.column}</td>
                          <td>
                            {m.kind === 'field' && <code>{m.field}</code>}
                            {m.kind === 'attribute' && <span className="muted">{t('import.customAttribute')}{m.attr ? ` (${m.attr.key}: ${m.attr.type})` : ''}</span>}
                            {m.kind === 'alias' && <span className="muted">{t('import.alias')}</span>}
                            {m.kind === 'server' && <span className="muted">{t('import.serverDecides')}</span>}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <h3>{t('import.preview', { count: preview.rows.length })}</h3>
                <div className="table-scroll">
                  <table className="table table-compact" data-testid="import-preview">
                    <thead><tr><th scope="col">#</th>{preview.headers.map((h, i) => <th scope="col" key={i}>{h}</th>)}</tr></thead>
                    <tbody>
                      {preview.rows.map((r, i) => (
                        <tr key={i}><td className="muted">{i + 2}</td>{preview.headers.map((_, j) => <td key={j}>{r[j] ?? ''}</td>)}</tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </li>
        )}

        {file && preview && preview.headers.length > 0 && (
          <li className="card wizard-step">
            <h2>{t('import.step3')}</h2>
            <div className="button-row">
              <button type="button" className="btn" onClick={() => void run(true, false)} disabled={busy || phase.kind === 'done'}>{t('import.dryRun')}</button>
              {phase.kind === 'checked' && <button type="button" className="btn btn-primary" onClick={() => void run(false, false)}>{t('import.run')}</button>}
              {phase.kind === 'invalid' && <button type="button" className="btn btn-primary" onClick={() => void run(false, true)}>{t('import.runSkip')}</button>}
            </div>
            {busy && (
              <div className="progress-block" role="status" aria-live="polite">
                <progress max={1} value={phase.progress < 1 ? phase.progress : undefined} aria-label={phase.what === 'dry' ? t('import.validating') : t('import.importing')} />
                <span>{phase.progress < 1 ? t('import.uploading', { percent: Math.round(phase.progress * 100) }) : phase.what === 'dry' ? t('import.validating') : t('import.importing')}</span>
              </div>
            )}
            {phase.kind === 'checked' && (
              <p className="notice notice-ok" role="status" data-testid="dry-run-ok">
                {t('import.dryRunOk', { rows: formatNumber(phase.summary.rows), inserted: formatNumber(phase.summary.inserted), updated: formatNumber(phase.summary.updated), unchanged: formatNumber(phase.summary.unchanged) })}
              </p>
            )}
            {phase.kind === 'invalid' && (
              <div data-testid="dry-run-errors">
                <p className="notice notice-error" role="alert">{t('import.dryRunErrors', { count: formatNumber(phase.errors.length) })}</p>
                <div className="table-scroll">
                  <table className="table table-compact">
                    <thead><tr><th scope="col">{t('import.row')}</th><th scope="col">{t('import.field')}</th><th scope="col">{t('import.value')}</th><th scope="col">{t('import.reason')}</th></tr></thead>
                    <tbody>
                      {phase.errors.map((e, i) => (
                        <tr key={i} data-row={e.row ?? ''}>
                          <td>{e.row ?? '—'}</td><td>{e.field ?? '—'}</td><td><code>{e.value === undefined || e.value === null ? '' : String(e.value)}</code></td><td>{e.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
            {phase.kind === 'failed' && <ErrorState error={phase.error} />}
            {phase.kind === 'done' && (
              <div className="import-summary" data-testid="import-summary">
                <h3>{t('import.done')}</h3>
                <dl className="summary-grid">
                  {(['rows', 'inserted', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
                    <div key={k} className="summary-item" data-key={k}><dt>{t(`import.summary.${k}`)}</dt><dd>{formatNumber(phase.summary[k])}</dd></div>
                  ))}
                  <div className="summary-item"><dt>{t('import.summary.seconds')}</dt><dd>{phase.summary.seconds.toFixed(2)}</dd></div>
                </dl>
                {phase.summary.errors.length > 0 && (
                  <ul className="error-list">
                    {phase.summary.errors.map((e, i) => <li key={i}>{t('import.row')} {e.row ?? '—'} · {e.column ?? ''}: {e.reason}</li>)}
                  </ul>
                )}
                {phase.summary.warnings.map((w, i) => <p key={i} className="muted small">{w}</p>)}
                <button type="button" className="btn" onClick={reset}>{t('import.again')}</button>
              </div>
            )}
          </li>
        )}
      </ol>
    </section>
  );
}
