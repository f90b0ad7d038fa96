/** Views that move axes around without copying. */
import { broadcastShapes, broadcastStrides } from "../broadcast.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { checkShape, normalizeAxis, shapesEqual, sizeOf } from "../shape.js";

/**
 * Permutes axes (reverses them by default) as a view sharing storage: `[m, n] → [n, m]`.
 *
 * @example transpose(zeros([2, 3, 4]), [1, 0, 2]).shape // [3, 2, 4]
 */
export function transpose(a: NDArray, axes?: readonly number[]): NDArray {
  if (axes === undefined) return a.T;
  if (axes.length !== a.ndim) {
    throw new ValueError("transpose", `axes [${axes.join(",")}] do not match an array of shape ${fmtShape(a.shape)}`);
  }
  const perm = axes.map((ax) => normalizeAxis("transpose", ax, a.ndim));
  if (new Set(perm).size !== perm.length) {
    throw new ValueError("transpose", `repeated axis in [${axes.join(",")}]`);
  }
  return new NDArray(
    a.data,
    perm.map((p) => a.shape[p]),
    perm.map((p) => a.strides[p]),
    a.offset,
  );
}

/**
 * The same elements in a new shape; one dimension may be `-1` (inferred). A view when
 * the array is contiguous, otherwise a copy.
 *
 * @example reshape(arange6, [2, -1]).shape // [2, 3]
 * @throws ShapeError when the sizes differ or more than one dimension is -1.
 */
export function reshape(a: NDArray, shape: readonly number[]): NDArray {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1 || shape.some((d) => !Number.isInteger(d) || d < -1)) {
    throw new ShapeError(
      "reshape",
      `invalid target shape ${fmtShape(shape)}: dimensions must be non-negative integers with at most one -1`,
    );
  }
  const known = shape.reduce((acc, d) => (d === -1 ? acc : acc * d), 1);
  const target = shape.map((d) => (d === -1 ? (known === 0 ? 0 : a.size / known) : d));
  if (sizeOf(target) !== a.size || !target.every(Number.isInteger)) {
    throw new ShapeError(
      "reshape",
      `cannot reshape an array of shape ${fmtShape(a.shape)} (size ${a.size}) into ${fmtShape(shape)}`,
    );
  }
  if (a.isContiguous) return new NDArray(a.data, target, undefined, a.offset);
  return new NDArray(a.dataSync(), target);
}

/**
 * A read-only-by-convention view of `a` broadcast to `shape` (stride 0 along stretched
 * dimensions), as `np.broadcast_to`.
 *
 * @throws ShapeError when `a` does not broadcast to `shape`.
 */
export function broadcastTo(a: NDArray, shape: readonly number[]): NDArray {
  checkShape("broadcastTo", shape);
  const out = shape.length >= a.ndim ? broadcastShapesOrNull(a.shape, shape) : null;
  if (!out || !shapesEqual(out, shape)) {
    throw new ShapeError(
      "broadcastTo",
      `cannot broadcast an array of shape ${fmtShape(a.shape)} to ${fmtShape(shape)}`,
    );
  }
  return new NDArray(a.data, shape, broadcastStrides(a.shape, a.strides, shape), a.offset);
}

function broadcastShapesOrNull(a: readonly number[], b: readonly number[]): number[] | null {
  try {
    return broadcastShapes("broadcastTo", a, b);
  } catch {
    return null;
  }
}
