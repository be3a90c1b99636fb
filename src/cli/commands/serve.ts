// `salesbloom serve`: the API (and, once built, the web app) on one port.
import type { Command } from 'commander';
import { resolveConfig } from '../../core/config.ts';
import { withDataOptions } from '../options.ts';

export function registerServeCommand(program: Command): void {
  withDataOptions(
    program
      .command('serve')
      .description('Run the API server (default http://127.0.0.1:3000; docs at /docs)')
      .option('--host <host>', 'interface to listen on (env SALESBLOOM_HOST)')
      .option('--port <port>', 'port (env PORT)')
      .option('--log-level <level>', 'fatal, error, warn, info, debug (env SALESBLOOM_LOG_LEVEL)'),
  ).action(async (opts) => {
    // Loaded on demand so other commands start fast.
    const [{ openDatabase }, { buildServer }, { ensureAdmin }] = await Promise.all([
      import('../../db/open.ts'),
      import('../../api/server.ts'),
      import('../../modules/auth/service.ts'),
    ]);
    const config = resolveConfig(opts);
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const admin = await ensureAdmin(db);
    const app = await buildServer({ db, logLevel: config.logLevel });
    const close = async () => {
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
    const address = await app.listen({ host: config.host, port: config.port });
    const where = config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`;
    process.stderr.write(`SalesBloom listening on ${address} (${where}); API docs at ${address}/docs\n`);
    if (admin) {
      process.stderr.write(`First start: created admin ${admin.email} with password ${admin.password} (shown once; change it with \`salesbloom users password\`)\n`);
    }
    await new Promise(() => {}); // run until a signal arrives
  });
}
