/**
 * Global recording state: whether ops record graph nodes (`noGrad` turns it off) and
 * whether anomaly detection checks every result for NaN/Infinity.
 */

let gradEnabled = true;
let anomalyEnabled = false;

/** True while ops record the graph (outside `noGrad`). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** True inside `detectAnomaly`. */
export function isAnomalyEnabled(): boolean {
  return anomalyEnabled;
}

/** Runs `fn` with recording set to `enabled`, restoring the previous mode afterwards. */
export function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/**
 * Runs `fn` without recording the graph: results do not require grad and nothing is kept
 * for backward (as `torch.no_grad()`). Use it for evaluation and for in-place updates.
 * @example const y = noGrad(() => model.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with anomaly detection set to `enabled`, restoring the previous mode afterwards. */
export function withAnomalyMode<T>(fn: () => T, enabled = true): T {
  const previous = anomalyEnabled;
  anomalyEnabled = enabled;
  try {
    return fn();
  } finally {
    anomalyEnabled = previous;
  }
}
