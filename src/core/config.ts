// Configuration from command-line flags, then the environment, then defaults.
import { resolve } from 'node:path';

export interface DataOptions {
  dataDir?: string;
  databaseUrl?: string;
}

export interface Config {
  /** Set when a PostgreSQL server is used instead of the embedded database. */
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
}

export function resolveConfig(flags: DataOptions & { host?: string; port?: string | number; logLevel?: string } = {}, env = process.env): Config {
  return {
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir: resolve(flags.dataDir ?? env.SALESBLOOM_DATA_DIR ?? './salesbloom-data'),
    host: flags.host ?? env.SALESBLOOM_HOST ?? '127.0.0.1',
    port: Number(flags.port ?? env.PORT ?? env.SALESBLOOM_PORT ?? 3000),
    logLevel: flags.logLevel ?? env.SALESBLOOM_LOG_LEVEL ?? 'info',
  };
}
