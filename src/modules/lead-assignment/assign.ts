// One assignment decision: the rules decide who may take the lead, the policy decides who
// should, and the answer says why in plain words. This is what the service layer calls.
import type { Text } from '../../core/i18n.ts';
import type { Rng } from '../../ml/random.ts';
import { msg, policyText } from './messages.ts';
import type { BanditPolicy, LeadContext } from '../../ml/bandits/policy.ts';
import { evaluateRules, type LeadFacts, type RepLoad, type RepProfile, type RepRejection, type RuleSettings } from './rules.ts';

export type AssignmentDecision =
  | {
      status: 'assigned';
      rep: string;
      /** Probability the policy picks this rep (log it for off-policy evaluation); null if not estimated. */
      propensity: number | null;
      explanation: Text;
      /** The policy's own part of the explanation (without the capacity prefix). */
      policyExplanation: Text | string;
      exploring: boolean;
      eligible: string[];
      /** True when the fairness floor narrowed the choice to new reps. */
      fairnessFloor: boolean;
      /** Reps that could not take the lead, and why. */
      rejected: RepRejection[];
    }
  | {
      status: 'queued';
      explanation: Text;
      /** Why each rep could not take the lead. */
      reasons: RepRejection[];
    };

export function assignLead(
  lead: LeadFacts & { features?: readonly number[] },
  reps: readonly RepProfile[],
  loads: ReadonlyMap<string, RepLoad>,
  policy: BanditPolicy,
  rng: Rng,
  now: number,
  settings: RuleSettings = {},
): AssignmentDecision {
  const verdict = evaluateRules(lead, reps, loads, now, settings);
  if (verdict.eligible.length === 0) {
    const summary = reps.length === 0 ? msg('assign.queued.noReps') : msg('assign.queued.noneCan', { n: String(reps.length) });
    return { status: 'queued', explanation: msg('assign.queued', { summary }), reasons: verdict.rejected };
  }
  const context: LeadContext = { segment: lead.segment, features: lead.features };
  const choice = policy.select(context, verdict.eligible, rng);
  if (!verdict.eligible.includes(choice.rep)) {
    throw new Error(`policy ${policy.name} chose ${choice.rep}, who is not eligible for lead ${lead.id}`);
  }
  const rep = reps.find((r) => r.id === choice.rep)!;
  const open = loads.get(rep.id)?.open ?? 0;
  return {
    status: 'assigned',
    rep: rep.id,
    propensity: choice.propensity,
    explanation: msg(verdict.fairnessReps.length ? 'assign.explanation.fairness' : 'assign.explanation', { rep: rep.name, open: String(open), max: String(rep.maxOpenLeads), policy: policyText(choice.why) }),
    policyExplanation: policyText(choice.why),
    exploring: choice.exploring,
    eligible: verdict.eligible,
    fairnessFloor: verdict.fairnessReps.length > 0,
    rejected: verdict.rejected,
  };
}
