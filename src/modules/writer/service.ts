// Sales emails and marketing copy: gather the facts (access-checked), draft offline from the
// built-in wording or with the configured model, fact-check every draft, and save each as an
// activity draft (type 'email', status 'draft') that the rep can edit and send.
import type { Db } from '../../db/client.ts';
import { ConflictError, InputError, NotFoundError } from '../../core/errors.ts';
import { composeFromTemplate, composeVariants, formatMoney, KINDS, LANGUAGES, TEMPLATE_SETS, TONES, type Draft, type Kind, type Language, type Tone } from '../../ml/writing/compose.ts';
import { checkDraft, type DraftCheck } from '../../ml/writing/fact-check.ts';
import { lengthTarget, type Channel, type LengthName } from '../../ml/writing/spam.ts';
import type { TemplateVars } from '../../ml/writing/template.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import type { Repository } from '../crm/repository.ts';
import { getModelProvider } from '../providers/service.ts';
import { deliver } from './delivery.ts';
import { gatherFacts, variablesOf, type Target } from './facts.ts';
import { draftWithProvider } from './provider-draft.ts';
import { segmentFacts } from './segment.ts';
import { getTemplate } from './templates.ts';

export const LENGTH_NAMES = ['short', 'medium', 'long'] as const;
export const CHANNELS = ['email', 'linkedin', 'landing_page', 'sms'] as const;
export const EMAIL_KINDS = KINDS.filter((k) => k !== 'marketing_copy');
export const MAX_VARIANTS = 5;

export interface DraftOut {
  id: string;
  variant: number;
  subject: string;
  body: string;
  language: Language;
  checks: DraftCheck;
}

export interface GenerationResult {
  provider: string;
  facts: unknown;
  drafts: DraftOut[];
  /** Set when the model failed and the offline drafts were used instead. */
  warning?: string;
}

interface Controls {
  tone?: string;
  length?: string;
  language?: string;
  variants?: number;
  call_to_action?: string;
  seed?: number;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], column: string, fallback: T): T {
  if (value === undefined || value === null || value === '') return fallback;
  if (!allowed.includes(value as T)) throw new InputError(`${column} must be one of ${allowed.join(', ')}`, [{ column, value, reason: `must be one of ${allowed.join(', ')}` }]);
  return value as T;
}

function parseControls(c: Controls, recordLanguage: Language | null) {
  const variants = c.variants ?? 1;
  if (!Number.isInteger(variants) || variants < 1 || variants > MAX_VARIANTS) {
    throw new InputError(`variants must be 1 to ${MAX_VARIANTS}`, [{ column: 'variants', value: c.variants, reason: `must be an integer from 1 to ${MAX_VARIANTS}` }]);
  }
  const seed = c.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new InputError('seed must be a non-negative integer', [{ column: 'seed', value: c.seed, reason: 'must be a non-negative integer' }]);
  const cta = c.call_to_action?.trim();
  if (cta && cta.length > 300) throw new InputError('call_to_action is too long', [{ column: 'call_to_action', value: cta.length, reason: 'at most 300 characters' }]);
  return {
    tone: oneOf<Tone>(c.tone, TONES, 'tone', 'friendly'),
    length: oneOf<LengthName>(c.length, LENGTH_NAMES, 'length', 'medium'),
    language: oneOf<Language>(c.language, LANGUAGES, 'language', recordLanguage ?? 'en'),
    variants,
    seed,
    callToAction: cta || undefined,
  };
}

export async function catalogueNames(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>('SELECT DISTINCT name FROM products WHERE name IS NOT NULL');
  return rows.map((r) => r.name);
}

interface DraftPlan {
  kind: Kind;
  tone: Tone;
  length: LengthName;
  language: Language;
  channel?: Channel;
  variants: number;
  seed: number;
  callToAction?: string;
  facts: unknown;
  vars: TemplateVars;
  template?: { id: string; subject: string; body: string };
}

/** Offline or model drafts for a plan, each with its checks; the model's failure falls back to offline. */
async function produceDrafts(db: Db, actor: Actor, plan: DraftPlan): Promise<{ provider: string; drafts: (Draft & { checks: DraftCheck })[]; warning?: string }> {
  let drafts: Draft[] | null = null;
  let provider = 'offline';
  let warning: string | undefined;
  const model = plan.template ? null : await getModelProvider(db, actor);
  if (model) {
    try {
      drafts = await draftWithProvider(model, { ...plan, facts: plan.facts });
      provider = model.kind;
    } catch (err) {
      warning = `The model could not draft (${(err as Error).message}); offline drafts are shown instead.`;
    }
  }
  if (!drafts) {
    const vars = { ...plan.vars, call_to_action: plan.callToAction };
    drafts = plan.template
      ? Array.from({ length: plan.variants }, (_, v) => composeFromTemplate(plan.template!, vars, plan.seed * 7919 + v, TEMPLATE_SETS[plan.language].defaultCta))
      : composeVariants({ kind: plan.kind, tone: plan.tone, length: plan.length, language: plan.language, channel: plan.channel }, vars, plan.variants, plan.seed);
  }
  const catalogue = await catalogueNames(db);
  // The call to action is the user's own input: facts it states are allowed.
  const facts = { ...(plan.facts as object), call_to_action: plan.callToAction ?? null };
  const target = lengthTarget(plan.length, plan.language, plan.channel ?? 'email', plan.kind === 'marketing_copy');
  return { provider, warning, drafts: drafts.map((d) => ({ ...d, checks: checkDraft({ subject: d.subject, body: d.body, facts, catalogue, target }) })) };
}

async function saveDrafts(repo: Repository, actor: Actor, plan: DraftPlan, produced: Awaited<ReturnType<typeof produceDrafts>>, links: Record<string, string | null>): Promise<DraftOut[]> {
  const out: DraftOut[] = [];
  for (const [i, d] of produced.drafts.entries()) {
    const row = await repo.create(ENTITIES.activities, actor, {
      type: 'email', subtype: plan.kind, direction: 'outbound', status: 'draft', subject: d.subject, body: d.body,
      owner_id: actor.id, ...links,
      attributes: {
        draft: true, variant: i + 1, kind: plan.kind, tone: plan.tone, length: plan.length, language: plan.language, channel: plan.channel ?? 'email',
        provider: produced.provider, template_id: plan.template?.id ?? null, checks: d.checks, facts: plan.facts, call_to_action: plan.callToAction ?? null,
        copy: plan.kind === 'marketing_copy',
      },
    });
    out.push({ id: String(row.id), variant: i + 1, subject: d.subject, body: d.body, language: plan.language, checks: d.checks });
  }
  return out;
}

export interface EmailRequest extends Target, Controls {
  kind?: string;
  template_id?: string;
}

export async function generateEmail(db: Db, repo: Repository, actor: Actor, req: EmailRequest): Promise<GenerationResult> {
  const kind = oneOf<Kind>(req.kind, EMAIL_KINDS, 'kind', 'follow_up');
  const language0 = req.language ? oneOf<Language>(req.language, LANGUAGES, 'language', 'en') : null;
  const template = req.template_id ? await getTemplate(db, req.template_id) : undefined;
  const gathered = await gatherFacts(db, repo, actor, req, language0 ?? (template ? (template.language as Language) : null));
  const c = parseControls(req, template ? (template.language as Language) : gathered.language);
  const plan: DraftPlan = { kind, ...c, facts: gathered.facts, vars: variablesOf(gathered.facts, c.language), template };
  const produced = await produceDrafts(db, actor, plan);
  const drafts = await saveDrafts(repo, actor, plan, produced, gathered.links);
  return { provider: produced.provider, facts: gathered.facts, drafts, ...(produced.warning ? { warning: produced.warning } : {}) };
}

export interface CopyRequest extends Controls {
  industry?: string;
  segment?: string;
  product_ids?: string[];
  channel?: string;
}

export async function generateCopy(db: Db, repo: Repository, actor: Actor, req: CopyRequest): Promise<GenerationResult> {
  const industry = req.industry?.trim() || null;
  const segment = req.segment?.trim() || null;
  if (!industry && !segment) throw new InputError('Name a segment or an industry', [{ column: 'industry', reason: 'give industry or segment' }]);
  const channel = oneOf<Channel>(req.channel, CHANNELS, 'channel', 'email');
  const c = parseControls(req, null);
  let productIds = req.product_ids ?? [];
  if (productIds.length > 5) throw new InputError('At most 5 products', [{ column: 'product_ids', value: productIds.length, reason: 'at most 5' }]);
  if (productIds.length > 0) {
    const found = await db.query<{ id: string }>('SELECT id FROM products WHERE id = ANY($1::uuid[])', [productIds]);
    const missing = productIds.filter((id) => !found.rows.some((r) => String(r.id) === id));
    if (missing.length) throw new InputError('Unknown product', missing.map((id) => ({ column: 'product_ids', value: id, reason: 'no such product' })));
  } else {
    // What this industry buys most, else the best-selling products overall.
    const { rows } = await db.query<{ product_id: string }>(
      `SELECT l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN accounts a ON a.id = o.account_id
       WHERE l.product_id IS NOT NULL GROUP BY l.product_id
       ORDER BY count(*) FILTER (WHERE $1::text IS NOT NULL AND lower(a.industry) = lower($1)) DESC, count(*) DESC LIMIT 2`,
      [industry],
    );
    productIds = rows.map((r) => String(r.product_id));
  }
  const segment0 = await segmentFacts(db, industry, segment, productIds, c.language);
  const sender = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [actor.id]);
  const facts = { ...segment0, sender: { name: sender.rows[0]?.name ?? actor.name } };
  const product = facts.products[0];
  const vars: TemplateVars = {
    industry: industry ?? segment ?? undefined,
    segment: segment ?? undefined,
    product: product?.name,
    product_price: product?.list_price != null ? formatMoney(product.list_price, product.currency, c.language) : undefined,
    product_description: product?.description ?? undefined,
    product_snippet: product?.snippets[0],
    customers: facts.segment_stats.customers > 0 ? String(facts.segment_stats.customers) : undefined,
    sender_name: facts.sender.name,
  };
  const plan: DraftPlan = { kind: 'marketing_copy', ...c, channel, facts, vars };
  const produced = await produceDrafts(db, actor, plan);
  const drafts = await saveDrafts(repo, actor, plan, produced, { lead_id: null, contact_id: null, account_id: null, opportunity_id: null });
  return { provider: produced.provider, facts, drafts, ...(produced.warning ? { warning: produced.warning } : {}) };
}

export interface CheckRequest {
  text: string;
  subject?: string;
  facts?: unknown;
  catalogue?: string[];
  length?: string;
  language?: string;
  channel?: string;
}

export async function checkText(db: Db, req: CheckRequest): Promise<DraftCheck> {
  if (typeof req.text !== 'string') throw new InputError('text is required', [{ column: 'text', reason: 'is required' }]);
  const length = oneOf<LengthName>(req.length, LENGTH_NAMES, 'length', 'medium');
  const language = oneOf<Language>(req.language, LANGUAGES, 'language', /\p{Script=Han}/u.test(req.text) ? 'zh' : 'en');
  const channel = oneOf<Channel>(req.channel, CHANNELS, 'channel', 'email');
  const catalogue = [...new Set([...(await catalogueNames(db)), ...(req.catalogue ?? [])])];
  return checkDraft({ subject: req.subject, body: req.text, facts: req.facts ?? {}, catalogue, target: lengthTarget(length, language, channel) });
}

type Row = Record<string, any>;

function draftView(row: Row): Row {
  const a = row.attributes ?? {};
  return {
    id: row.id, subject: row.subject, body: row.body, status: row.status, variant: a.variant ?? null, kind: a.kind ?? row.subtype ?? null,
    language: a.language ?? null, provider: a.provider ?? null, checks: a.checks ?? null, delivered_at: a.delivered_at ?? null,
    lead_id: row.lead_id, contact_id: row.contact_id, account_id: row.account_id, opportunity_id: row.opportunity_id, owner_id: row.owner_id, created_at: row.created_at,
  };
}

async function getDraft(repo: Repository, actor: Actor, id: string): Promise<Row> {
  const row = (await repo.get(ENTITIES.activities, actor, id)) as Row;
  if (row.type !== 'email' || !row.attributes?.kind) throw new NotFoundError(`draft ${id} not found`);
  return row;
}

export async function listDrafts(db: Db, actor: Actor, limit = 50): Promise<Row[]> {
  const scope = scopePredicate(ENTITIES.activities, actor, 'a', 1);
  const { rows } = await db.query<Row>(
    `SELECT a.* FROM activities a WHERE a.type = 'email' AND a.attributes ? 'kind' AND a.attributes ? 'checks' AND ${scope.sql}
     ORDER BY a.created_at DESC, a.id LIMIT ${Math.min(Math.max(1, limit), 500)}`,
    scope.params,
  );
  return rows.map(draftView);
}

export async function updateDraft(db: Db, repo: Repository, actor: Actor, id: string, patch: { subject?: string; body?: string }): Promise<Row> {
  const row = await getDraft(repo, actor, id);
  if (row.status !== 'draft') throw new ConflictError(`draft ${id} was already sent`);
  const subject = patch.subject ?? row.subject ?? '';
  const body = patch.body ?? row.body ?? '';
  const a = row.attributes ?? {};
  const checks = checkDraft({
    subject, body, facts: { ...(a.facts ?? {}), call_to_action: a.call_to_action ?? null }, catalogue: await catalogueNames(db),
    target: lengthTarget(a.length ?? 'medium', a.language ?? 'en', a.channel ?? 'email', !!a.copy),
  });
  const updated = await repo.update(ENTITIES.activities, actor, id, { subject, body, attributes: { ...a, checks, edited: true } });
  return draftView(updated);
}

export { DELIVERY_SETTING } from './delivery.ts';

/**
 * Sends a draft through the configured delivery (webhook or SMTP, settings key email_delivery);
 * the activity becomes a done outbound email. On any failure the draft stays unsent.
 */
export async function sendDraft(db: Db, repo: Repository, actor: Actor, id: string): Promise<Row> {
  const row = await getDraft(repo, actor, id);
  if (row.status !== 'draft') throw new ConflictError(`draft ${id} was already sent`);
  const to = row.contact_id
    ? (await db.query<Row>('SELECT email, name FROM contacts WHERE id = $1', [row.contact_id])).rows[0]
    : row.lead_id ? (await db.query<Row>('SELECT email, name FROM leads WHERE id = $1', [row.lead_id])).rows[0] : null;
  const sender = (await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [actor.id])).rows[0]?.name ?? actor.name;
  // Claim the draft before the (slow, outside any transaction) delivery, so that two sends at
  // once (a double click, two tabs) deliver it once. A claim older than ten minutes is a crashed
  // send and may be taken again.
  const { rows: claimed } = await db.query(
    `UPDATE activities SET attributes = attributes || jsonb_build_object('sending_at', now())
      WHERE id = $1 AND status = 'draft'
        AND (NOT attributes ? 'sending_at' OR (attributes->>'sending_at')::timestamptz < now() - interval '10 minutes')
      RETURNING id`,
    [id],
  );
  if (!claimed[0]) throw new ConflictError(`draft ${id} is being sent or was already sent`);
  let delivery: Awaited<ReturnType<typeof deliver>>;
  try {
    delivery = await deliver(db, {
      activity_id: id, to: to ? { name: to.name ?? null, email: to.email ?? null } : null, from: { id: actor.id, name: sender },
      subject: row.subject ?? '', body: row.body ?? '',
    });
  } catch (error) {
    await db.query(`UPDATE activities SET attributes = attributes - 'sending_at' WHERE id = $1`, [id]);
    throw error;
  }
  const deliveredAt = new Date().toISOString();
  const updated = await repo.update(ENTITIES.activities, actor, id, {
    status: 'done', occurred_at: deliveredAt, attributes: { ...row.attributes, draft: false, delivered_at: deliveredAt, delivery, ...(to?.email ? { sent_to: to.email } : {}) },
  });
  return { ...draftView(updated), delivery };
}
