// The active assignment policy in the database (assignment_policy, one row): its configuration and
// its learned state, locked for the length of a transaction so that concurrent assignments and
// outcomes apply one after another, and saved in the same transaction as the log row they belong to.
import type { Db } from '../../db/client.ts';
import { InputError } from '../../core/errors.ts';
import type { BanditPolicy, PolicyState } from '../../ml/bandits/policy.ts';
import { POLICY_NAMES, createPolicy, isPolicyName, restorePolicy } from '../../ml/bandits/registry.ts';
import type { FairnessFloor } from './rules.ts';

export const DEFAULT_POLICY = 'contextual-thompson';
export const DEFAULT_FAIRNESS_JSON = { min_share: 0.02, learning_leads: 10 };

export interface StoredPolicy {
  policy: string;
  params: Record<string, unknown>;
  fairness: { min_share: number; learning_leads: number };
  version: number;
  updated_at: Date;
  state: PolicyState;
}

export interface LockedPolicy {
  stored: StoredPolicy;
  instance: BanditPolicy;
  fairness: FairnessFloor;
}

async function ensureRow(db: Db): Promise<void> {
  const fresh = createPolicy(DEFAULT_POLICY);
  await db.query(
    `INSERT INTO assignment_policy (id, policy, params, state) VALUES (1, $1, '{}', $2) ON CONFLICT (id) DO NOTHING`,
    [DEFAULT_POLICY, JSON.stringify(fresh.toJSON())],
  );
}

/** Reads the configuration (no lock). */
export async function readPolicy(db: Db): Promise<StoredPolicy> {
  let { rows } = await db.query<StoredPolicy>('SELECT policy, params, fairness, version, updated_at, state FROM assignment_policy WHERE id = 1');
  if (!rows[0]) {
    await ensureRow(db);
    ({ rows } = await db.query<StoredPolicy>('SELECT policy, params, fairness, version, updated_at, state FROM assignment_policy WHERE id = 1'));
  }
  return rows[0];
}

/** Locks the policy row for the current transaction and rebuilds the policy from its saved state. */
export async function lockPolicy(tx: Db): Promise<LockedPolicy> {
  await ensureRow(tx);
  const { rows } = await tx.query<StoredPolicy>('SELECT policy, params, fairness, version, updated_at, state FROM assignment_policy WHERE id = 1 FOR UPDATE');
  const stored = rows[0];
  return {
    stored,
    instance: restorePolicy(stored.state),
    fairness: { minShare: stored.fairness.min_share, learningLeads: stored.fairness.learning_leads },
  };
}

/**
 * Saves the learned state without the policy's ledger of applied outcome ids: here each outcome's
 * key is kept on its assignment row (lead_assignments.reward_key, checked under this same lock),
 * so the one-row state would only grow with every outcome ever recorded.
 */
export async function saveState(tx: Db, policy: BanditPolicy): Promise<void> {
  await tx.query('UPDATE assignment_policy SET state = $1, updated_at = now() WHERE id = 1', [JSON.stringify({ ...policy.toJSON(), appliedEvents: [] })]);
}

/**
 * Chooses a new policy (or new parameters): builds it fresh, replays the logged assignments and
 * outcomes into it so it keeps what the team has learned, and bumps the version.
 */
export async function setPolicy(
  db: Db,
  change: { policy: string; params?: unknown; fairness?: unknown },
  actorId: string | null,
): Promise<StoredPolicy> {
  if (!isPolicyName(change.policy)) {
    throw new InputError('unknown policy', [{ column: 'policy', value: String(change.policy), reason: `must be one of ${POLICY_NAMES.join(', ')}` }]);
  }
  const params = change.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InputError('invalid policy params', [{ column: 'params', value: JSON.stringify(params), reason: 'must be a JSON object' }]);
  }
  for (const [key, value] of Object.entries(params)) {
    const ok = key === 'weights'
      ? typeof value === 'object' && value !== null && Object.values(value).every((w) => typeof w === 'number' && w > 0 && Number.isFinite(w))
      : typeof value === 'number' && Number.isFinite(value) && value >= 0 && (key !== 'epsilon' || value <= 1);
    if (!ok) throw new InputError('invalid policy params', [{ column: `params.${key}`, value: JSON.stringify(value), reason: key === 'weights' ? 'must map rep ids to positive numbers' : 'must be a finite number ≥ 0 (epsilon ≤ 1)' }]);
  }
  const fairness = change.fairness === undefined ? undefined : parseFairness(change.fairness);
  let fresh: BanditPolicy;
  try {
    fresh = createPolicy(change.policy, params as Record<string, unknown>);
    JSON.stringify(fresh.toJSON());
  } catch (error) {
    throw new InputError('invalid policy params', [{ column: 'params', value: JSON.stringify(params), reason: (error as Error).message }]);
  }
  return db.transaction(async (tx) => {
    await lockPolicy(tx);
    const { rows: assigned } = await tx.query<{ segment: string; rep_id: string }>(
      `SELECT segment, rep_id FROM lead_assignments WHERE status = 'assigned' AND rep_id IS NOT NULL ORDER BY id`,
    );
    for (const a of assigned) fresh.observeAssignment?.({ segment: a.segment }, a.rep_id);
    const { rows: outcomes } = await tx.query<{ segment: string; rep_id: string; reward: number; reward_key: string }>(
      `SELECT segment, rep_id, reward, reward_key FROM lead_assignments WHERE reward_key IS NOT NULL AND rep_id IS NOT NULL ORDER BY reward_at, id`,
    );
    for (const o of outcomes) fresh.update({ eventId: o.reward_key, context: { segment: o.segment }, rep: o.rep_id, reward: o.reward });
    await tx.query(
      `UPDATE assignment_policy SET policy = $1, params = $2, state = $3, fairness = COALESCE($4, fairness), version = version + 1,
         updated_by = $5, updated_at = now() WHERE id = 1`,
      [change.policy, JSON.stringify(params), JSON.stringify(fresh.toJSON()), fairness ? JSON.stringify(fairness) : null, actorId],
    );
    return readPolicy(tx);
  });
}

function parseFairness(value: unknown): { min_share: number; learning_leads: number } {
  const f = value as Record<string, unknown> | null;
  const ok = f !== null && typeof f === 'object' &&
    typeof f.min_share === 'number' && f.min_share >= 0 && f.min_share <= 1 &&
    typeof f.learning_leads === 'number' && Number.isInteger(f.learning_leads) && f.learning_leads >= 0 && f.learning_leads <= 100_000;
  if (!ok) {
    throw new InputError('invalid fairness floor', [{ column: 'fairness', value: JSON.stringify(value), reason: 'must be {min_share: 0–1, learning_leads: whole number ≥ 0}' }]);
  }
  return { min_share: f.min_share as number, learning_leads: f.learning_leads as number };
}
