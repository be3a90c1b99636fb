// Trackers: the built-in ones (pricing, competitors, objections, next steps) plus the ones users
// define (keyword lists and example phrases). Managers and admins maintain them; everyone uses them.
import type { Db } from '../../db/client.ts';
import { ForbiddenError, InputError, NotFoundError, type InputIssue } from '../../core/errors.ts';
import { compileTrackers, DEFAULT_TRACKERS, type TrackerDefinition } from '../../ml/conversation/trackers.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';

export interface TrackerView {
  id: string;
  key: string;
  name: string;
  keywords: string[];
  examples: string[];
  threshold: number | null;
  builtin: boolean;
}

export interface TrackerInput {
  name?: string;
  keywords?: string[];
  examples?: string[];
  threshold?: number | null;
}

const COLUMNS = 'id, key, name, keywords, examples, threshold';

function requireManager(actor: Actor): void {
  if (actor.role === 'rep') throw new ForbiddenError('only managers and admins maintain trackers');
}

/** A stable key from the name: "Security review" → "security-review" (Chinese kept as is). */
function keyOf(name: string): string {
  return name.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

function clean(list: unknown, column: string, issues: InputIssue[]): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((k) => typeof k !== 'string')) {
    issues.push({ file: 'tracker', column, value: list, reason: 'must be a list of texts' });
    return [];
  }
  return [...new Set(list.map((k: string) => k.trim()).filter(Boolean))];
}

function validated(input: TrackerInput): { name: string; keywords: string[]; examples: string[]; threshold: number | null } {
  const issues: InputIssue[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) issues.push({ file: 'tracker', column: 'name', value: input.name, reason: 'is required' });
  const keywords = clean(input.keywords, 'keywords', issues);
  const examples = clean(input.examples, 'examples', issues);
  const threshold = input.threshold ?? null;
  if (issues.length) throw new InputError('Invalid tracker', issues);
  // The matcher's own validation (a keyword or an example is needed, threshold in (0, 1]).
  compileTrackers([{ id: keyOf(name) || 'tracker', name, keywords, examples, threshold: threshold ?? undefined }]);
  return { name, keywords, examples, threshold };
}

export async function listTrackers(db: Db): Promise<TrackerView[]> {
  const { rows } = await db.query<Omit<TrackerView, 'builtin'>>(`SELECT ${COLUMNS} FROM call_trackers ORDER BY name, id`);
  const builtin = DEFAULT_TRACKERS.map((t) => ({ id: t.id, key: t.id, name: t.name, keywords: t.keywords, examples: t.examples ?? [], threshold: t.threshold ?? null, builtin: true }));
  return [...builtin, ...rows.map((r) => ({ ...r, threshold: r.threshold === null ? null : Number(r.threshold), builtin: false }))];
}

/** Definitions for the analyser: built-in plus user-defined. */
export async function trackerDefinitions(db: Db): Promise<TrackerDefinition[]> {
  return (await listTrackers(db)).map((t) => ({ id: t.key, name: t.name, keywords: t.keywords, examples: t.examples, ...(t.threshold !== null ? { threshold: t.threshold } : {}) }));
}

async function getTracker(db: Db, id: string): Promise<Omit<TrackerView, 'builtin'>> {
  if (DEFAULT_TRACKERS.some((t) => t.id === id)) throw new ForbiddenError('built-in trackers cannot be changed; define your own');
  const row = (await db.query<Omit<TrackerView, 'builtin'>>(`SELECT ${COLUMNS} FROM call_trackers WHERE id::text = $1`, [id])).rows[0];
  if (!row) throw new NotFoundError(`tracker ${id} not found`);
  return row;
}

export async function createTracker(db: Db, actor: Actor, input: TrackerInput): Promise<TrackerView> {
  requireManager(actor);
  const t = validated(input);
  const key = keyOf(t.name);
  const taken = await db.query('SELECT 1 FROM call_trackers WHERE key = $1', [key]);
  if (taken.rows.length > 0 || DEFAULT_TRACKERS.some((d) => d.id === key)) throw new InputError('A tracker with this name exists', [{ file: 'tracker', column: 'name', value: t.name, reason: 'is already used' }]);
  const { rows } = await db.query<Omit<TrackerView, 'builtin'>>(
    `INSERT INTO call_trackers (key, name, keywords, examples, threshold, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [key, t.name, t.keywords, t.examples, t.threshold, actor.id],
  );
  await writeAudit(db, actor, { action: 'create', entity: 'call_trackers', entityId: rows[0].id, after: rows[0] });
  return { ...rows[0], builtin: false };
}

export async function updateTracker(db: Db, actor: Actor, id: string, patch: TrackerInput): Promise<TrackerView> {
  requireManager(actor);
  const before = await getTracker(db, id);
  const t = validated({ name: patch.name ?? before.name, keywords: patch.keywords ?? before.keywords, examples: patch.examples ?? before.examples, threshold: patch.threshold === undefined ? before.threshold : patch.threshold });
  const { rows } = await db.query<Omit<TrackerView, 'builtin'>>(
    `UPDATE call_trackers SET name = $2, keywords = $3, examples = $4, threshold = $5, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [before.id, t.name, t.keywords, t.examples, t.threshold],
  );
  await writeAudit(db, actor, { action: 'update', entity: 'call_trackers', entityId: before.id, before, after: rows[0] });
  return { ...rows[0], builtin: false };
}

export async function deleteTracker(db: Db, actor: Actor, id: string): Promise<void> {
  requireManager(actor);
  const before = await getTracker(db, id);
  await db.query('DELETE FROM call_trackers WHERE id = $1', [before.id]);
  await writeAudit(db, actor, { action: 'delete', entity: 'call_trackers', entityId: before.id, before });
}
