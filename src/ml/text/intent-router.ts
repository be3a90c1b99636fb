// Intent routing without a neural model: TF-IDF (word 1–2 + char_wb 2–5) features, a
// one-vs-rest linear SVM, softmax confidences with a temperature fitted on held-out training
// rows, and an abstention threshold ("none fits") chosen on held-out rows too.
//
// Without out-of-scope training rows, the threshold comes from leave-intents-out
// cross-validation: each calibration model leaves out a row fold and ~15 % of the intents
// (seeded; every intent is left out once), whose rows stand in for out-of-scope queries. The
// score compared with the threshold is then the margin gap (the top intent's SVM decision value
// minus the runner-up's), and the threshold is the one answering "none fits" for 88 % of the
// simulated unseen intents' rows. Why (bench/intents-oos.bench.ts, banking77, 10 intents held
// out, five seeded choices 7,1,2,3,4; reference: scikit-learn LinearSVC with a max-decision
// threshold chosen with hindsight on the test set, max accuracy + recall):
//   - at equal out-of-scope recall the gap and the softmax probability both beat the SVM's max
//     decision value by +0.02…+0.06 in-scope accuracy; the gap slightly more on average;
//   - the best trade-off moves a lot between choices of unseen intents (it depends on how close
//     they are to in-scope ones, which training rows cannot tell), so no rule fitted on training
//     rows lands inside the narrow window that beats the hindsight point on every split. Reached
//     on both figures: the previous rule (probability, balanced threshold raised halfway to 90 %
//     caught) 1/5 splits, mean 0.760/0.822; gap + 88 % 4/5, mean 0.741/0.847; sklearn mean
//     0.729/0.817. These splits chose the rule (banking77 is the development set). On seeds not
//     used to choose it (5, 6, 8): 2/3 reached (the previous rule 0/3). On far out-of-scope
//     queries (chat utterances) the fixed 88 % costs in-scope accuracy: 0.730/0.975 against the
//     SVM's 0.854/0.948 (with out-of-scope training rows: 0.909/0.958, reached).
//
// Out-of-scope training rows (the abstain label) are learnt as one extra class: on banking77
// with held-out intents this lifts out-of-scope recall at equal in-scope accuracy far above
// thresholding alone, and it never hurts on out-of-scope kinds unseen in training
// (see bench/intents.bench.ts). That class is never returned as an intent. The score is then the
// top intent's calibrated probability (0 when the out-of-scope class wins) and the threshold the
// balanced one (max in-scope accuracy + out-of-scope recall on held-out rows).
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
  /**
   * Without out-of-scope rows: the share of the simulated unseen intents' held-out rows that
   * the threshold (on the margin gap) answers "none fits" (default 0.88; 0 = never abstain).
   */
  unseenRecall?: number;
  /** Share of intents each calibration model leaves out as simulated unseen intents (default 0.15). */
  unseenShare?: number;
  /**
   * Leave out every intent once (default true): as many calibration models as it takes
   * (≈ 1 / unseenShare, at least `calibrationFolds`), round-robin over the row folds; false = one
   * model per fold, so only some intents are ever simulated as unseen (cheaper, noisier).
   */
  unseenCoverAll?: boolean;
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
  /** True when no intent fits well enough (`abstainScore` < the router's threshold): answer "none fits". */
  abstain: boolean;
  /**
   * The score compared with the threshold (see `IntentRouter.abstainScoreKind`): the
   * probability of `label` (0 when the out-of-scope class wins), or its margin gap.
   */
  abstainScore: number;
}

export interface IntentRouter {
  /** The intents it routes to (the abstain label excluded). */
  readonly labels: readonly string[];
  readonly temperature: number;
  /** `route(…).abstain` is `abstainScore < threshold`. */
  readonly threshold: number;
  /**
   * What the threshold applies to: 'probability' (calibrated probability of the top intent; with
   * out-of-scope training rows, or without calibration) or 'margin-gap' (top intent's SVM
   * decision value minus the runner-up's; thresholds from simulated unseen intents).
   */
  readonly abstainScoreKind: 'probability' | 'margin-gap';
  /**
   * How the threshold was chosen when it came from simulated unseen intents (training rows
   * only). `unseenRecallThreshold` (the one used) answers "none fits" for `unseenRecall` of
   * their rows on the margin gap; `balancedThreshold` maximises in-scope accuracy + recall on
   * them (margin gap too). `probabilityThreshold` is the previous rule, for comparison: on the
   * probability, the balanced threshold raised halfway towards catching 90 % of them.
   */
  readonly calibration?: { balancedThreshold: number; unseenRecallThreshold: number; unseenRows: number; probabilityThreshold: number };
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

/** The smallest threshold t such that a share ≥ `share` of `values` is strictly below t. */
function quantileAbove(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.min(sorted.length, Math.ceil(share * sorted.length)); // rows that must be below t
  if (k <= 0) return 0;
  if (k >= sorted.length) return sorted[sorted.length - 1] + 1e-9;
  // Midway between the k-th smallest and the next: abstains on exactly the k smallest (ties aside).
  return (sorted[k - 1] + sorted[k]) / 2;
}

/** Best in-scope class and its probability; `abstainClass` (or -1) is skipped. */
function bestInScope(p: Float64Array, abstainClass: number): number {
  let best = -1;
  for (let c = 0; c < p.length; c++) if (c !== abstainClass && (best < 0 || p[c] > p[best])) best = c;
  return best;
}

/** Top in-scope margin minus the best other margin (the out-of-scope class included); ≥ 0 unless that class wins. */
function marginGap(m: ArrayLike<number>, abstainClass: number): number {
  const best = bestInScope(m as Float64Array, abstainClass);
  let other = -Infinity;
  for (let c = 0; c < m.length; c++) if (c !== best && m[c] > other) other = m[c];
  return other === -Infinity ? 0 : m[best] - other;
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
  const perFold = Math.max(1, Math.min(names.length - 2, Math.round(names.length * (opts.unseenShare ?? 0.15))));
  const heldRows: number[] = [];
  const heldMargins: Float64Array[] = [];
  const pseudoOos: Float64Array[] = [];
  const rounds = folds > 0 && simulateUnseen && opts.unseenCoverAll !== false ? Math.max(folds, Math.ceil(names.length / perFold)) : folds;
  for (let r = 0; r < rounds; r++) {
    const f = r % folds;
    const left = new Set(simulateUnseen ? shuffledIntents.slice(r * perFold, (r + 1) * perFold) : []);
    if (left.size === 0 && simulateUnseen) left.add(shuffledIntents[r % names.length]);
    const fitRows = [...fold.keys()].filter((i) => fold[i] !== f && !left.has(y[i]));
    const testRows = [...fold.keys()].filter((i) => fold[i] === f && !left.has(y[i]));
    if (testRows.length === 0) continue;
    const part = fitModel(grams, fitRows, y, classes, opts);
    // Left-out intents have no training rows in this fold: their margins are dropped (set very
    // low) so the softmax is over the intents the fold model knows, as the final model's is.
    const margins = (i: number) => {
      const m = part.svm.decision(part.features.transformGrams(grams.map((g) => g[i])));
      for (const c of left) m[c] = -1e9;
      return m;
    };
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
  let calibration: IntentRouter['calibration'];
  let threshold: number;
  let abstainScoreKind: IntentRouter['abstainScoreKind'] = 'probability';
  if (heldRows.length === 0) threshold = 0;
  else if (outOfScope.length === 0) threshold = thresholdForRecall(inScope.map((s) => s.confidence), opts.targetRecall ?? 0.95);
  else if (pseudoOos.length === 0) threshold = thresholdBalanced(inScope, outOfScope);
  else {
    // Simulated unseen intents (no out-of-scope rows, so abstainClass is -1): the margin gap,
    // thresholded to answer "none fits" for `unseenRecall` of their rows.
    abstainScoreKind = 'margin-gap';
    const gapIn = heldMargins.map((m, r) => ({ confidence: marginGap(m, -1), correct: bestInScope(m, -1) === truth[r] }));
    const gapOut = pseudoOos.map((m) => marginGap(m, -1));
    const unseenRecall = Math.min(1, Math.max(0, opts.unseenRecall ?? 0.88));
    const unseenRecallThreshold = unseenRecall > 0 ? quantileAbove(gapOut, unseenRecall) : 0;
    // The previous rule, reported for comparison only (on the probability).
    const balancedProbability = thresholdBalanced(inScope, outOfScope);
    const probabilityThreshold = Math.max(balancedProbability, (balancedProbability + quantileAbove(outOfScope, 0.9)) / 2);
    calibration = { balancedThreshold: thresholdBalanced(gapIn, gapOut), unseenRecallThreshold, unseenRows: gapOut.length, probabilityThreshold };
    threshold = unseenRecallThreshold;
  }

  const final = fitModel(grams, [...y.keys()], y, classes, opts);
  const k = Math.max(1, opts.topK ?? 5);
  const margins = new Float64Array(classes);
  const probs = new Float64Array(classes);
  return {
    labels: names,
    temperature,
    threshold,
    abstainScoreKind,
    calibration,
    route(text) {
      final.svm.decision(final.features.transform(text), margins);
      softmaxWithTemperature(margins, temperature, probs);
      const ranked = [...probs.keys()].filter((c) => c !== abstainClass).sort((a, b) => probs[b] - probs[a] || a - b).slice(0, k);
      const top = ranked.map((c) => ({ label: names[c], score: probs[c] }));
      const abstainScore = abstainScoreKind === 'margin-gap' ? marginGap(margins, abstainClass) : routeConfidence(probs, abstainClass);
      return { label: top[0].label, confidence: top[0].score, top, abstain: abstainScore < threshold, abstainScore };
    },
  };
}
