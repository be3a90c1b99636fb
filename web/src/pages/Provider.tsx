// Model provider settings (docs/api/knowledge.md): offline / local / OpenAI-compatible, the
// "never leave this machine" switch (allowRemote = false), a connection test and usage.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, isUnavailable, StateViews } from '../components/Async.tsx';

interface ProviderConfig {
  kind: 'offline' | 'local' | 'openai';
  baseUrl?: string | null;
  apiKey?: string | null;
  chatModel?: string | null;
  embeddingModel?: string | null;
  modelDir?: string | null;
  allowDownloads?: boolean;
  allowRemote?: boolean;
  timeoutMs?: number;
  maxRetries?: number;
  requestsPerMinute?: number;
}
interface TestResult { kind: string; ok: boolean; embedding?: { ok: boolean; model?: string; dims?: number; latency_ms?: number; error?: string | null }; generation?: { ok: boolean; model?: string; text?: string; latency_ms?: number; error?: string | null }; error?: string | null }
interface Usage { total: { calls: number; prompt_tokens: number; completion_tokens: number; cost_usd: number | null }; by_model: { provider: string; model: string; purpose: string; calls: number; prompt_tokens: number; completion_tokens: number; cost_usd: number | null }[] }

const KINDS = ['offline', 'local', 'openai'] as const;

export default function Provider() {
  const { t, formatNumber, formatDecimal } = useI18n();
  const config = useAsync((signal) => api<ProviderConfig>('/api/v1/settings/model-provider', { signal }), []);
  const monthStart = new Date(new Date().getFullYear(), new Date().getMonth(), 1).toISOString().slice(0, 10);
  const usage = useAsync((signal) => api<Usage>(`/api/v1/settings/model-usage?since=${monthStart}`, { signal }), []);
  const [form, setForm] = useState<ProviderConfig | null>(null);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [test, setTest] = useState<TestResult | null>(null);
  const [testing, setTesting] = useState(false);
  useEffect(() => { if (config.data) setForm(config.data); }, [config.data]);

  const set = <K extends keyof ProviderConfig>(k: K, v: ProviderConfig[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setSaving(true);
    setNote(null);
    try {
      const saved = await api<ProviderConfig>('/api/v1/settings/model-provider', { method: 'PUT', body: form });
      setForm(saved);
      setNote({ ok: true, text: t('common.saved') });
    } catch (err) {
      setNote({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setSaving(false);
    }
  };
  const runTest = async () => {
    setTesting(true);
    setTest(null);
    try {
      setTest(await api<TestResult>('/api/v1/settings/model-provider/test', { method: 'POST', body: {} }));
    } catch (err) {
      setTest({ kind: form?.kind ?? '', ok: false, error: err instanceof Error ? err.message : String(err) });
    } finally {
      setTesting(false);
    }
  };

  const state = config.error != null ? (isUnavailable(config.error) ? 'unavailable' : 'error') : form ? 'ready' : 'loading';
  return (
    <section className="page" data-page="provider" data-state={state} aria-labelledby="provider-title">
      <header className="page-header">
        <div>
          <h1 id="provider-title">{t('provider.title')}</h1>
          <p className="muted">{t('provider.subtitle')}</p>
        </div>
      </header>
      <StateViews state={state} of={config} what="GET /api/v1/settings/model-provider" />
      {form && (
        <form className="card settings-form" onSubmit={(e) => void save(e)} data-testid="provider-form">
          <fieldset>
            <legend>{t('provider.kind')}</legend>
            {KINDS.map((k) => (
              <label key={k} className="radio">
                <input type="radio" name="kind" value={k} checked={form.kind === k} onChange={() => set('kind', k)} />
                {t(`provider.kind.${k}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <label className="switch" data-testid="never-leave">
            <input type="checkbox" role="switch" checked={!form.allowRemote} onChange={(e) => set('allowRemote', !e.target.checked)} aria-describedby="never-help" />
            <span><strong>{t('provider.never')}</strong><br /><span id="never-help" className="muted small">{t('provider.neverHelp')}</span></span>
          </label>
          {form.kind === 'openai' && (
            <div className="form-grid">
              <label className="field"><span>{t('provider.baseUrl')}</span><input value={form.baseUrl ?? ''} onChange={(e) => set('baseUrl', e.target.value)} placeholder="http://localhost:11434/v1" /></label>
              <label className="field"><span>{t('provider.apiKey')}</span><input type="password" autoComplete="off" value={form.apiKey ?? ''} onChange={(e) => set('apiKey', e.target.value)} />{form.apiKey === '••••' && <small className="muted">{t('provider.apiKeySet')}</small>}</label>
            </div>
          )}
          {form.kind === 'local' && (
            <div className="form-grid">
              <label className="field"><span>{t('provider.modelDir')}</span><input value={form.modelDir ?? ''} onChange={(e) => set('modelDir', e.target.value)} /></label>
              <label className="checkbox"><input type="checkbox" checked={!!form.allowDownloads} onChange={(e) => set('allowDownloads', e.target.checked)} /> {t('provider.allowDownloads')}</label>
            </div>
          )}
          {form.kind !== 'offline' && (
            <div className="form-grid">
              <label className="field"><span>{t('provider.chatModel')}</span><input value={form.chatModel ?? ''} onChange={(e) => set('chatModel', e.target.value)} /></label>
              <label className="field"><span>{t('provider.embeddingModel')}</span><input value={form.embeddingModel ?? ''} onChange={(e) => set('embeddingModel', e.target.value)} /></label>
              <label className="field"><span>{t('provider.timeout')}</span><input type="number" min={1000} value={form.timeoutMs ?? ''} onChange={(e) => set('timeoutMs', Number(e.target.value))} /></label>
              <label className="field"><span>{t('provider.retries')}</span><input type="number" min={0} max={10} value={form.maxRetries ?? ''} onChange={(e) => set('maxRetries', Number(e.target.value))} /></label>
              <label className="field"><span>{t('provider.rpm')}</span><input type="number" min={0} value={form.requestsPerMinute ?? ''} onChange={(e) => set('requestsPerMinute', Number(e.target.value))} /></label>
            </div>
          )}
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? t('common.saving') : t('common.save')}</button>
            <button type="button" className="btn" onClick={() => void runTest()} disabled={testing}>{testing ? t('provider.testing') : t('provider.test')}</button>
          </div>
          <p role="status" aria-live="polite" className={note ? `notice ${note.ok ? 'notice-ok' : 'notice-error'}` : 'sr-only'}>{note?.text}</p>
          {test && (
            <div className={`notice ${test.ok ? 'notice-ok' : 'notice-error'}`} role="status" data-testid="provider-test">
              <strong>{test.ok ? t('provider.testOk') : t('provider.testFailed')}</strong> ({test.kind})
              {test.embedding && <div>{t('provider.embedding')}: {test.embedding.ok ? '✓' : '✗'} {test.embedding.model ?? ''} {test.embedding.dims ? `· ${test.embedding.dims}d` : ''} {test.embedding.latency_ms != null ? `· ${t('provider.latency', { ms: test.embedding.latency_ms })}` : ''} {test.embedding.error ?? ''}</div>}
              {test.generation && <div>{t('provider.generation')}: {test.generation.ok ? '✓' : '✗'} {test.generation.model ?? ''} {test.generation.latency_ms != null ? `· ${t('provider.latency', { ms: test.generation.latency_ms })}` : ''} {test.generation.error ?? ''}</div>}
              {test.error && <div>{test.error}</div>}
            </div>
          )}
        </form>
      )}
      <section className="card" aria-labelledby="usage-title">
        <h2 id="usage-title">{t('provider.usage')}</h2>
        <AsyncBlock state={usage} what="GET /api/v1/settings/model-usage" testId="usage">
          {(u) => (
            <div className="table-scroll">
              <table className="table table-compact">
                <thead><tr><th scope="col">{t('provider.model')}</th><th scope="col">{t('provider.purpose')}</th><th scope="col">{t('provider.calls')}</th><th scope="col">{t('provider.promptTokens')}</th><th scope="col">{t('provider.completionTokens')}</th><th scope="col">{t('provider.cost')}</th></tr></thead>
                <tbody>
                  {u.by_model.map((r, i) => <tr key={i}><td>{r.provider}/{r.model}</td><td>{r.purpose}</td><td>{formatNumber(r.calls)}</td><td>{formatNumber(r.prompt_tokens)}</td><td>{formatNumber(r.completion_tokens)}</td><td>{formatDecimal(r.cost_usd, 4)}</td></tr>)}
                  <tr className="row-total"><th scope="row" colSpan={2}>{t('common.total')}</th><td>{formatNumber(u.total.calls)}</td><td>{formatNumber(u.total.prompt_tokens)}</td><td>{formatNumber(u.total.completion_tokens)}</td><td>{formatDecimal(u.total.cost_usd, 4)}</td></tr>
                </tbody>
              </table>
            </div>
          )}
        </AsyncBlock>
      </section>
    </section>
  );
}
