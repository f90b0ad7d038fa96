/**
 * Argument checks shared by the dataset functions: each throws a typed error whose message
 * reads `op: problem, got …`.
 */
import { NDArray, ShapeError, ValueError } from "@sinapse/tensor";

/** Throws ValueError unless `value` is an integer ≥ `min` (1 by default). */
export function checkCount(op: string, name: string, value: number, min = 1): void {
  if (!Number.isSafeInteger(value) || value < min) {
    const what = min === 1 ? "a positive integer" : `an integer ≥ ${min}`;
    throw new ValueError(op, `${name} must be ${what}, got ${value}`);
  }
}

/** Throws ValueError unless `noise` is a finite number ≥ 0. */
export function checkNoise(op: string, noise: number): void {
  if (typeof noise !== "number" || !Number.isFinite(noise) || noise < 0) {
    throw new ValueError(op, `noise must be a finite number ≥ 0, got ${noise}`);
  }
}

/** Throws ValueError unless `x` is an NDArray with at least one dimension. */
export function checkArray(op: string, name: string, x: unknown): asserts x is NDArray {
  if (!(x instanceof NDArray)) throw new ValueError(op, `${name} must be an NDArray, got ${typeof x}`);
  if (x.ndim === 0) throw new ShapeError(op, `${name} must have at least one dimension, got shape []`);
}

/** Throws ShapeError unless X and y have the same number of rows (first axis). */
export function checkSameRows(op: string, X: NDArray, y: NDArray): void {
  if (X.shape[0] !== y.shape[0]) {
    throw new ShapeError(
      op,
      `X and y must have the same number of samples, got X [${X.shape.join(",")}] and y [${y.shape.join(",")}]`,
    );
  }
}
