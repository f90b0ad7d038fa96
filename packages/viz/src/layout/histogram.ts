/**
 * Weight histograms: bins over a domain symmetric about 0 (so that, with an even number
 * of bins, one bin edge sits at 0 and every bin has one sign), counted with d3-array.
 */

import { ValueError } from "@sinapse/tensor/errors";
import { bin } from "d3-array";
import { describeValue, firstNonFinite } from "./validate.js";

export interface HistogramBin {
  /** Lower edge (inclusive). */
  x0: number;
  /** Upper edge (exclusive, inclusive for the last bin). */
  x1: number;
  count: number;
}

export interface Histogram {
  bins: HistogramBin[];
  /** The largest count, for the height of the tallest bar. */
  maxCount: number;
  /** How many values were counted (all of them). */
  total: number;
  domain: [number, number];
}

export interface HistogramOptions {
  /** Number of bins (default 20). */
  bins?: number;
  /** `[lo, hi]` with lo < hi; default `[−m, m]` with m the largest |value| (or 1 when all are 0). */
  domain?: readonly [number, number];
}

/** Why `values` cannot be binned, or null: none at all, or a NaN/Infinity (named by index). */
export function validateHistogram(values: ArrayLike<number> | undefined, what = "values"): string | null {
  if (!values || values.length === 0) return `${what} is empty`;
  const i = firstNonFinite(values);
  return i >= 0 ? `${what}[${i}] is ${describeValue(values[i])}` : null;
}

/**
 * Equal-width bins over the domain; values outside it go into the first or last bin, so
 * Σ counts = `values.length`.
 *
 * @example histogram([-1, -0.5, 0.5, 1], { bins: 2 }).bins.map((b) => b.count) // [2, 2]
 */
export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const n = Math.max(1, Math.floor(options.bins ?? 20));
  let domain: [number, number];
  if (options.domain) {
    domain = [options.domain[0], options.domain[1]];
  } else {
    let m = 0;
    for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
    // All zeros (fresh biases) get a unit domain; a tiny spread keeps room for every bin.
    m = m === 0 ? 1 : Math.max(m, 1e-12);
    domain = [-m, m];
  }
  const [lo, hi] = domain;
  if (!(hi - lo > 0) || !Number.isFinite(hi - lo)) {
    throw new ValueError("histogram", `the domain must be finite with lo < hi, got [${lo}, ${hi}]`);
  }
  const step = (hi - lo) / n;
  const thresholds = Array.from({ length: n - 1 }, (_, i) => lo + (i + 1) * step);
  const clamped = Array.from(values, (v) => Math.min(hi, Math.max(lo, v)));
  const counted = bin().domain([lo, hi]).thresholds(thresholds)(clamped);
  const bins = counted.map((b, i) => ({
    x0: lo + i * step,
    x1: i === n - 1 ? hi : lo + (i + 1) * step,
    count: b.length,
  }));
  return { bins, maxCount: Math.max(0, ...bins.map((b) => b.count)), total: values.length, domain };
}
