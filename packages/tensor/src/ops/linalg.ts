/** Linear algebra: `matmul` (1-D, 2-D and broadcast batches), `dot` (NumPy's rules), `outer`. */
import { getBackend } from "../backends/registry.js";
import { broadcastShapes } from "../broadcast.js";
import { arithmeticType, promoteTypes } from "../dtype.js";
import { fmtShape, ShapeError } from "../errors.js";
import { checkNDArray, type NDArray } from "../ndarray.js";
import { sizeOf } from "../shape.js";
import { mul } from "./elementwise.js";
import { expandDims, reshape, squeeze, transpose } from "./movement.js";

function checkArrays(op: string, a: NDArray, b: NDArray): void {
  checkNDArray(op, a, "the first operand");
  checkNDArray(op, b, "the second operand");
}

/**
 * Matrix product with NumPy's `@` rules: `[m, k] @ [k, n] → [m, n]`; a 1-D left operand is a
 * row and a 1-D right operand a column (that dimension is dropped from the result); leading
 * (batch) dimensions broadcast: `[b, m, k] @ [k, n] → [b, m, n]`. Products accumulate in
 * float64 and round once to the result dtype.
 *
 * @example matmul(array([[1, 2]]), array([[3], [4]])) // [[11]]
 * @throws ShapeError `matmul: inner dimensions differ: [2,3] @ [4,5] (3 != 4)`, or for 0-d operands.
 */
export function matmul(a: NDArray, b: NDArray): NDArray {
  checkArrays("matmul", a, b);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      "matmul",
      `operands must have at least 1 dimension, got ${fmtShape(a.shape)} @ ${fmtShape(b.shape)}; use mul for scalars`,
    );
  }
  const x = a.ndim === 1 ? expandDims(a, 0) : a;
  const y = b.ndim === 1 ? expandDims(b, 1) : b;
  const k = x.shape[x.ndim - 1];
  if (k !== y.shape[y.ndim - 2]) {
    throw new ShapeError(
      "matmul",
      `inner dimensions differ: ${fmtShape(a.shape)} @ ${fmtShape(b.shape)} (${k} != ${y.shape[y.ndim - 2]})`,
    );
  }
  let batch: number[];
  try {
    batch = broadcastShapes("matmul", x.shape.slice(0, -2), y.shape.slice(0, -2));
  } catch {
    throw new ShapeError(
      "matmul",
      `batch dimensions of ${fmtShape(a.shape)} @ ${fmtShape(b.shape)} cannot be broadcast`,
    );
  }
  const dtype = arithmeticType(promoteTypes(a.dtype, b.dtype));
  let out = getBackend().matmul(x, y, batch, dtype);
  if (a.ndim === 1) out = squeeze(out, out.ndim - 2);
  if (b.ndim === 1) out = squeeze(out, out.ndim - 1);
  return out;
}

/**
 * NumPy's `dot`: scalars multiply; 1-D·1-D is the inner product; up to 2-D it is `matmul`;
 * N-D·M-D sums over the last axis of `a` and the second-to-last of `b`
 * (`[..., k] · [..., k, n] → [...a, ...b, n]`).
 */
export function dot(a: NDArray, b: NDArray): NDArray {
  checkArrays("dot", a, b);
  if (a.ndim === 0 || b.ndim === 0) return mul(a, b);
  if (b.ndim === 1 || (a.ndim <= 2 && b.ndim <= 2)) {
    const k = a.shape[a.ndim - 1];
    const kb = b.shape[Math.max(0, b.ndim - 2)];
    if (k !== kb) {
      throw new ShapeError(
        "dot",
        `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} not aligned: ${k} (dim ${a.ndim - 1}) != ${kb}`,
      );
    }
    if (a.ndim <= 2 && b.ndim <= 2) return matmul(a, b);
    // N-D · 1-D: the same product over the flattened leading dimensions.
    const lead = a.shape.slice(0, -1);
    return reshape(matmul(reshape(a, [sizeOf(lead), k]), b), lead);
  }
  const k = a.shape[a.ndim - 1];
  const kb = b.shape[b.ndim - 2];
  if (k !== kb) {
    throw new ShapeError(
      "dot",
      `shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} not aligned: ${k} (dim ${a.ndim - 1}) != ${kb} (dim ${b.ndim - 2})`,
    );
  }
  // Move b's contracted axis first: [k, ...b[:-2], n], then one 2-D product.
  const order = [b.ndim - 2, ...b.shape.map((_, i) => i).filter((i) => i !== b.ndim - 2)];
  // Explicit sizes rather than -1: with k = 0 a -1 would be ambiguous.
  const b2 = reshape(transpose(b, order), [k, sizeOf(order.slice(1).map((i) => b.shape[i]))]);
  const product = matmul(reshape(a, [sizeOf(a.shape.slice(0, -1)), k]), b2);
  return reshape(product, [...a.shape.slice(0, -1), ...b.shape.slice(0, -2), b.shape[b.ndim - 1]]);
}

/** Outer product of the flattened operands: `[m] ⊗ [n] → [m, n]`. */
export function outer(a: NDArray, b: NDArray): NDArray {
  checkArrays("outer", a, b);
  return mul(reshape(a, [-1, 1]), reshape(b, [1, -1]));
}
