// Users, API tokens and browser sessions. Tokens and session ids are shown once and stored
// only as SHA-256 hashes, so a database leak does not leak credentials.
import { createHash, randomBytes } from 'node:crypto';
import { AuthError, ConflictError, InputError, NotFoundError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import type { Role } from '../crm/entities.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const SESSION_DAYS = 7;
export const MIN_PASSWORD_LENGTH = 8;

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  password?: string;
  teamId?: string | null;
}

export async function createUser(db: Db, user: NewUser, by: Actor | null = null): Promise<Actor & { email: string }> {
  if (user.password !== undefined && user.password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError('password too short', [{ column: 'password', reason: `must have at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  const email = user.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new InputError('invalid email', [{ column: 'email', value: user.email, reason: 'is not an email address' }]);
  const existing = await db.query('SELECT 1 FROM users WHERE email = $1', [email]);
  if (existing.rows[0]) throw new ConflictError(`a user with email ${email} already exists`);
  const hash = user.password ? await hashPassword(user.password) : null;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (name, email, role, team_id, password_hash, external_id)
     VALUES ($1, $2, $3, $4, $5, gen_random_uuid()::text) RETURNING id`,
    [user.name, email, user.role, user.teamId ?? null, hash],
  );
  const created = { id: rows[0].id, name: user.name, role: user.role, email };
  await writeAudit(db, by, { action: 'create', entity: 'users', entityId: created.id, after: { ...created } });
  return created;
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InputError('password too short', [{ column: 'password', reason: `must have at least ${MIN_PASSWORD_LENGTH} characters` }]);
  }
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [userId, await hashPassword(password)]);
}

export async function findUser(db: Db, idOrEmail: string): Promise<Actor & { email: string | null }> {
  const { rows } = await db.query<Actor & { email: string | null }>(
    `SELECT id, name, role, email FROM users WHERE email = lower($1) OR id::text = $1 OR external_id = $1 LIMIT 1`,
    [idOrEmail],
  );
  if (!rows[0]) throw new NotFoundError(`no user ${idOrEmail}`);
  return rows[0];
}

export interface IssuedToken {
  id: string;
  token: string;
  name: string;
  expires_at: string | null;
}

export async function createToken(db: Db, userId: string, name: string, expiresInDays?: number, by: Actor | null = null): Promise<IssuedToken> {
  const token = `sb_${randomBytes(24).toString('base64url')}`;
  const { rows } = await db.query<{ id: string; expires_at: Date | null }>(
    `INSERT INTO api_tokens (user_id, name, prefix, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(days => $5::int) END)
     RETURNING id, expires_at`,
    [userId, name, token.slice(0, 7), sha256(token), expiresInDays ?? null],
  );
  await writeAudit(db, by, { action: 'create', entity: 'api_tokens', entityId: rows[0].id, after: { user_id: userId, name } });
  return { id: rows[0].id, token, name, expires_at: rows[0].expires_at?.toISOString() ?? null };
}

export async function revokeToken(db: Db, tokenId: string, by: Actor | null = null): Promise<void> {
  const scope = by && by.role !== 'admin' ? ' AND user_id = $2' : '';
  const { rowCount } = await db.query(
    `UPDATE api_tokens SET revoked_at = now() WHERE id::text = $1 AND revoked_at IS NULL${scope}`,
    scope ? [tokenId, by!.id] : [tokenId],
  );
  if (!rowCount) throw new NotFoundError(`no active token ${tokenId}`);
  await writeAudit(db, by, { action: 'revoke', entity: 'api_tokens', entityId: tokenId });
}

export async function listTokens(db: Db, userId: string | null) {
  const { rows } = await db.query(
    `SELECT t.id, t.name, t.prefix, u.email AS user_email, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id ${userId ? 'WHERE t.user_id = $1' : ''} ORDER BY t.created_at`,
    userId ? [userId] : [],
  );
  return rows;
}

const ACTOR_COLUMNS = 'u.id, u.name, u.role, u.locale';

/** The actor behind an API token, or an AuthError. */
export async function authenticateToken(db: Db, token: string): Promise<Actor> {
  const { rows } = await db.query<Actor & { token_id: string; last_used_at: Date | null }>(
    `SELECT ${ACTOR_COLUMNS}, t.id AS token_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active`,
    [sha256(token)],
  );
  const row = rows[0];
  if (!row) throw new AuthError('invalid, expired or revoked API token');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.token_id]);
  }
  return { id: row.id, name: row.name, role: row.role, locale: row.locale };
}

export async function login(db: Db, email: string, password: string): Promise<{ actor: Actor; sessionId: string; csrfToken: string; expires: Date }> {
  const { rows } = await db.query<Actor & { password_hash: string | null }>(
    `SELECT id, name, role, locale, password_hash FROM users WHERE email = lower($1) AND active`,
    [email],
  );
  const user = rows[0];
  if (!user || !(await verifyPassword(password, user.password_hash))) throw new AuthError('wrong email or password');
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.query('INSERT INTO sessions (user_id, token_hash, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [user.id, sha256(sessionId), csrfToken, expires]);
  const actor = { id: user.id, name: user.name, role: user.role, locale: user.locale };
  await writeAudit(db, actor, { action: 'login', entity: 'sessions', entityId: user.id });
  return { actor, sessionId, csrfToken, expires };
}

export async function authenticateSession(db: Db, sessionId: string): Promise<{ actor: Actor; csrfToken: string }> {
  const { rows } = await db.query<Actor & { csrf_token: string }>(
    `SELECT ${ACTOR_COLUMNS}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [sha256(sessionId)],
  );
  if (!rows[0]) throw new AuthError('session expired; log in again');
  const { csrf_token, ...actor } = rows[0];
  return { actor, csrfToken: csrf_token };
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(sessionId)]);
}

/** On first start: create an admin with a generated password, once. */
export async function ensureAdmin(db: Db): Promise<{ email: string; password: string } | null> {
  const { rows } = await db.query(`SELECT 1 FROM users WHERE role = 'admin' AND password_hash IS NOT NULL LIMIT 1`);
  if (rows[0]) return null;
  const password = randomBytes(12).toString('base64url');
  const email = 'admin@salesbloom.local';
  const existing = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  if (existing.rows[0]) {
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [existing.rows[0].id]);
    await setPassword(db, existing.rows[0].id, password);
  } else {
    await createUser(db, { name: 'Administrator', email, role: 'admin', password });
  }
  return { email, password };
}
