// Tabular fitted Q evaluation and one conservative policy-improvement step.
// Hand-written for the reason given in mdp.ts (no maintained JS offline-RL library).
// Q_π(s,a) = mean over logged transitions from (s,a) of r + V_π(s'), V_π(s) = Σ_a π(a|s) Q_π(s,a),
// swept until it stops changing (episodes end, so it converges within the longest episode's length).
// Improvement is pessimistic: the policy moves away from what reps did only in states where an
// action with enough logged cases has a lower confidence bound on its uplift above zero.
import type { BehaviourPolicy } from './behaviour.ts';
import { transitions, type Episode, type Policy } from './mdp.ts';

export interface QTable {
  q: Map<string, Map<string, number>>;
  /** Standard error of each Q(s,a) from the spread of its one-step returns. */
  se: Map<string, Map<string, number>>;
  n: Map<string, Map<string, number>>;
  value(state: string): number;
}

export function fittedQEvaluation(episodes: readonly Episode[], policy: Policy, options: { maxSweeps?: number; fallback?: number } = {}): QTable {
  const fallback = options.fallback ?? mean(episodes.map((e) => e.steps.reduce((s, x) => s + x.reward, 0)));
  // The logged transitions aggregated by (s, a, s'): sweeps then cost the number of distinct
  // transitions (thousands), not of logged ones (hundreds of thousands).
  const groups = new Map<string, { state: string; action: string; next: string | null; count: number; r: number; r2: number }>();
  const n = new Map<string, Map<string, number>>();
  for (const t of transitions(episodes)) {
    const key = `${t.state}\u0000${t.action}\u0000${t.next ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { state: t.state, action: t.action, next: t.next, count: 0, r: 0, r2: 0 }));
    g.count++;
    g.r += t.reward;
    g.r2 += t.reward * t.reward;
    let m = n.get(t.state);
    if (!m) n.set(t.state, (m = new Map()));
    m.set(t.action, (m.get(t.action) ?? 0) + 1);
  }
  const q = new Map<string, Map<string, number>>();
  const value = (state: string): number => {
    const qs = q.get(state);
    if (!qs) return fallback;
    let v = 0;
    let mass = 0;
    for (const [a, p] of policy(state)) {
      const qa = qs.get(a);
      if (qa !== undefined && p > 0) (v += p * qa), (mass += p);
    }
    return mass > 0 ? v / mass : fallback;
  };
  const states = [...new Set([...groups.values()].flatMap((g) => (g.next === null ? [g.state] : [g.state, g.next])))];
  const nextValues = () => new Map(states.map((s) => [s, value(s)]));
  const maxSweeps = options.maxSweeps ?? 500;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    const v = nextValues();
    const sums = new Map<string, Map<string, number>>();
    for (const g of groups.values()) {
      let m = sums.get(g.state);
      if (!m) sums.set(g.state, (m = new Map()));
      m.set(g.action, (m.get(g.action) ?? 0) + g.r + (g.next === null ? 0 : g.count * v.get(g.next)!));
    }
    let change = 0;
    for (const [s, m] of sums) {
      let qs = q.get(s);
      if (!qs) q.set(s, (qs = new Map()));
      for (const [a, sum] of m) {
        const next = sum / n.get(s)!.get(a)!;
        change = Math.max(change, Math.abs(next - (qs.get(a) ?? Infinity)));
        qs.set(a, next);
      }
    }
    if (change < 1e-9) break;
  }
  // Standard errors from the spread of the one-step returns r + V(s') around Q(s,a).
  const v = nextValues();
  const sq = new Map<string, Map<string, number>>();
  for (const g of groups.values()) {
    const d = (g.next === null ? 0 : v.get(g.next)!) - q.get(g.state)!.get(g.action)!;
    let m = sq.get(g.state);
    if (!m) sq.set(g.state, (m = new Map()));
    m.set(g.action, (m.get(g.action) ?? 0) + g.r2 + 2 * g.r * d + g.count * d * d);
  }
  const se = new Map<string, Map<string, number>>();
  for (const [s, m] of sq) {
    se.set(s, new Map([...m].map(([a, ss]) => {
      const k = n.get(s)!.get(a)!;
      return [a, k > 1 ? Math.sqrt(Math.max(0, ss) / (k - 1) / k) : Infinity];
    })));
  }
  return { q, se, n, value };
}

/**
 * Q_μ(s,a) as the mean observed return after taking a in s: unbiased for the behaviour policy
 * even when the state summary is not Markov (the deal's past matters beyond it), so it is the
 * safe basis for deciding where to deviate. V_μ(s) is the mean return from s.
 */
export function monteCarloQ(episodes: readonly Episode[]): QTable {
  const sum = new Map<string, Map<string, number>>();
  const sum2 = new Map<string, Map<string, number>>();
  const n = new Map<string, Map<string, number>>();
  const stateSum = new Map<string, [number, number]>();
  const add = (m: Map<string, Map<string, number>>, s: string, a: string, x: number) => {
    let inner = m.get(s);
    if (!inner) m.set(s, (inner = new Map()));
    inner.set(a, (inner.get(a) ?? 0) + x);
  };
  for (const e of episodes) {
    let g = 0;
    for (let t = e.steps.length - 1; t >= 0; t--) {
      const { state, action, reward } = e.steps[t];
      g += reward;
      add(sum, state, action, g);
      add(sum2, state, action, g * g);
      add(n, state, action, 1);
      const ss = stateSum.get(state) ?? [0, 0];
      stateSum.set(state, [ss[0] + g, ss[1] + 1]);
    }
  }
  const q = new Map<string, Map<string, number>>();
  const se = new Map<string, Map<string, number>>();
  for (const [s, m] of sum) {
    const qs = new Map<string, number>();
    const ses = new Map<string, number>();
    for (const [a, total] of m) {
      const k = n.get(s)!.get(a)!;
      const mean = total / k;
      const variance = k > 1 ? Math.max(0, (sum2.get(s)!.get(a)! - k * mean * mean) / (k - 1)) : Infinity;
      qs.set(a, mean);
      ses.set(a, Math.sqrt(variance / k));
    }
    q.set(s, qs);
    se.set(s, ses);
  }
  const overall = episodes.length ? episodes.reduce((acc, e) => acc + e.steps.reduce((x, st) => x + st.reward, 0), 0) / episodes.length : 0;
  return { q, se, n, value: (s) => { const v = stateSum.get(s); return v ? v[0] / v[1] : overall; } };
}

export interface ConservativeOptions {
  /** Logged cases of (s,a) needed before the policy may prefer a. */
  minSupport?: number;
  /** z of the lower confidence bound the uplift must clear (default 1.96). */
  z?: number;
  /** Share of probability moved to the preferred action (1 = greedy). */
  step?: number;
}

export interface ImprovedPolicy {
  policy: Policy;
  /** The preferred action per state where the policy deviates from the behaviour. */
  preferred: Map<string, string>;
}

export function conservativeImprovement(behaviour: BehaviourPolicy, qMu: QTable, options: ConservativeOptions = {}): ImprovedPolicy {
  const minSupport = options.minSupport ?? 20;
  const z = options.z ?? 1.96;
  const step = options.step ?? 0.5;
  const preferred = new Map<string, string>();
  for (const [state, qs] of qMu.q) {
    const n = qMu.n.get(state)!;
    const total = [...n.values()].reduce((x, y) => x + y, 0);
    let best: string | null = null;
    let bestLower = 0;
    for (const [a, qa] of qs) {
      if ((n.get(a) ?? 0) < minSupport) continue;
      const lower = upliftOf(qs, qMu.se.get(state)!, n, total, a, qa) - z * upliftSe(qMu.se.get(state)!, n, total, a);
      if (lower > bestLower) (bestLower = lower), (best = a);
    }
    if (best) preferred.set(state, best);
  }
  const tables = new Map<string, Map<string, number>>();
  for (const [state, a] of preferred) {
    const mu = behaviour.policy(state);
    const pi = new Map<string, number>();
    for (const [b, p] of mu) pi.set(b, (1 - step) * p);
    pi.set(a, (pi.get(a) ?? 0) + step);
    tables.set(state, pi);
  }
  return { preferred, policy: (state) => tables.get(state) ?? behaviour.policy(state) };
}

/** Uplift of a over what reps did: Q(s,a) − V(s) = (1 − μ_a)(Q_a − Q_rest). */
export function upliftOf(qs: Map<string, number>, _se: Map<string, number>, n: Map<string, number>, total: number, a: string, qa: number): number {
  let v = 0;
  for (const [b, qb] of qs) v += ((n.get(b) ?? 0) / total) * qb;
  return qa - v;
}

/** Its standard error, treating the actions' mean returns as independent. */
export function upliftSe(se: Map<string, number>, n: Map<string, number>, total: number, a: string): number {
  const muA = (n.get(a) ?? 0) / total;
  let restVar = 0;
  for (const [b, seB] of se) if (b !== a) restVar += (((n.get(b) ?? 0) / total) ** 2) * seB * seB;
  const seA = se.get(a) ?? Infinity;
  return Math.sqrt((1 - muA) ** 2 * seA * seA + restVar);
}

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
