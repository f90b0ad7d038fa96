/**
 * The plain-JavaScript backend: strided loops over `Float32Array` storage. Correct for
 * every layout; the reference the faster backends are tested against.
 */
import { broadcastStrides } from "../broadcast.js";
import { NDArray } from "../ndarray.js";
import { contiguousStrides, type Shape, sizeOf } from "../shape.js";
import type { Backend, BinaryOp } from "./backend.js";

const binaryFns: Record<BinaryOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  mul: (x, y) => x * y,
};

/**
 * Visits every index of `shape` in row-major order, passing the storage offsets that two
 * strided operands have there. The innermost dimension runs in a tight loop.
 */
function forEachPair(
  shape: Shape,
  aOffset: number,
  aStrides: Shape,
  bOffset: number,
  bStrides: Shape,
  fn: (outIndex: number, ia: number, ib: number) => void,
): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const ndim = shape.length;
  if (ndim === 0) {
    fn(0, aOffset, bOffset);
    return;
  }
  const last = ndim - 1;
  const lastLen = shape[last];
  const sa = aStrides[last];
  const sb = bStrides[last];
  const index = new Array<number>(ndim).fill(0);
  let ia = aOffset;
  let ib = bOffset;
  for (let o = 0; o < n; ) {
    for (let j = 0; j < lastLen; j++) fn(o++, ia + j * sa, ib + j * sb);
    for (let d = last - 1; d >= 0; d--) {
      ia += aStrides[d];
      ib += bStrides[d];
      if (++index[d] < shape[d]) break;
      ia -= aStrides[d] * shape[d];
      ib -= bStrides[d] * shape[d];
      index[d] = 0;
    }
  }
}

/** A contiguous row-major copy of `a` (or `a.data` itself when already contiguous from 0). */
function contiguousData(a: NDArray): Float32Array {
  if (a.isContiguous && a.offset === 0 && a.data.length === a.size) return a.data;
  return a.dataSync();
}

export const jsBackend: Backend = {
  name: "js",

  binary(op, a, b, outShape) {
    const out = new Float32Array(sizeOf(outShape));
    const f = binaryFns[op];
    const ad = a.data;
    const bd = b.data;
    forEachPair(
      outShape,
      a.offset,
      broadcastStrides(a.shape, a.strides, outShape),
      b.offset,
      broadcastStrides(b.shape, b.strides, outShape),
      (o, ia, ib) => {
        out[o] = f(ad[ia], bd[ib]);
      },
    );
    return new NDArray(out, outShape);
  },

  matmul2d(a, b) {
    const [m, k] = a.shape;
    const n = b.shape[1];
    const ad = contiguousData(a);
    const bd = contiguousData(b);
    const out = new Float32Array(m * n);
    // NOTE: rows accumulate in float64 and round once, as nnfs' float64 np.dot does.
    const row = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const aip = ad[i * k + p];
        const bRow = p * n;
        for (let j = 0; j < n; j++) row[j] += aip * bd[bRow + j];
      }
      out.set(row, i * n);
    }
    return new NDArray(out, [m, n]);
  },

  sumKeepDims(a, axes) {
    const outShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const acc = new Float64Array(sizeOf(outShape));
    // Reading the output with stride 0 along reduced axes maps each input to its sum.
    const outStrides = contiguousStrides(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
    const ad = a.data;
    forEachPair(a.shape, a.offset, a.strides, 0, outStrides, (_, ia, io) => {
      acc[io] += ad[ia];
    });
    return new NDArray(Float32Array.from(acc), outShape);
  },
};
