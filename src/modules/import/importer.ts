// Transactional, idempotent, streaming import of one file into one entity.
// - The whole file is one transaction: a crash or an error leaves none of its rows.
// - Rows upsert by external id (or, without one, by a hash of their content), and unchanged
//   rows are not touched, so importing the same file twice changes nothing.
// - Rows stream through in batches; memory stays flat in the file's size.
import { createHash } from 'node:crypto';
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { ENTITIES, writableFields, type EntityName, type FieldDef } from '../crm/entities.ts';
import { ATTRIBUTE_TYPES, attributeKey, coerce, fitsAttributeType, isMissing, type AttributeType } from '../crm/fields.ts';
import { coerceField, defaultFor } from '../crm/values.ts';
import { BatchWriter, CsvBatch } from './batch-writer.ts';
import { ColumnMapper, type MappingFile } from './mapping.ts';
import { ReferenceResolver } from './references.ts';
import { RejectsWriter } from './rejects.ts';
import { openSource, type SourceItem, type SourceRow } from './sources.ts';

export interface ImportOptions {
  entity: EntityName;
  file: string;
  /** Name used in messages (defaults to the path). */
  label?: string;
  format?: 'csv' | 'jsonl';
  delimiter?: string;
  mapping?: MappingFile;
  /** abort (default): any bad row rejects the whole file. skip: import the good rows. */
  onError?: 'abort' | 'skip';
  /** With onError skip: write rejected rows and their reasons here (CSV). */
  rejectsPath?: string;
  actor?: Actor | null;
  /** Validate and count everything, then roll back: a preview that writes nothing. */
  dryRun?: boolean;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  requestId?: string;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  size: number;
}

export interface ImportSummary {
  entity: EntityName;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  rows_per_second: number;
  attributes: { key: string; label: string; type: AttributeType }[];
  errors: InputIssue[];
  warnings: string[];
  dry_run: boolean;
}

class DryRunRollback extends Error {}

const SAMPLE_ROWS = 1000;
/** Rows between turns of the event loop, which the database connection needs to move on (~1 ms). */
const YIELD_EVERY = 64;
const MAX_LISTED_ERRORS = 1000;

interface AttributeColumn {
  key: string;
  label: string;
  type: AttributeType;
  /** Typed from this file's sample (true) or by an existing field definition (false). */
  inferred: boolean;
  widened: boolean;
}

export async function importFile(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const entity = ENTITIES[options.entity];
  const label = options.label ?? options.file;
  const onError = options.onError ?? 'abort';
  const requiredFields = entity.fields.filter((f) => f.required);
  const batchSize = options.batchSize ?? 5000;
  const source = await openSource(options.file, label, { format: options.format, delimiter: options.delimiter });
  const mapper = new ColumnMapper(entity, options.mapping);
  if (source.format === 'csv') mapper.checkHeaders(source.headers, label);

  const summary: ImportSummary = {
    entity: entity.name, file: label, rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0,
    seconds: 0, rows_per_second: 0, attributes: [], errors: [], warnings: [], dry_run: false,
  };
  const rejects = onError === 'skip' && options.rejectsPath
    ? new RejectsWriter(options.rejectsPath, source.format === 'csv' ? source.headers : null)
    : null;

  try {
    await db.transaction(async (tx) => {
      const attributeDefs = await loadAttributeDefinitions(tx, entity.name);
      const resolvers = new Map<EntityName, ReferenceResolver>();
      const attributes = new Map<string, AttributeColumn>();
      const usedFields = new Set<FieldDef>();
      const deferredSelfRefs: { row: number; externalId: string; field: FieldDef; value: string }[] = [];
      const seenHashes = new Map<string, number>();
      // The batch being built holds each row already encoded for COPY (bytes in one buffer, so a
      // batch is a megabyte or two rather than thousands of objects for the GC to trace).
      let batch = new CsvBatch();
      let batchKeys = new Set<string>();
      let writer: BatchWriter | null = null;
      let failed = false;

      const resolverFor = async (target: EntityName) => {
        let r = resolvers.get(target);
        if (!r) {
          r = new ReferenceResolver(tx, target);
          await r.load();
          resolvers.set(target, r);
        }
        return r;
      };

      const reject = (row: SourceRow | { row: number; values?: Record<string, unknown> }, issues: InputIssue[]) => {
        summary.rejected++;
        failed ||= onError === 'abort';
        for (const issue of issues) if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push(issue);
        rejects?.write(row.row, 'values' in row ? row.values : undefined, issues);
      };

      // One batch is written while the next is parsed: on a PostgreSQL server the two overlap.
      // flush() queues the batch behind the one in flight and returns that one's promise, so the
      // caller waits for it (at most one batch in flight; its errors surface there).
      let inFlight: Promise<void> = Promise.resolve();
      const flush = (): Promise<void> | undefined => {
        if (batch.rows === 0) return undefined;
        const previous = inFlight;
        if (!failed && writer) {
          const w = writer;
          const full = batch;
          const keys = [...batchKeys];
          inFlight = previous.then(() => w.write(full, keys, options.actor ?? null)).then((counts) => {
            summary.inserted += counts.inserted;
            summary.updated += counts.updated;
            summary.unchanged += full.rows - counts.inserted - counts.updated;
          });
          inFlight.catch(() => {}); // surfaces where the next flush (or the end) awaits it
        }
        batch = new CsvBatch();
        batchKeys = new Set();
        return previous;
      };

      // Attribute types come from existing definitions, else from a sample of the file.
      // The sample is whole chunks, so no row is left behind between it and the rest.
      const sample: SourceItem[] = [];
      const chunks = source.chunks[Symbol.asyncIterator]();
      while (sample.length < SAMPLE_ROWS) {
        const next = await chunks.next();
        if (next.done) break;
        sample.push(...next.value);
      }
      const headers = source.format === 'csv' ? source.headers : collectKeys(sample);
      for (const header of headers) {
        const target = mapper.target(header);
        // Self-references (an account's parent account) are set after all rows exist, not upserted.
        if (target.kind === 'field' && target.field.ref !== entity.name && target.field.name !== 'attributes') usedFields.add(target.field);
        if (target.kind !== 'attribute') continue;
        const existing = attributeDefs.get(target.key);
        const type = existing ?? inferType(sample, header);
        attributes.set(header, { key: target.key, label: target.label, type, inferred: !existing, widened: false });
      }
      for (const field of writableFields(entity)) if (field.name === 'external_id') usedFields.add(field);

      /** Types one custom-attribute value into attrs, widening its column to text if it does not fit. */
      const putAttribute = (attrs: Record<string, unknown>, header: string, key: string, columnLabel: string, raw: unknown, row: number) => {
        let column = attributes.get(header);
        if (!column) {
          // A key first seen after the sample (JSON Lines): type it from its own value.
          const known = attributeDefs.get(key);
          column = { key, label: columnLabel, type: known ?? inferType([{ row, values: { [header]: raw } }], header), inferred: !known, widened: false };
          attributes.set(header, column);
        }
        if (isMissing(raw)) return;
        const typed = coerce(column.type, raw);
        if (typed.ok) attrs[column.key] = typed.value;
        else {
          column.widened = true; // keep the value as text rather than lose it
          column.type = 'text';
          attrs[column.key] = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
        }
      };

      /** Validates, maps and queues one row; returns a promise only when it must wait (a full batch, a reference table to load). */
      const processRow = (item: SourceItem): Promise<void> | void => {
        if ('values' in item && source.format === 'jsonl') {
          const load = loadMissingResolvers(item.values);
          if (load) return load.then(() => processRow(item));
        }
        summary.rows++;
        if ('error' in item) return reject(item, [item.error]);
        const issues: InputIssue[] = [];
        const out: Record<string, unknown> = {};
        const attrs: Record<string, unknown> = {};
        for (const header in item.values) {
          const raw = item.values[header];
          const target = mapper.target(header);
          if (target.kind === 'ignore') continue;
          if (target.kind === 'attribute') {
            putAttribute(attrs, header, target.key, target.label, raw, item.row);
            continue;
          }
          if (target.field.name === 'attributes') {
            // A JSON object of custom attributes (JSON Lines, or a CSV cell holding JSON).
            if (isMissing(raw)) continue;
            const typed = coerce('json', raw);
            if (!typed.ok || typeof typed.value !== 'object' || typed.value === null || Array.isArray(typed.value)) {
              issues.push({ file: label, row: item.row, column: header, value: raw, reason: 'must be a JSON object of custom attributes', code: 'attributes_object' });
              continue;
            }
            for (const [k, v] of Object.entries(typed.value)) putAttribute(attrs, `attributes.${k}`, attributeKey(k), k, v, item.row);
            continue;
          }
          const field = target.field;
          if (field.ref !== entity.name) usedFields.add(field);

          if (field.ref) {
            if (isMissing(raw)) {
              if (field.ref !== entity.name) out[field.name] = null;
              continue;
            }
            if (field.ref === entity.name) {
              deferredSelfRefs.push({ row: item.row, externalId: '', field, value: String(raw) });
              continue;
            }
            const resolved = resolvers.get(field.ref)!.resolve(String(raw));
            if (resolved.ok) out[field.name] = resolved.id;
            else issues.push({ file: label, row: item.row, column: header, value: raw, reason: resolved.reason, code: resolved.code, params: resolved.params });
            continue;
          }
          const typed = coerceField(field, raw);
          if (!typed.ok) issues.push({ file: label, row: item.row, column: header, value: raw, reason: typed.reason, code: typed.code, params: typed.params });
          else out[field.name] = typed.value === null && field.default !== undefined ? defaultFor(field) : typed.value;
        }
        for (const field of requiredFields) {
          if (out[field.name] === null || out[field.name] === undefined) {
            issues.push({ file: label, row: item.row, column: field.name, reason: `${field.name} is required`, code: 'required', params: { field: field.name } });
          }
        }
        if (issues.length) {
          if (deferredSelfRefs.at(-1)?.row === item.row) deferredSelfRefs.pop();
          return reject(item, issues);
        }
        if (out.external_id === null || out.external_id === undefined) out.external_id = contentId(item.values, seenHashes);
        const key = String(out.external_id);
        if (deferredSelfRefs.at(-1)?.row === item.row) deferredSelfRefs.at(-1)!.externalId = key;
        if (attributes.size) out.attributes = attrs;
        if (summary.rows % 10_000 === 0) options.onProgress?.({ rows: summary.rows, bytes: source.bytesRead(), size: source.size });
        // A new shape (a JSON Lines key first seen late) needs a new statement; a later row with
        // the same id updates the earlier one, so the earlier one's batch goes first.
        const shape = `${usedFields.size}:${attributes.size > 0}`;
        const wait = writer?.shape !== shape || batchKeys.has(key) ? flush() : undefined;
        if (writer?.shape !== shape) writer = new BatchWriter(tx, entity.name, [...usedFields], attributes.size > 0, shape);
        batch.append(writer.encode(out));
        batchKeys.add(key);
        if (batch.rows >= batchSize) return wait ? wait.then(flush) : flush();
        return wait;
      };

      /** Loads the reference tables a JSON Lines row's new keys point to (CSV loads them up front). */
      const loadMissingResolvers = (values: Record<string, unknown>): Promise<unknown> | undefined => {
        let pending: Promise<unknown>[] | undefined;
        for (const header in values) {
          const target = mapper.target(header);
          if (target.kind === 'field' && target.field.ref && target.field.ref !== entity.name && !resolvers.has(target.field.ref)) {
            (pending ??= []).push(resolverFor(target.field.ref));
          }
        }
        return pending && Promise.all(pending);
      };

      for (const field of usedFields) if (field.ref && field.ref !== entity.name) await resolverFor(field.ref);
      for (const item of sample) {
        const wait = processRow(item);
        if (wait) await wait;
      }
      let sinceYield = 0;
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        for (const item of next.value) {
          const wait = processRow(item);
          if (wait) await wait;
          // Let the database connection's replies in now and then: the batch in flight only
          // moves on (and the server only gets the next one) when the event loop is free.
          if (++sinceYield === YIELD_EVERY) {
            sinceYield = 0;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        }
      }
      await flush();
      await inFlight;
      options.onProgress?.({ rows: summary.rows, bytes: source.bytesRead(), size: source.size });

      if (!failed && deferredSelfRefs.length) {
        const issues = await applySelfReferences(tx, entity.name, deferredSelfRefs, label);
        if (issues.length) {
          if (onError === 'abort') {
            for (const issue of issues) reject({ row: issue.row ?? 0 }, [issue]);
          } else {
            summary.warnings.push(`${issues.length} references to other ${entity.name} could not be resolved and were left empty`);
            summary.errors.push(...issues.slice(0, MAX_LISTED_ERRORS - summary.errors.length));
          }
        }
      }
      if (failed) {
        throw new InputError(
          `${label}: ${summary.rejected} of ${summary.rows} rows are invalid; nothing was imported (use --on-error skip to import the valid rows)`,
          summary.errors,
        );
      }
      for (const column of attributes.values()) {
        if (column.widened && !column.inferred) {
          summary.warnings.push(`attribute ${column.key} held values that are not ${attributeDefs.get(column.key)}; it is now text`);
        }
      }
      summary.attributes = [...attributes.values()].map(({ key, label: l, type }) => ({ key, label: l, type }));
      await saveAttributeDefinitions(tx, entity.name, [...attributes.values()]);
      await writeAudit(tx, options.actor ?? null, {
        action: 'import', entity: entity.name, requestId: options.requestId,
        detail: { file: label, rows: summary.rows, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected },
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  } finally {
    await rejects?.close();
  }
  summary.dry_run = options.dryRun === true;
  summary.seconds = (performance.now() - started) / 1000;
  summary.rows_per_second = Math.round(summary.rows / Math.max(summary.seconds, 1e-9));
  return summary;
}

function collectKeys(rows: (SourceRow | { row: number; error: InputIssue })[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) if ('values' in r) for (const k of Object.keys(r.values)) keys.add(k);
  return [...keys];
}

/** The most specific attribute type that every sampled value fits. */
function inferType(sample: (SourceRow | { row: number; error: InputIssue })[], header: string): AttributeType {
  const candidates = new Set<AttributeType>(ATTRIBUTE_TYPES);
  let any = false;
  for (const item of sample) {
    if (!('values' in item)) continue;
    const raw = item.values[header];
    if (isMissing(raw)) continue;
    any = true;
    if (typeof raw === 'number') {
      candidates.delete('boolean');
      candidates.delete('date');
      candidates.delete('timestamp');
      if (!Number.isInteger(raw)) candidates.delete('integer');
      continue;
    }
    if (typeof raw === 'boolean') return candidates.has('boolean') ? 'boolean' : 'text';
    if (typeof raw !== 'string') return 'text';
    for (const type of candidates) if (type !== 'text' && !fitsAttributeType(type, raw)) candidates.delete(type);
  }
  if (!any) return 'text';
  return ATTRIBUTE_TYPES.find((t) => candidates.has(t)) ?? 'text';
}

/** A stable id for rows without one: the hash of their content, numbered among identical rows. */
function contentId(values: Record<string, unknown>, seen: Map<string, number>): string {
  const hash = createHash('sha1').update(JSON.stringify(values)).digest('hex').slice(0, 20);
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return n === 1 ? `row-${hash}` : `row-${hash}-${n}`;
}

async function loadAttributeDefinitions(db: Db, entity: string): Promise<Map<string, AttributeType>> {
  const { rows } = await db.query<{ key: string; type: AttributeType }>('SELECT key, type FROM field_definitions WHERE entity = $1', [entity]);
  return new Map(rows.map((r) => [r.key, r.type]));
}

async function saveAttributeDefinitions(db: Db, entity: string, columns: AttributeColumn[]): Promise<void> {
  for (const c of columns) {
    await db.query(
      `INSERT INTO field_definitions (entity, key, label, type) VALUES ($1, $2, $3, $4)
       ON CONFLICT (entity, key) DO UPDATE SET type = EXCLUDED.type WHERE field_definitions.type <> EXCLUDED.type`,
      [entity, c.key, c.label, c.type],
    );
    if (c.widened) {
      // Values stored before the column turned out to be text become text too.
      await db.query(
        `UPDATE ${entity} SET attributes = jsonb_set(attributes, ARRAY[$1], to_jsonb(attributes->>$1))
         WHERE attributes ? $1 AND jsonb_typeof(attributes->$1) <> 'string'`,
        [c.key],
      );
    }
  }
}

async function applySelfReferences(
  db: Db,
  entity: EntityName,
  refs: { row: number; externalId: string; field: FieldDef; value: string }[],
  label: string,
): Promise<InputIssue[]> {
  const resolver = new ReferenceResolver(db, entity);
  await resolver.load();
  const issues: InputIssue[] = [];
  for (const ref of refs) {
    const resolved = resolver.resolve(ref.value);
    if (!resolved.ok) {
      issues.push({ file: label, row: ref.row, column: ref.field.name, value: ref.value, reason: resolved.reason, code: resolved.code, params: resolved.params });
      continue;
    }
    await db.query(
      `UPDATE ${entity} SET ${ref.field.name} = $1, updated_at = now() WHERE external_id = $2 AND ${ref.field.name} IS DISTINCT FROM $1`,
      [resolved.id, ref.externalId],
    );
  }
  return issues;
}
