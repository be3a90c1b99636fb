// Token and cost accounting per model, from the usage figures servers report.
import type { TokenUsage } from './types.ts';

/** US dollars per 1,000 tokens. */
export interface ModelPrice {
  inputPer1k: number;
  outputPer1k: number;
}

export interface ModelUsageTotals extends TokenUsage {
  calls: number;
  costUsd: number;
}

export interface UsageTotals extends ModelUsageTotals {
  byModel: Record<string, ModelUsageTotals>;
}

export function costOf(usage: TokenUsage, price: ModelPrice | undefined): number {
  if (!price) return 0;
  return (usage.promptTokens / 1000) * price.inputPer1k + (usage.completionTokens / 1000) * price.outputPer1k;
}

export class UsageMeter {
  private readonly models = new Map<string, ModelUsageTotals>();

  /** Prices by model name; models without a price cost 0 (typical of self-hosted servers). */
  constructor(private readonly prices: Record<string, ModelPrice> = {}) {}

  /** Records one call and returns its cost in USD. */
  record(model: string, usage: TokenUsage): number {
    const cost = costOf(usage, this.prices[model]);
    const t = this.models.get(model) ?? { calls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0 };
    t.calls += 1;
    t.promptTokens += usage.promptTokens;
    t.completionTokens += usage.completionTokens;
    t.totalTokens += usage.totalTokens;
    t.costUsd += cost;
    this.models.set(model, t);
    return cost;
  }

  totals(): UsageTotals {
    const out: UsageTotals = { calls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, costUsd: 0, byModel: {} };
    for (const [model, t] of this.models) {
      out.byModel[model] = { ...t };
      out.calls += t.calls;
      out.promptTokens += t.promptTokens;
      out.completionTokens += t.completionTokens;
      out.totalTokens += t.totalTokens;
      out.costUsd += t.costUsd;
    }
    return out;
  }
}

/** Reads an OpenAI `usage` object defensively: missing or non-numeric fields count as 0. */
export function parseUsage(raw: unknown): TokenUsage {
  const u = (raw ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const promptTokens = num(u.prompt_tokens);
  const completionTokens = num(u.completion_tokens);
  const total = num(u.total_tokens);
  return { promptTokens, completionTokens, totalTokens: total > 0 ? total : promptTokens + completionTokens };
}
