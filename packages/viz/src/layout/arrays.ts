/**
 * From arrays to what the pictures take: a layer's weights (an `NDArray` or autograd
 * `Tensor`, whose `toArray()` is typed as any nesting) as a `Matrix`, its biases as a vector,
 * checked instead of cast.
 */
import { ValueError } from "@sinapse/tensor/errors";
import type { Matrix } from "./validate.js";

/** Anything with a shape and nested values: an `NDArray`, an autograd `Tensor`, a parameter's `.value`. */
export interface ArraySource {
  readonly shape: readonly number[];
  toArray(): unknown;
}

const shapeOf = (x: ArraySource) => `[${x.shape.join(",")}]`;

function checkSource(op: string, x: ArraySource): void {
  if (typeof x !== "object" || x === null || !Array.isArray(x.shape) || typeof x.toArray !== "function") {
    throw new ValueError(op, `expected an NDArray or a Tensor, got ${x === null ? "null" : typeof x}`);
  }
}

/**
 * The rows of a 2-D array: `[rows, cols]` → `matrix[i][j]`, e.g. `Dense.weights` `[nInputs, nNeurons]`
 * for `NetworkDiagram`'s `weights`.
 * @throws ValueError unless `x` is 2-D.
 * @example toMatrix(dense.weights) // number[][], no cast
 */
export function toMatrix(x: ArraySource): Matrix {
  checkSource("toMatrix", x);
  if (x.shape.length !== 2) throw new ValueError("toMatrix", `expected a 2-D array, got shape ${shapeOf(x)}`);
  return x.toArray() as number[][];
}

/**
 * The values of a vector, `[n]` or one row `[1, n]` (as `Dense.biases` is stored) → `v[j]`.
 * @throws ValueError for any other shape.
 * @example toVector(dense.biases) // number[], from [1, nNeurons]
 */
export function toVector(x: ArraySource): readonly number[] {
  checkSource("toVector", x);
  const { shape } = x;
  if (shape.length === 1) return x.toArray() as number[];
  if (shape.length === 2 && shape[0] === 1) return (x.toArray() as number[][])[0] as number[];
  throw new ValueError("toVector", `expected shape [n] or [1, n], got shape ${shapeOf(x)}`);
}
