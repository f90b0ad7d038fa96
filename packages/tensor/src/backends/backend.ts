/**
 * The backend seam: an op's meaning (shapes, validation, broadcasting) is written once in
 * `ops/`, its speed lives behind this interface. `js` is always available; faster
 * backends plug in here later.
 */
import type { NDArray } from "../ndarray.js";
import type { Shape } from "../shape.js";

export type BackendName = "js";

/** Elementwise binary operations a backend implements. */
export type BinaryOp = "add" | "mul";

export interface Backend {
  readonly name: BackendName;
  /** `out[i] = a[i] ∘ b[i]` over operands already known to broadcast to `outShape`. */
  binary(op: BinaryOp, a: NDArray, b: NDArray, outShape: Shape): NDArray;
  /** `[m, k] @ [k, n] → [m, n]`, operands possibly strided (e.g. transposed views). */
  matmul2d(a: NDArray, b: NDArray): NDArray;
  /** Sum over the (sorted, distinct, normalised) `axes`; the result keeps size-1 dims. */
  sumKeepDims(a: NDArray, axes: readonly number[]): NDArray;
}
