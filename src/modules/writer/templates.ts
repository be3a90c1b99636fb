// User-managed templates: {{variables}} from a fixed list (validated on every save, so a typo is
// a 400 naming the variable rather than a blank in a sent email), [[wording|choices]] allowed.
import type { Db } from '../../db/client.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../core/errors.ts';
import { KINDS, LANGUAGES, TEMPLATE_VARIABLES } from '../../ml/writing/compose.ts';
import { validateTemplate } from '../../ml/writing/template.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';

export interface TemplateRow {
  id: string;
  name: string;
  kind: string;
  language: string;
  subject: string;
  body: string;
  variables: string[];
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TemplateInput {
  name?: string;
  kind?: string;
  language?: string;
  subject?: string;
  body?: string;
}

const COLUMNS = 'id, name, kind, language, subject, body, variables, created_by, created_at, updated_at';

function validate(t: Required<TemplateInput>): string[] {
  const issues = [];
  if (!t.name?.trim()) issues.push({ file: 'template', column: 'name', value: t.name, reason: 'is required' });
  if (!KINDS.includes(t.kind as never)) issues.push({ file: 'template', column: 'kind', value: t.kind, reason: `must be one of ${KINDS.join(', ')}` });
  if (!LANGUAGES.includes(t.language as never)) issues.push({ file: 'template', column: 'language', value: t.language, reason: `must be one of ${LANGUAGES.join(', ')}` });
  if (!t.subject?.trim()) issues.push({ file: 'template', column: 'subject', value: t.subject, reason: 'is required' });
  if (!t.body?.trim()) issues.push({ file: 'template', column: 'body', value: t.body, reason: 'is required' });
  if (issues.length) throw new InputError('Invalid template', issues);
  return validateTemplate({ subject: t.subject, body: t.body }, TEMPLATE_VARIABLES);
}

export async function listTemplates(db: Db): Promise<TemplateRow[]> {
  return (await db.query<TemplateRow>(`SELECT ${COLUMNS} FROM writer_templates ORDER BY kind, language, name, id`)).rows;
}

export async function getTemplate(db: Db, id: string): Promise<TemplateRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new InputError('template_id is not a uuid', [{ column: 'template_id', value: id, reason: 'must be a uuid' }]);
  const row = (await db.query<TemplateRow>(`SELECT ${COLUMNS} FROM writer_templates WHERE id = $1`, [id])).rows[0];
  if (!row) throw new NotFoundError(`template ${id} not found`);
  return row;
}

export async function createTemplate(db: Db, actor: Actor, input: TemplateInput): Promise<TemplateRow> {
  const t = { name: input.name ?? '', kind: input.kind ?? 'follow_up', language: input.language ?? 'en', subject: input.subject ?? '', body: input.body ?? '' };
  const variables = validate(t);
  const { rows } = await db.query<TemplateRow>(
    `INSERT INTO writer_templates (name, kind, language, subject, body, variables, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [t.name.trim(), t.kind, t.language, t.subject, t.body, variables, actor.id],
  );
  await writeAudit(db, actor, { action: 'create', entity: 'writer_templates', entityId: rows[0].id, after: rows[0] });
  return rows[0];
}

function mayEdit(actor: Actor, row: TemplateRow): void {
  if (actor.role === 'rep' && row.created_by !== actor.id) throw new ForbiddenError('reps can change only the templates they created');
}

export async function updateTemplate(db: Db, actor: Actor, id: string, patch: TemplateInput): Promise<TemplateRow> {
  const before = await getTemplate(db, id);
  mayEdit(actor, before);
  const t = { name: patch.name ?? before.name, kind: patch.kind ?? before.kind, language: patch.language ?? before.language, subject: patch.subject ?? before.subject, body: patch.body ?? before.body };
  const variables = validate(t);
  const { rows } = await db.query<TemplateRow>(
    `UPDATE writer_templates SET name = $2, kind = $3, language = $4, subject = $5, body = $6, variables = $7, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, t.name.trim(), t.kind, t.language, t.subject, t.body, variables],
  );
  await writeAudit(db, actor, { action: 'update', entity: 'writer_templates', entityId: id, before, after: rows[0] });
  return rows[0];
}

export async function deleteTemplate(db: Db, actor: Actor, id: string): Promise<void> {
  const before = await getTemplate(db, id);
  mayEdit(actor, before);
  await db.query('DELETE FROM writer_templates WHERE id = $1', [id]);
  await writeAudit(db, actor, { action: 'delete', entity: 'writer_templates', entityId: id, before });
}
