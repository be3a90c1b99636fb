// A real HTTP server on 127.0.0.1 over a fresh test database, with two teams of users and
// a token for each, for tests that exercise the API as clients do.
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../db/testing.ts';
import { createToken, createUser } from '../modules/auth/service.ts';
import { buildServer } from './server.ts';

export interface TestUser {
  id: string;
  token: string;
}

export interface TestServer {
  url: string;
  db: TestDb;
  app: FastifyInstance;
  users: { admin: TestUser; managerA: TestUser; repA1: TestUser; repA2: TestUser; managerB: TestUser; repB1: TestUser };
  /** fetch against the server as a user (JSON in and out). */
  call(user: TestUser | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(options: { bodyLimit?: number } = {}): Promise<TestServer> {
  const db = await createTestDb();
  const make = async (name: string, email: string, role: 'admin' | 'manager' | 'rep', teamId: string | null = null): Promise<TestUser> => {
    const user = await createUser(db, { name, email, role, teamId, password: 'password123' });
    return { id: user.id, token: (await createToken(db, user.id, 'test')).token };
  };
  const admin = await make('Ada Admin', 'admin@test.local', 'admin');
  const managerA = await make('Mia Manager', 'mia@test.local', 'manager');
  const managerB = await make('Ben Manager', 'ben@test.local', 'manager');
  const teamA = (await db.query<{ id: string }>(`INSERT INTO teams (name, manager_id) VALUES ('Team A', $1) RETURNING id`, [managerA.id])).rows[0].id;
  const teamB = (await db.query<{ id: string }>(`INSERT INTO teams (name, manager_id) VALUES ('Team B', $1) RETURNING id`, [managerB.id])).rows[0].id;
  const repA1 = await make('Ana Rep', 'ana@test.local', 'rep', teamA);
  const repA2 = await make('Alex Rep', 'alex@test.local', 'rep', teamA);
  const repB1 = await make('Bo Rep', 'bo@test.local', 'rep', teamB);

  const app = await buildServer({ db, logLevel: 'silent', bodyLimit: options.bodyLimit });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    db,
    app,
    users: { admin, managerA, repA1, repA2, managerB, repB1 },
    async call(user, method, path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(user ? { authorization: `Bearer ${user.token}` } : {}),
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
