// After data arrives (the demo company, or a first import), train every model and compute every
// analysis once, so each page and endpoint has something to show. One line per capability;
// a step that fails is reported and the others still run.
import type { Db } from '../db/client.ts';
import type { Actor } from '../modules/crm/access.ts';
import { Repository } from '../modules/crm/repository.ts';
import { trainLeadModel } from '../modules/lead-scoring/train.ts';
import { scoreAllLeads } from '../modules/lead-scoring/scoring.ts';
import { trainWinModel } from '../modules/pipeline/model.ts';
import { recomputeCustomers } from '../modules/customer-analytics/service.ts';
import { refitOfflineEmbedding } from '../modules/knowledge/embeddings.ts';
import { analyzeAll } from '../modules/calls/service.ts';
import { scanAlerts } from '../modules/alerts/scan.ts';
import { assess } from '../modules/competency/service.ts';
import { trainNba } from '../modules/next-best-action/service.ts';

export interface PrepareStep {
  name: string;
  run(db: Db, admin: Actor): Promise<string>;
}

export const PREPARE_STEPS: PrepareStep[] = [
  {
    name: 'lead scoring',
    async run(db, admin) {
      const trained = await trainLeadModel(db, admin);
      const scored = await scoreAllLeads(db, admin, 'open');
      return `model v${trained.version} (${trained.model}, hold-out AUC ${fmt(trained.metrics.auc)}); ${scored?.scored ?? 0} open leads scored`;
    },
  },
  {
    name: 'win probability',
    async run(db, admin) {
      const model = await trainWinModel(db, admin);
      return `model v${model.version} trained on ${model.metrics.trained_on} closed deals`;
    },
  },
  {
    name: 'customer analytics',
    async run(db) {
      const s = await recomputeCustomers(db);
      return `${s.customers} customers in ${s.segments} segments`;
    },
  },
  {
    name: 'knowledge embeddings',
    async run(db, admin) {
      const model = await refitOfflineEmbedding(db, admin);
      return `offline embedding fitted on ${model.documents} texts`;
    },
  },
  {
    name: 'call analysis',
    async run(db, admin) {
      const r = await analyzeAll(db, new Repository(db), admin, { onlyMissing: true, limit: 20_000 });
      return `${r.analyzed} calls and threads analysed, ${r.tasks_created} action items became tasks`;
    },
  },
  {
    name: 'competency assessment',
    async run(db, admin) {
      const r = await assess(db, admin);
      return `${r.assessed} reps assessed for ${r.period} (${r.method})`;
    },
  },
  {
    name: 'next-best-action',
    async run(db, admin) {
      const r = await trainNba(db, admin);
      return `policy v${r.version} from ${r.episodes} closed deals, ${r.deviating_states} states improved on the logged behaviour`;
    },
  },
  {
    name: 'KPI alerts',
    async run(db, admin) {
      const r = await scanAlerts(db, admin);
      return `${r.series} KPI series scanned under ${r.rules} rules, ${r.alerts_created} alerts`;
    },
  },
];

const fmt = (x: unknown) => (typeof x === 'number' ? x.toFixed(3) : 'n/a');

export interface PrepareReport {
  step: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

/** Runs every step as the first admin; returns what each did (or why it failed). */
export async function prepareCapabilities(db: Db, onStep: (report: PrepareReport) => void = () => {}): Promise<PrepareReport[]> {
  const { rows } = await db.query<Actor>(`SELECT id, name, role FROM users WHERE role = 'admin' AND active ORDER BY created_at LIMIT 1`);
  const admin: Actor | undefined = rows[0];
  const reports: PrepareReport[] = [];
  for (const step of PREPARE_STEPS) {
    const started = performance.now();
    let report: PrepareReport;
    try {
      if (!admin) throw new Error('no active admin user');
      report = { step: step.name, ok: true, detail: await step.run(db, admin), seconds: 0 };
    } catch (error) {
      report = { step: step.name, ok: false, detail: (error as Error).message, seconds: 0 };
    }
    report.seconds = (performance.now() - started) / 1000;
    reports.push(report);
    onStep(report);
  }
  return reports;
}
