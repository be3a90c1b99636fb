// Email delivery for drafts: settings key 'email_delivery' holds either a webhook
// ({kind: 'webhook', url}) or an SMTP server ({kind: 'smtp', host, port, security, user, password,
// from}); `kind` chooses which is used, and the other kind's fields are kept for switching back.
// The SMTP password is a secret: stored, never returned (views say only `password_set`).
// SMTP goes through nodemailer, which speaks the protocol (implicit TLS or STARTTLS, AUTH, UTF-8).
import { AppError, ConflictError, ExitCode, InputError, UnavailableError, type InputIssue } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';

export const DELIVERY_SETTING = 'email_delivery';
export const DELIVERY_KINDS = ['webhook', 'smtp'] as const;
export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
const DEFAULT_PORT: Record<SmtpSecurity, number> = { starttls: 587, tls: 465, none: 25 };

export interface DeliverySettings {
  kind: (typeof DELIVERY_KINDS)[number];
  /** webhook */
  url?: string;
  /** smtp */
  host?: string;
  port?: number;
  /** 'tls': implicit TLS from the start (usually port 465); 'starttls': upgrade required (587); 'none': plain (local relays only). */
  security?: SmtpSecurity;
  user?: string;
  password?: string;
  from?: string;
  /** false accepts a self-signed server certificate (a local relay); default true. */
  tls_reject_unauthorized?: boolean;
}

/** What the API and CLI show: everything but the password. */
export interface DeliveryView extends Omit<DeliverySettings, 'password'> {
  password_set: boolean;
}

/** Thrown when the delivery channel refuses or fails; the detail carries the server's own reason. */
export class DeliveryError extends AppError {
  override readonly status = 503;
  override readonly exitCode = ExitCode.unavailable;
  override readonly type = 'https://salesbloom.dev/problems/delivery-failed';
  constructor(message: string, readonly reason: { code?: string; command?: string; response?: string; response_code?: number } = {}) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export function deliveryView(s: DeliverySettings | null): DeliveryView | null {
  if (!s) return null;
  const { password, ...rest } = s;
  return { ...rest, password_set: typeof password === 'string' && password.length > 0 };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** "sales@example.com" or "Sales Team <sales@example.com>". */
const validFrom = (v: string) => EMAIL.test(v) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/.test(v);

/** Validates a complete settings object (after merging a partial update onto the stored one). */
export function validateDelivery(raw: Record<string, unknown>): DeliverySettings {
  const issues: InputIssue[] = [];
  const bad = (column: string, value: unknown, reason: string) => issues.push({ column, value, reason });
  const str = (key: string, max: number): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || v.length > max) return void bad(key, v, `must be text of at most ${max} characters`);
    return v.trim();
  };
  const kind = raw.kind;
  if (!DELIVERY_KINDS.includes(kind as never)) bad('kind', kind, `must be one of ${DELIVERY_KINDS.join(', ')}`);
  const out: DeliverySettings = { kind: kind as DeliverySettings['kind'] };
  const url = str('url', 2000);
  if (url !== undefined) {
    if (/^https?:\/\/\S+$/i.test(url)) out.url = url;
    else bad('url', url, 'must be an http(s) URL');
  }
  const host = str('host', 255);
  if (host !== undefined) {
    if (/^[A-Za-z0-9.\-:[\]]+$/.test(host)) out.host = host;
    else bad('host', host, 'must be a host name or IP address');
  }
  if (raw.security !== undefined && raw.security !== null) {
    if (SMTP_SECURITY.includes(raw.security as never)) out.security = raw.security as SmtpSecurity;
    else bad('security', raw.security, `must be one of ${SMTP_SECURITY.join(', ')}`);
  }
  if (raw.port !== undefined && raw.port !== null && raw.port !== '') {
    const port = Number(raw.port);
    if (Number.isInteger(port) && port >= 1 && port <= 65535) out.port = port;
    else bad('port', raw.port, 'must be a whole number from 1 to 65535');
  }
  const user = str('user', 255);
  if (user !== undefined) out.user = user;
  if (raw.password !== undefined && raw.password !== null && raw.password !== '') {
    if (typeof raw.password === 'string' && raw.password.length <= 1000) out.password = raw.password;
    else bad('password', '(hidden)', 'must be text of at most 1000 characters');
  }
  const from = str('from', 320);
  if (from !== undefined) {
    if (validFrom(from)) out.from = from;
    else bad('from', from, 'must be an email address, optionally as "Name <address>"');
  }
  if (raw.tls_reject_unauthorized !== undefined && raw.tls_reject_unauthorized !== null) {
    if (typeof raw.tls_reject_unauthorized === 'boolean') out.tls_reject_unauthorized = raw.tls_reject_unauthorized;
    else bad('tls_reject_unauthorized', raw.tls_reject_unauthorized, 'must be true or false');
  }
  const known = new Set(['kind', 'url', 'host', 'port', 'security', 'user', 'password', 'from', 'tls_reject_unauthorized', 'password_set']);
  for (const key of Object.keys(raw)) if (!known.has(key)) bad(key, raw[key], 'is not a delivery setting');
  const missing = (column: keyof DeliverySettings, reason: string) => out[column] === undefined && !issues.some((i) => i.column === column) && bad(column, raw[column], reason);
  if (out.kind === 'webhook') missing('url', 'is required for webhook delivery');
  if (out.kind === 'smtp') {
    missing('host', 'is required for SMTP delivery');
    missing('from', 'is required for SMTP delivery (the sender address)');
    out.security ??= 'starttls';
    out.port ??= DEFAULT_PORT[out.security];
    if (out.password && !out.user) bad('user', raw.user, 'is required when a password is set');
  }
  if (issues.length) throw new InputError('Invalid email delivery settings', issues);
  return out;
}

export async function loadDelivery(db: Db): Promise<DeliverySettings | null> {
  const { rows } = await db.query<{ value: DeliverySettings }>('SELECT value FROM settings WHERE key = $1', [DELIVERY_SETTING]);
  return rows[0]?.value ?? null;
}

/**
 * Applies a partial update onto the stored settings: fields left out keep their value; a
 * password left out keeps the stored one, "" (or null) clears it. Audited without the password.
 */
export async function updateDelivery(db: Db, actor: Actor | null, patch: Record<string, unknown>): Promise<DeliveryView> {
  const stored = (await loadDelivery(db)) ?? null;
  const { password_set: _ignored, ...rest } = patch;
  const merged: Record<string, unknown> = { ...(stored ?? {}), ...rest };
  if (patch.password === undefined) merged.password = stored?.password;
  for (const [k, v] of Object.entries(rest)) if (v === null) delete merged[k];
  const next = validateDelivery(merged);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [DELIVERY_SETTING, JSON.stringify(next), actor?.id ?? null],
    );
    await writeAudit(tx, actor, { action: 'update', entity: 'settings', entityId: DELIVERY_SETTING, before: deliveryView(stored), after: deliveryView(next) });
  });
  return deliveryView(next)!;
}

export interface OutgoingEmail {
  activity_id: string;
  to: { name: string | null; email: string | null } | null;
  from: { id: string; name: string };
  subject: string;
  body: string;
}

export type DeliveryReceipt =
  | { kind: 'webhook'; status: number }
  | { kind: 'smtp'; message_id: string; accepted: string[]; response: string };

async function sendWebhook(settings: DeliverySettings, mail: OutgoingEmail): Promise<DeliveryReceipt> {
  let status: number;
  try {
    const response = await fetch(settings.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ activity_id: mail.activity_id, to: mail.to, from: mail.from, subject: mail.subject, body: mail.body }),
      signal: AbortSignal.timeout(15_000),
    });
    status = response.status;
  } catch (err) {
    throw new UnavailableError(`the email delivery webhook could not be reached: ${(err as Error).message}`);
  }
  if (status < 200 || status >= 300) throw new UnavailableError(`the email delivery webhook answered ${status}`);
  return { kind: 'webhook', status };
}

async function sendSmtp(settings: DeliverySettings, mail: OutgoingEmail): Promise<DeliveryReceipt> {
  if (!mail.to?.email) throw new ConflictError('the draft has no recipient email address (its contact or lead has none)');
  const security = settings.security ?? 'starttls';
  const { createTransport } = await import('nodemailer'); // on first use: most runs never send mail
  const transport = createTransport({
    host: settings.host,
    port: settings.port ?? DEFAULT_PORT[security],
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    tls: { rejectUnauthorized: settings.tls_reject_unauthorized !== false },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.email } : mail.to.email,
      subject: mail.subject,
      text: mail.body,
      headers: { 'X-SalesBloom-Activity': mail.activity_id },
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length) throw Object.assign(new Error(`recipient rejected: ${rejected.join(', ')}`), { code: 'EENVELOPE', response: String(info.response ?? '') });
    return { kind: 'smtp', message_id: String(info.messageId ?? ''), accepted: ((info.accepted ?? []) as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address)), response: String(info.response ?? '') };
  } catch (error) {
    const e = error as Error & { code?: string; command?: string; response?: string; responseCode?: number };
    const where = e.command ? ` at ${e.command}` : '';
    const reason = e.response ? e.response.trim() : e.message;
    const message = e.code === 'EAUTH' ? `the SMTP server refused the login${where}: ${reason}`
      : e.code === 'ECONNECTION' || e.code === 'ETIMEDOUT' || e.code === 'ESOCKET' || e.code === 'EDNS' ? `the SMTP server ${settings.host}:${settings.port} could not be reached: ${e.message}`
      : e.code === 'ETLS' ? `TLS with the SMTP server failed: ${e.message}`
      : `the SMTP server refused the message${where}: ${reason}`;
    throw new DeliveryError(message, { code: e.code, command: e.command, response: e.response, response_code: e.responseCode });
  } finally {
    transport.close();
  }
}

/** Sends one email through the configured channel; 409 when none is configured. */
export async function deliver(db: Db, mail: OutgoingEmail): Promise<DeliveryReceipt> {
  const settings = await loadDelivery(db);
  if (settings?.kind === 'webhook' && typeof settings.url === 'string') return sendWebhook(settings, mail);
  if (settings?.kind === 'smtp' && settings.host && settings.from) return sendSmtp(settings, mail);
  throw new ConflictError('no delivery configured');
}
