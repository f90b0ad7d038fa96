/**
 * NumPy broadcasting: the shape two operands broadcast to, and the strides that read an
 * operand as if it had that shape (stride 0 along broadcast dimensions).
 */
import { fmtShape, ShapeError } from "./errors.js";
import type { Shape } from "./shape.js";

/**
 * The broadcast shape of `a` and `b`: align trailing dimensions; each pair must be equal
 * or contain a 1.
 *
 * @example broadcastShapes("add", [2, 3], [3]) // [2, 3]
 * @throws ShapeError naming the op and both shapes when a pair differs and neither is 1.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const ndim = Math.max(a.length, b.length);
  const out = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const da = a[a.length - ndim + i] ?? 1;
    const db = b[b.length - ndim + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        op,
        `shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together (dimension ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read an array of `shape`/`strides` as the larger `target` shape:
 * missing leading dimensions and dimensions of size 1 get stride 0.
 */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[lead + i] = shape[i] === 1 ? 0 : strides[i];
  }
  return out;
}
