// `eval intents`: trains the intent router on one file and measures it on another.
import { InputError } from '../../core/errors.ts';
import { trainIntentRouter, type AbstainScoreKind } from '../../ml/text/intent-router.ts';
import type { LabelledTexts } from './dataset.ts';

export interface IntentEvalOptions {
  /** Label of out-of-scope rows: in train they teach "none fits", in test they must get it. */
  abstainLabel?: string;
  /**
   * Without abstain-label training rows: expected out-of-scope queries, 'near' (default: other
   * requests of the same domain) or 'far' (unrelated chatter); see trainIntentRouter.
   */
  outOfScope?: 'near' | 'far';
  seed?: number;
}

/** Rates are null when there is nothing to measure them on (never NaN). */
export interface IntentEvalReport {
  intents: number;
  train_rows: number;
  test_rows: number;
  in_scope_rows: number;
  abstain_rows: number;
  /** Top-1 accuracy on in-scope test rows; an abstention counts as wrong. */
  accuracy: number | null;
  top5: number | null;
  /** Share of abstain-label test rows answered "none fits". */
  abstain_recall: number | null;
  /** Share of "none fits" answers whose row has the abstain label. */
  abstain_precision: number | null;
  abstained: number;
  ms_per_query: number;
  train_seconds: number;
  seconds: number;
  /** "None fits" when the abstention score is below this; calibrated on training rows only. */
  threshold: number;
  /**
   * What the threshold applies to: the top intent's calibrated probability, its SVM margin gap
   * over the runner-up, or (out-of-scope 'far') the similarity to the nearest intent centroid.
   */
  abstain_score: AbstainScoreKind;
  temperature: number;
  /** Test rows whose label never occurs in train (counted as in-scope, always wrong). */
  unseen_test_labels: string[];
}

const rate = (hits: number, total: number): number | null => (total > 0 ? hits / total : null);

export function evaluateIntents(train: LabelledTexts, test: LabelledTexts, options: IntentEvalOptions = {}): IntentEvalReport {
  const started = performance.now();
  const abstainLabel = options.abstainLabel;
  const intents = new Set(train.labels.filter((l) => l !== abstainLabel));
  if (intents.size < 2) {
    const only = [...intents][0];
    throw new InputError(`${train.file} needs at least two intents to learn from`, [{
      file: train.file,
      column: train.labelColumn,
      value: only,
      reason: intents.size === 0 ? 'every row has the abstain label' : `every in-scope row has the same label "${only}"`,
    }]);
  }
  // Without an abstain label the evaluation is closed-set: calibration (which only sets
  // confidences and the abstention threshold) is skipped and the router never abstains.
  const router = trainIntentRouter(train.texts, train.labels, {
    abstainLabel,
    calibrationFolds: abstainLabel === undefined ? 0 : undefined,
    outOfScope: options.outOfScope,
    seed: options.seed,
  });
  const trainSeconds = (performance.now() - started) / 1000;

  let inScope = 0, correct = 0, correct5 = 0, oos = 0, oosCaught = 0, abstained = 0;
  const routeStarted = performance.now();
  test.texts.forEach((text, i) => {
    const truth = test.labels[i];
    const r = router.route(text);
    if (r.abstain) abstained++;
    if (abstainLabel !== undefined && truth === abstainLabel) {
      oos++;
      if (r.abstain) oosCaught++;
      return;
    }
    inScope++;
    if (r.abstain) return;
    if (r.label === truth) correct++;
    if (r.top.slice(0, 5).some((t) => t.label === truth)) correct5++;
  });
  const routeMs = performance.now() - routeStarted;
  return {
    intents: intents.size,
    train_rows: train.texts.length,
    test_rows: test.texts.length,
    in_scope_rows: inScope,
    abstain_rows: oos,
    accuracy: rate(correct, inScope),
    top5: rate(correct5, inScope),
    abstain_recall: rate(oosCaught, oos),
    abstain_precision: rate(oosCaught, abstained),
    abstained,
    ms_per_query: test.texts.length > 0 ? routeMs / test.texts.length : 0,
    train_seconds: trainSeconds,
    seconds: (performance.now() - started) / 1000,
    threshold: router.threshold,
    abstain_score: router.abstainScoreKind,
    temperature: router.temperature,
    unseen_test_labels: [...new Set(test.labels.filter((l) => l !== abstainLabel && !intents.has(l)))].sort(),
  };
}

const pct = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

export function formatIntentReport(r: IntentEvalReport, abstainLabel?: string): string {
  const lines = [
    `intents: ${r.intents} (train ${r.train_rows} rows; test ${r.test_rows} rows: ${r.in_scope_rows} in scope, ${r.abstain_rows} out of scope)`,
    `top-1 accuracy        ${pct(r.accuracy)}   (in-scope rows; an abstention counts as wrong)`,
    `top-5 accuracy        ${pct(r.top5)}`,
    abstainLabel === undefined
      ? 'none-fits answers     off (no --abstain-label: closed-set evaluation)'
      : `none-fits recall      ${pct(r.abstain_recall)}   (rows labelled "${abstainLabel}" answered "none fits")`,
  ];
  if (abstainLabel !== undefined) {
    lines.push(`none-fits precision   ${pct(r.abstain_precision)}   (${r.abstained} "none fits" answers; ${r.abstain_score} threshold ${r.threshold.toFixed(3)}, from training rows only)`);
  }
  lines.push(`mean ms per query     ${r.ms_per_query.toFixed(2)}`);
  lines.push(`seconds               ${r.seconds.toFixed(1)} (training and calibration ${r.train_seconds.toFixed(1)})`);
  if (r.unseen_test_labels.length > 0) {
    lines.push(`note: ${r.unseen_test_labels.length} test label(s) never occur in train and are always wrong: ${r.unseen_test_labels.slice(0, 10).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
