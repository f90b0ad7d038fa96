/**
 * Views that move, add or drop axes without copying (reshape of a contiguous array,
 * transpose, squeeze, expandDims, broadcastTo, flatten), and the ops that materialise
 * (`contiguous`, `copy`, `astype`).
 */
import { getBackend } from "../backends/registry.js";
import { broadcastShapes, broadcastStrides } from "../broadcast.js";
import { checkDType, type DType } from "../dtype.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { checkNDArray, NDArray } from "../ndarray.js";
import { checkShape, contiguousStrides, normalizeAxis, type Shape, shapesEqual, sizeOf } from "../shape.js";

/** Strides for viewing `a` as `shape` without copying, or null when its layout forbids it. */
function viewStrides(a: NDArray, shape: Shape): number[] | null {
  if (a.isContiguous) return contiguousStrides(shape);
  // Non-contiguous: only size-1 dims may be added or removed (the common squeeze/unsqueeze).
  const kept = a.shape.map((d, i) => [d, a.strides[i]] as const).filter(([d]) => d !== 1);
  const target = shape.filter((d) => d !== 1);
  if (
    !shapesEqual(
      kept.map(([d]) => d),
      target,
    )
  )
    return null;
  let k = 0;
  return shape.map((d) => (d === 1 ? 0 : (kept[k++] as readonly [number, number])[1]));
}

/**
 * The same elements in a new shape; one dimension may be `-1` (inferred). A view when the
 * layout allows it, otherwise a copy.
 *
 * @example reshape(arange(6), [2, -1]).shape // [2, 3]
 * @throws ShapeError `reshape: cannot reshape 6 elements into [4,2]`.
 */
export function reshape(a: NDArray, shape: Shape): NDArray {
  checkNDArray("reshape", a);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ShapeError(
      "reshape",
      `invalid target shape [${String(shape)}]: use non-negative integers and at most one -1`,
    );
  }
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new ShapeError("reshape", `only one dimension can be -1, got ${fmtShape(shape)}`);
  const known = shape.reduce((acc, d) => (d === -1 ? acc : acc * d), 1);
  const target = shape.map((d) => (d === -1 ? (known === 0 ? -1 : a.size / known) : d));
  if (target.includes(-1) || !target.every(Number.isInteger) || sizeOf(target) !== a.size) {
    throw new ShapeError("reshape", `cannot reshape ${a.size} elements into ${fmtShape(shape)}`);
  }
  const strides = viewStrides(a, target);
  if (strides) return new NDArray(a.storage, target, strides, a.offset);
  return new NDArray(contiguous(a).storage, target);
}

/**
 * A 1-D array of the elements in row-major order: a view when `a` is contiguous (as
 * `torch.flatten`), otherwise a copy. NOTE: NumPy's `flatten` always copies; use `copy()`
 * when writes must not reach `a`.
 */
export function flatten(a: NDArray): NDArray {
  return reshape(a, [a.size]);
}

/**
 * Permutes axes (reverses them by default) as a view sharing storage: `[m, n] → [n, m]`.
 * @example transpose(zeros([2, 3, 4]), [1, 0, 2]).shape // [3, 2, 4]
 * @throws ValueError when `axes` is not a permutation of the array's axes.
 */
export function transpose(a: NDArray, axes?: readonly number[]): NDArray {
  checkNDArray("transpose", a);
  if (axes === undefined) return a.T;
  if (!Array.isArray(axes) || axes.length !== a.ndim) {
    throw new ValueError("transpose", `axes [${String(axes)}] do not match an array of shape ${fmtShape(a.shape)}`);
  }
  const perm = axes.map((ax) => normalizeAxis("transpose", ax, a.ndim));
  if (new Set(perm).size !== perm.length) throw new ValueError("transpose", `repeated axis in [${axes.join(",")}]`);
  return new NDArray(
    a.storage,
    perm.map((p) => a.shape[p]),
    perm.map((p) => a.strides[p]),
    a.offset,
  );
}

/** `transpose` with the axes as arguments, as PyTorch's `permute`. */
export function permute(a: NDArray, ...axes: number[]): NDArray {
  return transpose(a, axes);
}

/** Swaps two axes (a view). */
export function swapAxes(a: NDArray, axis1: number, axis2: number): NDArray {
  checkNDArray("swapAxes", a);
  const i = normalizeAxis("swapAxes", axis1, a.ndim);
  const j = normalizeAxis("swapAxes", axis2, a.ndim);
  const perm = a.shape.map((_, k) => (k === i ? j : k === j ? i : k));
  return transpose(a, perm);
}

/**
 * Drops size-1 dimensions (all of them, or those in `axis`), as a view.
 * @throws ShapeError when a named axis does not have size 1.
 */
export function squeeze(a: NDArray, axis?: number | readonly number[]): NDArray {
  checkNDArray("squeeze", a);
  const axes =
    axis === undefined
      ? a.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : (typeof axis === "number" ? [axis] : [...axis]).map((ax) => normalizeAxis("squeeze", ax, a.ndim));
  for (const ax of axes) {
    if (a.shape[ax] !== 1) {
      throw new ShapeError("squeeze", `cannot squeeze axis ${ax} of size ${a.shape[ax]} in shape ${fmtShape(a.shape)}`);
    }
  }
  return new NDArray(
    a.storage,
    a.shape.filter((_, i) => !axes.includes(i)),
    a.strides.filter((_, i) => !axes.includes(i)),
    a.offset,
  );
}

/**
 * Inserts a size-1 dimension at `axis` (negative counts from the end of the result), as a
 * view: `expandDims(zeros([3]), 0).shape` is `[1, 3]`.
 */
export function expandDims(a: NDArray, axis: number): NDArray {
  checkNDArray("expandDims", a);
  const ax = normalizeAxis("expandDims", axis, a.ndim + 1);
  const shape = [...a.shape];
  const strides = [...a.strides];
  shape.splice(ax, 0, 1);
  strides.splice(ax, 0, 0);
  return new NDArray(a.storage, shape, strides, a.offset);
}

/**
 * A view of `a` broadcast to `shape` (stride 0 along stretched dimensions), as
 * `np.broadcast_to`. Writing through it writes the shared elements.
 * @throws ShapeError when `a` does not broadcast to `shape`.
 */
export function broadcastTo(a: NDArray, shape: Shape): NDArray {
  checkNDArray("broadcastTo", a);
  checkShape("broadcastTo", shape);
  let ok = shape.length >= a.ndim;
  if (ok) {
    try {
      ok = shapesEqual(broadcastShapes("broadcastTo", a.shape, shape), shape);
    } catch {
      ok = false;
    }
  }
  if (!ok)
    throw new ShapeError(
      "broadcastTo",
      `cannot broadcast an array of shape ${fmtShape(a.shape)} to ${fmtShape(shape)}`,
    );
  return new NDArray(a.storage, [...shape], broadcastStrides(a.shape, a.strides, shape), a.offset);
}

/** `a` itself when contiguous, otherwise a contiguous row-major copy. */
export function contiguous(a: NDArray): NDArray {
  checkNDArray("contiguous", a);
  return a.isContiguous ? a : getBackend().copy(a, a.dtype);
}

/** A contiguous copy that shares nothing with `a`. */
export function copy(a: NDArray): NDArray {
  checkNDArray("copy", a);
  return getBackend().copy(a, a.dtype);
}

/**
 * The elements converted to `dtype` (a new array): floats to int32 truncate toward zero,
 * anything to bool is `x != 0` (NaN is true).
 */
export function astype(a: NDArray, dtype: DType): NDArray {
  checkNDArray("astype", a);
  checkDType("astype", dtype);
  return getBackend().copy(a, dtype);
}
