/** Matrix products. */
import { getBackend } from "../backends/registry.js";
import { fmtShape, ShapeError } from "../errors.js";
import type { NDArray } from "../ndarray.js";

/**
 * Matrix product of two 2-D arrays: `[m, k] @ [k, n] → [m, n]`.
 *
 * @example matmul(array([[1, 2]]), array([[3], [4]])).toArray() // [[11]]
 * @throws ShapeError naming both shapes when an operand is not 2-D or inner dims differ.
 */
export function matmul(a: NDArray, b: NDArray): NDArray {
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new ShapeError("matmul", `expects 2-D operands, got ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}`);
  }
  if (a.shape[1] !== b.shape[0]) {
    throw new ShapeError(
      "matmul",
      `inner dimensions differ: ${fmtShape(a.shape)} @ ${fmtShape(b.shape)} (${a.shape[1]} != ${b.shape[0]})`,
    );
  }
  return getBackend().matmul2d(a, b);
}
