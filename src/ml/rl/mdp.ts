// Logged episodes of a discrete MDP (states and actions as string keys) and the tabular
// pieces every learner and estimator here shares. Hand-written: there is no maintained JS
// library for offline (batch) reinforcement learning; the tables are a few Maps.

export interface Step {
  state: string;
  action: string;
  /** Reward received after this step (deal won = 1 on the last step). */
  reward: number;
}

export interface Episode {
  id: string;
  steps: Step[];
}

/** Probability of each action in a state; an action missing from the map has probability 0. */
export type Policy = (state: string) => ReadonlyMap<string, number>;

export interface Transition {
  state: string;
  action: string;
  reward: number;
  /** null at the end of the episode. */
  next: string | null;
}

export function transitions(episodes: readonly Episode[]): Transition[] {
  const out: Transition[] = [];
  for (const e of episodes) {
    e.steps.forEach((s, t) => out.push({ state: s.state, action: s.action, reward: s.reward, next: t + 1 < e.steps.length ? e.steps[t + 1].state : null }));
  }
  return out;
}

export const episodeReturn = (e: Episode): number => e.steps.reduce((sum, s) => sum + s.reward, 0);

/** Counts n(s, a) and n(s). */
export interface Counts {
  bySA: Map<string, Map<string, number>>;
  byS: Map<string, number>;
}

export function countVisits(episodes: readonly Episode[]): Counts {
  const bySA = new Map<string, Map<string, number>>();
  const byS = new Map<string, number>();
  for (const e of episodes) {
    for (const s of e.steps) {
      let m = bySA.get(s.state);
      if (!m) bySA.set(s.state, (m = new Map()));
      m.set(s.action, (m.get(s.action) ?? 0) + 1);
      byS.set(s.state, (byS.get(s.state) ?? 0) + 1);
    }
  }
  return { bySA, byS };
}
