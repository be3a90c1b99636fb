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
  return out;
}

export async function loadProviderConfig(db: Db, env = process.env): Promise<ProviderConfig> {
  const { rows } = await db.query<{ value: Record<string, unknown> }>('SELECT value FROM settings WHERE key = $1', [PROVIDER_SETTING]);
  return parseProviderConfig({ ...(rows[0]?.value ?? {}), ...fromEnv(env) });
}

export async function saveProviderConfig(db: Db, actor: Actor, raw: Record<string, unknown>): Promise<ProviderConfig> {
  const config = parseProviderConfig(raw);
  await db.transaction(async (tx) => {
    const before = (await tx.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [PROVIDER_SETTING])).rows[0]?.value;
    await tx.query(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [PROVIDER_SETTING, JSON.stringify(config), actor.id],
    );
    await writeAudit(tx, actor, { action: 'update', entity: 'settings', entityId: PROVIDER_SETTING, before: maskKey(before), after: maskKey(config) });
  });
  return config;
}

/** The API key never leaves the server once stored. */
export function maskKey<T>(config: T): T {
  if (!config || typeof config !== 'object') return config;
  const c = config as Record<string, unknown>;
  return (c.apiKey ? { ...c, apiKey: '••••' } : c) as T;
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
