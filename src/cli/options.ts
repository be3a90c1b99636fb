// Options shared by every command that touches data, and opening the database they name.
import type { Command } from 'commander';
import { cliLocale, renderDeep } from '../core/i18n.ts';
import { resolveConfig, type Config, type DataOptions } from '../core/config.ts';
import type { Db } from '../db/client.ts';
import { openDatabase } from '../db/open.ts';

export function withDataOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'embedded database directory (env SALESBLOOM_DATA_DIR, default ./salesbloom-data)')
    .option('--database-url <url>', 'use this PostgreSQL server instead of the embedded database (env DATABASE_URL)');
}

/** Opens the database for a command, runs fn, and always closes it. */
export async function withDatabase<T>(flags: DataOptions, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = resolveConfig(flags);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/** Prints a result as JSON, its texts rendered in the CLI's language (SALESBLOOM_LANG or LANG). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(renderDeep(value, cliLocale()), null, 2)}\n`);
}
