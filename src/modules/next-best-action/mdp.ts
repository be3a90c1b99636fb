// The pipeline as an MDP: a deal's week is a decision. State = stage × deal age × days since the
// last rep action × deal size; action = the most significant rep action that week (or wait);
// reward on its last week = 1 when the deal is won ('win'), or the won amount in units of the mean
// closed-deal amount ('value', capped, so Q-values stay on the scale of a win probability).
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

export type RewardKind = 'win' | 'value';
export const REWARD_KINDS: readonly RewardKind[] = ['win', 'value'];

/**
 * How a won deal is rewarded. 'value': amount ÷ scale, where scale is the mean amount of the
 * closed deals that have one, capped at `cap` units (a handful of huge deals would otherwise
 * dominate every importance-weighted estimate); a won deal without an amount counts as 1 unit.
 */
export interface RewardSpec { kind: RewardKind; scale: number; cap: number }
export const VALUE_REWARD_CAP = 10;
export const WIN_REWARD: RewardSpec = { kind: 'win', scale: 1, cap: 1 };

export function rewardSpec(kind: RewardKind, closed: readonly DealHistory[]): RewardSpec {
  if (kind === 'win') return WIN_REWARD;
  const xs = closed.map((d) => d.amount).filter((x): x is number => x !== null && Number.isFinite(x) && x > 0);
  const scale = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 1;
  return { kind, scale, cap: VALUE_REWARD_CAP };
}

export function wonReward(d: DealHistory, spec: RewardSpec): number {
  if (spec.kind === 'win') return 1;
  if (d.amount === null || !Number.isFinite(d.amount) || d.amount <= 0) return 1;
  return Math.min(spec.cap, d.amount / spec.scale);
}

/** A closed deal's weekly decisions; open deals have no outcome yet and give null. */
export function dealEpisode(d: DealHistory, cuts: readonly [number, number], reward: RewardSpec = WIN_REWARD): Episode | null {
  if (d.closedAt === null || (d.stage !== 'won' && d.stage !== 'lost')) return null;
  const weeks = Math.max(1, Math.min(MAX_WEEKS, Math.ceil((d.closedAt - d.openedAt) / WEEK)));
  const steps = [];
  const size = sizeBucket(d.amount, cuts);
  // The state walk of stateAt, carried from week to week (events are in time order) instead of
  // restarting at the deal's first event every week: the same states, linear in the events.
  let stage = 'prospecting';
  let last = d.firstContactAt ?? d.openedAt;
  let seen = 0;
  let e = 0;
  for (let k = 0; k < weeks; k++) {
    const from = d.openedAt + k * WEEK;
    const to = k === weeks - 1 ? Infinity : from + WEEK;
    for (; seen < d.events.length && d.events[seen].at <= from; seen++) {
      const ev = d.events[seen];
      if (ev.kind.startsWith('stage:')) stage = ev.kind.slice(6);
      else if (isRepAction(ev.kind)) last = Math.max(last, ev.at);
    }
    const state = { key: `${stage}|${ageBucket((from - d.openedAt) / DAY)}|${sinceBucket(Math.max(0, from - last) / DAY)}|${size}` };
    let action: NbaAction = 'wait';
    while (e < d.events.length && d.events[e].at < from) e++;
    for (let i = e; i < d.events.length && d.events[i].at < to; i++) {
      const kind = d.events[i].kind;
      if (isRepAction(kind) && PRIORITY.get(kind)! < PRIORITY.get(action)!) action = kind;
    }
    steps.push({ state: state.key, action, reward: k === weeks - 1 && d.stage === 'won' ? wonReward(d, reward) : 0 });
  }
  return { id: d.id, steps };
}
