/**
 * The plain-JavaScript backend: typed arrays in JS memory, strided loops. Correct for every
 * layout and dtype; the reference the faster backends are tested against.
 */
import { broadcastStrides } from "../../broadcast.js";
import { noteAllocated, takeProvided } from "../../capture/allocations.js";
import type { DType, TypedArray, TypedArrayFor } from "../../dtype.js";
import { runMap } from "../../expr/compile.js";
import { NDArray } from "../../ndarray.js";
import { contiguousStrides, type Shape, sizeOf } from "../../shape.js";
import type { Backend, BinaryOp, Storage, UnaryOp } from "../backend.js";
import { fastPathOf } from "../fastpath.js";
import { binaryRow, unaryRow } from "./elementwise.js";
import { collapse, forEachRow } from "./iterate.js";
import { matmulKernel } from "./matmul.js";
import { allocZeroed } from "./slab.js";

class JsStorage<D extends DType> implements Storage<D> {
  readonly backend = "js" as const;
  readonly dtype: D;
  readonly data: TypedArrayFor[D];

  constructor(dtype: D, data: TypedArrayFor[D]) {
    this.dtype = dtype;
    this.data = data;
  }

  get length(): number {
    return this.data.length;
  }

  view(): TypedArrayFor[D] {
    return this.data;
  }
}

let accumulators = new Float64Array(256);

/** A float64 scratch row of `size` for reductions (reused: reductions do not nest). */
function accumulator(size: number): Float64Array {
  if (accumulators.length < size) accumulators = new Float64Array(Math.max(size, 2 * accumulators.length));
  return accumulators.subarray(0, size);
}

/** Zeroed storage: a recording's buffer when `compile` replays one, else a new one. */
function storageFor<D extends DType>(dtype: D, length: number): JsStorage<D> {
  const reused = takeProvided(dtype, length);
  if (reused instanceof JsStorage) return reused as JsStorage<D>;
  const s = new JsStorage(dtype, allocZeroed(dtype, length) as TypedArrayFor[D]);
  noteAllocated(s);
  return s;
}

function fresh<D extends DType>(dtype: D, shape: Shape): { out: NDArray<D>; data: TypedArrayFor[D] } {
  const storage = storageFor(dtype, sizeOf(shape));
  return { out: new NDArray(storage, shape), data: storage.data };
}

/** Copies `a` (any strides) into `out` from `o` in row-major order, normalising bools to 0/1. */
function copyInto(a: NDArray, out: TypedArray, o: number, toBool: boolean): void {
  const src = a.storage.view();
  if (a.isContiguous && !toBool && src.constructor === out.constructor) {
    out.set(src.subarray(a.offset, a.offset + a.size) as never, o);
    return;
  }
  const it = collapse(a.shape, [a.strides]);
  const s = it.strides[0] as number[];
  const step = s[s.length - 1];
  let pos = o;
  forEachRow(it.shape, [s], [a.offset], (off, n) => {
    let ia = off[0];
    if (toBool) for (let i = 0; i < n; i++, ia += step) out[pos++] = src[ia] !== 0 ? 1 : 0;
    else for (let i = 0; i < n; i++, ia += step) out[pos++] = src[ia];
  });
}

/** The JS backend, with its per-op kernels (the fast paths of `map`) for the wasm backend's fallbacks. */
export interface JsBackend extends Backend {
  unary(op: UnaryOp, a: NDArray, dtype: DType, out?: NDArray): NDArray;
  binary(op: BinaryOp, a: NDArray, b: NDArray, shape: Shape, dtype: DType, out?: NDArray): NDArray;
  where(cond: NDArray, a: NDArray, b: NDArray, shape: Shape, dtype: DType): NDArray;
}

export const jsBackend: JsBackend = {
  name: "js",

  alloc(dtype, length) {
    return storageFor(dtype, length);
  },

  adopt(dtype, data) {
    return new JsStorage(dtype, data);
  },

  copy(a, dtype) {
    const { out, data } = fresh(dtype, a.shape);
    copyInto(a, data, 0, dtype === "bool" && a.dtype !== "bool");
    return out;
  },

  assign(target, value) {
    const dst = target.storage.view();
    const src = value.storage.view();
    const toBool = target.dtype === "bool" && value.dtype !== "bool";
    const it = collapse(target.shape, [target.strides, broadcastStrides(value.shape, value.strides, target.shape)]);
    const [ts, vs] = it.strides as [number[], number[]];
    const st = ts[ts.length - 1];
    const sv = vs[vs.length - 1];
    forEachRow(it.shape, it.strides, [target.offset, value.offset], (off, n) => {
      let it0 = off[0];
      let iv = off[1];
      for (let i = 0; i < n; i++, it0 += st, iv += sv) dst[it0] = toBool ? (src[iv] !== 0 ? 1 : 0) : src[iv];
    });
  },

  map(program, inputs, shape, dtype, outTypes, outs) {
    const fast = outTypes.length === 1 ? fastPathOf(program) : null;
    if (fast) {
      const target = outs?.[0];
      const outType = outTypes[0] as DType;
      const [a, b, c] = inputs as [NDArray, NDArray, NDArray];
      if ("unary" in fast) return [this.unary(fast.unary, a, outType, target)];
      if ("binary" in fast) return [this.binary(fast.binary, a, b, shape, outType, target)];
      const value = this.where(a, b, c, shape, outType);
      if (!target) return [value];
      this.assign(target, value);
      return [target];
    }
    const results = outs ?? outTypes.map((t) => fresh(t, shape).out);
    runMap(program, inputs, shape, dtype, results);
    return [...results];
  },

  unary(op, a, dtype, target) {
    const { out, data } = target ? { out: target, data: target.storage.view() } : fresh(dtype, a.shape);
    const row = unaryRow(op, dtype);
    const src = a.storage.view();
    if (a.isContiguous) {
      row(data, out.offset, src, a.offset, 1, a.size);
      return out;
    }
    const it = collapse(a.shape, [a.strides]);
    const s = it.strides[0] as number[];
    const step = s[s.length - 1];
    let pos = out.offset;
    forEachRow(it.shape, it.strides, [a.offset], (off, n) => {
      row(data, pos, src, off[0], step, n);
      pos += n;
    });
    return out;
  },

  binary(op, a, b, shape, dtype, target) {
    const { out, data } = target ? { out: target, data: target.storage.view() } : fresh(dtype, shape);
    const row = binaryRow(op, dtype);
    const av = a.storage.view();
    const bv = b.storage.view();
    const n = out.size;
    // Fast paths: contiguous operands of the output's size, or one of them a single value.
    const aFull = a.size === n && a.isContiguous;
    const bFull = b.size === n && b.isContiguous;
    if ((aFull || a.size === 1) && (bFull || b.size === 1)) {
      row(data, out.offset, av, a.offset, aFull ? 1 : 0, bv, b.offset, bFull ? 1 : 0, n);
      return out;
    }
    const it = collapse(shape, [
      broadcastStrides(a.shape, a.strides, shape),
      broadcastStrides(b.shape, b.strides, shape),
    ]);
    const [sa, sb] = it.strides as [number[], number[]];
    const stepA = sa[sa.length - 1];
    const stepB = sb[sb.length - 1];
    let pos = out.offset;
    forEachRow(it.shape, it.strides, [a.offset, b.offset], (off, len) => {
      row(data, pos, av, off[0], stepA, bv, off[1], stepB, len);
      pos += len;
    });
    return out;
  },

  where(cond, a, b, shape, dtype) {
    const { out, data } = fresh(dtype, shape);
    const cv = cond.storage.view();
    const av = a.storage.view();
    const bv = b.storage.view();
    const it = collapse(shape, [
      broadcastStrides(cond.shape, cond.strides, shape),
      broadcastStrides(a.shape, a.strides, shape),
      broadcastStrides(b.shape, b.strides, shape),
    ]);
    const last = it.shape.length - 1;
    const [sc, sa, sb] = it.strides.map((s) => s[last]) as [number, number, number];
    let pos = 0;
    forEachRow(it.shape, it.strides, [cond.offset, a.offset, b.offset], (off, n) => {
      let [ic, ia, ib] = off as [number, number, number];
      for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb) data[pos++] = cv[ic] !== 0 ? av[ia] : bv[ib];
    });
    return out;
  },

  reduce(op, a, axes, dtype) {
    const outShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
    const size = sizeOf(outShape);
    const init =
      op === "sum" ? 0 : op === "prod" ? 1 : op === "max" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    const acc = accumulator(size).fill(init);
    const src = a.storage.view();
    // Reading the accumulator with stride 0 along reduced axes maps each input to its slot.
    const accStrides = contiguousStrides(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
    const it = collapse(a.shape, [a.strides, accStrides]);
    const [sa, so] = it.strides as [number[], number[]];
    const stepA = sa[sa.length - 1];
    const stepO = so[so.length - 1];
    const intProd = op === "prod" && dtype === "int32";
    forEachRow(it.shape, it.strides, [a.offset, 0], (off, n) => {
      let ia = off[0];
      let io = off[1];
      if (op === "sum" && stepO === 0) {
        // Four partial sums break the add-latency chain (and add in a slightly more
        // balanced order); measured ~2× a single running sum on long rows.
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let i = 0;
        for (; i + 4 <= n; i += 4, ia += 4 * stepA) {
          s0 += src[ia];
          s1 += src[ia + stepA];
          s2 += src[ia + 2 * stepA];
          s3 += src[ia + 3 * stepA];
        }
        for (; i < n; i++, ia += stepA) s0 += src[ia];
        acc[io] += s0 + s1 + (s2 + s3);
        return;
      }
      // One loop per op: the op is decided per row, never per element.
      if (op === "sum") for (let i = 0; i < n; i++, ia += stepA, io += stepO) acc[io] += src[ia];
      else if (op === "prod") {
        for (let i = 0; i < n; i++, ia += stepA, io += stepO)
          acc[io] = intProd ? Math.imul(acc[io], src[ia]) : acc[io] * src[ia];
      } else if (op === "max") {
        for (let i = 0; i < n; i++, ia += stepA, io += stepO) {
          const x = src[ia];
          if (x > acc[io] || Number.isNaN(x)) acc[io] = x;
        }
      } else {
        for (let i = 0; i < n; i++, ia += stepA, io += stepO) {
          const x = src[ia];
          if (x < acc[io] || Number.isNaN(x)) acc[io] = x;
        }
      }
    });
    const { out, data } = fresh(dtype, outShape);
    if (dtype === "bool") for (let i = 0; i < size; i++) data[i] = acc[i] !== 0 ? 1 : 0;
    else data.set(acc);
    return out;
  },

  argReduce(op, a, axis) {
    const outShape = a.shape.map((d, i) => (i === axis ? 1 : d));
    const { out, data } = fresh("int32", outShape);
    const src = a.storage.view();
    const len = a.shape[axis];
    const step = a.strides[axis];
    const isMax = op === "argmax";
    const rest = a.shape.map((d, i) => (i === axis ? 1 : d));
    const it = collapse(rest, [a.strides]);
    const s = it.strides[0] as number[];
    const rowStep = s[s.length - 1];
    let pos = 0;
    forEachRow(it.shape, it.strides, [a.offset], (off, n) => {
      let base = off[0];
      for (let r = 0; r < n; r++, base += rowStep) {
        let best = 0;
        let bestVal = src[base];
        if (!Number.isNaN(bestVal)) {
          for (let j = 1, ia = base + step; j < len; j++, ia += step) {
            const x = src[ia];
            if (Number.isNaN(x)) {
              best = j; // the first NaN wins, as NumPy
              break;
            }
            if (isMax ? x > bestVal : x < bestVal) {
              best = j;
              bestVal = x;
            }
          }
        }
        data[pos++] = best;
      }
    });
    return out;
  },

  matmul(a, b, batch, dtype) {
    const m = a.shape[a.ndim - 2];
    const k = a.shape[a.ndim - 1];
    const n = b.shape[b.ndim - 1];
    const { out, data } = fresh(dtype, [...batch, m, n]);
    const av = a.storage.view();
    const bv = b.storage.view();
    const aBatch = broadcastStrides(a.shape.slice(0, -2), a.strides.slice(0, -2), batch);
    const bBatch = broadcastStrides(b.shape.slice(0, -2), b.strides.slice(0, -2), batch);
    const [aRs, aCs] = a.strides.slice(-2) as [number, number];
    const [bRs, bCs] = b.strides.slice(-2) as [number, number];
    const count = sizeOf(batch);
    if (count === 0 || m === 0 || n === 0) return out;
    const index = new Array<number>(batch.length).fill(0);
    let ao = a.offset;
    let bo = b.offset;
    for (let t = 0; t < count; t++) {
      matmulKernel(av, ao, aRs, aCs, bv, bo, bRs, bCs, data, t * m * n, m, n, k);
      for (let d = batch.length - 1; d >= 0; d--) {
        ao += aBatch[d];
        bo += bBatch[d];
        if (++index[d] < batch[d]) break;
        ao -= aBatch[d] * batch[d];
        bo -= bBatch[d] * batch[d];
        index[d] = 0;
      }
    }
    return out;
  },

  take(a, indices, axis) {
    const outShape = [...a.shape.slice(0, axis), indices.length, ...a.shape.slice(axis + 1)];
    const { out, data } = fresh(a.dtype, outShape);
    const src = a.storage.view();
    const axisStride = a.strides[axis];
    const inner = collapse(a.shape.slice(axis + 1), [a.strides.slice(axis + 1)]);
    const innerStrides = inner.strides[0] as number[];
    const innerStep = innerStrides[innerStrides.length - 1];
    const innerSize = sizeOf(a.shape.slice(axis + 1));
    let pos = 0;
    // For one position of the outer dims (at storage offset `base`), copy every picked slice.
    const gather = (base: number): void => {
      for (let t = 0; t < indices.length; t++) {
        const start = base + indices[t] * axisStride;
        if (innerSize === 1) {
          data[pos++] = src[start];
          continue;
        }
        forEachRow(inner.shape, inner.strides, [start], (off, n) => {
          for (let i = 0, ia = off[0]; i < n; i++, ia += innerStep) data[pos++] = src[ia];
        });
      }
    };
    if (axis === 0) gather(a.offset);
    else {
      const outer = collapse(a.shape.slice(0, axis), [a.strides.slice(0, axis)]);
      const outerStrides = outer.strides[0] as number[];
      const outerStep = outerStrides[outerStrides.length - 1];
      forEachRow(outer.shape, outer.strides, [a.offset], (off, n) => {
        for (let r = 0, base = off[0]; r < n; r++, base += outerStep) gather(base);
      });
    }
    return out;
  },
};
