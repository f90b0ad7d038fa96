/** Creating arrays: from nested lists, and filled with zeros. */
import { ValueError } from "./errors.js";
import { NDArray } from "./ndarray.js";
import { checkShape, inferShape, type NestedArray, type Shape, sizeOf } from "./shape.js";

/**
 * An array from a number or a rectangular nested list of numbers.
 *
 * @example array([[1, 2], [3, 4]]).shape // [2, 2]
 * @throws ShapeError naming the index where a nested list is ragged.
 */
export function array(data: NestedArray): NDArray {
  const shape = inferShape("array", data);
  const out = new Float32Array(sizeOf(shape));
  let i = 0;
  const fill = (node: NestedArray): void => {
    if (typeof node === "number") out[i++] = node;
    else for (const child of node) fill(child);
  };
  fill(data);
  return new NDArray(out, shape);
}

/**
 * An array of `shape` filled with zeros.
 *
 * @example zeros([2, 3]).toString() // "[[0. 0. 0.]\n [0. 0. 0.]]"
 */
export function zeros(shape: Shape): NDArray {
  checkShape("zeros", shape);
  return new NDArray(new Float32Array(sizeOf(shape)), shape);
}

/** An array of `shape` filled with `value`. */
export function full(shape: Shape, value: number): NDArray {
  checkShape("full", shape);
  if (typeof value !== "number") {
    throw new ValueError("full", `fill value must be a number, got ${typeof value}`);
  }
  return new NDArray(new Float32Array(sizeOf(shape)).fill(value), shape);
}

/** An array of `shape` filled with ones. */
export function ones(shape: Shape): NDArray {
  checkShape("ones", shape);
  return full(shape, 1);
}
