// The audit log: who changed what, when, with the row before and after.
import type { Db } from '../../db/client.ts';
import type { Actor } from './access.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
  requestId?: string;
}

export async function writeAudit(db: Db, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor, action, entity, entity_id, request_id, before, after, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      actor?.id ?? null,
      actor ? `${actor.name} (${actor.role})` : 'system',
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      entry.requestId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ],
  );
}
