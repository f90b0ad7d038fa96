/** Elementwise arithmetic with NumPy broadcasting. */

import type { BinaryOp } from "../backends/backend.js";
import { getBackend } from "../backends/registry.js";
import { broadcastShapes } from "../broadcast.js";
import { ValueError } from "../errors.js";
import { NDArray } from "../ndarray.js";

/** An operand: an array, or a number treated as a 0-d array. */
export type ArrayLike = NDArray | number;

function asArray(op: string, x: ArrayLike): NDArray {
  if (x instanceof NDArray) return x;
  if (typeof x === "number") return new NDArray(Float32Array.of(x), []);
  throw new ValueError(op, `operand must be an NDArray or a number, got ${typeof x}`);
}

function binary(op: BinaryOp, a: ArrayLike, b: ArrayLike): NDArray {
  const x = asArray(op, a);
  const y = asArray(op, b);
  return getBackend().binary(op, x, y, broadcastShapes(op, x.shape, y.shape));
}

/**
 * `a + b`, broadcasting like NumPy: `[2, 3] + [3] → [2, 3]`.
 *
 * @example add(array([[1, 2], [3, 4]]), array([10, 20])).toArray() // [[11, 22], [13, 24]]
 * @throws ShapeError naming both shapes when they cannot be broadcast.
 */
export function add(a: ArrayLike, b: ArrayLike): NDArray {
  return binary("add", a, b);
}

/**
 * `a · b` elementwise, broadcasting like NumPy.
 *
 * @example mul(array([1, 2, 3]), 2).toArray() // [2, 4, 6]
 */
export function mul(a: ArrayLike, b: ArrayLike): NDArray {
  return binary("mul", a, b);
}
