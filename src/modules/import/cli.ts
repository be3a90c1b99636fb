// `salesbloom import <entity> <file>` and `salesbloom export <entity>`.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { ENTITY_NAMES, type EntityName } from '../crm/entities.ts';
import { exportEntity } from './export.ts';
import { importFile, type ImportProgress, type ImportSummary } from './importer.ts';
import { loadMappingFile } from './mapping.ts';

function entityArg(value: string): EntityName {
  const name = value.replace(/-/g, '_') as EntityName;
  if (!ENTITY_NAMES.includes(name)) throw new InputError(`unknown entity "${value}"; choose one of ${ENTITY_NAMES.join(', ')}`);
  return name;
}

function progressBar(label: string): (p: ImportProgress) => void {
  const started = performance.now();
  // Machine-readable progress for scripts (and the crash test): one JSON line per update.
  if (process.env.SALESBLOOM_PROGRESS === 'json') return (p) => process.stderr.write(`${JSON.stringify(p)}\n`);
  if (!process.stderr.isTTY) return () => {};
  return ({ rows, bytes, size }) => {
    const share = size ? Math.min(bytes / size, 1) : 0;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = Math.round(rows / ((performance.now() - started) / 1000 || 1));
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${rows.toLocaleString('en')} rows ${rate.toLocaleString('en')} rows/s `);
  };
}

function printSummary(s: ImportSummary): void {
  const lines = [
    `${s.dry_run ? 'checked' : 'imported'} ${s.file} into ${s.entity}: ${s.rows} rows in ${s.seconds.toFixed(2)} s (${s.rows_per_second.toLocaleString('en')} rows/s)`,
    `  inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`,
  ];
  if (s.attributes.length) lines.push(`  custom attributes: ${s.attributes.map((a) => `${a.key} (${a.type})`).join(', ')}`);
  for (const w of s.warnings) lines.push(`  warning: ${w}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerImportCommands(program: Command): void {
  withDataOptions(
    program
      .command('import')
      .description('Import a CSV or JSON Lines file into an entity (transactional; re-running it changes nothing)')
      .argument('<entity>', `one of ${ENTITY_NAMES.join(', ')}`)
      .argument('<file>', 'CSV (any delimiter, UTF-8 with or without BOM), .jsonl, optionally .gz')
      .option('--mapping <file>', 'JSON mapping {"columns": {"CSV header": "field" | "attributes.key" | null}}')
      .option('--format <format>', 'csv or jsonl (default: from the file name)')
      .option('--delimiter <char>', 'CSV delimiter (default: detected)')
      .option('--on-error <mode>', 'abort: reject the whole file on any bad row; skip: import the good rows', 'abort')
      .option('--rejects <file>', 'with --on-error skip: write rejected rows and reasons to this CSV')
      .option('--dry-run', 'validate and count, write nothing')
      .option('--json', 'print the summary as JSON'),
  ).action(async (entityValue: string, file: string, opts) => {
    const entity = entityArg(entityValue);
    if (opts.onError !== 'abort' && opts.onError !== 'skip') throw new InputError('--on-error must be abort or skip');
    if (opts.rejects && opts.onError !== 'skip') throw new InputError('--rejects needs --on-error skip');
    const mapping = opts.mapping ? loadMappingFile(opts.mapping) : undefined;
    const summary = await withDatabase(opts, (db) => importFile(db, {
      entity, file, mapping, format: opts.format, delimiter: opts.delimiter, onError: opts.onError,
      rejectsPath: opts.rejects, dryRun: opts.dryRun, onProgress: opts.json ? undefined : progressBar(`${entity}`),
    }).finally(() => {
      if (process.stderr.isTTY && !opts.json) process.stderr.write('\n');
    }));
    if (opts.json) printJson(summary);
    else printSummary(summary);
  });

  withDataOptions(
    program
      .command('export')
      .description('Export an entity as CSV or JSON Lines (re-imports without changes)')
      .argument('<entity>', `one of ${ENTITY_NAMES.join(', ')}`)
      .option('--format <format>', 'csv or jsonl', 'csv')
      .option('--out <file>', 'write here instead of standard output'),
  ).action(async (entityValue: string, opts) => {
    const entity = entityArg(entityValue);
    if (opts.format !== 'csv' && opts.format !== 'jsonl') throw new InputError('--format must be csv or jsonl');
    const out = opts.out ? createWriteStream(opts.out) : process.stdout;
    const count = await withDatabase(opts, (db) => exportEntity(db, entity, opts.format, out));
    if (opts.out) {
      out.end();
      await finished(out);
      process.stderr.write(`exported ${count} ${entity} to ${opts.out}\n`);
    }
  });
}
