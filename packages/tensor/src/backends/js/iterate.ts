/**
 * Strided iteration for the JS kernels. Dimensions that every operand can walk as one
 * (contiguous together) are merged first, so a contiguous op runs as a single row and a
 * broadcast op as few long rows; kernels then work row by row.
 */
import type { Shape } from "../../shape.js";

/**
 * Merges neighbouring dimensions that all stride lists walk contiguously together, and
 * drops size-1 dimensions. Returns the reduced shape and strides (at least 1-D).
 */
export function collapse(shape: Shape, strides: readonly Shape[]): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const len = shape[d];
    if (len === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, k) => (outStrides[k] as number[])[last] === s[d] * len)) {
      outShape[last] *= len;
      for (let k = 0; k < strides.length; k++) (outStrides[k] as number[])[last] = strides[k][d];
    } else {
      outShape.push(len);
      for (let k = 0; k < strides.length; k++) (outStrides[k] as number[]).push(strides[k][d]);
    }
  }
  if (outShape.length === 0) {
    outShape.push(1);
    for (const s of outStrides) s.push(0);
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Calls `row(offsets, length)` for each innermost row of `shape`, in row-major order, with
 * the starting offset of every operand; the caller walks the row with the last strides.
 * `offsets` is reused between calls (copy it to keep it).
 */
export function forEachRow(
  shape: Shape,
  strides: readonly Shape[],
  starts: readonly number[],
  row: (offsets: number[], length: number) => void,
): void {
  const ndim = shape.length;
  const offsets = [...starts];
  const rowLen = shape[ndim - 1];
  let rows = 1;
  for (let d = 0; d < ndim - 1; d++) rows *= shape[d];
  if (rows === 0 || rowLen === 0) return;
  const index = new Array<number>(ndim).fill(0);
  const k = strides.length;
  for (let r = 0; r < rows; r++) {
    row(offsets, rowLen);
    for (let d = ndim - 2; d >= 0; d--) {
      for (let j = 0; j < k; j++) offsets[j] += strides[j][d];
      if (++index[d] < shape[d]) break;
      for (let j = 0; j < k; j++) offsets[j] -= strides[j][d] * shape[d];
      index[d] = 0;
    }
  }
}
