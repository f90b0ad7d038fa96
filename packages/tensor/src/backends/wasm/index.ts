/**
 * The wasm backend: the JS backend's storage (typed arrays in JS memory) and semantics,
 * with float32 kernels in WebAssembly SIMD (`assembly/index.ts`) for what they speed up:
 * matmul in every layout (transposes absorbed by packing), contiguous elementwise ops
 * (full, scalar, row- and column-broadcast operands; comparisons into bool; bool → float32),
 * sum/max/min over leading or trailing axes,
 * and a last-axis logsumexp. Everything else — other dtypes, scattered strided views,
 * exotic ops, tiny arrays where the call costs more than the work — runs the JS kernels.
 *
 * NOTE: matmul accumulates in float64 up to m·n·k = 2²⁰ multiply-adds (bit-identical to
 * the JS backend) and in float32 beyond (4×8 SIMD tiles, like BLAS sgemm: about twice as
 * fast, relative error ~1e-7·√k); the JS backend always accumulates in float64. Sums
 * accumulate in float64 in both.
 */
import { broadcastStrides } from "../../broadcast.js";
import type { DType, TypedArray } from "../../dtype.js";
import { NDArray } from "../../ndarray.js";
import { type Shape, sizeOf } from "../../shape.js";
import type { BinaryOp, UnaryOp } from "../backend.js";
import { type JsBackend, jsBackend } from "../js/index.js";
import { Arena, MAX_ARENA_BYTES } from "./arena.js";
import { loadKernels } from "./module.js";
import { ThreadPool } from "./pool.js";

const BINARY_CODES: Partial<Record<BinaryOp, number>> = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 };
const COMPARE_CODES: Partial<Record<BinaryOp, number>> = { eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5 };
const UNARY_CODES: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  abs: 1,
  sqrt: 2,
  square: 3,
  relu: 4,
  exp: 5,
  sigmoid: 6,
};

/**
 * Below these sizes the JS kernels win: the copy in and out and the call cost more than
 * the loop (measured on the bench machine; see bench/src/run.mjs).
 */
const MIN_ELEMENTWISE = 512;
/** exp and sigmoid: `Math.exp` costs 15–40 ns an element, the SIMD kernel ~5. */
const MIN_TRANSCENDENTAL = 32;
const MIN_REDUCE = 256;
/** m·n·k below which the JS matmul (no copies) is as fast. */
const MIN_MATMUL = 2048;
/**
 * m·n·k up to which matmul accumulates in float64 (bit-identical to the JS backend, as the
 * book's float64 NumPy code): small products are bound by call and packing costs, not
 * arithmetic, so exactness costs little there. Larger products accumulate in float32.
 */
const MAX_EXACT_MATMUL = 1 << 20;

/** `[lo, hi]` storage indices a view reads (hi inclusive), over all its dims. */
function span(a: NDArray): [number, number] {
  let lo = a.offset;
  let hi = a.offset;
  for (let i = 0; i < a.ndim; i++) {
    const reach = ((a.shape[i] as number) - 1) * (a.strides[i] as number);
    if (reach > 0) hi += reach;
    else lo += reach;
  }
  return [lo, hi];
}

function fresh(dtype: DType, shape: Shape): { out: NDArray; data: TypedArray } {
  const storage = jsBackend.alloc(dtype, sizeOf(shape));
  return { out: new NDArray(storage, shape), data: storage.view() };
}

/**
 * How an operand broadcast to an output of `n` elements in rows of `cols` can be read by a
 * kernel: every element, one value, one row repeated, or one value per row (`[..., 1]`).
 */
type Layout = "full" | "scalar" | "row" | "column" | null;

function layoutOf(x: NDArray, n: number, cols: number): Layout {
  if (x.size === 1) return "scalar";
  if (!x.isContiguous) return null;
  if (x.size === n) return "full";
  if (x.size === cols && x.shape[x.ndim - 1] === cols) return "row";
  if (x.size * cols === n && x.shape[x.ndim - 1] === 1) return "column";
  return null;
}

/** The wasm backend plus its thread controls. */
export interface WasmBackend extends JsBackend {
  /** Threads large products may use now, the calling one included. */
  readonly threads: number;
  /** Sets how many threads large products may use (1: the calling thread only). */
  setThreads(count: number): void;
}

export function createWasmBackend(): WasmBackend | null {
  const loaded = loadKernels();
  if (!loaded) return null;
  const arena = new Arena(loaded);
  const k = arena.kernels;
  const pool = new ThreadPool(arena);

  /** Comparisons of float32 operands (full or single values) into bool. */
  function comparison(
    code: number,
    op: BinaryOp,
    a: NDArray,
    b: NDArray,
    shape: Shape,
    dtype: DType,
    target: NDArray | undefined,
  ): NDArray {
    const n = sizeOf(shape);
    const la = layoutOf(a, n, Number.NaN);
    const lb = layoutOf(b, n, Number.NaN);
    if (
      dtype !== "bool" ||
      a.dtype !== "float32" ||
      b.dtype !== "float32" ||
      n < MIN_ELEMENTWISE ||
      9 * n > MAX_ARENA_BYTES ||
      (la !== "full" && la !== "scalar") ||
      (lb !== "full" && lb !== "scalar")
    ) {
      return jsBackend.binary(op, a, b, shape, dtype, target);
    }
    const { out, data } = target ? { out: target, data: target.storage.view() } : fresh("bool", shape);
    arena.reset();
    const pa = arena.copyIn(a.storage.view() as Float32Array, a.offset, a.size);
    const pb = arena.copyIn(b.storage.view() as Float32Array, b.offset, b.size);
    const po = arena.alloc(n);
    k.compare(code, pa, la === "full" ? 1 : 0, pb, lb === "full" ? 1 : 0, po, n);
    data.set(arena.u8.subarray(po, po + n), out.offset);
    return out;
  }

  const backend: WasmBackend = {
    ...jsBackend,
    name: "wasm",

    get threads() {
      return pool.threads;
    },

    setThreads(count) {
      pool.setThreads(count);
    },

    matmul(a, b, batch, dtype) {
      const m = a.shape[a.ndim - 2] as number;
      const kk = a.shape[a.ndim - 1] as number;
      const n = b.shape[b.ndim - 1] as number;
      if (m * n * kk < MIN_MATMUL) return jsBackend.matmul(a, b, batch, dtype);
      const count = sizeOf(batch);
      if (
        dtype !== "float32" ||
        a.dtype !== "float32" ||
        b.dtype !== "float32" ||
        m * n * kk < MIN_MATMUL ||
        count === 0
      ) {
        return jsBackend.matmul(a, b, batch, dtype);
      }
      const [aLo, aHi] = span(a);
      const [bLo, bHi] = span(b);
      // A view that reads a small part of a large block: copy it compactly first.
      const x = aHi - aLo + 1 > 2 * a.size ? jsBackend.copy(a, "float32") : a;
      const y = bHi - bLo + 1 > 2 * b.size ? jsBackend.copy(b, "float32") : b;
      const [xLo, xHi] = x === a ? [aLo, aHi] : span(x);
      const [yLo, yHi] = y === b ? [bLo, bHi] : span(y);
      const bytes =
        4 * (xHi - xLo + 1 + (yHi - yLo + 1) + 2 * k.packedASize(m, kk) + 2 * k.packedBSize(kk, n) + count * m * n);
      if (bytes > MAX_ARENA_BYTES) return jsBackend.matmul(a, b, batch, dtype);
      const { out, data } = fresh("float32", [...batch, m, n]);
      arena.reset();
      const xv = x.storage.view() as Float32Array;
      const yv = y.storage.view() as Float32Array;
      const xBase = arena.copyIn(xv, xLo, xHi - xLo + 1);
      const yBase = arena.copyIn(yv, yLo, yHi - yLo + 1);
      const exact = m * n * kk <= MAX_EXACT_MATMUL;
      const ap = arena.alloc(exact ? 8 * 4 * Math.ceil(m / 4) * kk : 4 * k.packedASize(m, kk));
      const bp = arena.alloc(exact ? 8 * 4 * Math.ceil(n / 4) * kk : 4 * k.packedBSize(kk, n));
      const c = arena.alloc(4 * count * m * n);
      const [xRs, xCs] = x.strides.slice(-2) as [number, number];
      const [yRs, yCs] = y.strides.slice(-2) as [number, number];
      const xBatch = broadcastStrides(x.shape.slice(0, -2), x.strides.slice(0, -2), batch);
      const yBatch = broadcastStrides(y.shape.slice(0, -2), y.strides.slice(0, -2), batch);
      const index = new Array<number>(batch.length).fill(0);
      let xo = x.offset - xLo;
      let yo = y.offset - yLo;
      for (let t = 0; t < count; t++) {
        if (kk === 0) break; // the result is zeros
        if (exact) {
          k.packA64(xBase + 4 * xo, xRs, xCs, m, kk, ap);
          k.packB64(yBase + 4 * yo, yRs, yCs, kk, n, bp);
          k.gemm64(ap, bp, c + 4 * t * m * n, m, n, kk, 0, Math.ceil(m / 4));
        } else {
          k.packA(xBase + 4 * xo, xRs, xCs, m, kk, ap);
          k.packB(yBase + 4 * yo, yRs, yCs, kk, n, bp);
          pool.gemm(ap, bp, c + 4 * t * m * n, m, n, kk);
        }
        for (let d = batch.length - 1; d >= 0; d--) {
          xo += xBatch[d] as number;
          yo += yBatch[d] as number;
          if (++(index[d] as number) < (batch[d] as number)) break;
          xo -= (xBatch[d] as number) * (batch[d] as number);
          yo -= (yBatch[d] as number) * (batch[d] as number);
          index[d] = 0;
        }
      }
      if (kk > 0) data.set(arena.f32.subarray(c >> 2, (c >> 2) + count * m * n));
      return out;
    },

    copy(a, dtype) {
      const n = a.size;
      if (
        a.dtype !== "bool" ||
        dtype !== "float32" ||
        !a.isContiguous ||
        n < MIN_ELEMENTWISE ||
        5 * n > MAX_ARENA_BYTES
      ) {
        return jsBackend.copy(a, dtype);
      }
      const { out, data } = fresh("float32", a.shape);
      arena.reset();
      const pa = arena.alloc(n);
      arena.u8.set((a.storage.view() as Uint8Array).subarray(a.offset, a.offset + n), pa);
      const po = arena.alloc(4 * n);
      k.bytesToF32(pa, po, n);
      data.set(arena.f32.subarray(po >> 2, (po >> 2) + n));
      return out;
    },

    binary(op, a, b, shape, dtype, target) {
      // Small arrays first, and cheaply: tiny ops must cost what they cost on `js`.
      const n = sizeOf(shape);
      if (n < MIN_ELEMENTWISE) return jsBackend.binary(op, a, b, shape, dtype, target);
      const compare = COMPARE_CODES[op];
      if (compare !== undefined) return comparison(compare, op, a, b, shape, dtype, target);
      const code = BINARY_CODES[op];
      const cols = shape.length ? (shape[shape.length - 1] as number) : 1;
      if (
        code === undefined ||
        dtype !== "float32" ||
        a.dtype !== "float32" ||
        b.dtype !== "float32" ||
        4 * 3 * n > MAX_ARENA_BYTES
      ) {
        return jsBackend.binary(op, a, b, shape, dtype, target);
      }
      const la = layoutOf(a, n, cols);
      const lb = layoutOf(b, n, cols);
      const broadcast = (l: Layout) => l === "row" || l === "column";
      if (la === null || lb === null || (broadcast(la) && broadcast(lb))) {
        return jsBackend.binary(op, a, b, shape, dtype, target);
      }
      const { out, data } = target ? { out: target, data: target.storage.view() } : fresh("float32", shape);
      arena.reset();
      const av = a.storage.view() as Float32Array;
      const bv = b.storage.view() as Float32Array;
      const pa = arena.copyIn(av, a.offset, a.size);
      const pb = arena.copyIn(bv, b.offset, b.size);
      const po = arena.alloc(4 * n);
      if (la === "row") k.binaryRows(code, pb, pa, po, n / cols, cols, 0);
      else if (lb === "row") k.binaryRows(code, pa, pb, po, n / cols, cols, 1);
      else if (la === "column") k.binaryCols(code, pb, pa, po, n / cols, cols, 0);
      else if (lb === "column") k.binaryCols(code, pa, pb, po, n / cols, cols, 1);
      else k.binary(code, pa, la === "full" ? 1 : 0, pb, lb === "full" ? 1 : 0, po, n);
      data.set(arena.f32.subarray(po >> 2, (po >> 2) + n), out.offset);
      return out;
    },

    unary(op, a, dtype, target) {
      const n = a.size;
      if (n < MIN_TRANSCENDENTAL) return jsBackend.unary(op, a, dtype, target);
      const code = UNARY_CODES[op];
      if (
        code === undefined ||
        dtype !== "float32" ||
        a.dtype !== "float32" ||
        !a.isContiguous ||
        n < (code >= 5 ? MIN_TRANSCENDENTAL : MIN_ELEMENTWISE) ||
        4 * 2 * n > MAX_ARENA_BYTES
      ) {
        return jsBackend.unary(op, a, dtype, target);
      }
      const { out, data } = target ? { out: target, data: target.storage.view() } : fresh("float32", a.shape);
      arena.reset();
      const pa = arena.copyIn(a.storage.view() as Float32Array, a.offset, n);
      k.unary(code, pa, pa, n); // in place in the arena
      data.set(arena.f32.subarray(pa >> 2, (pa >> 2) + n), out.offset);
      return out;
    },

    reduce(op, a, axes, dtype) {
      if (a.size < MIN_REDUCE) return jsBackend.reduce(op, a, axes, dtype);
      const plan = reducePlan(a, axes);
      const ok =
        plan !== null &&
        a.dtype === "float32" &&
        a.isContiguous &&
        8 * a.size < MAX_ARENA_BYTES &&
        (op === "sum"
          ? dtype === "float32" || dtype === "float64"
          : (op === "max" || op === "min") && dtype === "float32");
      if (!ok || plan === null) return jsBackend.reduce(op, a, axes, dtype);
      const { rows, cols, along } = plan;
      const outShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
      const { out, data } = fresh(dtype, outShape);
      const size = along === "rows" ? rows : cols;
      arena.reset();
      const pa = arena.copyIn(a.storage.view() as Float32Array, a.offset, a.size);
      if (op === "sum") {
        const po = arena.alloc(8 * size);
        if (along === "rows") k.sumRows(pa, rows, cols, po);
        else k.sumCols(pa, rows, cols, po);
        data.set(arena.f64.subarray(po >> 3, (po >> 3) + size));
      } else {
        const po = arena.alloc(4 * size);
        if (along === "rows") k.extremeRows(op === "max" ? 1 : 0, pa, rows, cols, po);
        else k.extremeCols(op === "max" ? 1 : 0, pa, rows, cols, po);
        data.set(arena.f32.subarray(po >> 2, (po >> 2) + size));
      }
      return out;
    },
  };
  return backend;
}

/**
 * A reduction of a contiguous array as a 2-D one: over the trailing axes (`rows`: one
 * result per row of `[rows, cols]`) or the leading ones (`cols`: one per column), or null.
 */
function reducePlan(
  a: NDArray,
  axes: readonly number[],
): { rows: number; cols: number; along: "rows" | "cols" } | null {
  if (axes.length === 0 || a.size === 0) return null;
  const first = axes[0] as number;
  const last = axes[axes.length - 1] as number;
  if (last - first + 1 !== axes.length) return null; // not one run of axes
  const lead = sizeOf(a.shape.slice(0, first));
  const mid = sizeOf(a.shape.slice(first, last + 1));
  const tail = sizeOf(a.shape.slice(last + 1));
  if (tail === 1) return { rows: lead, cols: mid, along: "rows" };
  if (lead === 1) return { rows: mid, cols: tail, along: "cols" };
  return null;
}
