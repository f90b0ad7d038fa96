/**
 * Feature scaling: a linear map of a value range onto another (the book's pixels
 * (X − 127.5) / 127.5 → [−1, 1]) and per-feature standardisation.
 */
import { type DType, NDArray, ShapeError, ValueError } from "@sinapse/tensor";
import { checkArray } from "./checks.js";

/** Options of {@link scaleToRange}. */
export interface ScaleToRangeOptions {
  /** The source range [lo, hi]; the smallest and largest value of X by default. */
  from?: readonly [number, number];
}

type FloatOut<D extends DType> = D extends "float64" ? "float64" : "float32";

/**
 * Maps [lo, hi] linearly onto [min, max], each step rounded to the output dtype (float32,
 * or float64 for float64 input): for a target centred on 0 (min = −max) as (X − c) / h · max
 * with c = (lo + hi)/2, h = (hi − lo)/2 — the book's `(X − 127.5) / 127.5` value for value
 * for [0, 255] → [−1, 1]; otherwise as (X − lo) / (hi − lo) · (max − min) + min — `X / 255`
 * for [0, 255] → [0, 1]. Values outside [lo, hi] map outside [min, max].
 *
 * @example scaleToRange(images, -1, 1, { from: [0, 255] }) // the book's chapter 19 scaling
 * @throws ValueError unless min < max and lo < hi are finite.
 */
export function scaleToRange<D extends DType>(
  X: NDArray<D>,
  min: number,
  max: number,
  options: ScaleToRangeOptions = {},
): NDArray<FloatOut<D>> {
  const op = "scaleToRange";
  checkArray(op, "X", X);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new ValueError(op, `the target range needs finite min < max, got [${min}, ${max}]`);
  }
  const src = X.dataSync();
  const [lo, hi] = options.from ?? extent(src);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new ValueError(op, `the source range needs finite lo < hi, got [${lo}, ${hi}]`);
  }
  const f64 = X.dtype === "float64";
  const round = f64 ? (v: number) => v : Math.fround;
  const out = f64 ? new Float64Array(src.length) : new Float32Array(src.length);
  if (min === -max) {
    // Centred target: (X − c) / h · max, the book's (X − 127.5) / 127.5 for [0, 255] → [−1, 1].
    const center = round((lo + hi) / 2);
    const half = round((hi - lo) / 2);
    for (let i = 0; i < src.length; i++) out[i] = round(round(Number(src[i]) - center) / half) * max;
  } else {
    // (X − lo) / (hi − lo) · (max − min) + min: X / 255 for [0, 255] → [0, 1].
    const width = round(hi - lo);
    const targetWidth = round(max - min);
    for (let i = 0; i < src.length; i++) {
      out[i] = round(round(round(Number(src[i]) - lo) / width) * targetWidth) + min;
    }
  }
  return new NDArray(out, [...X.shape]) as NDArray<FloatOut<D>>;
}

function extent(values: ArrayLike<number | boolean>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Options of {@link standardize}: statistics to reuse (those of a training set). */
export interface StandardizeOptions {
  /** Per-feature means, shape `X.shape.slice(1)`; computed from X by default. */
  mean?: NDArray;
  /** Per-feature standard deviations, shape `X.shape.slice(1)`; computed from X by default. */
  std?: NDArray;
}

/** The standardised data with the statistics used, to apply to a test set. */
export interface Standardized<D extends DType> {
  X: NDArray<FloatOut<D>>;
  /** Per-feature means, `X.shape.slice(1)`, float64. */
  mean: NDArray<"float64">;
  /** Per-feature standard deviations (population, ddof 0), float64; 0 is replaced by 1. */
  std: NDArray<"float64">;
}

/**
 * Standardises each feature over the samples (axis 0): (X − mean) / std, with mean and the
 * population std (ddof 0) computed in float64, and a std of 0 replaced by 1 (a constant
 * feature maps to 0, as scikit-learn's StandardScaler). Output float32 (float64 for float64
 * input). Pass `{ mean, std }` from a training set to scale a test set the same way.
 *
 * @example const train = standardize(Xtrain); const test = standardize(Xtest, train);
 * @throws ShapeError when X has no samples or mean/std do not have shape X.shape.slice(1).
 */
export function standardize<D extends DType>(X: NDArray<D>, options: StandardizeOptions = {}): Standardized<D> {
  const op = "standardize";
  checkArray(op, "X", X);
  const n = X.shape[0] as number;
  const featureShape = X.shape.slice(1);
  const features = featureShape.reduce((a, b) => a * b, 1);
  const src = X.dataSync();
  const stat = (given: NDArray | undefined, name: string, compute: () => Float64Array): Float64Array => {
    if (given === undefined) {
      if (n === 0)
        throw new ShapeError(op, `X needs at least one sample to compute ${name}, got shape [${X.shape.join(",")}]`);
      return compute();
    }
    if (!(given instanceof NDArray) || given.shape.join(",") !== featureShape.join(",")) {
      const got = given instanceof NDArray ? `[${given.shape.join(",")}]` : typeof given;
      throw new ShapeError(op, `${name} must have shape [${featureShape.join(",")}], got ${got}`);
    }
    return Float64Array.from(given.dataSync() as ArrayLike<number>, Number);
  };
  const mean = stat(options.mean, "mean", () => {
    const m = new Float64Array(features);
    for (let i = 0; i < n; i++) for (let j = 0; j < features; j++) m[j] += Number(src[i * features + j]);
    for (let j = 0; j < features; j++) m[j] /= n;
    return m;
  });
  const std = stat(options.std, "std", () => {
    const s = new Float64Array(features);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < features; j++) s[j] += (Number(src[i * features + j]) - mean[j]) ** 2;
    }
    for (let j = 0; j < features; j++) s[j] = Math.sqrt(s[j] / n);
    return s;
  });
  for (let j = 0; j < features; j++) if (std[j] === 0) std[j] = 1;
  const out = X.dtype === "float64" ? new Float64Array(src.length) : new Float32Array(src.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < features; j++) out[i * features + j] = (Number(src[i * features + j]) - mean[j]) / std[j];
  }
  return {
    X: new NDArray(out, [...X.shape]) as NDArray<FloatOut<D>>,
    mean: new NDArray(mean, featureShape) as NDArray<"float64">,
    std: new NDArray(std, featureShape) as NDArray<"float64">,
  };
}
