/**
 * Reductions over axes: sum, prod, mean, max, min, argmax, argmin, var, std, logsumexp.
 * `axis` is a number, a list, or omitted for all axes (negative counts from the end);
 * `keepdims` keeps reduced axes as size 1. A full reduction returns a 0-d array.
 */
import type { ReduceOp } from "../backends/backend.js";
import { getBackend } from "../backends/registry.js";
import { arithmeticType, type DType, floatType } from "../dtype.js";
import { fmtShape, ValueError } from "../errors.js";
import { E, type Expr } from "../expr/expr.js";
import { checkNDArray, type NDArray, NDArray as NDArrayCtor } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { add, div, exp, log, mul, sqrt, sub } from "./elementwise.js";
import { map } from "./map.js";
import { astype, broadcastTo, contiguous, reshape } from "./movement.js";

export interface ReduceOptions {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted. */
  axis?: number | readonly number[];
  /** Keep reduced axes as size-1 dimensions, so the result broadcasts against the input. */
  keepdims?: boolean;
}

export interface VarianceOptions extends ReduceOptions {
  /** Delta degrees of freedom: divide by `n − ddof` (0 by default, as NumPy). */
  ddof?: number;
}

/** Sorted, distinct, non-negative axes for a reduction over `ndim` dimensions. */
export function reductionAxes(op: string, ndim: number, axis?: number | readonly number[]): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const axes = list.map((ax) => normalizeAxis(op, ax, ndim));
  if (new Set(axes).size !== axes.length) throw new ValueError(op, `repeated axis in [${list.join(",")}]`);
  return axes.sort((x, y) => x - y);
}

function dropAxes(a: NDArray, axes: readonly number[], keepdims: boolean | undefined): NDArray {
  if (keepdims) return a;
  return reshape(
    a,
    a.shape.filter((_, i) => !axes.includes(i)),
  );
}

function reduce(op: ReduceOp, a: NDArray, options: ReduceOptions, dtype: (t: DType) => DType): NDArray {
  checkNDArray(op, a);
  const axes = reductionAxes(op, a.ndim, options.axis);
  if ((op === "max" || op === "min") && axes.some((ax) => a.shape[ax] === 0)) {
    throw new ValueError(
      op,
      `zero-size array has no ${op === "max" ? "maximum" : "minimum"} (shape ${fmtShape(a.shape)})`,
    );
  }
  return dropAxes(getBackend().reduce(op, a, axes, dtype(a.dtype)), axes, options.keepdims);
}

/**
 * Σ over `axis` (all by default). int32/bool sum to int32.
 * @example sum(array([[1, 2], [3, 4]]), { axis: 0 }) // [4, 6]
 */
export function sum(a: NDArray, options: ReduceOptions = {}): NDArray {
  return reduce("sum", a, options, arithmeticType);
}

/** Π over `axis` (all by default); an empty product is 1. */
export function prod(a: NDArray, options: ReduceOptions = {}): NDArray {
  return reduce("prod", a, options, arithmeticType);
}

/** Largest value over `axis`; NaN wins. @throws ValueError for an empty reduction. */
export function max(a: NDArray, options: ReduceOptions = {}): NDArray {
  return reduce("max", a, options, (t) => t);
}

/** Smallest value over `axis`; NaN wins. @throws ValueError for an empty reduction. */
export function min(a: NDArray, options: ReduceOptions = {}): NDArray {
  return reduce("min", a, options, (t) => t);
}

/** Number of elements each output of a reduction over `axes` combines. */
function countOf(a: NDArray, axes: readonly number[]): number {
  return axes.reduce((n, ax) => n * a.shape[ax], 1);
}

/** Σx / n over `axis`, accumulated in float64; int32/bool give float32. An empty mean is NaN. */
export function mean(a: NDArray, options: ReduceOptions = {}): NDArray {
  checkNDArray("mean", a);
  const axes = reductionAxes("mean", a.ndim, options.axis);
  const total = getBackend().reduce("sum", a, axes, "float64");
  const m = astype(div(total, countOf(a, axes)), floatType(a.dtype));
  return dropAxes(m, axes, options.keepdims);
}

/** Σ(x − mean)² / (n − ddof) over `axis`, computed in float64. */
export function variance(a: NDArray, options: VarianceOptions = {}): NDArray {
  checkNDArray("var", a);
  const ddof = options.ddof ?? 0;
  if (!Number.isFinite(ddof) || ddof < 0)
    throw new ValueError("var", `ddof must be a non-negative number, got ${ddof}`);
  const axes = reductionAxes("var", a.ndim, options.axis);
  const x = astype(a, "float64");
  const centred = sub(x, mean(x, { axis: axes, keepdims: true }));
  const squares = getBackend().reduce("sum", mul(centred, centred), axes, "float64");
  const v = astype(div(squares, countOf(a, axes) - ddof), floatType(a.dtype));
  return dropAxes(v, axes, options.keepdims);
}

/** √var over `axis`. */
export function std(a: NDArray, options: VarianceOptions = {}): NDArray {
  const v = variance(a, options);
  return sqrt(v);
}

/** `m` where finite, else 0 (`m − m` is NaN for ±∞ and NaN). */
const finiteOrZero = (m: Expr) => E.select(E.eq(E.sub(m, m), 0), m, 0);

/**
 * `log Σ exp(x)` over `axis`, computed stably as `m + log Σ exp(x − m)` with `m = max x`
 * (an all −∞ slice gives −∞, not NaN).
 */
export function logsumexp(a: NDArray, options: ReduceOptions = {}): NDArray {
  checkNDArray("logsumexp", a);
  const axes = reductionAxes("logsumexp", a.ndim, options.axis);
  if (axes.some((ax) => a.shape[ax] === 0)) {
    // log Σ over nothing is log 0 = −∞ (as scipy.special.logsumexp).
    const shape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const inf = getBackend().alloc(a.dtype === "float64" ? "float64" : "float32", 1);
    inf.view()[0] = Number.NEGATIVE_INFINITY;
    return dropAxes(contiguous(broadcastTo(new NDArrayCtor(inf, []), shape)), axes, options.keepdims);
  }
  const x = a.dtype === "float64" || a.dtype === "float32" ? a : astype(a, "float32");
  // Where the max is ±∞ or NaN, shifting by it would give NaN: shift by 0 there.
  const m = map(finiteOrZero, [max(x, { axis: axes, keepdims: true })]);
  const s = getBackend().reduce("sum", exp(sub(x, m)), axes, x.dtype);
  const out = add(log(s), m);
  return dropAxes(out, axes, options.keepdims);
}

function argReduce(op: "argmax" | "argmin", a: NDArray, axis: number | undefined, keepdims?: boolean): NDArray {
  checkNDArray(op, a);
  if (axis === undefined) {
    if (a.size === 0)
      throw new ValueError(op, `attempt to get ${op} of an empty sequence (shape ${fmtShape(a.shape)})`);
    const flat = getBackend().argReduce(op, reshape(a, [a.size]), 0);
    return reshape(flat, keepdims ? a.shape.map(() => 1) : []);
  }
  const ax = normalizeAxis(op, axis, a.ndim);
  if (a.shape[ax] === 0)
    throw new ValueError(op, `attempt to get ${op} of an empty axis ${ax} (shape ${fmtShape(a.shape)})`);
  return dropAxes(getBackend().argReduce(op, a, ax), [ax], keepdims);
}

/** Index (int32) of the largest value along `axis`, or in the flattened array; first NaN wins. */
export function argmax(a: NDArray, options: { axis?: number; keepdims?: boolean } = {}): NDArray {
  return argReduce("argmax", a, options.axis, options.keepdims);
}

/** Index (int32) of the smallest value along `axis`, or in the flattened array. */
export function argmin(a: NDArray, options: { axis?: number; keepdims?: boolean } = {}): NDArray {
  return argReduce("argmin", a, options.axis, options.keepdims);
}

function softmaxAxis(op: string, a: NDArray, axis: number): [NDArray, number] {
  checkNDArray(op, a);
  if (a.ndim === 0) throw new ValueError(op, "needs at least one dimension, got a 0-d array");
  const ax = normalizeAxis(op, axis, a.ndim);
  return [a.dtype === "float64" || a.dtype === "float32" ? a : astype(a, "float32"), ax];
}

/**
 * `softmax(x) = e^(x − max x) / Σ e^(x − max x)` along `axis` (the last by default),
 * shifted by the row's max as PyTorch does, so large logits lose no precision.
 * @example softmax(array([[1, 2, 3]])) // [[0.09003057, 0.24472848, 0.66524094]]
 * @throws ValueError for a 0-d array or an axis out of range.
 */
export function softmax(a: NDArray, axis = -1): NDArray {
  const [x, ax] = softmaxAxis("softmax", a, axis);
  const m = map(finiteOrZero, [max(x, { axis: ax, keepdims: true })]);
  const e = exp(sub(x, m));
  return div(e, getBackend().reduce("sum", e, [ax], e.dtype));
}

/**
 * `log softmax(x) = (x − max x) − log Σ e^(x − max x)` along `axis` (the last by default).
 * @throws ValueError for a 0-d array or an axis out of range.
 */
export function logSoftmax(a: NDArray, axis = -1): NDArray {
  const [x, ax] = softmaxAxis("logSoftmax", a, axis);
  const z = sub(x, map(finiteOrZero, [max(x, { axis: ax, keepdims: true })]));
  return sub(z, log(getBackend().reduce("sum", exp(z), [ax], z.dtype)));
}
