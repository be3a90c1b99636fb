// Late outcomes of assignments (a conversion weeks later, or revenue): applied once per key to the
// lead's latest assignment and to the policy's state, in one transaction. Also derives outcomes
// from lead updates (converted / disqualified).
import type { Db } from '../../db/client.ts';
import { InputError, NotFoundError } from '../../core/errors.ts';
import type { Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import { lockPolicy, saveState } from './policy-store.ts';

export interface OutcomeResult {
  applied: boolean;
  duplicate: boolean;
  lead_id: string;
  assignment_id: number | null;
  rep_id: string | null;
  reward: number;
  /** Why nothing was applied (rendered in the reader's language). */
  reason: Text | null;
}

export interface OutcomeInput {
  leadId: string;
  reward: unknown;
  key: unknown;
  at?: Date;
}

export async function recordOutcome(db: Db, input: OutcomeInput): Promise<OutcomeResult> {
  const { leadId } = input;
  const issues = [];
  if (typeof input.reward !== 'number' || !Number.isFinite(input.reward) || input.reward < 0) {
    issues.push({ column: 'reward', value: JSON.stringify(input.reward), reason: 'must be a number ≥ 0 (1 won, 0 lost, or revenue)' });
  }
  if (typeof input.key !== 'string' || input.key.trim() === '' || input.key.length > 300) {
    issues.push({ column: 'key', value: JSON.stringify(input.key), reason: 'must be a non-empty string of at most 300 characters' });
  }
  if (issues.length) throw new InputError('invalid outcome', issues);
  const reward = input.reward as number;
  const key = (input.key as string).trim();
  return db.transaction(async (tx) => {
    const policy = await lockPolicy(tx); // outcomes and assignments apply one at a time
    if (reward > 1 && policy.stored.policy !== 'thompson-revenue') {
      throw new InputError('invalid outcome', [{ column: 'reward', value: String(reward), reason: `must be from 0 to 1 for policy ${policy.stored.policy} (revenue only for thompson-revenue)` }]);
    }
    const base = { lead_id: leadId, reward };
    const { rows: dup } = await tx.query<{ id: number; rep_id: string }>('SELECT id, rep_id FROM lead_assignments WHERE reward_key = $1', [key]);
    if (dup[0]) return { ...base, applied: false, duplicate: true, assignment_id: dup[0].id, rep_id: dup[0].rep_id, reason: msg('assign.outcome.duplicate') };
    const { rows: leads } = await tx.query('SELECT 1 FROM leads WHERE id = $1', [leadId]);
    if (!leads[0]) throw new NotFoundError(`lead ${leadId} not found`);
    const { rows } = await tx.query<{ id: number; rep_id: string; segment: string; reward_key: string | null }>(
      `SELECT id, rep_id, segment, reward_key FROM lead_assignments WHERE lead_id = $1 AND status = 'assigned' AND rep_id IS NOT NULL ORDER BY id DESC LIMIT 1 FOR UPDATE`,
      [leadId],
    );
    const last = rows[0];
    if (!last) return { ...base, applied: false, duplicate: false, assignment_id: null, rep_id: null, reason: msg('assign.outcome.noAssignment') };
    if (last.reward_key !== null) {
      return { ...base, applied: false, duplicate: false, assignment_id: last.id, rep_id: last.rep_id, reason: msg('assign.outcome.alreadyHas', { key: String(last.reward_key) }) };
    }
    policy.instance.update({ eventId: key, context: { segment: last.segment }, rep: last.rep_id, reward });
    await saveState(tx, policy.instance);
    await tx.query('UPDATE lead_assignments SET reward = $2, reward_at = $3, reward_key = $4 WHERE id = $1', [last.id, reward, input.at ?? new Date(), key]);
    return { ...base, applied: true, duplicate: false, assignment_id: last.id, rep_id: last.rep_id, reason: null };
  });
}

/** The outcome a lead update implies, if any: won when it converts, lost when disqualified or un-converted. */
export function outcomeFromLeadUpdate(before: Record<string, unknown>, after: Record<string, unknown>): { reward: number; key: string } | null {
  const id = String(after.id);
  const won = (after.converted === true && before.converted !== true) || (after.status === 'converted' && before.status !== 'converted');
  if (won) return { reward: 1, key: `lead:${id}:converted` };
  const lost = (after.status === 'disqualified' && before.status !== 'disqualified') || (after.converted === false && before.converted !== false);
  if (lost) return { reward: 0, key: `lead:${id}:lost` };
  return null;
}
