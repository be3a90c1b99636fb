// Test support: a database the in-process CLI can open by itself — a PostgreSQL test database,
// or a PGlite directory restored from the migrated test template (initdb per test is slow).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, pgliteOf, type Db } from '../../db/client.ts';
import { createTestDb } from '../../db/testing.ts';

export interface CliDatabase {
  /** `--database-url URL` or `--data-dir DIR`. */
  args: string[];
  /** Run setup against the same database (opened and closed around fn on PGlite). */
  use<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

export async function cliDatabase(): Promise<CliDatabase> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDb();
    return { args: ['--database-url', db.connection.databaseUrl!], use: (fn) => fn(db), cleanup: () => db.close() };
  }
  const root = mkdtempSync(join(tmpdir(), 'salesbloom-cli-db-'));
  const dataDir = join(root, 'data');
  const template = await createTestDb();
  const tarball = await pgliteOf(template)!.dumpDataDir('none');
  await template.close();
  await (await connect({ dataDir, loadDataDir: tarball })).close();
  return {
    args: ['--data-dir', dataDir],
    async use(fn) {
      const db = await connect({ dataDir });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    async cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
