// The pipeline as an MDP: a deal's week is a decision. State = stage × deal age × days since the
// last rep action × deal size; action = the most significant rep action that week (or wait);
// reward = 1 when the deal is won, on its last week.
import type { Episode } from '../../ml/rl/mdp.ts';
import { isRepAction, type DealHistory } from '../best-practices/deal-history.ts';

export const NBA_ACTIONS = ['executive', 'demo', 'proposal', 'discount', 'meeting', 'call', 'email', 'wait'] as const;
export type NbaAction = (typeof NBA_ACTIONS)[number];
const PRIORITY = new Map<string, number>(NBA_ACTIONS.map((a, i) => [a, i]));
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Longer deals fold their remaining weeks into the last decision. */
const MAX_WEEKS = 26;

export interface NbaState {
  stage: string;
  age: string;
  since_last: string;
  size: string;
  key: string;
}

const ageBucket = (days: number) => (days < 10 ? '0-10d' : days < 30 ? '10-30d' : days < 60 ? '30-60d' : '60d+');
const sinceBucket = (days: number) => (days < 7 ? '0-7d' : days < 21 ? '7-21d' : '21d+');

export function sizeBucket(amount: number | null, cuts: readonly [number, number]): string {
  if (amount === null) return 'unknown';
  return amount <= cuts[0] ? 'small' : amount <= cuts[1] ? 'mid' : 'large';
}

/** Terciles of the deal amounts. */
export function sizeCuts(deals: readonly DealHistory[]): [number, number] {
  const xs = deals.map((d) => d.amount).filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (xs.length === 0) return [0, 0];
  return [xs[Math.floor(xs.length / 3)], xs[Math.floor((2 * xs.length) / 3)]];
}

export function stateAt(d: DealHistory, at: number, cuts: readonly [number, number]): NbaState {
  let stage = 'prospecting';
  let last = d.firstContactAt ?? d.openedAt;
  for (const e of d.events) {
    if (e.at > at) break;
    if (e.kind.startsWith('stage:')) stage = e.kind.slice(6);
    else if (isRepAction(e.kind)) last = Math.max(last, e.at);
  }
  const s = { stage, age: ageBucket((at - d.openedAt) / DAY), since_last: sinceBucket(Math.max(0, at - last) / DAY), size: sizeBucket(d.amount, cuts) };
  return { ...s, key: `${s.stage}|${s.age}|${s.since_last}|${s.size}` };
}

/** A closed deal's weekly decisions; open deals have no outcome yet and give null. */
export function dealEpisode(d: DealHistory, cuts: readonly [number, number]): Episode | null {
  if (d.closedAt === null || (d.stage !== 'won' && d.stage !== 'lost')) return null;
  const weeks = Math.max(1, Math.min(MAX_WEEKS, Math.ceil((d.closedAt - d.openedAt) / WEEK)));
  const steps = [];
  let e = 0;
  for (let k = 0; k < weeks; k++) {
    const from = d.openedAt + k * WEEK;
    const to = k === weeks - 1 ? Infinity : from + WEEK;
    const state = stateAt(d, from, cuts);
    let action: NbaAction = 'wait';
    while (e < d.events.length && d.events[e].at < from) e++;
    for (let i = e; i < d.events.length && d.events[i].at < to; i++) {
      const kind = d.events[i].kind;
      if (isRepAction(kind) && PRIORITY.get(kind)! < PRIORITY.get(action)!) action = kind;
    }
    steps.push({ state: state.key, action, reward: k === weeks - 1 && d.stage === 'won' ? 1 : 0 });
  }
  return { id: d.id, steps };
}
