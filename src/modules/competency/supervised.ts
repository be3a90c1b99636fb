// Where managers have rated reps, a ridge regression learns evidence → rating per competency.
// It replaces the rubric only when its leave-one-out error beats the rubric's error on the same
// ratings, and its cross-validated accuracy is reported either way.
import type { Db } from '../../db/client.ts';
import { choleskyFactor, choleskySolveFactored } from '../../ml/linear/cholesky.ts';
import type { RepMetrics } from './metrics.ts';
import type { CompetencyDef } from './model.ts';
import { metricStats, scoreCompetencies, spearman } from './scoring.ts';

/** Distinct rated reps a competency needs before a model is fitted. */
export const MIN_RATED_REPS = 8;
const RIDGE = 1;

export interface RatingModelInfo {
  competency: string;
  rated_reps: number;
  used: boolean;
  cv_mae: number;
  rubric_mae: number;
  cv_spearman: number;
}

export interface RatingModel extends RatingModelInfo {
  predict(metrics: RepMetrics): number | null;
}

function fitRidge(X: number[][], y: number[]): (x: number[]) => number {
  const p = X[0].length + 1;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < X.length; i++) {
    const row = [1, ...X[i]];
    for (let j = 0; j < p; j++) {
      b[j] += row[j] * y[i];
      for (let k = 0; k < p; k++) A[j * p + k] += row[j] * row[k];
    }
  }
  for (let j = 1; j < p; j++) A[j * p + j] += RIDGE; // intercept unpenalised
  const w = choleskySolveFactored(choleskyFactor(A, p), b, p);
  return (x) => w[0] + x.reduce((s, v, j) => s + v * w[j + 1], 0);
}

export async function fitRatingModels(db: Db, model: readonly CompetencyDef[], metrics: Map<string, RepMetrics>, _period: string): Promise<RatingModel[]> {
  const { rows } = await db.query<{ user_id: string; competency: string; rating: number }>(
    'SELECT user_id, competency, avg(rating)::float8 AS rating FROM competency_ratings GROUP BY user_id, competency',
  );
  if (rows.length === 0) return [];
  const stats = metricStats([...metrics.values()]);
  const out: RatingModel[] = [];
  for (const c of model) {
    const rated = rows.filter((r) => r.competency === c.key && metrics.has(r.user_id));
    if (rated.length < MIN_RATED_REPS) continue;
    const features = (m: RepMetrics) => c.metrics.map((mw) => {
      const v = m[mw.metric]?.value;
      const st = stats.get(mw.metric);
      return v === null || v === undefined || !st ? 0 : Math.max(-3, Math.min(3, (mw.direction * (v - st.median)) / st.scale));
    });
    const X = rated.map((r) => features(metrics.get(r.user_id)!));
    const y = rated.map((r) => r.rating);
    const cv = X.map((_, i) => fitRidge(X.filter((_, j) => j !== i), y.filter((_, j) => j !== i))(X[i]));
    const rubric = rated.map((r) => scoreCompetencies(metrics.get(r.user_id)!, stats, [c])[0].score ?? 50);
    const mae = (pred: number[]) => pred.reduce((s, p, i) => s + Math.abs(Math.max(0, Math.min(100, p)) - y[i]), 0) / y.length;
    const cvMae = mae(cv);
    const rubricMae = mae(rubric);
    const predictor = fitRidge(X, y);
    out.push({
      competency: c.key, rated_reps: rated.length, used: cvMae < rubricMae,
      cv_mae: Math.round(cvMae * 10) / 10, rubric_mae: Math.round(rubricMae * 10) / 10, cv_spearman: Math.round(spearman(cv, y) * 1000) / 1000,
      predict: (m) => Math.max(0, Math.min(100, predictor(features(m)))),
    });
  }
  return out;
}
