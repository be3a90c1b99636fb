// Alerts: the alert feed in my scope with each alert's evidence (the KPI series, the expected
// band and the size of the deviation, as an ECharts chart), acknowledgement and the suggestion
// links the API returns; and the alert rules (anomaly with sensitivity, threshold, target) to
// list, create, edit and delete (docs/api/monitor.md). The Tasks page keeps a short open-alert
// feed and links here; /alerts/:id (the link of "alert" notifications) opens one alert.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, listAll, withQuery, type Team, type User } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.tsx';
import { useAsync } from '../useAsync.ts';
import { AsyncBlock, pageState, soft, StateViews } from '../components/Async.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { Chart, preloadChart } from '../components/Chart.tsx';
import { Problem, attempt } from '../components/orchestrate/Problem.tsx';
import { ALERTS_NAV, SubNav } from '../components/orchestrate/SubNav.tsx';
import { alertChartOption, type Evidence } from '../components/orchestrate/alertChart.ts';
import { kpiFormatter, kpiLabel, pageForLink, type KpiDef } from '../components/orchestrate/alertFormat.ts';
import { EditDeleteActions } from '../components/orchestrate/EditDeleteActions.tsx';

preloadChart();

export interface AlertFull {
  id: string; rule_id: string; kpi: string; scope: string; scope_id: string | null; scope_name: string | null; frequency: string; period: string;
  kind: string; severity: string; status: string; title: string; observed: number | null; expected: number | null; lower: number | null; upper: number | null;
  deviation: number | null; score: number | null; evidence: Evidence | null; links: { module: string; label: string; href: string }[] | null;
  acknowledged_by: string | null; acknowledged_at: string | null; created_at: string;
}
export interface Rule {
  id: string; name: string; kpi: string; scope: 'company' | 'team' | 'rep'; scope_id: string | null; frequency: 'day' | 'week' | 'month';
  kind: 'anomaly' | 'threshold' | 'target'; params: { sensitivity?: string; lookback?: number; recent?: number; op?: string; value?: number };
  enabled: boolean; owner_id: string | null; is_default: boolean; created_at: string; updated_at: string;
}

const STATUSES = ['open', 'acknowledged', 'all'] as const;
const day = (p: string | null | undefined) => (p ? String(p).slice(0, 10) : '—');

export default function Alerts() {
  const { me } = useAuth();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { id } = useParams();
  const navigate = useNavigate();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open');
  const catalog = useAsync((signal) => soft<{ data: KpiDef[] }>('/api/v1/kpis/catalog', signal).then((r) => r?.data ?? []), []);
  const alerts = useAsync((signal) => api<{ data: AlertFull[]; open_count: number }>(withQuery('/api/v1/alerts', { status, limit: 200 }), { signal }), [status]);
  const inList = alerts.data?.data.find((a) => a.id === id);
  const single = useAsync((signal) => (id && alerts.data && !inList ? api<AlertFull>(`/api/v1/alerts/${id}`, { signal }) : Promise.resolve(null)), [id, alerts.data, !!inList]);
  const selected = inList ?? single.data ?? (id ? null : alerts.data?.data[0] ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  const ack = async (a: AlertFull) => {
    setNote(null);
    const r = await attempt(setBusy, setError, () => api<AlertFull>(`/api/v1/alerts/${a.id}/ack`, { method: 'POST', body: {} }));
    if (r) {
      setNote(t('orch.alerts.acked', { title: r.title }));
      alerts.reload();
      single.reload();
      if (!id) navigate(`/alerts/${a.id}`, { replace: true });
    }
  };
  const scan = async () => {
    setNote(null);
    const r = await attempt(setBusy, setError, () => api<{ rules: number; alerts_created: number }>('/api/v1/alerts/scan', { method: 'POST', body: {} }));
    if (r) {
      setNote(t('orch.alerts.scanned', { rules: r.rules, created: r.alerts_created }));
      alerts.reload();
    }
  };

  const state = pageState(alerts);
  return (
    <section className="page" data-page="alerts" data-state={state} aria-labelledby="alerts-title">
      <header className="page-header">
        <div>
          <h1 id="alerts-title">{t('orch.alerts.title')}</h1>
          <p className="muted">{t('orch.alerts.subtitle')}</p>
        </div>
        {me?.role !== 'rep' && state !== 'unavailable' && <button type="button" className="btn" onClick={() => void scan()} disabled={busy}>{t('tasks.scan')}</button>}
      </header>
      <SubNav label="orch.alerts.nav" items={ALERTS_NAV} />
      {note && <p className="notice notice-ok" role="status" data-testid="alerts-note">{note}</p>}
      <Problem error={error} />
      <StateViews state={state} of={alerts} what="GET /api/v1/alerts" />
      {alerts.data && (
        <div className="orch-split">
          <section className="card" aria-labelledby="feed-title">
            <div className="card-header">
              <h2 id="feed-title">{t('orch.alerts.feed')}</h2>
              <label className="field field-inline">
                <span>{t('common.status')}</span>
                <select value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])} data-testid="alert-status">
                  {STATUSES.map((s) => <option key={s} value={s}>{t(`orch.alerts.status.${s}`)}</option>)}
                </select>
              </label>
            </div>
            <p className="muted small">{t('orch.alerts.openCount', { count: i18n.formatNumber(alerts.data.open_count) })}</p>
            {alerts.data.data.length === 0 ? <Empty>{t(status === 'open' ? 'tasks.noAlerts' : 'orch.alerts.none')}</Empty> : (
              <ul className="orch-alert-list" data-testid="alerts-list">
                {alerts.data.data.map((a) => (
                  <li key={a.id} className={a.id === selected?.id ? 'selected' : undefined} data-alert-id={a.id} data-status={a.status}>
                    <Link to={`/alerts/${a.id}`} aria-current={a.id === selected?.id ? 'true' : undefined}>
                      <span className={`badge ${a.severity === 'critical' ? 'badge-disqualified' : 'badge-working'}`}>{i18n.tOr(`tasks.severity.${a.severity}`, a.severity)}</span>{' '}
                      <strong>{kpiLabel(catalog.data, a.kpi, locale)}</strong> · {i18n.tOr(`orch.alerts.kind.${a.kind}`, a.kind)}
                      <span className="muted small block">{a.scope_name ?? a.scope} · {day(a.period)}{a.status !== 'open' ? ` · ${i18n.tOr(`orch.alerts.status.${a.status}`, a.status)}` : ''}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div>
            {id && single.loading && !inList && <Loading />}
            {id && single.error != null && <ErrorState error={single.error} onRetry={single.reload} />}
            {selected && <AlertDetail alert={selected} catalog={catalog.data} onAck={() => void ack(selected)} busy={busy} />}
            {!selected && !id && alerts.data.data.length > 0 && <div className="card"><p className="muted">{t('orch.alerts.pick')}</p></div>}
          </div>
        </div>
      )}
      <Rules catalog={catalog.data} onDeleted={(ruleId) => { alerts.reload(); if (selected?.rule_id === ruleId) navigate('/alerts', { replace: true }); }} />
    </section>
  );
}

function AlertDetail({ alert, catalog, onAck, busy }: { alert: AlertFull; catalog: KpiDef[] | undefined; onAck: () => void; busy: boolean }) {
  const i18n = useI18n();
  const { t, tOr, locale, formatDateTime, formatDecimal } = i18n;
  const { me } = useAuth();
  const unit = catalog?.find((k) => k.key === alert.kpi)?.unit;
  const fmt = useMemo(() => kpiFormatter(i18n, unit), [i18n, unit]);
  const option = useMemo(() => alertChartOption(alert.evidence, alert, {
    observed: t('orch.alerts.observed'), expected: t('orch.alerts.expected'), band: t('orch.alerts.band'), alerted: t('orch.alerts.alerted'), deviation: t('orch.alerts.deviation'),
  }, fmt), [alert, fmt, t]);
  const links = Array.isArray(alert.links) ? alert.links : [];
  const ev = alert.evidence;
  return (
    <article className="card" data-testid="alert-detail" data-alert-id={alert.id} data-status={alert.status} aria-labelledby="alert-detail-title">
      <div className="card-header">
        <h2 id="alert-detail-title">{alert.title}</h2>
        {alert.status === 'open'
          ? <button type="button" className="btn btn-primary" onClick={onAck} disabled={busy} data-testid="alert-ack">{t('tasks.ack')}</button>
          : <span className="badge badge-qualified">{tOr(`orch.alerts.status.${alert.status}`, alert.status)}{alert.acknowledged_at ? ` · ${formatDateTime(alert.acknowledged_at)}` : ''}</span>}
      </div>
      <p className="muted small">
        <span className={`badge ${alert.severity === 'critical' ? 'badge-disqualified' : 'badge-working'}`}>{tOr(`tasks.severity.${alert.severity}`, alert.severity)}</span>{' '}
        {kpiLabel(catalog, alert.kpi, locale)} · {alert.scope_name ?? alert.scope} · {tOr(`orch.freq.${alert.frequency}`, alert.frequency)} {day(alert.period)} · {tOr(`orch.alerts.kind.${alert.kind}`, alert.kind)}
      </p>
      <dl className="kpi-strip orch-figures" data-testid="alert-figures">
        <div className="kpi kpi-compact"><dt>{t('orch.alerts.observed')}</dt><dd className="kpi-value">{fmt(alert.observed)}</dd></div>
        <div className="kpi kpi-compact"><dt>{t('orch.alerts.expected')}</dt><dd className="kpi-value">{fmt(alert.expected)}</dd></div>
        <div className="kpi kpi-compact"><dt>{t('orch.alerts.band')}</dt><dd className="kpi-value small">{alert.lower == null && alert.upper == null ? '—' : alert.lower == null ? `≤ ${fmt(alert.upper)}` : alert.upper == null ? `≥ ${fmt(alert.lower)}` : `${fmt(alert.lower)} – ${fmt(alert.upper)}`}</dd></div>
        <div className="kpi kpi-compact"><dt>{t('orch.alerts.deviation')}</dt><dd className="kpi-value">{fmt(alert.deviation)}{alert.score != null && <span className="muted small"> · {t('orch.alerts.score', { value: formatDecimal(alert.score, 1) })}</span>}</dd></div>
      </dl>
      {option
        ? <Chart option={option} height={300} label={t('orch.alerts.chart', { title: alert.title })} testId="alert-chart" />
        : <Empty>{t('orch.alerts.noEvidence')}</Empty>}
      {ev && (ev.sensitivity || ev.limit != null) && (
        <p className="muted small">
          {ev.sensitivity ? t('orch.alerts.how.anomaly', { sensitivity: tOr(`orch.sens.${ev.sensitivity}`, ev.sensitivity), periods: (ev.periods ?? []).join(', ') || '—' })
            : t('orch.alerts.how.limit', { op: ev.op === 'gt' ? '>' : ev.op === 'lt' ? '<' : '≠', value: fmt(ev.limit ?? null) })}
        </p>
      )}
      <h3>{t('orch.alerts.suggestions')}</h3>
      {links.length === 0 ? <p className="muted small">{t('orch.alerts.noSuggestions')}</p> : (
        <ul className="plain-list" data-testid="alert-links">
          {links.map((l) => {
            const to = pageForLink(l.href, me?.role);
            return (
              <li key={l.href}>
                <span className="badge">{tOr(`nav.${l.module}`, l.module)}</span>{' '}
                {to ? <Link to={to}>{tOr(`orch.link.${l.href}`, l.label)}</Link> : <span>{tOr(`orch.link.${l.href}`, l.label)}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}

type RuleForm = {
  id: string | null; name: string; kpi: string; scope: 'company' | 'team' | 'rep'; scope_id: string; frequency: 'day' | 'week' | 'month';
  kind: 'anomaly' | 'threshold' | 'target'; sensitivity: string; op: string; value: string; recent: string; enabled: boolean;
};

function Rules({ catalog, onDeleted }: { catalog: KpiDef[] | undefined; onDeleted: (ruleId: string) => void }) {
  const { me } = useAuth();
  const i18n = useI18n();
  const { t, tOr, locale } = i18n;
  const rules = useAsync((signal) => api<{ data: Rule[] }>('/api/v1/alerts/rules', { signal }).then((r) => r.data), []);
  const people = useAsync(async (signal) => {
    const [teams, users] = await Promise.all([
      listAll<Team>('/api/v1/teams', {}, signal, 1000).catch(() => [] as Team[]),
      listAll<User>('/api/v1/users', {}, signal, 5000).catch(() => [] as User[]),
    ]);
    return { teams, users };
  }, []);
  const [form, setForm] = useState<RuleForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  // Which teams and reps I may watch: the API's KPI scope rules (admins: any; managers: the teams
  // they lead and their members; reps: themselves).
  const myTeams = (people.data?.teams ?? []).filter((x) => me?.role === 'admin' || x.manager_id === me?.id);
  const myTeamIds = new Set(myTeams.map((x) => x.id));
  const myReps = (people.data?.users ?? []).filter((u) => u.active && (me?.role === 'admin' || u.id === me?.id || (me?.role === 'manager' && u.team_id != null && myTeamIds.has(u.team_id))));
  const scopes = (me?.role === 'admin' ? ['company', 'team', 'rep'] : me?.role === 'manager' ? ['team', 'rep'] : ['rep']) as RuleForm['scope'][];
  const scopeName = (r: Rule) => (r.scope === 'company' ? t('orch.scope.company')
    : r.scope === 'team' ? people.data?.teams.find((x) => x.id === r.scope_id)?.name ?? t('orch.scope.team')
      : people.data?.users.find((u) => u.id === r.scope_id)?.name ?? t('orch.scope.rep'));
  const fmtFor = (kpi: string) => kpiFormatter(i18n, catalog?.find((k) => k.key === kpi)?.unit);
  const paramsText = (r: Rule) => {
    const recent = r.params.recent ? ` · ${t('orch.rule.recentN', { n: r.params.recent })}` : '';
    if (r.kind === 'anomaly') return `${t('orch.rule.sensitivity')}: ${tOr(`orch.sens.${r.params.sensitivity ?? 'medium'}`, r.params.sensitivity ?? 'medium')}${recent}`;
    if (r.kind === 'threshold') return `${r.params.op === 'gt' ? t('orch.rule.op.gt') : t('orch.rule.op.lt')} ${fmtFor(r.kpi)(r.params.value ?? null)}${recent}`;
    return `${t('common.target')} ${fmtFor(r.kpi)(r.params.value ?? null)}${recent}`;
  };

  const blank = (): RuleForm => ({
    id: null, name: '', kpi: 'bookings', scope: scopes.includes('team') && myTeams.length ? 'team' : scopes[scopes.length - 1], scope_id: myTeams[0]?.id ?? '',
    frequency: 'week', kind: 'anomaly', sensitivity: 'medium', op: 'lt', value: '', recent: '', enabled: true,
  });
  const set = (patch: Partial<RuleForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const kpiOptions = (catalog ?? []).filter((k) => !form || form.id || k.scopes.includes(form.scope));
  const unitOf = form ? catalog?.find((k) => k.key === form.kpi)?.unit : undefined;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setNote(null);
    const params: Record<string, unknown> = {};
    if (form.recent.trim()) params.recent = Number(form.recent);
    if (form.kind === 'anomaly') params.sensitivity = form.sensitivity;
    else {
      params.value = form.value.trim() === '' ? null : Number(form.value);
      if (form.kind === 'threshold') params.op = form.op;
    }
    const saved = await attempt(setBusy, setError, () => (form.id
      ? api<Rule>(`/api/v1/alerts/rules/${form.id}`, { method: 'PATCH', body: { ...(form.name.trim() ? { name: form.name.trim() } : {}), params, enabled: form.enabled, frequency: form.frequency } })
      : api<Rule>('/api/v1/alerts/rules', {
        method: 'POST',
        body: {
          ...(form.name.trim() ? { name: form.name.trim() } : {}), kpi: form.kpi, scope: form.scope,
          ...(form.scope !== 'company' && form.scope_id ? { scope_id: form.scope_id } : {}), frequency: form.frequency, kind: form.kind, params, enabled: form.enabled,
        },
      })));
    if (saved) {
      setNote(t(form.id ? 'orch.rule.updated' : 'orch.rule.created', { name: saved.name }));
      setForm(null);
      rules.reload();
    }
  };
  const toggle = async (r: Rule) => {
    setNote(null);
    const saved = await attempt(setBusy, setError, () => api<Rule>(`/api/v1/alerts/rules/${r.id}`, { method: 'PATCH', body: { enabled: !r.enabled } }));
    if (saved) rules.reload();
  };
  const remove = async (r: Rule) => {
    setNote(null);
    const ok = await attempt(setBusy, setError, () => api(`/api/v1/alerts/rules/${r.id}`, { method: 'DELETE' }).then(() => true));
    setConfirming(null);
    if (ok) {
      setNote(t('orch.rule.deleted', { name: r.name }));
      rules.reload();
      onDeleted(r.id);
    }
  };
  const edit = (r: Rule) => {
    setError(null);
    setNote(null);
    setForm({
      id: r.id, name: r.name, kpi: r.kpi, scope: r.scope, scope_id: r.scope_id ?? '', frequency: r.frequency, kind: r.kind,
      sensitivity: r.params.sensitivity ?? 'medium', op: r.params.op ?? 'lt', value: r.params.value == null ? '' : String(r.params.value),
      recent: r.params.recent == null ? '' : String(r.params.recent), enabled: r.enabled,
    });
  };

  return (
    <section className="card orch-rules" aria-labelledby="rules-title" data-testid="rules">
      <div className="card-header">
        <h2 id="rules-title">{t('orch.rule.title')}</h2>
        {!form && rules.data && <button type="button" className="btn btn-primary" onClick={() => { setError(null); setForm(blank()); }} data-testid="rule-new">{t('orch.rule.new')}</button>}
      </div>
      <p className="muted small">{t('orch.rule.subtitle')}</p>
      {note && <p className="notice notice-ok" role="status" data-testid="rules-note">{note}</p>}
      {!form && <Problem error={error} />}
      {form && (
        <form className="orch-rule-form" onSubmit={(e) => void save(e)} data-testid="rule-form" aria-labelledby="rule-form-title">
          <h3 id="rule-form-title">{form.id ? t('orch.rule.edit', { name: form.name }) : t('orch.rule.new')}</h3>
          <div className="form-row">
            <label className="field grow"><span>{t('common.name')}</span><input value={form.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} placeholder={t('orch.rule.namePlaceholder')} data-testid="rule-name" /></label>
            <label className="field"><span>{t('orch.rule.kpi')}</span>
              <select value={form.kpi} onChange={(e) => set({ kpi: e.target.value })} disabled={!!form.id} data-testid="rule-kpi">
                {kpiOptions.map((k) => <option key={k.key} value={k.key}>{locale === 'zh' ? k.label.zh : k.label.en}</option>)}
                {kpiOptions.length === 0 && <option value={form.kpi}>{form.kpi}</option>}
              </select>
            </label>
            <label className="field"><span>{t('orch.rule.scope')}</span>
              <select value={form.scope} disabled={!!form.id} data-testid="rule-scope"
                onChange={(e) => { const scope = e.target.value as RuleForm['scope']; set({ scope, scope_id: scope === 'team' ? myTeams[0]?.id ?? '' : scope === 'rep' ? me?.id ?? '' : '' }); }}>
                {(form.id ? [form.scope] : scopes).map((s) => <option key={s} value={s}>{t(`orch.scope.${s}`)}</option>)}
              </select>
            </label>
            {form.scope !== 'company' && (
              <label className="field"><span>{t(form.scope === 'team' ? 'orch.scope.team' : 'orch.scope.rep')}</span>
                <select value={form.scope_id} onChange={(e) => set({ scope_id: e.target.value })} disabled={!!form.id} data-testid="rule-scope-id">
                  {form.scope === 'team'
                    ? myTeams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)
                    : (myReps.length ? myReps : [{ id: me?.id ?? '', name: me?.name ?? '' }]).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
                  {form.id && <option value={form.scope_id}>{form.scope_id ? (people.data?.teams.find((x) => x.id === form.scope_id)?.name ?? people.data?.users.find((u) => u.id === form.scope_id)?.name ?? form.scope_id) : '—'}</option>}
                </select>
              </label>
            )}
          </div>
          <div className="form-row">
            <label className="field"><span>{t('orch.rule.frequency')}</span>
              <select value={form.frequency} onChange={(e) => set({ frequency: e.target.value as RuleForm['frequency'] })} data-testid="rule-frequency">
                {(['day', 'week', 'month'] as const).map((f) => <option key={f} value={f}>{t(`orch.freq.${f}`)}</option>)}
              </select>
            </label>
            <label className="field"><span>{t('orch.rule.kind')}</span>
              <select value={form.kind} onChange={(e) => set({ kind: e.target.value as RuleForm['kind'] })} disabled={!!form.id} data-testid="rule-kind">
                {(['anomaly', 'threshold', 'target'] as const).map((k) => <option key={k} value={k}>{t(`orch.rule.kind.${k}`)}</option>)}
              </select>
            </label>
            {form.kind === 'anomaly' && (
              <label className="field"><span>{t('orch.rule.sensitivity')}</span>
                <select value={form.sensitivity} onChange={(e) => set({ sensitivity: e.target.value })} data-testid="rule-sensitivity">
                  {(['low', 'medium', 'high'] as const).map((s) => <option key={s} value={s}>{t(`orch.sens.${s}`)}</option>)}
                </select>
              </label>
            )}
            {form.kind === 'threshold' && (
              <label className="field"><span>{t('orch.rule.when')}</span>
                <select value={form.op} onChange={(e) => set({ op: e.target.value })} data-testid="rule-op">
                  <option value="lt">{t('orch.rule.op.lt')}</option>
                  <option value="gt">{t('orch.rule.op.gt')}</option>
                </select>
              </label>
            )}
            {form.kind !== 'anomaly' && (
              <label className="field"><span>{form.kind === 'target' ? t('common.target') : t('common.value')}{unitOf ? ` (${t(`orch.unitName.${unitOf}`)})` : ''}</span>
                <input type="number" step="any" value={form.value} onChange={(e) => set({ value: e.target.value })} required style={{ width: 140 }} data-testid="rule-value" />
              </label>
            )}
            <label className="field"><span>{t('orch.rule.recent')}</span>
              <input type="number" min={1} max={52} value={form.recent} placeholder={form.kind === 'anomaly' ? '3' : '1'} onChange={(e) => set({ recent: e.target.value })} style={{ width: 90 }} />
            </label>
            <label className="field field-inline"><input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> <span>{t('orch.rule.enabled')}</span></label>
          </div>
          <p className="muted small">{t(`orch.rule.help.${form.kind}`)}</p>
          <Problem error={error} />
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy || (form.scope === 'team' && !form.scope_id)} data-testid="rule-save">{busy ? t('common.saving') : t('common.save')}</button>
            <button type="button" className="btn" onClick={() => { setForm(null); setError(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <AsyncBlock state={rules} what="GET /api/v1/alerts/rules" isEmpty={(r) => r.length === 0} empty={t('orch.rule.empty')} testId="rules">
        {(rows) => (
          <div className="table-scroll">
            <table className="table table-compact" data-testid="rules-table">
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th><th scope="col">{t('orch.rule.kpi')}</th><th scope="col">{t('orch.rule.scope')}</th>
                  <th scope="col">{t('orch.rule.frequency')}</th><th scope="col">{t('orch.rule.kind')}</th><th scope="col">{t('orch.rule.params')}</th>
                  <th scope="col">{t('orch.rule.enabled')}</th><th scope="col"><span className="sr-only">{t('orch.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-rule-id={r.id}>
                    <td className="cell-clip cell-narrow" title={r.name}>{r.name} {r.is_default && <span className="badge">{t('orch.rule.default')}</span>}</td>
                    <td>{kpiLabel(catalog, r.kpi, locale)}</td>
                    <td>{scopeName(r)}</td>
                    <td>{t(`orch.freq.${r.frequency}`)}</td>
                    <td>{t(`orch.rule.kind.${r.kind}`)}</td>
                    <td>{paramsText(r)}</td>
                    <td><input type="checkbox" checked={r.enabled} onChange={() => void toggle(r)} disabled={busy} aria-label={t('orch.rule.enableNamed', { name: r.name })} /></td>
                    <td className="cell-actions">
                      <EditDeleteActions name={r.name} confirming={confirming === r.id} busy={busy}
                        onEdit={() => edit(r)} onAskDelete={() => setConfirming(r.id)} onDelete={() => void remove(r)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncBlock>
    </section>
  );
}
