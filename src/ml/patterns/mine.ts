// Patterns that separate won from lost deals: order ("A before B"), timing ("A within N days of
// first contact"), silences ("no activity for more than N days") and intensity ("at least k A"),
// each tested with Fisher's exact test and Benjamini–Hochberg correction. Each pattern is tested in
// the population where it can occur (deals that reached B, deals that had A), so deals that were
// lost before they got that far do not make a step look good merely by existing.
// Hand-written: the JS sequential-pattern miners (PrefixSpan/SPADE ports) are unmaintained and
// know nothing of timing or significance; the candidate set here is small and enumerated directly.
import { benjaminiHochberg, fisherExact } from './fisher.ts';

export interface DealEvent {
  kind: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface LabelledDeal {
  id: string;
  won: boolean;
  /** Sorted by time. */
  events: readonly DealEvent[];
  firstContactAt: number | null;
}

export interface PatternResult {
  key: string;
  kind: 'order' | 'timing' | 'silence' | 'intensity';
  description: string;
  population: number;
  deals: number;
  support: number;
  winRate: number;
  winRateWithout: number;
  lift: number;
  pValue: number;
  qValue: number;
}

export interface MineOptions {
  /** Smallest share of the population that must show (and must not show) a pattern. */
  minSupport?: number;
  /** Smallest population a pattern is tested in. */
  minPopulation?: number;
  timingDays?: readonly number[];
  silenceDays?: readonly number[];
  intensity?: readonly number[];
  /** Event kinds that are outcomes of the process (stage entries): used only as the "B" of order patterns. */
  anchorsOnly?: (kind: string) => boolean;
  label?: (kind: string) => string;
}

const DAY = 86_400_000;

interface Summary {
  first: Map<string, number>;
  count: Map<string, number>;
  maxGap: number;
}

function summarise(d: LabelledDeal): Summary {
  const first = new Map<string, number>();
  const count = new Map<string, number>();
  let maxGap = 0;
  d.events.forEach((e, i) => {
    if (!first.has(e.kind)) first.set(e.kind, e.at);
    count.set(e.kind, (count.get(e.kind) ?? 0) + 1);
    if (i > 0) maxGap = Math.max(maxGap, e.at - d.events[i - 1].at);
  });
  return { first, count, maxGap };
}

export interface PatternDef {
  key: string;
  kind: PatternResult['kind'];
  description: string;
  /** undefined = not in this pattern's population. */
  test(s: Summary, deal: LabelledDeal): boolean | undefined;
}

export function candidatePatterns(kinds: readonly string[], options: MineOptions = {}): PatternDef[] {
  const anchor = options.anchorsOnly ?? (() => false);
  const label = options.label ?? ((k: string) => k);
  const actions = kinds.filter((k) => !anchor(k));
  const out: PatternDef[] = [];
  for (const a of actions) {
    for (const b of kinds) {
      if (a === b) continue;
      out.push({
        key: `${a}_before_${b}`, kind: 'order', description: `${label(a)} before ${label(b)}`,
        test: (s) => (s.first.has(b) ? (s.first.get(a) ?? Infinity) < s.first.get(b)! : undefined),
      });
    }
    for (const n of options.timingDays ?? [7, 10, 14, 21, 30]) {
      out.push({
        key: `${a}_within_${n}d`, kind: 'timing', description: `${label(a)} within ${n} days of first contact`,
        test: (s, d) => (s.first.has(a) && d.firstContactAt !== null ? s.first.get(a)! - d.firstContactAt <= n * DAY : undefined),
      });
    }
    for (const k of options.intensity ?? [2, 3, 5]) {
      out.push({ key: `${a}_at_least_${k}`, kind: 'intensity', description: `At least ${k} × ${label(a)}`, test: (s) => (s.count.get(a) ?? 0) >= k });
    }
  }
  for (const n of options.silenceDays ?? [14, 21, 30]) {
    out.push({ key: `silence_over_${n}d`, kind: 'silence', description: `A gap of more than ${n} days without any activity`, test: (s, d) => (d.events.length > 1 ? s.maxGap > n * DAY : undefined) });
  }
  return out;
}

export interface Mined {
  results: PatternResult[];
  /** Per pattern key, the ids of deals that show it (for examples and neighbour comparisons). */
  members: Map<string, string[]>;
  patterns: PatternDef[];
}

export function minePatterns(deals: readonly LabelledDeal[], options: MineOptions = {}): Mined {
  const minSupport = options.minSupport ?? 0.03;
  const minPopulation = options.minPopulation ?? 30;
  const kinds = [...new Set(deals.flatMap((d) => d.events.map((e) => e.kind)))].sort();
  const patterns = candidatePatterns(kinds, options);
  const summaries = deals.map(summarise);
  const tested: Omit<PatternResult, 'qValue'>[] = [];
  const members = new Map<string, string[]>();
  for (const p of patterns) {
    let withWon = 0, withLost = 0, withoutWon = 0, withoutLost = 0;
    const ids: string[] = [];
    deals.forEach((d, i) => {
      const has = p.test(summaries[i], d);
      if (has === undefined) return;
      if (has) {
        ids.push(d.id);
        if (d.won) withWon++;
        else withLost++;
      } else if (d.won) withoutWon++;
      else withoutLost++;
    });
    const population = withWon + withLost + withoutWon + withoutLost;
    const withN = withWon + withLost;
    if (population < minPopulation || withN < minSupport * population || population - withN < minSupport * population) continue;
    const base = (withWon + withoutWon) / population;
    const winRate = withWon / withN;
    tested.push({
      key: p.key, kind: p.kind, description: p.description, population, deals: withN, support: withN / population,
      winRate, winRateWithout: withoutWon / (population - withN), lift: base > 0 ? winRate / base : 0,
      pValue: fisherExact(withWon, withLost, withoutWon, withoutLost),
    });
    members.set(p.key, ids);
  }
  const q = benjaminiHochberg(tested.map((t) => t.pValue));
  return { results: tested.map((t, i) => ({ ...t, qValue: q[i] })), members, patterns };
}

/** Which of the given patterns a single deal shows (undefined = not applicable). */
export function dealPatterns(deal: LabelledDeal, patterns: readonly PatternDef[]): Map<string, boolean | undefined> {
  const s = summarise(deal);
  return new Map(patterns.map((p) => [p.key, p.test(s, deal)]));
}
