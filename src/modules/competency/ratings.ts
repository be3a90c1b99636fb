// Manager ratings of reps' competencies: the labels the supervised scorer learns from.
import { ForbiddenError, InputError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../crm/access.ts';
import { writeAudit } from '../crm/audit.ts';
import { currentModel, requireManager, requireVisible, visibleUsers } from './service.ts';
import { DEFAULT_PERIOD } from './period.ts';

export async function addRating(db: Db, actor: Actor, body: { user_id: string; competency: string; rating: number; period?: string }) {
  requireManager(actor);
  await requireVisible(db, actor, body.user_id);
  if (body.user_id === actor.id) throw new ForbiddenError('you cannot rate yourself');
  const model = await currentModel(db);
  if (!model.competencies.some((c) => c.key === body.competency)) {
    throw new InputError('unknown competency', [{ column: 'competency', value: body.competency, reason: `one of ${model.competencies.map((c) => c.key).join(', ')}` }]);
  }
  if (typeof body.rating !== 'number' || !(body.rating >= 0 && body.rating <= 100)) throw new InputError('rating must be 0–100', [{ column: 'rating', value: body.rating, reason: 'must be a number from 0 to 100' }]);
  const { rows } = await db.query(
    `INSERT INTO competency_ratings (user_id, competency, period, rating, rated_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, user_id, competency, period, rating, rated_by, created_at`,
    [body.user_id, body.competency, body.period ?? DEFAULT_PERIOD, body.rating, actor.id],
  );
  await writeAudit(db, actor, { action: 'create', entity: 'competency_ratings', entityId: String(rows[0].id), after: rows[0] });
  return rows[0];
}

export async function listRatings(db: Db, actor: Actor, userId?: string) {
  const visible = await visibleUsers(db, actor);
  const { rows } = await db.query<{ user_id: string }>(
    `SELECT id, user_id, competency, period, rating, rated_by, created_at FROM competency_ratings
     WHERE ($1::uuid IS NULL OR user_id = $1) ORDER BY created_at DESC, id`,
    [userId ?? null],
  );
  return rows.filter((r) => !visible || visible.has(r.user_id));
}
