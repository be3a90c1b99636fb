// `salesbloom migrate` and `salesbloom doctor`.
import { accessSync, constants, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveConfig } from '../../core/config.ts';
import { ExitCode } from '../../core/errors.ts';
import { connect, redactUrl } from '../../db/client.ts';
import { appliedMigrations, listMigrations, migrate } from '../../db/migrate.ts';
import { printJson, withDataOptions } from '../options.ts';

export function registerMigrateCommands(program: Command): void {
  withDataOptions(program.command('migrate').description('Apply pending database migrations (also done on every start)').option('--json', 'print as JSON'))
    .action(async (opts) => {
      const config = resolveConfig(opts);
      const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(db);
        if (opts.json) printJson({ applied });
        else process.stdout.write(applied.length ? `applied ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        await db.close();
      }
    });

  withDataOptions(program.command('doctor').description('Check the database, migrations and configuration, and say how to fix problems').option('--json', 'print as JSON'))
    .action(async (opts) => {
      const config = resolveConfig(opts);
      const checks: { check: string; ok: boolean; detail: string; fix?: string }[] = [];
      const [major] = process.versions.node.split('.').map(Number);
      checks.push({ check: 'node', ok: major >= 20, detail: `Node.js ${process.versions.node}`, fix: major >= 20 ? undefined : 'install Node.js 20 or newer' });
      if (config.databaseUrl) {
        checks.push({ check: 'backend', ok: true, detail: `PostgreSQL at ${redactUrl(config.databaseUrl)}` });
      } else {
        const exists = existsSync(config.dataDir);
        let writable = true;
        try {
          if (exists) accessSync(config.dataDir, constants.W_OK);
        } catch {
          writable = false;
        }
        checks.push({
          check: 'data directory', ok: writable, detail: `${config.dataDir}${exists ? '' : ' (will be created)'}`,
          fix: writable ? undefined : `make ${config.dataDir} writable, or choose another with --data-dir / SALESBLOOM_DATA_DIR`,
        });
      }
      try {
        const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          await db.query('SELECT 1');
          checks.push({ check: 'database connection', ok: true, detail: db.kind });
          const applied = new Set(await appliedMigrations(db));
          const pending = listMigrations().filter((m) => !applied.has(m.version));
          checks.push({
            check: 'migrations', ok: pending.length === 0,
            detail: pending.length ? `${pending.length} pending: ${pending.map((m) => m.name).join(', ')}` : `${applied.size} applied, none pending`,
            fix: pending.length ? 'run `salesbloom migrate` (or start the server, which migrates)' : undefined,
          });
          if (pending.length === 0) {
            const { rows } = await db.query<{ admins: number; leads: number }>(
              `SELECT (SELECT count(*) FROM users WHERE role = 'admin' AND password_hash IS NOT NULL) AS admins, (SELECT count(*) FROM leads) AS leads`,
            );
            checks.push({ check: 'admin user', ok: rows[0].admins > 0, detail: `${rows[0].admins} admin(s) with a password`, fix: rows[0].admins > 0 ? undefined : 'start `salesbloom serve` once (it creates one) or run `salesbloom users add --role admin`' });
            checks.push({ check: 'data', ok: true, detail: `${rows[0].leads} leads${rows[0].leads ? '' : ' — load the demo company with `salesbloom demo` or your own with `salesbloom import`'}` });
          }
        } finally {
          await db.close();
        }
      } catch (error) {
        checks.push({
          check: 'database connection', ok: false, detail: (error as Error).message,
          fix: config.databaseUrl ? 'check DATABASE_URL / --database-url, that the server runs, and that the user may connect' : 'check that no other salesbloom process uses the data directory',
        });
      }
      const ok = checks.every((c) => c.ok);
      if (opts.json) printJson({ ok, checks });
      else {
        for (const c of checks) process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.check}: ${c.detail}${c.fix ? `\n    fix: ${c.fix}` : ''}\n`);
        process.stdout.write(ok ? 'everything looks fine\n' : 'some checks failed\n');
      }
      process.exitCode = ok ? ExitCode.ok : ExitCode.unavailable;
    });
}
