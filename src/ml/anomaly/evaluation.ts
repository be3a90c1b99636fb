// Event-level precision and recall of detections against labelled anomaly windows (written by
// hand: the event rule below is ours, no scoring library implements it).
//
// Rule: consecutive flagged indices form one detection event. An event that touches a window
// (any of its points inside [start, end]) is correct; all correct events touching the same
// window count as one true detection, so a long anomaly flagged point by point is not rewarded
// more than once. Every event outside all windows is a false alarm.
//   precision = true detections / (true detections + false alarms)
//   recall    = windows with at least one detection / windows

export interface Window {
  start: number;
  end: number;
}

export interface DetectionScore {
  truePositives: number;
  falsePositives: number;
  windows: number;
  windowsDetected: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Accumulates one series at a time; indices are positions on that series' grid. */
export class DetectionTally {
  private tp = 0;
  private fp = 0;
  private windows = 0;
  private detected = 0;

  add(flagged: readonly number[], windows: readonly Window[]): void {
    const sorted = [...new Set(flagged)].sort((a, b) => a - b);
    const hit = new Uint8Array(windows.length);
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      const [from, to] = [sorted[i], sorted[j]];
      let inside = false;
      windows.forEach((w, k) => {
        if (from <= w.end && to >= w.start) {
          hit[k] = 1;
          inside = true;
        }
      });
      if (!inside) this.fp++;
      i = j + 1;
    }
    this.windows += windows.length;
    for (const h of hit) {
      this.detected += h;
      this.tp += h;
    }
  }

  score(): DetectionScore {
    const precision = this.tp + this.fp > 0 ? this.tp / (this.tp + this.fp) : 0;
    const recall = this.windows > 0 ? this.detected / this.windows : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { truePositives: this.tp, falsePositives: this.fp, windows: this.windows, windowsDetected: this.detected, precision, recall, f1 };
  }
}
