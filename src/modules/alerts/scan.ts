// The alert scan: compute each watched KPI series, judge its recent periods (anomaly detection
// that models seasonality and trend, thresholds, targets), store new alerts with their evidence
// and notify the people responsible. One grouped query per (KPI, frequency, scope level) serves
// every rule at that level.
import { render, renderDeep, type Text } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { detectAnomalies, type AnomalyReport } from '../../ml/anomaly/detector.ts';
import type { Actor } from '../crm/access.ts';
import { kpiDefinition, type KpiKey } from '../kpis/catalog.ts';
import { kpiName } from '../kpis/messages.ts';
import { computeKpi, type KpiSeriesSet } from '../kpis/compute.ts';
import { addPeriods, periodStart, type Frequency } from '../kpis/periods.ts';
import { notify, type NewNotification } from '../tasks/notifications.ts';
import { ALERT_SELECT, localizeAlert, type AlertRow } from './feed.ts';
import { alertTitle, msg } from './messages.ts';
import { suggestionLinks } from './links.ts';
import { DEFAULT_LOOKBACK, ensureDefaultRules, listRules, type AlertRule } from './rules.ts';

/** Seasonal periods worth testing at each frequency (weekly rhythm of days, yearly of weeks/months). */
const CANDIDATE_PERIODS: Record<Frequency, number[]> = { day: [7], week: [52], month: [12] };

export interface ScanResult {
  rules: number;
  series: number;
  alerts_created: number;
  default_rules_created: number;
  seconds: number;
  alerts: AlertRow[];
}

interface Finding {
  period: string;
  kind: string;
  observed: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  deviation: number | null;
  score: number | null;
  critical: boolean;
}

/** Scans every enabled rule the actor may see (all for an admin or the CLI) as of `asOf` (default now). */
export async function scanAlerts(db: Db, actor: Actor | null, options: { asOf?: number } = {}): Promise<ScanResult> {
  const started = performance.now();
  const defaults = await ensureDefaultRules(db);
  const rules = (await listRules(db, actor ?? { id: '00000000-0000-0000-0000-000000000000', name: 'system', role: 'admin' })).filter((r) => r.enabled);
  const asOf = options.asOf ?? Date.now();

  // One computation per (kpi, frequency, level) over the longest lookback any of its rules needs.
  const batches = new Map<string, { kpi: KpiKey; frequency: Frequency; level: AlertRule['scope']; lookback: number; rules: AlertRule[] }>();
  for (const rule of rules) {
    const key = `${rule.kpi}|${rule.frequency}|${rule.scope}`;
    const batch = batches.get(key) ?? { kpi: rule.kpi as KpiKey, frequency: rule.frequency, level: rule.scope, lookback: 0, rules: [] };
    batch.lookback = Math.max(batch.lookback, rule.params.lookback ?? DEFAULT_LOOKBACK[rule.frequency]);
    batch.rules.push(rule);
    batches.set(key, batch);
  }
  const created: AlertRow[] = [];
  let series = 0;
  for (const batch of batches.values()) {
    // Only complete periods: the current one is still filling up and would look like a dip.
    const last = addPeriods(periodStart(asOf, batch.frequency), batch.frequency, -1);
    const first = addPeriods(last, batch.frequency, -(batch.lookback - 1));
    const set = await computeKpi(db, batch.kpi, { frequency: batch.frequency, from: first, to: last, groupBy: batch.level });
    if (set.omitted) continue;
    for (const rule of batch.rules) {
      series++;
      const findings = judge(rule, set);
      for (const f of findings) {
        const alert = await storeAlert(db, rule, f, set);
        if (alert) created.push(alert);
      }
    }
  }
  await notifyAlerts(db, created);
  return { rules: rules.length, series, alerts_created: created.length, default_rules_created: defaults, seconds: (performance.now() - started) / 1000, alerts: created };
}

/** The rule's series (its last `lookback` periods) and evidence band per point. */
function ruleSeries(rule: AlertRule, set: KpiSeriesSet): { periods: string[]; values: Array<number | null> } {
  const lookback = rule.params.lookback ?? DEFAULT_LOOKBACK[rule.frequency];
  const fill = kpiDefinition(rule.kpi)?.aggregation === 'sum' ? 0 : null;
  const all = set.groups.get(rule.scope_id ?? 'company') ?? set.periods.map(() => fill);
  return { periods: set.periods.slice(-lookback), values: all.slice(-lookback) };
}

interface Band {
  expected: Array<number | null>;
  lower: Array<number | null>;
  upper: Array<number | null>;
}

const evidenceCache = new WeakMap<AlertRule, { band: Band; report?: AnomalyReport }>();

function judge(rule: AlertRule, set: KpiSeriesSet): Finding[] {
  const { periods, values } = ruleSeries(rule, set);
  const recent = Math.min(rule.params.recent ?? 1, periods.length);
  const findings: Finding[] = [];
  if (rule.kind === 'anomaly') {
    // Before a team's or rep's first recorded value the series did not exist yet: missing, not zero.
    const firstSeen = values.findIndex((v) => v !== null && v !== 0);
    const series = Float64Array.from(values, (v, i) => (v === null || i < firstSeen || firstSeen < 0 ? Number.NaN : v));
    const report = detectAnomalies(series, {
      sensitivity: rule.params.sensitivity ?? 'medium',
      candidatePeriods: CANDIDATE_PERIODS[rule.frequency],
    });
    const band: Band = { expected: report.points.map((p) => p.expected), lower: report.points.map((p) => p.lower), upper: report.points.map((p) => p.upper) };
    evidenceCache.set(rule, { band, report });
    const threshold = { low: 5, medium: 4, high: 3.5 }[rule.params.sensitivity ?? 'medium'];
    for (const p of report.points.slice(-recent)) {
      if (!p.kind) continue;
      findings.push({
        period: periods[p.index], kind: p.kind, observed: p.value, expected: p.expected, lower: p.lower, upper: p.upper,
        deviation: p.deviation, score: p.score, critical: p.score >= 2 * threshold,
      });
    }
    return findings;
  }
  const def = kpiDefinition(rule.kpi)!;
  const limit = rule.params.value ?? 0;
  const below = rule.kind === 'threshold' ? rule.params.op === 'lt' : def.direction === 'up';
  const band: Band = { expected: values.map(() => limit), lower: values.map(() => (below ? limit : null)), upper: values.map(() => (below ? null : limit)) };
  evidenceCache.set(rule, { band });
  for (let i = periods.length - recent; i < periods.length; i++) {
    const v = values[i];
    if (v === null) continue;
    if (below ? v < limit : v > limit) {
      const deviation = v - limit;
      findings.push({
        period: periods[i], kind: rule.kind, observed: v, expected: limit, lower: band.lower[i], upper: band.upper[i],
        deviation, score: limit !== 0 ? Math.abs(deviation / limit) : null, critical: limit !== 0 && Math.abs(deviation / limit) >= 0.5,
      });
    }
  }
  return findings;
}

async function scopeName(db: Db, rule: AlertRule): Promise<Text | string> {
  if (rule.scope === 'company' || !rule.scope_id) return msg('alerts.scope.company');
  const table = rule.scope === 'team' ? 'teams' : 'users';
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [rule.scope_id]);
  return rows[0]?.name ?? rule.scope_id;
}

async function storeAlert(db: Db, rule: AlertRule, f: Finding, set: KpiSeriesSet): Promise<AlertRow | null> {
  const def = kpiDefinition(rule.kpi)!;
  const { periods, values } = ruleSeries(rule, set);
  const cached = evidenceCache.get(rule)!;
  const evidence = {
    series: periods.map((period, i) => ({
      period, value: values[i], expected: finite(cached.band.expected[i]), lower: finite(cached.band.lower[i]), upper: finite(cached.band.upper[i]),
    })),
    ...(cached.report ? { periods: cached.report.periods, sigma: finite(cached.report.sigma), sensitivity: rule.params.sensitivity ?? 'medium' } : { limit: rule.params.value, op: rule.params.op ?? null }),
  };
  // The column keeps the English title; readers get it rebuilt in their language (localizeAlert).
  const title = render(alertTitle(kpiName(def.label), f.kind, await scopeName(db, rule), rule.frequency, f.period), 'en');
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO alerts (rule_id, kpi, scope, scope_id, frequency, period, kind, severity, title, observed, expected, lower, upper, deviation, score, evidence, links)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (rule_id, period) DO NOTHING RETURNING id`,
    [
      rule.id, rule.kpi, rule.scope, rule.scope_id, rule.frequency, f.period, f.kind, f.critical ? 'critical' : 'warning', title,
      finite(f.observed), finite(f.expected), finite(f.lower), finite(f.upper), finite(f.deviation), finite(f.score),
      JSON.stringify(evidence), JSON.stringify(renderDeep(suggestionLinks(rule.kpi), 'en')),
    ],
  );
  if (!rows[0]) return null;
  const stored = await db.query<AlertRow>(`${ALERT_SELECT} WHERE a.id = $1`, [rows[0].id]);
  return { ...localizeAlert(stored.rows[0]), owner_id: rule.owner_id } as AlertRow;
}

function finite(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** Rule owner, the rep concerned, the managers of the team concerned; admins for company alerts. */
async function notifyAlerts(db: Db, alerts: AlertRow[]): Promise<void> {
  const notes: NewNotification[] = [];
  for (const a of alerts) {
    const recipients = new Set<string>();
    const owner = (a as AlertRow & { owner_id?: string | null }).owner_id;
    if (owner) recipients.add(owner);
    const { rows } = await db.query<{ id: string }>(
      a.scope === 'team' ? 'SELECT manager_id AS id FROM teams WHERE id = $1 AND manager_id IS NOT NULL'
        : a.scope === 'rep' ? `SELECT $1::uuid AS id UNION SELECT t.manager_id FROM users u JOIN teams t ON t.id = u.team_id WHERE u.id = $1 AND t.manager_id IS NOT NULL`
          : `SELECT id FROM users WHERE role = 'admin' AND active AND $1::uuid IS NULL`,
      [a.scope_id],
    );
    for (const r of rows) recipients.add(r.id);
    for (const userId of recipients) {
      notes.push({ userId, kind: 'alert', title: a.title, body: alertBody(a), link: `/alerts/${a.id}`, payload: { alert_id: a.id, kpi: a.kpi, period: a.period } });
    }
  }
  if (notes.length) await notify(db, notes);
}

function alertBody(a: AlertRow): Text {
  const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : String(Math.round(v * 1000) / 1000));
  return a.lower !== null || a.upper !== null
    ? msg('alerts.body.band', { observed: fmt(a.observed), expected: fmt(a.expected), lower: fmt(a.lower), upper: fmt(a.upper) })
    : msg('alerts.body.plain', { observed: fmt(a.observed) });
}
