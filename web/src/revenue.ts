// Types of the revenue endpoints (docs/api/revenue.md): win probability, pipeline forecast,
// sales forecasts, customer analytics.
export interface Reason { feature?: string; code?: string; label?: string; value?: unknown; effect?: string; direction?: string; contribution?: number; points?: number; column?: string }
export interface Risk { code: string; message: string }
export interface DealInsight {
  id: string;
  name?: string | null;
  account_name?: string | null;
  owner_id?: string | null;
  stage?: string;
  amount?: number | null;
  expected_close?: string | null;
  win_probability: number | null;
  category?: 'commit' | 'best_case' | 'pipeline' | string;
  reasons?: Reason[];
  risks?: Risk[];
  next_action?: NextAction | null;
}
export interface NextAction { action?: string; label?: string; title?: string; reason?: string; why?: string; message?: string; [k: string]: unknown }

export interface ForecastPoint { period: string; mean: number | null; lo80: number | null; hi80: number | null; lo95: number | null; hi95: number | null }
export interface HistoryPoint { period: string; value: number | null; partial?: boolean }
export interface Backtest { origins: number; horizon?: number; mase: number | null; smape: number | null; coverage95: number | null; baseline?: { method: string; mase: number | null; smape: number | null } | null; sentence?: string }
export interface ForecastSeries {
  level: string;
  key: string | null;
  name?: string;
  frequency?: string;
  measure?: string;
  as_of?: string;
  history: HistoryPoint[];
  forecast: ForecastPoint[];
  method: string;
  fallback?: string | null;
  backtest?: Backtest | null;
  children?: ForecastSeries[];
  reconciliation?: string;
}
export interface ForecastLevels { levels: { level: string; keys: { key: string; name: string }[] }[]; frequencies?: string[]; measures?: string[] }
export interface PipelineMonth { month: string; p10: number; p50: number; p90: number; expected: number; commit?: number; best_case?: number; pipeline?: number }
export interface PipelineForecast {
  as_of: string;
  simulations: number;
  deals_count: number;
  model_version?: number | null;
  months: PipelineMonth[];
  quarter: { label: string; p10: number; p50: number; p90: number; expected: number; commit?: number; best_case?: number; pipeline?: number };
  run_rate?: { method: string; months: { month: string; mean: number; lo80?: number; hi80?: number }[]; total: number; note?: string } | null;
  total?: { p50: number; expected: number };
}
export interface Segment { id: number; name: string; description?: string; customers: number; recency_days?: number | null; frequency?: number | null; monetary?: number | null; value_12m?: number | null }
export interface CustomerRow { account_id: string; name: string; segment: string | null; segment_id?: number | null; p_alive: number | null; expected_purchases_12m?: number | null; value_12m: number | null; churn_risk: number | null; last_order: string | null; orders?: number | null }
export interface Recommendation { product_id: string; name: string; score: number; because?: string[]; explanation?: string; source?: string }
export interface CustomerDetail extends CustomerRow { recommendations?: Recommendation[] }

/** The text of a next-best-action, whatever its exact shape. */
export function actionText(a: NextAction | string | null | undefined): string | null {
  if (!a) return null;
  if (typeof a === 'string') return a;
  return (a.label ?? a.title ?? a.message ?? a.action ?? null) as string | null;
}
