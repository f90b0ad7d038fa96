/** Joining and repeating: `concat`, `stack`, `split` (views), `tile`, `repeat`. */
import { getBackend } from "../backends/registry.js";
import { commonDType } from "../dtype.js";
import { fmtShape, ShapeError, ValueError } from "../errors.js";
import { checkNDArray, NDArray } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { take } from "./indexing.js";
import { broadcastTo, contiguous, expandDims, reshape } from "./movement.js";

function checkList(op: string, arrays: readonly NDArray[]): void {
  if (!Array.isArray(arrays) || arrays.length === 0) throw new ValueError(op, "needs a non-empty list of arrays");
  for (let i = 0; i < arrays.length; i++) checkNDArray(op, arrays[i], `item ${i}`);
}

/** A view of `a` restricted to `[start, start + length)` along `axis`. */
function along(a: NDArray, axis: number, start: number, length: number): NDArray {
  const shape = [...a.shape];
  shape[axis] = length;
  return new NDArray(a.storage, shape, a.strides, a.offset + (length > 0 ? start * a.strides[axis] : 0));
}

/**
 * Joins arrays along an existing `axis` (0 by default); other dimensions must match.
 * dtypes promote. @example concat([zeros([2, 3]), ones([1, 3])]).shape // [3, 3]
 * @throws ShapeError naming the first array whose shape does not fit.
 */
export function concat(arrays: readonly NDArray[], axis = 0): NDArray {
  checkList("concat", arrays);
  const first = arrays[0] as NDArray;
  if (first.ndim === 0) throw new ShapeError("concat", "zero-dimensional arrays cannot be concatenated; use stack");
  const ax = normalizeAxis("concat", axis, first.ndim);
  arrays.forEach((a, i) => {
    const fits = a.ndim === first.ndim && a.shape.every((d, k) => k === ax || d === first.shape[k]);
    if (!fits) {
      throw new ShapeError(
        "concat",
        `array ${i} has shape ${fmtShape(a.shape)}, which does not match ${fmtShape(first.shape)} outside axis ${ax}`,
      );
    }
  });
  const shape = [...first.shape];
  shape[ax] = arrays.reduce((n, a) => n + a.shape[ax], 0);
  const backend = getBackend();
  const out = new NDArray(
    backend.alloc(
      commonDType(arrays.map((a) => a.dtype)),
      shape.reduce((x, y) => x * y, 1),
    ),
    shape,
  );
  let start = 0;
  for (const a of arrays) {
    backend.assign(along(out, ax, start, a.shape[ax]), a);
    start += a.shape[ax];
  }
  return out;
}

/**
 * Joins same-shape arrays along a new `axis`: n arrays of `[a, b]` stack into `[n, a, b]`.
 * @throws ShapeError naming the first array whose shape differs.
 */
export function stack(arrays: readonly NDArray[], axis = 0): NDArray {
  checkList("stack", arrays);
  const first = arrays[0] as NDArray;
  arrays.forEach((a, i) => {
    if (a.ndim !== first.ndim || a.shape.some((d, k) => d !== first.shape[k])) {
      throw new ShapeError(
        "stack",
        `all arrays must have the same shape: array ${i} is ${fmtShape(a.shape)}, array 0 is ${fmtShape(first.shape)}`,
      );
    }
  });
  const ax = normalizeAxis("stack", axis, first.ndim + 1);
  return concat(
    arrays.map((a) => expandDims(a, ax)),
    ax,
  );
}

/**
 * Splits `a` along `axis` into views: `sections` equal parts, or at the given indices
 * (`[2, 5]` gives `[:2]`, `[2:5]`, `[5:]`).
 * @throws ValueError when `sections` does not divide the axis.
 */
export function split(a: NDArray, sections: number | readonly number[], axis = 0): NDArray[] {
  checkNDArray("split", a);
  const ax = normalizeAxis("split", axis, a.ndim);
  const len = a.shape[ax];
  let cuts: number[];
  if (typeof sections === "number") {
    if (!Number.isSafeInteger(sections) || sections < 1)
      throw new ValueError("split", `sections must be a positive integer, got ${sections}`);
    if (len % sections !== 0) {
      throw new ValueError(
        "split",
        `array split does not result in an equal division: axis ${ax} of size ${len} into ${sections}`,
      );
    }
    cuts = Array.from({ length: sections - 1 }, (_, i) => ((i + 1) * len) / sections);
  } else {
    if (!Array.isArray(sections) || sections.some((c) => !Number.isInteger(c))) {
      throw new ValueError("split", "indices must be a list of integers");
    }
    cuts = sections.map((c) => Math.min(len, Math.max(0, c < 0 ? c + len : c)));
  }
  const bounds = [0, ...cuts, len];
  return bounds.slice(0, -1).map((start, i) => along(a, ax, start, Math.max(0, (bounds[i + 1] as number) - start)));
}

/**
 * Repeats the whole array `reps` times along each axis, as `np.tile`.
 * @example tile(array([1, 2]), 2).toArray() // [1, 2, 1, 2]
 */
export function tile(a: NDArray, reps: number | readonly number[]): NDArray {
  checkNDArray("tile", a);
  const list = typeof reps === "number" ? [reps] : [...reps];
  if (list.some((r) => !Number.isSafeInteger(r) || r < 0)) {
    throw new ValueError("tile", `reps must be non-negative integers, got [${list.join(",")}]`);
  }
  const ndim = Math.max(a.ndim, list.length);
  const shape = [...new Array<number>(ndim - a.ndim).fill(1), ...a.shape];
  const r = [...new Array<number>(ndim - list.length).fill(1), ...list];
  // [d0, d1] → [1, d0, 1, d1] → broadcast [r0, d0, r1, d1] → [r0·d0, r1·d1]
  const interleaved = shape.flatMap((d) => [1, d]);
  const target = shape.flatMap((d, i) => [r[i] as number, d]);
  const expanded = broadcastTo(reshape(a, interleaved), target);
  return reshape(
    contiguous(expanded),
    shape.map((d, i) => d * (r[i] as number)),
  );
}

/**
 * Repeats each element `repeats` times (a number, or one count per element) along `axis`
 * (the flattened array when omitted), as `np.repeat`.
 * @example repeat(array([1, 2]), 2).toArray() // [1, 1, 2, 2]
 */
export function repeat(a: NDArray, repeats: number | readonly number[], axis?: number): NDArray {
  checkNDArray("repeat", a);
  const source = axis === undefined ? reshape(a, [a.size]) : a;
  const ax = axis === undefined ? 0 : normalizeAxis("repeat", axis, a.ndim);
  const len = source.shape[ax];
  // A single count, or a one-element list, applies to every element (as NumPy broadcasts it).
  const one =
    typeof repeats === "number" ? repeats : Array.isArray(repeats) && repeats.length === 1 ? repeats[0] : undefined;
  const counts = one !== undefined ? new Array<number>(len).fill(one) : [...(repeats as readonly number[])];
  if (counts.length !== len || counts.some((c) => !Number.isSafeInteger(c) || c < 0)) {
    throw new ValueError(
      "repeat",
      `repeats must be a non-negative integer or ${len} of them, got ${JSON.stringify(repeats)}`,
    );
  }
  const indices: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) indices.push(i);
  });
  return take(source, indices, ax);
}
