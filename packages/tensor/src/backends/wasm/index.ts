/**
 * The wasm backend: arrays in the module's linear memory where that pays (`heap.ts`: a
 * block allocator, freed by `dispose()` or the finalizer, capped by a budget beyond which
 * the least recently used arrays move to JS memory), the JS backend's semantics, and
 * float32 kernels in WebAssembly SIMD (`assembly/index.ts`) for what they speed up,
 * reading resident operands in place: matmul in every layout (transposes absorbed by
 * packing), contiguous elementwise ops (full, scalar, row- and column-broadcast operands;
 * comparisons into bool; bool → float32) and sum/max/min over leading or trailing axes.
 * Everything else — other dtypes, scattered strided views, exotic ops, tiny arrays where
 * the call costs more than the work — runs the JS kernels.
 *
 * NOTE: matmul accumulates in float64 up to m·n·k = 2²⁰ multiply-adds (bit-identical to
 * the JS backend) and in float32 beyond (4×8 SIMD tiles, like BLAS sgemm: about twice as
 * fast, relative error ~1e-7·√k); the JS backend always accumulates in float64. Sums
 * accumulate in float64 in both.
 */
import { broadcastStrides } from "../../broadcast.js";
import { noteAllocated, takeProvided } from "../../capture/allocations.js";
import type { DType, TypedArray } from "../../dtype.js";
import { ValueError } from "../../errors.js";
import { NDArray } from "../../ndarray.js";
import { type Shape, sizeOf } from "../../shape.js";
import type { BinaryOp, UnaryOp } from "../backend.js";
import { type JsBackend, jsBackend } from "../js/index.js";
import { ELEMENT_BYTES, Heap, MAX_ARENA_BYTES, NO_MEMORY, type WasmMemoryInfo, WasmStorage } from "./heap.js";
import { loadKernels } from "./module.js";
import { ThreadPool } from "./pool.js";

export type { WasmMemoryInfo } from "./heap.js";
export { WasmStorage } from "./heap.js";

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
 * Below these sizes the JS kernels win: the call (and, for operands in JS memory, the copy
 * in and out) cost more than the loop (measured on the bench machine; see bench/src/run.mjs).
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

/** The wasm backend plus its thread and memory controls. */
export interface WasmBackend extends JsBackend {
  /** Threads large products may use now, the calling one included. */
  readonly threads: number;
  /** Sets how many threads large products may use (1: the calling thread only). */
  setThreads(count: number): void;
  /** Where the linear memory is: resident, free and total bytes, the budget, fallbacks. */
  memoryInfo(): WasmMemoryInfo;
  /**
   * Caps the bytes resident arrays may hold (default 128 MiB, or `SINAPSE_WASM_BUDGET`):
   * beyond it the least recently used arrays move to JS memory, and kernels copy them in
   * per op. Arrays already resident stay until evicted or freed.
   * @throws ValueError unless `bytes` is a non-negative integer.
   */
  setMemoryBudget(bytes: number): void;
}

export function createWasmBackend(): WasmBackend | null {
  const loaded = loadKernels();
  if (!loaded) return null;
  const heap = new Heap(loaded);
  const k = heap.kernels;
  const pool = new ThreadPool(heap);

  /**
   * A new array for a kernel's result, in JS memory: the kernel writes it in scratch and it
   * is copied out (see `heap.ts`: a resident result costs more in a synchronous loop).
   */
  function output(dtype: DType, shape: Shape): NDArray {
    const length = sizeOf(shape);
    // A replay of `compile` hands back the recording's array (the kernel writes it in full).
    const reused = takeProvided(dtype, length, false);
    if (reused instanceof WasmStorage) return new NDArray(reused, shape);
    const storage = heap.fresh(dtype, length);
    noteAllocated(storage);
    return new NDArray(storage, shape);
  }

  /**
   * Byte address of storage element `lo` of `x`, with its `count` elements from there
   * readable by a kernel: in place when resident, else copied into scratch.
   */
  function source(x: NDArray, lo: number, count: number): number {
    const s = x.storage;
    if (s instanceof WasmStorage) {
      const at = s.addressIn(heap);
      if (at >= 0) return at + lo * ELEMENT_BYTES[x.dtype];
    }
    return copyIn(x, lo, count);
  }

  /** A scratch copy of `x`'s storage elements `[lo, lo + count)`: its address. */
  function copyIn(x: NDArray, lo: number, count: number): number {
    const bpe = ELEMENT_BYTES[x.dtype];
    const at = heap.scratch(count * bpe);
    const src = x.storage.view() as TypedArray;
    const from = lo === 0 && count === src.length ? src : src.subarray(lo, lo + count);
    if (bpe === 4 && x.dtype === "float32") heap.f32.set(from as Float32Array, at >> 2);
    else heap.u8.set(new Uint8Array(from.buffer, from.byteOffset, count * bpe), at);
    return at;
  }

  /** Starts a fast path: its operands stay resident until it returns (nothing evicts them). */
  function begin(a: NDArray, b?: NDArray, c?: NDArray, d?: NDArray): void {
    heap.beginOp();
    pin(a);
    if (b) pin(b);
    if (c) pin(c);
    if (d) pin(d);
  }

  function pin(x: NDArray): void {
    if (x.storage instanceof WasmStorage) x.storage.pinIn(heap);
  }

  /** Where a kernel writes `out`'s `bytes` from its offset: in place, or scratch for `finish`. */
  function dest(out: NDArray, bytes: number): number {
    const s = out.storage;
    if (s instanceof WasmStorage) {
      const at = s.addressIn(heap, false);
      if (at >= 0) return at + out.offset * ELEMENT_BYTES[out.dtype];
    }
    return heap.scratch(bytes);
  }

  /** Copies `n` elements written at `at` into `out` unless the kernel wrote them in place. */
  function finish(out: NDArray, at: number, n: number): void {
    const s = out.storage;
    if (s instanceof WasmStorage && s.residentIn(heap)) return;
    const view = s.view() as TypedArray;
    if (out.dtype === "float32") (view as Float32Array).set(heap.f32.subarray(at >> 2, (at >> 2) + n), out.offset);
    else if (out.dtype === "float64") (view as Float64Array).set(heap.f64.subarray(at >> 3, (at >> 3) + n), out.offset);
    else (view as Uint8Array).set(heap.u8.subarray(at, at + n), out.offset);
  }

  /**
   * After a fast path failed to get scratch memory: frees the result it had made (nothing
   * else holds it) and runs the JS kernel instead; other errors go on.
   */
  function recover<T>(error: unknown, made: NDArray | undefined, slow: () => T): T {
    if (error !== NO_MEMORY) throw error;
    heap.endOp();
    made?.storage.dispose?.();
    return slow();
  }

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
    begin(a, b, target);
    const out = target ?? output("bool", shape);
    try {
      const pa = source(a, a.offset, a.size);
      const pb = source(b, b.offset, b.size);
      const po = dest(out, n);
      k.compare(code, pa, la === "full" ? 1 : 0, pb, lb === "full" ? 1 : 0, po, n);
      finish(out, po, n);
      return out;
    } catch (error) {
      return recover(error, target ? undefined : out, () => jsBackend.binary(op, a, b, shape, dtype, target));
    } finally {
      heap.endOp();
    }
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

    memoryInfo() {
      return heap.info();
    },

    setMemoryBudget(bytes) {
      if (!Number.isSafeInteger(bytes) || bytes < 0) {
        throw new ValueError("setMemoryBudget", `bytes must be a non-negative integer, got ${String(bytes)}`);
      }
      heap.setBudget(bytes);
    },

    alloc(dtype, length) {
      heap.beginOp(); // not inside an op: earlier arrays may be evicted for this one
      const reused = takeProvided(dtype, length, true);
      if (reused instanceof WasmStorage) return reused as WasmStorage<typeof dtype>;
      const storage = heap.storage(dtype, length, true);
      noteAllocated(storage);
      return storage;
    },

    adopt(dtype, data) {
      return heap.host(dtype, data);
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
      begin(x, y);
      const out = output("float32", [...batch, m, n]);
      if (kk === 0) return out; // the result is zeros
      try {
        const xBase = source(x, xLo, xHi - xLo + 1);
        const yBase = source(y, yLo, yHi - yLo + 1);
        const exact = m * n * kk <= MAX_EXACT_MATMUL;
        const ap = heap.scratch(exact ? 8 * 4 * Math.ceil(m / 4) * kk : 4 * k.packedASize(m, kk));
        const bp = heap.scratch(exact ? 8 * 4 * Math.ceil(n / 4) * kk : 4 * k.packedBSize(kk, n));
        const c = dest(out, 4 * count * m * n);
        const [xRs, xCs] = x.strides.slice(-2) as [number, number];
        const [yRs, yCs] = y.strides.slice(-2) as [number, number];
        const xBatch = broadcastStrides(x.shape.slice(0, -2), x.strides.slice(0, -2), batch);
        const yBatch = broadcastStrides(y.shape.slice(0, -2), y.strides.slice(0, -2), batch);
        const index = new Array<number>(batch.length).fill(0);
        let xo = x.offset - xLo;
        let yo = y.offset - yLo;
        for (let t = 0; t < count; t++) {
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
        finish(out, c, count * m * n);
        return out;
      } catch (error) {
        return recover(error, out, () => jsBackend.matmul(a, b, batch, dtype));
      } finally {
        heap.endOp();
      }
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
      begin(a);
      const out = output("float32", a.shape);
      try {
        const pa = source(a, a.offset, n);
        const po = dest(out, 4 * n);
        k.bytesToF32(pa, po, n);
        finish(out, po, n);
        return out;
      } catch (error) {
        return recover(error, out, () => jsBackend.copy(a, dtype));
      } finally {
        heap.endOp();
      }
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
      begin(a, b, target);
      const out = target ?? output("float32", shape);
      try {
        const pa = source(a, a.offset, a.size);
        const pb = source(b, b.offset, b.size);
        const po = dest(out, 4 * n);
        if (la === "row") k.binaryRows(code, pb, pa, po, n / cols, cols, 0);
        else if (lb === "row") k.binaryRows(code, pa, pb, po, n / cols, cols, 1);
        else if (la === "column") k.binaryCols(code, pb, pa, po, n / cols, cols, 0);
        else if (lb === "column") k.binaryCols(code, pa, pb, po, n / cols, cols, 1);
        else k.binary(code, pa, la === "full" ? 1 : 0, pb, lb === "full" ? 1 : 0, po, n);
        finish(out, po, n);
        return out;
      } catch (error) {
        return recover(error, target ? undefined : out, () => jsBackend.binary(op, a, b, shape, dtype, target));
      } finally {
        heap.endOp();
      }
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
      begin(a, target);
      const out = target ?? output("float32", a.shape);
      try {
        const pa = source(a, a.offset, n);
        const po = dest(out, 4 * n);
        k.unary(code, pa, po, n);
        finish(out, po, n);
        return out;
      } catch (error) {
        return recover(error, target ? undefined : out, () => jsBackend.unary(op, a, dtype, target));
      } finally {
        heap.endOp();
      }
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
      begin(a);
      const out = output(dtype, outShape);
      const size = along === "rows" ? rows : cols;
      try {
        const pa = source(a, a.offset, a.size);
        if (op === "sum") {
          // The kernels sum into float64; a float32 result is rounded from scratch.
          const po = dtype === "float64" ? dest(out, 8 * size) : heap.scratch(8 * size);
          if (along === "rows") k.sumRows(pa, rows, cols, po);
          else k.sumCols(pa, rows, cols, po);
          if (dtype === "float64") finish(out, po, size);
          else (out.storage.view() as Float32Array).set(heap.f64.subarray(po >> 3, (po >> 3) + size));
        } else {
          const po = dest(out, 4 * size);
          if (along === "rows") k.extremeRows(op === "max" ? 1 : 0, pa, rows, cols, po);
          else k.extremeCols(op === "max" ? 1 : 0, pa, rows, cols, po);
          finish(out, po, size);
        }
        return out;
      } catch (error) {
        return recover(error, out, () => jsBackend.reduce(op, a, axes, dtype));
      } finally {
        heap.endOp();
      }
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
