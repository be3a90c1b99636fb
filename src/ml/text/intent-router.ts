// Intent routing without a neural model: TF-IDF (word 1–2 + char_wb 2–5) features, a
// one-vs-rest linear SVM, softmax confidences with a temperature fitted on held-out training
// rows, and an abstention threshold ("none fits") chosen on held-out rows too.
//
// Out-of-scope training rows (the abstain label) are learnt as one extra class: on banking77
// with held-out intents this lifts out-of-scope recall at equal in-scope accuracy far above
// thresholding alone, and it never hurts on out-of-scope kinds unseen in training
// (see bench/intents.bench.ts). That class is never returned as an intent.
import { Rng } from '../random.ts';
import { fitTemperature, softmaxWithTemperature, thresholdBalanced, thresholdForRecall } from './calibration.ts';
import { trainLinearSvm, type LinearSvm } from './linear-svm.ts';
import { csrFromRows } from './sparse.ts';
import { analyze, fitFeatureUnionFromGrams, INTENT_FEATURES, type FeatureUnion, type TfidfOptions } from './tfidf.ts';

export interface IntentRouterOptions {
  /** Rows with this label are out-of-scope examples ("none fits"), never returned as an intent. */
  abstainLabel?: string;
  /** SVM inverse regularisation (default 1). */
  C?: number;
  /**
   * Calibration folds: each row's held-out scores come from a model fitted without its fold
   * (default 3; 1 = a single 20 % hold-out; 0 = no calibration: temperature 1, never abstain).
   */
  calibrationFolds?: number;
  /**
   * Without out-of-scope rows the threshold is tuned on intents left out of the calibration
   * models (simulated unseen intents); give a share here to instead keep that share of
   * held-out in-scope rows answered (e.g. 0.95). 1 never abstains.
   */
  targetRecall?: number;
  /** How many ranked labels `route` returns (default 5). */
  topK?: number;
  features?: readonly TfidfOptions[];
  seed?: number;
}

export interface IntentRoute {
  /** The best-scoring intent (still given when abstaining, as a suggestion). */
  label: string;
  /** Calibrated probability of `label`. */
  confidence: number;
  /** Best intents with calibrated probabilities, best first. */
  top: { label: string; score: number }[];
  /** True when no intent fits well enough: answer "none fits". */
  abstain: boolean;
}

export interface IntentRouter {
  /** The intents it routes to (the abstain label excluded). */
  readonly labels: readonly string[];
  readonly temperature: number;
  readonly threshold: number;
  route(text: string): IntentRoute;
}

interface Model {
  features: FeatureUnion;
  svm: LinearSvm;
}

/** Fits features and SVM on the given rows; `grams[block][row]` holds every training text analysed once. */
function fitModel(grams: string[][][], rows: readonly number[], y: Int32Array, classes: number, opts: IntentRouterOptions): Model {
  const blocks = opts.features ?? INTENT_FEATURES;
  const features = fitFeatureUnionFromGrams(grams.map((g) => rows.map((i) => g[i])), blocks);
  const X = csrFromRows(rows.map((i) => features.transformGrams(grams.map((g) => g[i]))), features.size);
  return { features, svm: trainLinearSvm(X, Int32Array.from(rows, (i) => y[i]), classes, { C: opts.C ?? 1, seed: opts.seed }) };
}

/** Assigns each row a fold, stratified by class and seeded; with one fold, 20 % of each class is held out. */
function stratifiedFolds(y: Int32Array, classes: number, folds: number, rng: Rng): Int32Array {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  y.forEach((c, i) => byClass[c].push(i));
  const fold = new Int32Array(y.length).fill(-1); // -1: never held out
  let offset = 0;
  for (const rows of byClass) {
    rng.shuffle(rows);
    if (rows.length < 2) continue;
    if (folds === 1) {
      const k = Math.max(1, Math.round(rows.length * 0.2));
      for (let i = 0; i < k; i++) fold[rows[i]] = 0;
    } else {
      // Continue the round-robin across classes so small classes do not all land in fold 0.
      rows.forEach((r, i) => (fold[r] = (i + offset) % folds));
      offset += rows.length;
    }
  }
  return fold;
}

/** Best in-scope class and its probability; `abstainClass` (or -1) is skipped. */
function bestInScope(p: Float64Array, abstainClass: number): number {
  let best = -1;
  for (let c = 0; c < p.length; c++) if (c !== abstainClass && (best < 0 || p[c] > p[best])) best = c;
  return best;
}

/** Confidence used for abstention: the top intent's probability, or 0 when the out-of-scope class wins. */
function routeConfidence(p: Float64Array, abstainClass: number): number {
  const best = bestInScope(p, abstainClass);
  return abstainClass >= 0 && p[abstainClass] > p[best] ? 0 : p[best];
}

/**
 * Trains a router on labelled texts. Throws RangeError when fewer than two intents remain
 * besides the abstain label (callers validate input and report it to the user first).
 */
export function trainIntentRouter(texts: readonly string[], labels: readonly string[], opts: IntentRouterOptions = {}): IntentRouter {
  if (texts.length !== labels.length) throw new RangeError('texts and labels differ in length');
  const isAbstain = (l: string) => opts.abstainLabel !== undefined && l === opts.abstainLabel;
  const names = [...new Set(labels.filter((l) => !isAbstain(l)))].sort();
  if (names.length < 2) throw new RangeError(`need at least two intents to route between, got ${names.length}`);
  const hasAbstainRows = labels.some(isAbstain);
  const classNames = hasAbstainRows ? [...names, opts.abstainLabel!] : names;
  const abstainClass = hasAbstainRows ? names.length : -1;
  const id = new Map(classNames.map((n, i) => [n, i]));
  const y = Int32Array.from(labels, (l) => id.get(l)!);
  const classes = classNames.length;

  const grams = (opts.features ?? INTENT_FEATURES).map((b) => texts.map((t) => analyze(t, b)));
  // Out-of-fold probabilities for every held-out training row, from models that never saw it.
  // Without out-of-scope rows, each fold model also leaves out a few whole intents, whose rows
  // then stand in for out-of-scope queries (intents the router has never seen).
  const folds = Math.max(0, Math.floor(opts.calibrationFolds ?? 3));
  const rng = new Rng(opts.seed ?? 1);
  const fold = folds > 0 ? stratifiedFolds(y, classes, folds, rng) : new Int32Array(y.length).fill(-1);
  const simulateUnseen = !hasAbstainRows && opts.targetRecall === undefined && names.length >= 4;
  const shuffledIntents = rng.shuffle([...names.keys()]);
  const perFold = Math.max(1, Math.round(names.length * 0.15));
  const heldRows: number[] = [];
  const heldMargins: Float64Array[] = [];
  const pseudoOos: Float64Array[] = [];
  for (let f = 0; f < folds; f++) {
    const left = new Set(simulateUnseen ? shuffledIntents.slice(f * perFold, (f + 1) * perFold) : []);
    if (left.size === 0 && simulateUnseen) left.add(shuffledIntents[f % names.length]);
    const fitRows = [...fold.keys()].filter((i) => fold[i] !== f && !left.has(y[i]));
    const testRows = [...fold.keys()].filter((i) => fold[i] === f && !left.has(y[i]));
    if (testRows.length === 0) continue;
    const part = fitModel(grams, fitRows, y, classes, opts);
    const margins = (i: number) => part.svm.decision(part.features.transformGrams(grams.map((g) => g[i])));
    for (const i of testRows) {
      heldRows.push(i);
      heldMargins.push(margins(i));
    }
    for (let i = 0; i < y.length; i++) if (left.has(y[i])) pseudoOos.push(margins(i));
  }
  const truth = heldRows.map((i) => y[i]);
  const temperature = heldRows.length > 0 ? fitTemperature(heldMargins, truth) : 1;
  const confidenceOf = (m: Float64Array) => routeConfidence(softmaxWithTemperature(m, temperature), abstainClass);
  const inScope: { confidence: number; correct: boolean }[] = [];
  const outOfScope: number[] = pseudoOos.map(confidenceOf);
  heldMargins.forEach((m, r) => {
    const p = softmaxWithTemperature(m, temperature);
    const confidence = routeConfidence(p, abstainClass);
    if (truth[r] === abstainClass) outOfScope.push(confidence);
    else inScope.push({ confidence, correct: confidence > 0 && bestInScope(p, abstainClass) === truth[r] });
  });
  const threshold = heldRows.length === 0 ? 0 : outOfScope.length > 0
    ? thresholdBalanced(inScope, outOfScope)
    : thresholdForRecall(inScope.map((s) => s.confidence), opts.targetRecall ?? 0.95);

  const final = fitModel(grams, [...y.keys()], y, classes, opts);
  const k = Math.max(1, opts.topK ?? 5);
  const margins = new Float64Array(classes);
  const probs = new Float64Array(classes);
  return {
    labels: names,
    temperature,
    threshold,
    route(text) {
      final.svm.decision(final.features.transform(text), margins);
      softmaxWithTemperature(margins, temperature, probs);
      const ranked = [...probs.keys()].filter((c) => c !== abstainClass).sort((a, b) => probs[b] - probs[a] || a - b).slice(0, k);
      const top = ranked.map((c) => ({ label: names[c], score: probs[c] }));
      const confidence = routeConfidence(probs, abstainClass);
      return { label: top[0].label, confidence: top[0].score, top, abstain: confidence < threshold };
    },
  };
}
