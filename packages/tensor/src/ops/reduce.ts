/** Reductions over axes. */
import { getBackend } from "../backends/registry.js";
import { ValueError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";

export interface ReduceOptions {
  /** Axis or axes to reduce (negative counts from the end); all axes when omitted. */
  axis?: number | readonly number[];
  /** Keep reduced axes as size-1 dimensions, so the result broadcasts against the input. */
  keepdims?: boolean;
}

/** Sorted, distinct, non-negative axes for a reduction over `ndim` dimensions. */
export function reductionAxes(op: string, ndim: number, axis?: number | readonly number[]): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const axes = list.map((ax) => normalizeAxis(op, ax, ndim));
  if (new Set(axes).size !== axes.length) {
    throw new ValueError(op, `repeated axis in [${list.join(",")}]`);
  }
  return axes.sort((x, y) => x - y);
}

/**
 * Sum of elements over `axis` (all by default). A full reduction returns a 0-d array.
 *
 * @example sum(array([[1, 2], [3, 4]]), { axis: 0 }).toArray() // [4, 6]
 */
export function sum(a: NDArray, options: ReduceOptions = {}): NDArray {
  const axes = reductionAxes("sum", a.ndim, options.axis);
  const kept = getBackend().sumKeepDims(a, axes);
  if (options.keepdims) return kept;
  const shape = a.shape.filter((_, i) => !axes.includes(i));
  return new NDArray(kept.data, shape);
}
