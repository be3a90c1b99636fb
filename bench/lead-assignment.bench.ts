// Lead assignment: regret of each policy in the simulator (20 reps, 8 segments, 10,000 leads,
// averaged over 4 worlds) as a ratio of UCB1's and round-robin's; off-policy estimates against
// the known truth; and the cost of one decision against round-robin's. Policy defaults (Thompson's
// Jeffreys prior, LinUCB's α and λ) were chosen on other worlds (seeds 5–10), not on these.
import { Rng } from '../src/ml/random.ts';
import { createPolicy, type PolicyName } from '../src/ml/bandits/registry.ts';
import { comparePolicies } from '../src/modules/lead-assignment/compare.ts';
import { evaluateOffPolicyOnSimulation } from '../src/modules/lead-assignment/offline-evaluation.ts';
import type { OffPolicyEstimate } from '../src/ml/bandits/off-policy.ts';

const TARGET_VS_UCB1 = 0.6;
const TARGET_VS_ROUND_ROBIN = 0.3;

function regretTable(): void {
  const seeds = [1, 2, 3, 4];
  const s = comparePolicies({ reps: 20, leads: 10_000, segments: 8, seeds });
  const ucb1 = s.ucb1.regret;
  const rr = s['round-robin'].regret;
  console.log(`Regret (conversions lost vs the best eligible rep), 20 reps × 8 segments × 10,000 leads, mean of seeds ${seeds.join(', ')}:`);
  console.log(`${'policy'.padEnd(22)}${'regret'.padStart(9)}${'÷ UCB1'.padStart(9)}${'÷ RR'.padStart(8)}${'conversions'.padStart(13)}${'violations'.padStart(12)}  per-seed regret`);
  for (const [name, r] of Object.entries(s)) {
    console.log(
      `${name.padEnd(22)}${r.regret.toFixed(1).padStart(9)}${(r.regret / ucb1).toFixed(2).padStart(9)}${(r.regret / rr).toFixed(2).padStart(8)}` +
        `${r.conversions.toFixed(1).padStart(13)}${String(r.violations).padStart(12)}  ${r.regretBySeed.map((x) => x.toFixed(0)).join(' ')}`,
    );
  }
  // Thompson sampling and the contextual policies carry the targets; LinUCB is the second contextual policy.
  for (const name of ['thompson', 'contextual-thompson', 'linucb']) {
    const vsU = s[name].regret / ucb1;
    const vsR = s[name].regret / rr;
    const ok = vsU <= TARGET_VS_UCB1 && vsR <= TARGET_VS_ROUND_ROBIN && s[name].violations === 0;
    console.log(`${name}: ${vsU.toFixed(2)}× UCB1 (target ≤ ${TARGET_VS_UCB1}), ${vsR.toFixed(2)}× round-robin (target ≤ ${TARGET_VS_ROUND_ROBIN}), violations ${s[name].violations} → ${ok ? 'met' : 'MISSED'}`);
  }
}

function offPolicyTable(): void {
  const r = evaluateOffPolicyOnSimulation({ reps: 20, leads: 10_000, segments: 8, seed: 1, epsilon: 0.2 });
  const f = (e: OffPolicyEstimate, truth: number) =>
    `${e.estimate.toFixed(3)} [${e.low.toFixed(3)}, ${e.high.toFixed(3)}]${e.low <= truth && truth <= e.high ? '  ' : ' ✗'} ESS ${Math.round(e.effectiveSampleSize)}`;
  console.log(`\nOff-policy evaluation on ${r.logged} logged ε-greedy (ε = 0.2) assignments; conversion rate per lead, 95% bootstrap CI (✗ = truth outside):`);
  for (const t of r.targets) {
    console.log(`${t.target}: truth ${t.truth.toFixed(3)}`);
    console.log(`  replay           ${f(t.replay, t.truth)}  (biased here: logs are not uniform)`);
    console.log(`  IPS              ${f(t.ips, t.truth)}`);
    console.log(`  IPS clipped @10  ${f(t.clippedIps, t.truth)}`);
    console.log(`  self-normalised  ${f(t.selfNormalisedIps, t.truth)}`);
    console.log(`  doubly robust    ${f(t.doublyRobust, t.truth)}`);
  }
}

function decisionCost(): void {
  const reps = Array.from({ length: 20 }, (_, i) => `rep-${i}`);
  const segments = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  const time = (name: PolicyName) => {
    const policy = createPolicy(name); // production settings (Thompson: 200 propensity draws)
    const rng = new Rng(1);
    for (let i = 0; i < 2000; i++) policy.update({ eventId: String(i), context: { segment: segments[i % 8] }, rep: reps[i % 20], reward: rng.bernoulli(0.2) ? 1 : 0 });
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) policy.select({ segment: segments[i % 8] }, reps, rng);
    return (performance.now() - t0) / n;
  };
  const base = time('round-robin');
  console.log('\nCost of one decision over 20 eligible reps (ms), production settings:');
  for (const name of ['round-robin', 'ucb1', 'thompson', 'contextual-thompson', 'linucb'] as const) {
    const ms = time(name);
    console.log(`  ${name.padEnd(22)}${ms.toFixed(3).padStart(8)} ms  (${(ms / base).toFixed(0)}× round-robin)`);
  }
}

export default async function run(): Promise<void> {
  regretTable();
  offPolicyTable();
  decisionCost();
}
