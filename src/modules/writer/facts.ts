// The fact sheet a draft may draw on, gathered under the caller's row-level access: who the
// recipient is, what the customer bought, open opportunities, recent conversations (key
// sentences), and product facts (list prices, knowledge-article snippets).
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import { extractiveSummary } from '../../ml/conversation/summary.ts';
import { splitSentences, type Turn } from '../../ml/conversation/transcript.ts';
import { formatDate, formatMoney, type Language } from '../../ml/writing/compose.ts';
import type { TemplateVars } from '../../ml/writing/template.ts';
import { scopePredicate, type Actor } from '../crm/access.ts';
import { ENTITIES } from '../crm/entities.ts';
import type { Repository } from '../crm/repository.ts';

export interface Target {
  lead_id?: string;
  contact_id?: string;
  account_id?: string;
  opportunity_id?: string;
}

export interface ProductFact {
  id: string;
  name: string;
  list_price: number | null;
  currency: string;
  description: string | null;
  snippets: string[];
}

export interface FactSheet {
  recipient: { name: string | null; title: string | null; company: string | null; industry: string | null; employees: number | null; country: string | null };
  products_bought: { name: string; last_ordered: string }[];
  open_opportunities: { id: string; name: string | null; stage: string; amount: number | null; currency: string; expected_close: string | null; product: string | null }[];
  last_activities: { type: string; subject: string | null; occurred_at: string; key_sentences: string[] }[];
  products: ProductFact[];
  sender: { name: string };
}

export interface GatheredFacts {
  facts: FactSheet;
  links: { lead_id: string | null; contact_id: string | null; account_id: string | null; opportunity_id: string | null };
  /** The recipient's preferred language when the CRM records one. */
  language: Language | null;
}

type Row = Record<string, any>;
const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));
const dateOnly = (v: unknown) => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
};

export function languageOf(value: unknown): Language | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  return /^(zh|cn|chinese|中文)/i.test(value.trim()) ? 'zh' : /^en/i.test(value.trim()) ? 'en' : null;
}

/** Two customer sentences that carry the conversation (TextRank), from a transcript or an inbound email. */
function keySentences(activity: Row): string[] {
  const transcript = Array.isArray(activity.transcript) ? (activity.transcript as Turn[]) : null;
  if (transcript && transcript.length > 0) {
    const valid = transcript.filter((t) => t && typeof t.text === 'string' && typeof t.speaker === 'string' && (t.role === 'rep' || t.role === 'customer'));
    const customer = valid.filter((t) => t.role === 'customer');
    return extractiveSummary(customer.length > 0 ? customer : valid, { maxSentences: 2 }).map((s) => s.text);
  }
  // Only what the customer wrote: "you mentioned …" must quote them, not the rep's own email.
  if (activity.type === 'email' && activity.direction !== 'inbound') return [];
  if (typeof activity.body === 'string' && activity.body.trim()) {
    return extractiveSummary([{ speaker: 'customer', role: 'customer', text: activity.body }], { maxSentences: 2 }).map((s) => s.text);
  }
  return [];
}

export async function productFactsFor(db: Db, ids: string[], language: Language): Promise<ProductFact[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<Row>(`SELECT id, name, list_price, currency, description FROM products WHERE id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const out: ProductFact[] = [];
  for (const id of ids) {
    const p = byId.get(id);
    if (!p) continue;
    const articles = await db.query<Row>(
      `SELECT title, body, language FROM knowledge_articles
       WHERE status = 'published' AND (strpos(lower(body), lower($1)) > 0 OR strpos(lower(title), lower($1)) > 0 OR lower($1) = ANY (SELECT lower(t) FROM unnest(tags) t))
       ORDER BY (language = $2) DESC NULLS LAST, updated_at DESC LIMIT 5`,
      [p.name, language],
    );
    // Prose sentences that name the product; table rows and headings are left to the price fields.
    const snippets: string[] = [];
    for (const a of articles.rows) {
      for (const s of splitSentences(String(a.body))) {
        if (snippets.length >= 2) break;
        if (s.includes('|') || s.startsWith('#') || s.length > 220 || !s.toLowerCase().includes(String(p.name).toLowerCase())) continue;
        if (!snippets.includes(s)) snippets.push(s.replace(/^[-*]\s+/, ''));
      }
    }
    out.push({ id, name: p.name, list_price: num(p.list_price), currency: p.currency ?? 'USD', description: p.description ?? null, snippets });
  }
  return out;
}

/** Gathers the fact sheet for exactly one target record, as the actor may see it. */
export async function gatherFacts(db: Db, repo: Repository, actor: Actor, target: Target, language: Language | null): Promise<GatheredFacts> {
  const given = (['lead_id', 'contact_id', 'account_id', 'opportunity_id'] as const).filter((k) => target[k]);
  if (given.length !== 1) {
    throw new InputError('Name exactly one customer record', [{ column: given.length ? given.join(', ') : 'lead_id', value: given.length, reason: 'give exactly one of lead_id, contact_id, account_id, opportunity_id' }]);
  }
  let opportunity: Row | null = null;
  let contact: Row | null = null;
  let account: Row | null = null;
  let lead: Row | null = null;
  if (target.opportunity_id) opportunity = await repo.get(ENTITIES.opportunities, actor, target.opportunity_id);
  if (target.lead_id) lead = await repo.get(ENTITIES.leads, actor, target.lead_id);
  if (target.contact_id) contact = await repo.get(ENTITIES.contacts, actor, target.contact_id);
  if (target.account_id) account = await repo.get(ENTITIES.accounts, actor, target.account_id);
  if (opportunity?.contact_id) contact = await repo.get(ENTITIES.contacts, actor, String(opportunity.contact_id));
  const accountId = account?.id ?? opportunity?.account_id ?? contact?.account_id ?? null;
  if (!account && accountId) account = await repo.get(ENTITIES.accounts, actor, String(accountId));
  if (!contact && account && !lead) {
    const c = await db.query<Row>(`SELECT * FROM contacts WHERE account_id = $1 ORDER BY created_at, id LIMIT 1`, [account.id]);
    contact = c.rows[0] ?? null;
  }
  if (!lead && opportunity?.lead_id) lead = await db.query<Row>(`SELECT * FROM leads WHERE id = $1`, [opportunity.lead_id]).then((r) => r.rows[0] ?? null);
  const lang = language ?? languageOf(contact?.language) ?? languageOf(lead?.language) ?? 'en';

  const products_bought: FactSheet['products_bought'] = [];
  if (account) {
    const { rows } = await db.query<Row>(
      `SELECT p.id, p.name, max(o.ordered_at) AS last_ordered FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
       WHERE o.account_id = $1 AND o.status = 'completed' GROUP BY p.id, p.name ORDER BY max(o.ordered_at) DESC LIMIT 5`,
      [account.id],
    );
    for (const r of rows) products_bought.push({ name: r.name, last_ordered: dateOnly(r.last_ordered)! });
  }

  // Open opportunities of this customer that the actor may see (the target one first).
  const oppScope = scopePredicate(ENTITIES.opportunities, actor, 'o', 4);
  const opps = await db.query<Row>(
    `SELECT o.id, o.name, o.stage, o.amount, o.currency, o.expected_close, o.product_id, o.product_lines, p.name AS product
     FROM opportunities o LEFT JOIN products p ON p.id = o.product_id
     WHERE (o.id = $1 OR (o.stage NOT IN ('won', 'lost') AND (o.account_id = $2 OR o.lead_id = $3))) AND ${oppScope.sql}
     ORDER BY (o.id = $1) DESC NULLS LAST, o.expected_close NULLS LAST LIMIT 3`,
    [opportunity?.id ?? null, account?.id ?? null, lead?.id ?? null, ...oppScope.params],
  );
  const open_opportunities = opps.rows.map((o) => ({
    id: String(o.id), name: o.name ?? null, stage: o.stage, amount: num(o.amount), currency: o.currency ?? 'USD', expected_close: dateOnly(o.expected_close), product: o.product ?? null,
  }));

  const actScope = scopePredicate(ENTITIES.activities, actor, 'a', 5);
  const acts = await db.query<Row>(
    `SELECT a.type, a.direction, a.subject, a.body, a.transcript, a.occurred_at FROM activities a
     WHERE a.status = 'done' AND a.type IN ('call', 'email', 'meeting', 'note')
       AND (a.opportunity_id = $1 OR a.account_id = $2 OR a.lead_id = $3 OR a.contact_id = $4) AND ${actScope.sql}
     ORDER BY a.occurred_at DESC LIMIT 3`,
    [opportunity?.id ?? null, account?.id ?? null, lead?.id ?? null, contact?.id ?? null, ...actScope.params],
  );
  const last_activities = acts.rows.map((a) => ({ type: a.type, subject: a.subject ?? null, occurred_at: iso(a.occurred_at)!, key_sentences: keySentences(a) }));

  // Products to talk about: the deal's, then other open deals', then what they bought.
  const productIds: string[] = [];
  const addProduct = (id: unknown) => {
    if (id && !productIds.includes(String(id)) && productIds.length < 3) productIds.push(String(id));
  };
  for (const o of opps.rows) {
    addProduct(o.product_id);
    for (const line of Array.isArray(o.product_lines) ? o.product_lines : []) addProduct(line?.product_id);
  }
  if (productIds.length === 0 && account) {
    const bought = await db.query<Row>(
      `SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.account_id = $1 AND l.product_id IS NOT NULL GROUP BY l.product_id ORDER BY max(o.ordered_at) DESC LIMIT 2`,
      [account.id],
    );
    for (const r of bought.rows) addProduct(r.product_id);
  }
  const sender = await db.query<Row>('SELECT name FROM users WHERE id = $1', [actor.id]);

  return {
    facts: {
      recipient: {
        name: contact?.name ?? lead?.name ?? null,
        title: contact?.title ?? lead?.title ?? null,
        company: account?.name ?? lead?.company ?? null,
        industry: account?.industry ?? lead?.industry ?? null,
        employees: num(account?.employees),
        country: account?.country ?? lead?.country ?? null,
      },
      products_bought,
      open_opportunities,
      last_activities,
      products: await productFactsFor(db, productIds, lang),
      sender: { name: sender.rows[0]?.name ?? actor.name },
    },
    links: { lead_id: lead?.id ?? null, contact_id: contact?.id ?? null, account_id: account?.id ?? null, opportunity_id: opportunity?.id ?? open_opportunities[0]?.id ?? null },
    language: languageOf(contact?.language) ?? languageOf(lead?.language),
  };
}

/** Template variables from a fact sheet; everything printed is formatted from a fact. */
export function variablesOf(facts: FactSheet, language: Language, callToAction?: string): TemplateVars {
  const product = facts.products[0];
  const opp = facts.open_opportunities[0];
  const last = facts.last_activities[0];
  const sep = language === 'zh' ? '、' : ', ';
  return {
    recipient_name: facts.recipient.name ?? undefined,
    recipient_title: facts.recipient.title ?? undefined,
    company: facts.recipient.company ?? (language === 'zh' ? '贵司' : 'your team'),
    industry: facts.recipient.industry ?? (language === 'zh' ? '您所在' : 'your industry'),
    employees: facts.recipient.employees === null ? undefined : String(facts.recipient.employees),
    country: facts.recipient.country ?? undefined,
    product: product?.name,
    product_price: product?.list_price != null ? formatMoney(product.list_price, product.currency, language) : undefined,
    product_description: product?.description ?? undefined,
    product_snippet: product?.snippets[0],
    products_bought: facts.products_bought.slice(0, 2).map((p) => p.name).join(sep) || undefined,
    opportunity_name: opp?.name ?? undefined,
    opportunity_amount: opp?.amount != null ? formatMoney(opp.amount, opp.currency, language) : undefined,
    expected_close: opp?.expected_close ? formatDate(opp.expected_close, language) : undefined,
    last_activity_subject: last?.subject ?? undefined,
    last_activity_date: last ? formatDate(last.occurred_at, language) : undefined,
    key_sentence: facts.last_activities.find((a) => a.key_sentences.length > 0)?.key_sentences[0],
    sender_name: facts.sender.name,
    call_to_action: callToAction,
  };
}
