// Which model provider the capabilities use: settings stored in the database (key
// 'model_provider'), overridden by SALESBLOOM_LLM_* environment variables, validated once.
// Every capability asks getModelProvider(db) and falls back to its offline path on null.
import type { Db } from '../../db/client.ts';
import { createGuardedProvider, parseProviderConfig, type ProviderConfig } from '../../llm/offline.ts';
import type { CallRecord } from '../../llm/guarded-provider.ts';
import type { ModelProvider } from '../../llm/types.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';

export const PROVIDER_SETTING = 'model_provider';

/** Environment overrides, so a server can be pointed at a model without touching the database. */
function fromEnv(env: NodeJS.ProcessEnv): Partial<Record<keyof ProviderConfig, unknown>> {
  const out: Partial<Record<keyof ProviderConfig, unknown>> = {};
  if (env.SALESBLOOM_LLM_KIND) out.kind = env.SALESBLOOM_LLM_KIND;
  if (env.SALESBLOOM_LLM_BASE_URL) out.baseUrl = env.SALESBLOOM_LLM_BASE_URL;
  if (env.SALESBLOOM_LLM_API_KEY) out.apiKey = env.SALESBLOOM_LLM_API_KEY;
  if (env.SALESBLOOM_LLM_CHAT_MODEL) out.chatModel = env.SALESBLOOM_LLM_CHAT_MODEL;
  if (env.SALESBLOOM_LLM_EMBEDDING_MODEL) out.embeddingModel = env.SALESBLOOM_LLM_EMBEDDING_MODEL;
  if (env.SALESBLOOM_LLM_ALLOW_REMOTE) out.allowRemote = env.SALESBLOOM_LLM_ALLOW_REMOTE === 'true';
  if (env.SALESBLOOM_LLM_MODEL_DIR) out.modelDir = env.SALESBLOOM_LLM_MODEL_DIR;
  return out;
}

export async function loadProviderConfig(db: Db, env = process.env): Promise<ProviderConfig> {
  const { rows } = await db.query<{ value: Record<string, unknown> }>('SELECT value FROM settings WHERE key = $1', [PROVIDER_SETTING]);
  return parseProviderConfig({ ...(rows[0]?.value ?? {}), ...fromEnv(env) });
}

export async function saveProviderConfig(db: Db, actor: Actor | null, raw: Record<string, unknown>): Promise<ProviderConfig> {
  const config = parseProviderConfig(raw);
  await db.transaction(async (tx) => {
    const before = (await tx.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [PROVIDER_SETTING])).rows[0]?.value;
    await tx.query(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [PROVIDER_SETTING, JSON.stringify(config), actor?.id ?? null],
    );
    await writeAudit(tx, actor, { action: 'update', entity: 'settings', entityId: PROVIDER_SETTING, before: maskKey(before), after: maskKey(config) });
  });
  return config;
}

/** The API key never leaves the server once stored. */
export function maskKey<T>(config: T): T {
  if (!config || typeof config !== 'object') return config;
  const c = config as Record<string, unknown>;
  return (c.apiKey ? { ...c, apiKey: MASK } : c) as T;
}

async function namesKnownToCrm(db: Db): Promise<{ people: string[]; organizations: string[] }> {
  const people = await db.query<{ name: string }>(
    `SELECT name FROM contacts WHERE name IS NOT NULL UNION SELECT name FROM users UNION SELECT name FROM leads WHERE name IS NOT NULL`,
  );
  const orgs = await db.query<{ name: string }>(`SELECT name FROM accounts UNION SELECT company AS name FROM leads WHERE company IS NOT NULL`);
  return { people: people.rows.map((r) => r.name), organizations: orgs.rows.map((r) => r.name) };
}

/**
 * The configured provider behind the privacy guard (redaction of CRM names and personal data,
 * the admin's allow-remote switch, every call in the audit log), or null in offline mode.
 */
export async function getModelProvider(db: Db, actor: Actor | null = null): Promise<ModelProvider | null> {
  const config = await loadProviderConfig(db);
  let names: Promise<{ people: string[]; organizations: string[] }> | null = null;
  const known = () => (names ??= namesKnownToCrm(db));
  return createGuardedProvider(config, {
    knownNames: async () => (await known()).people,
    knownOrganizations: async () => (await known()).organizations,
    onCall: (record: CallRecord) =>
      writeAudit(db, actor, { action: 'model_call', entity: 'model_provider', entityId: `${record.provider}:${record.model}`, detail: record }),
  });
}

/** The settings as stored (no environment overrides), for merging a partial update. */
async function storedSettings(db: Db): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ value: Record<string, unknown> }>('SELECT value FROM settings WHERE key = $1', [PROVIDER_SETTING]);
  return rows[0]?.value ?? {};
}

/**
 * Applies a partial update: fields left out keep their stored value; an omitted or masked
 * ("••••") apiKey keeps the stored key, "" clears it.
 */
export async function updateProviderConfig(db: Db, actor: Actor | null, patch: Record<string, unknown>): Promise<ProviderConfig> {
  const stored = await storedSettings(db);
  const next: Record<string, unknown> = { ...stored, ...patch };
  if (patch.apiKey === undefined || patch.apiKey === MASK) next.apiKey = stored.apiKey ?? '';
  return saveProviderConfig(db, actor, next);
}

export const MASK = '••••';

export interface ProviderTestReport {
  kind: ProviderConfig['kind'];
  ok: boolean;
  embedding: { ok: boolean; model: string; dims: number | null; latency_ms: number; error?: string };
  generation: { ok: boolean; model: string; text: string | null; latency_ms: number; error?: string };
}

/** Embeds and generates one short text with the configured provider; offline mode always passes. */
export async function testModelProvider(db: Db, actor: Actor | null): Promise<ProviderTestReport> {
  const config = await loadProviderConfig(db);
  const provider = await getModelProvider(db, actor);
  const timed = async <T>(fn: () => Promise<T>): Promise<{ value?: T; ms: number; error?: string }> => {
    const started = performance.now();
    try {
      const value = await fn();
      return { value, ms: Math.round(performance.now() - started) };
    } catch (error) {
      return { ms: Math.round(performance.now() - started), error: (error as Error).message };
    }
  };
  if (!provider) {
    return {
      kind: 'offline', ok: true,
      embedding: { ok: true, model: 'offline-embedding (TF-IDF + LSA)', dims: null, latency_ms: 0 },
      generation: { ok: true, model: 'extractive', text: null, latency_ms: 0 },
    };
  }
  const e = await timed(() => provider.embed(['SalesBloom connection test'], { purpose: 'provider-test' }));
  const g = await timed(() => provider.generate({ messages: [{ role: 'user', content: 'Reply with the single word OK.' }], maxTokens: 8, purpose: 'provider-test' }));
  const embedding = { ok: !e.error, model: config.embeddingModel, dims: e.value?.[0]?.length ?? null, latency_ms: e.ms, ...(e.error ? { error: e.error } : {}) };
  const generation = { ok: !g.error, model: config.chatModel, text: g.value?.text ?? null, latency_ms: g.ms, ...(g.error ? { error: g.error } : {}) };
  return { kind: config.kind, ok: embedding.ok && generation.ok, embedding, generation };
}

export interface UsageRow {
  provider: string;
  model: string;
  purpose: string;
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}

/** Token and cost totals from the audited model calls, priced with the configured prices. */
export async function modelUsage(db: Db, range: { since?: Date | null; until?: Date | null } = {}) {
  const config = await loadProviderConfig(db);
  const { rows } = await db.query<{ provider: string; model: string; purpose: string; calls: number; prompt_tokens: number; completion_tokens: number }>(
    `SELECT coalesce(detail->>'provider', '?') AS provider, coalesce(detail->>'model', '?') AS model,
            coalesce(detail->>'purpose', 'unspecified') AS purpose, count(*)::int AS calls,
            coalesce(sum((detail->'tokens'->>'promptTokens')::bigint), 0)::bigint AS prompt_tokens,
            coalesce(sum((detail->'tokens'->>'completionTokens')::bigint), 0)::bigint AS completion_tokens
       FROM audit_log
      WHERE action = 'model_call' AND ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
      GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`,
    [range.since ?? null, range.until ?? null],
  );
  const byModel: UsageRow[] = rows.map((r) => {
    const price = config.prices[r.model];
    const cost = price ? (Number(r.prompt_tokens) / 1000) * price.inputPer1k + (Number(r.completion_tokens) / 1000) * price.outputPer1k : 0;
    return { ...r, calls: Number(r.calls), prompt_tokens: Number(r.prompt_tokens), completion_tokens: Number(r.completion_tokens), cost_usd: Math.round(cost * 1e6) / 1e6 };
  });
  const sum = (key: 'calls' | 'prompt_tokens' | 'completion_tokens' | 'cost_usd') => byModel.reduce((a, r) => a + r[key], 0);
  return {
    since: range.since?.toISOString() ?? null,
    until: range.until?.toISOString() ?? null,
    total: { calls: sum('calls'), prompt_tokens: sum('prompt_tokens'), completion_tokens: sum('completion_tokens'), cost_usd: Math.round(sum('cost_usd') * 1e6) / 1e6 },
    by_model: byModel,
  };
}
