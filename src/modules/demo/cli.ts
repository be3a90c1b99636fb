// `salesbloom demo`: loads the demo company (and says how to log in).
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { generateDemo, type DemoSummary } from './generate.ts';
import { DEMO_SIZES, isDemoSize, type DemoSize } from './sizes.ts';

export interface DemoCommandOptions {
  seed: number;
  size: DemoSize;
  ifEmpty?: boolean;
  onProgress?: (message: string) => void;
}

/** With ifEmpty, a database that already holds leads is left alone (the README's set-up runs this before `serve`). */
export async function runDemo(db: Db, opts: DemoCommandOptions): Promise<DemoSummary | { created: false; note: string }> {
  if (opts.ifEmpty) {
    const { rows } = await db.query('SELECT 1 FROM leads LIMIT 1');
    if (rows[0]) return { created: false, note: 'the database already holds leads; no demo data was loaded (--if-empty)' };
  }
  return generateDemo(db, { seed: opts.seed, size: opts.size, onProgress: opts.onProgress });
}

export function formatDemoSummary(s: DemoSummary): string {
  const lines: string[] = [];
  if (s.created) {
    lines.push(`Loaded the ${s.size} demo company (seed ${s.seed}) in ${s.seconds.toFixed(1)} s:`);
    lines.push(`  ${Object.entries(s.counts).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
  } else if (s.note) {
    lines.push(`Note: ${s.note}.`);
  }
  lines.push('', 'Log in with:');
  for (const l of s.logins) {
    const password = l.password ?? '(your existing password)';
    lines.push(`  ${l.role.padEnd(8)} ${l.email.padEnd(40)} ${password}${l.team ? `   ${l.team}` : ''}`);
  }
  lines.push(`Every demo manager and rep uses the password ${s.password}.`);
  return lines.join('\n');
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new InputError(`--seed must be a whole number from 0 to 4294967295`, [{ column: 'seed', value, reason: 'not an unsigned 32-bit integer' }]);
  }
  return n;
}

/** What the CLI does once the demo data is in (it trains every model: see src/cli/prepare.ts). */
export type AfterLoad = (db: Db, onProgress: (message: string) => void) => Promise<void>;

export function registerDemoCommand(program: Command, afterLoad?: AfterLoad): void {
  withDataOptions(
    program
      .command('demo')
      .description('Load a realistic demo sales company (seeded; generated from a hidden ground truth kept in demo_ground_truth)')
      .option('--seed <n>', 'random seed: the same seed gives the same company', '42')
      .option('--size <size>', `${DEMO_SIZES.join(' | ')}`, 'small')
      .option('--if-empty', 'do nothing when the database already holds leads')
      .option('--no-prepare', 'load the data only; do not train the models (run `salesbloom prepare` later)')
      .option('--json', 'print the summary as JSON'),
  ).action(async (opts: { seed: string; size: string; ifEmpty?: boolean; prepare: boolean; json?: boolean; dataDir?: string; databaseUrl?: string }) => {
    const seed = parseSeed(opts.seed);
    if (!isDemoSize(opts.size)) throw new InputError(`--size must be one of ${DEMO_SIZES.join(', ')}`, [{ column: 'size', value: opts.size, reason: 'unknown size' }]);
    const size = opts.size;
    const onProgress = (m: string) => process.stderr.write(`demo: ${m}\n`);
    const result = await withDatabase(opts, async (db) => {
      const loaded = await runDemo(db, { seed, size, ifEmpty: opts.ifEmpty, onProgress });
      if (loaded.created && opts.prepare && afterLoad) await afterLoad(db, onProgress);
      return loaded;
    });
    if (opts.json) printJson(result);
    else if ('logins' in result) process.stdout.write(`${formatDemoSummary(result)}\n`);
    else process.stdout.write(`Note: ${result.note}.\n`);
  });
}
