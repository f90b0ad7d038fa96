/**
 * Argument checks shared by the dataset functions: each throws a typed error whose message
 * reads `op: problem, got …`.
 */
import { NDArray, ShapeError, ValueError } from "@sinapse/tensor";

/** Most points a generated dataset may have: 2²⁴ (16,777,216; X alone is then 128 MiB). */
export const MAX_POINTS = 2 ** 24;
/** Largest noise of the Playground sets: Playground's slider ends at 50, i.e. 0.5. */
export const MAX_NOISE = 0.5;

/** Throws ValueError unless `value` is an integer in [`min`, `max`] (1 and {@link MAX_POINTS} by default). */
export function checkCount(op: string, name: string, value: number, min = 1, max = MAX_POINTS): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValueError(op, `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

/** Throws ValueError when `samples · classes` points would be more than {@link MAX_POINTS}. */
export function checkPoints(op: string, samples: number, classes: number): void {
  if (samples * classes > MAX_POINTS) {
    throw new ValueError(
      op,
      `samples · classes must be at most ${MAX_POINTS} points, got ${samples} · ${classes} = ${samples * classes}`,
    );
  }
}

/** Throws ValueError unless `noise` is a number in [0, {@link MAX_NOISE}]. */
export function checkNoise(op: string, noise: number): void {
  if (typeof noise !== "number" || !(noise >= 0 && noise <= MAX_NOISE)) {
    throw new ValueError(op, `noise must be a number from 0 to ${MAX_NOISE}, got ${noise}`);
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
