// Writer: sales emails for a lead or deal, and marketing copy for a segment, with tone, length,
// language and variant controls; each draft shows its fact-check flags highlighted
// (docs/api/writer-calls.md). Templates and saved drafts have their own pages
// (/writer/templates, /writer/drafts).
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, listAll, type Lead, type Opportunity } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { isUnavailable, soft, Unavailable } from '../components/Async.tsx';
import { ErrorState, Loading } from '../components/States.tsx';
import { Draft, type WriterResponse } from '../components/writer/Draft.tsx';
import { SubNav, WRITER_NAV } from '../components/orchestrate/SubNav.tsx';

const KINDS = ['follow_up', 'outreach', 'proposal', 're_engagement'] as const;
const TONES = ['friendly', 'formal', 'direct'] as const;
const LENGTHS = ['short', 'medium', 'long'] as const;
const CHANNELS = ['email', 'linkedin', 'landing_page', 'sms'] as const;

export default function Writer() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<'email' | 'copy'>('email');
  const [target, setTarget] = useState<'lead' | 'opportunity'>(params.get('opportunity_id') ? 'opportunity' : 'lead');
  const [recordId, setRecordId] = useState(params.get('lead_id') ?? params.get('opportunity_id') ?? '');
  const [kind, setKind] = useState<string>('follow_up');
  const [tone, setTone] = useState<string>('friendly');
  const [length, setLength] = useState<string>('medium');
  const [language, setLanguage] = useState<string>(locale);
  const [variants, setVariants] = useState(2);
  const [cta, setCta] = useState('');
  const [industry, setIndustry] = useState('');
  const [segment, setSegment] = useState('');
  const [channel, setChannel] = useState<string>('email');
  const [templateId, setTemplateId] = useState(params.get('template_id') ?? '');
  const templates = useAsync((signal) => soft<{ data: { id: string; name: string; language: string }[] }>('/api/v1/writer/templates', signal).then((r) => r?.data ?? []), []);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WriterResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  const records = useAsync(async (signal) => {
    const [leads, deals] = await Promise.all([
      listAll<Lead>('/api/v1/leads', { 'status[in]': 'new,working,nurturing,qualified', sort: '-created_at' }, signal, 300),
      listAll<Opportunity>('/api/v1/opportunities', { 'stage[in]': 'prospecting,qualification,demo,proposal,negotiation', sort: '-amount' }, signal, 300),
    ]);
    return { leads: leads.slice(0, 300), deals: deals.slice(0, 300) };
  }, []);

  const generate = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const common = { tone, length, language, variants, ...(cta.trim() ? { call_to_action: cta.trim() } : {}) };
    try {
      const r = mode === 'email'
        ? await api<WriterResponse>('/api/v1/writer/email', { method: 'POST', body: { kind, [target === 'lead' ? 'lead_id' : 'opportunity_id']: recordId, ...(templateId ? { template_id: templateId } : {}), ...common } })
        : await api<WriterResponse>('/api/v1/writer/copy', { method: 'POST', body: { channel, ...(industry.trim() ? { industry: industry.trim() } : {}), ...(segment.trim() ? { segment: segment.trim() } : {}), ...common } });
      setResult(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const options = target === 'lead'
    ? (records.data?.leads ?? []).map((l) => ({ id: l.id, name: [l.name, l.company].filter(Boolean).join(' · ') || l.id }))
    : (records.data?.deals ?? []).map((d) => ({ id: d.id, name: d.name ?? d.id }));
  const sel = (label: MessageKey, value: string, set: (v: string) => void, values: readonly string[], prefix: string) => (
    <label className="field">
      <span>{t(label)}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        {values.map((v) => <option key={v} value={v}>{t(`${prefix}.${v}` as MessageKey)}</option>)}
      </select>
    </label>
  );
  return (
    <section className="page" data-page="writer" data-state={records.data ? 'ready' : records.error ? 'error' : 'loading'} aria-labelledby="writer-title">
      <header className="page-header">
        <div>
          <h1 id="writer-title">{t('writer.title')}</h1>
          <p className="muted">{t('writer.subtitle')}</p>
        </div>
      </header>
      <SubNav label="orch.writer.nav" items={WRITER_NAV} />
      <form className="card writer-form" onSubmit={(e) => void generate(e)} data-testid="writer-form">
        <fieldset className="segmented">
          <legend className="sr-only">{t('writer.title')}</legend>
          {(['email', 'copy'] as const).map((m) => (
            <label key={m} className={mode === m ? 'active' : ''}><input type="radio" name="mode" checked={mode === m} onChange={() => setMode(m)} /> {t(`writer.mode.${m}`)}</label>
          ))}
        </fieldset>
        {mode === 'email' ? (
          <div className="form-row">
            {sel('writer.kind', kind, setKind, KINDS, 'writer.kind')}
            <label className="field">
              <span>{t('writer.recipient')}</span>
              <select value={target} onChange={(e) => { setTarget(e.target.value as 'lead' | 'opportunity'); setRecordId(''); }}>
                <option value="lead">{t('writer.recipient.lead')}</option>
                <option value="opportunity">{t('writer.recipient.opportunity')}</option>
              </select>
            </label>
            <label className="field grow">
              <span>{t(target === 'lead' ? 'writer.recipient.lead' : 'writer.recipient.opportunity')}</span>
              {records.loading && !records.data ? <Loading /> : (
                <select value={recordId} onChange={(e) => setRecordId(e.target.value)} required data-testid="writer-record">
                  <option value="">{t('writer.pick')}</option>
                  {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </select>
              )}
            </label>
            {(templates.data?.length ?? 0) > 0 && (
              <label className="field">
                <span>{t('orch.writer.useTemplate')}</span>
                <select value={templateId} onChange={(e) => setTemplateId(e.target.value)} data-testid="writer-template">
                  <option value="">{t('orch.writer.builtIn')}</option>
                  {templates.data!.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </select>
              </label>
            )}
          </div>
        ) : (
          <div className="form-row">
            <label className="field"><span>{t('writer.industry')}</span><input value={industry} onChange={(e) => setIndustry(e.target.value)} /></label>
            <label className="field"><span>{t('writer.segment')}</span><input value={segment} onChange={(e) => setSegment(e.target.value)} /></label>
            {sel('writer.channel', channel, setChannel, CHANNELS, 'writer.channel')}
          </div>
        )}
        <div className="form-row">
          {sel('writer.tone', tone, setTone, TONES, 'writer.tone')}
          {sel('writer.length', length, setLength, LENGTHS, 'writer.length')}
          <label className="field">
            <span>{t('common.language')}</span>
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="en">{t('lang.en')}</option>
              <option value="zh">{t('lang.zh')}</option>
            </select>
          </label>
          <label className="field"><span>{t('writer.variants')}</span><input type="number" min={1} max={5} value={variants} onChange={(e) => setVariants(Math.max(1, Math.min(5, Number(e.target.value) || 1)))} style={{ width: 80 }} /></label>
          <label className="field grow"><span>{t('writer.cta')}</span><input value={cta} onChange={(e) => setCta(e.target.value)} /></label>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy || (mode === 'email' && !recordId)} data-testid="writer-generate">{busy ? t('common.generating') : t('common.generate')}</button>
        </div>
      </form>
      {busy && <Loading label={t('common.generating')} />}
      {error != null && (isUnavailable(error) ? <Unavailable what={mode === 'email' ? 'POST /api/v1/writer/email' : 'POST /api/v1/writer/copy'} /> : <ErrorState error={error} />)}
      {result && (
        <div className="drafts" data-testid="drafts">
          <p className="muted small">{t('writer.provider', { provider: result.provider })} · <Link to="/writer/drafts">{t('orch.writer.drafts')}</Link></p>
          <div className="grid-2">
            {result.drafts.map((d) => <Draft key={d.id ?? d.variant} draft={d} />)}
          </div>
          <details className="card">
            <summary>{t('writer.facts')}</summary>
            <pre className="facts">{JSON.stringify(result.facts, null, 2)}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
