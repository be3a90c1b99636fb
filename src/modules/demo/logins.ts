// Who can log in to the demo: an admin (an existing one is reused), the managers and the reps,
// all with one published demo password.
import type { Db } from '../../db/client.ts';
import { DEMO_EMAIL_DOMAIN } from './org.ts';

/** Published in the README: the demo is for trying SalesBloom out, never for real data. */
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_EMAIL_DOMAIN}`;

export interface DemoLogin {
  role: 'admin' | 'manager' | 'rep';
  name: string;
  email: string;
  team: string | null;
  /** The demo password, or null for an admin that existed before the demo (its own password applies). */
  password: string | null;
}

/** The first active admin, or a new demo admin when there is none. */
export async function ensureDemoAdmin(db: Db, passwordHash: string, at: string): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'admin' AND active AND password_hash IS NOT NULL ORDER BY created_at, id LIMIT 1`);
  if (rows[0]) return rows[0];
  const created = await db.query<{ id: string }>(
    `INSERT INTO users (external_id, email, name, role, password_hash, created_at, updated_at)
     VALUES ('demo-admin', $1, 'Demo Administrator', 'admin', $2, $3, $3) RETURNING id`,
    [DEMO_ADMIN_EMAIL, passwordHash, at],
  );
  return created.rows[0];
}

/** The admin, every manager and the first rep of each team (all reps share the demo password). */
export async function demoLogins(db: Db): Promise<DemoLogin[]> {
  const { rows } = await db.query<{ role: DemoLogin['role']; name: string; email: string; team: string | null; external_id: string | null }>(
    `(SELECT u.role, u.name, u.email, NULL AS team, u.external_id, 0 AS k, '' AS sort FROM users u
        WHERE u.role = 'admin' AND u.active AND u.password_hash IS NOT NULL ORDER BY u.created_at, u.id LIMIT 1)
     UNION ALL
     (SELECT u.role, u.name, u.email, t.name, u.external_id, 1, u.external_id FROM users u LEFT JOIN teams t ON t.id = u.team_id
        WHERE u.external_id LIKE 'demo-manager-%')
     UNION ALL
     (SELECT DISTINCT ON (u.team_id) u.role, u.name, u.email, t.name, u.external_id, 2, u.external_id FROM users u LEFT JOIN teams t ON t.id = u.team_id
        WHERE u.external_id LIKE 'demo-rep-%' ORDER BY u.team_id, u.external_id)
     ORDER BY k, sort`,
  );
  return rows.map((r) => ({
    role: r.role, name: r.name, email: r.email, team: r.team,
    password: r.role !== 'admin' || r.external_id === 'demo-admin' ? DEMO_PASSWORD : null,
  }));
}
