/**
 * The backend seam. An op's meaning (validation, broadcasting, dtype promotion, output
 * shape) is written once in `ops/`; how its numbers are computed lives behind this
 * interface. Storage belongs to the backend: an `NDArray` holds a `Storage` handle, never
 * a typed array that ops keep across calls (a WASM backend's views are invalidated when
 * its memory grows; a GPU backend's buffers are not in JS memory at all).
 */
import type { DType, TypedArrayFor } from "../dtype.js";
import type { MapProgram } from "../expr/expr.js";
import type { NDArray } from "../ndarray.js";
import type { Shape } from "../shape.js";

/**
 * `js`: plain typed-array loops; `wasm`: WebAssembly SIMD kernels (and threads) over the
 * same storage; `webgpu`: WGSL kernels over GPU buffers (select with `await setBackend("webgpu")`).
 */
export type BackendName = "js" | "wasm" | "webgpu";

/** A block of `length` elements of `dtype`, owned by a backend. */
export interface Storage<D extends DType = DType> {
  readonly backend: BackendName;
  readonly dtype: D;
  readonly length: number;
  /**
   * The elements as a typed array, for CPU backends. Fetch it again after any other op:
   * a view may be invalidated when backend memory grows. NOTE: its `.buffer` may be shared
   * with other arrays (the JS backend carves small arrays from 64 KB slabs): never transfer
   * or reinterpret it; `NDArray.dataSync()` returns a standalone copy. Storage in GPU
   * memory throws a `GpuReadError` naming `op` (the caller) and pointing to `await data()`.
   */
  view(op?: string): TypedArrayFor[D];
  /** `length` elements from `offset`, for storage that cannot be viewed synchronously (GPU). */
  read?(offset: number, length: number): Promise<TypedArrayFor[D]>;
  /**
   * Releases the memory now (GPU storage, wasm linear memory); any view of it is unusable
   * afterwards. A view does not keep the storage alive: once its storage is collected the
   * memory under a wasm view may be reused, so keep the array, not the view.
   */
  dispose?(): void;
}

export type UnaryOp =
  | "neg"
  | "abs"
  | "sign"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "square"
  | "sin"
  | "cos"
  | "tanh"
  | "sigmoid"
  | "relu"
  | "logicalNot";

export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "logicalAnd"
  | "logicalOr";

export type ReduceOp = "sum" | "prod" | "max" | "min";
export type ArgReduceOp = "argmax" | "argmin";

export interface Backend {
  readonly name: BackendName;

  /** Zero-filled storage. */
  alloc<D extends DType>(dtype: D, length: number): Storage<D>;
  /** Storage that adopts (does not copy) a typed array. */
  adopt<D extends DType>(dtype: D, data: TypedArrayFor[D]): Storage<D>;

  /** A contiguous row-major copy of `a` converted to `dtype`. */
  copy(a: NDArray, dtype: DType): NDArray;
  /** Writes `value` (already broadcast-compatible with `target`) into the view `target`. */
  assign(target: NDArray, value: NDArray): void;

  /**
   * Runs an elementwise program: for every element of `shape`, each of `program.outputs`
   * computed from the `inputs` (each broadcast to `shape`), every primitive rounded to
   * `dtype`, the results stored as `outTypes`. Into new arrays, or into `outs` (contiguous,
   * of `shape` and `outTypes`; each either one of the inputs exactly or not overlapping any).
   */
  map(
    program: MapProgram,
    inputs: readonly NDArray[],
    shape: Shape,
    dtype: DType,
    outTypes: readonly DType[],
    outs?: readonly NDArray[],
  ): NDArray[];
  /** Reduction over the sorted, distinct `axes`; the result keeps them as size-1 dims. */
  reduce(op: ReduceOp, a: NDArray, axes: readonly number[], dtype: DType): NDArray;
  /** Index of the max/min along one axis (kept as a size-1 dim), as int32. */
  argReduce(op: ArgReduceOp, a: NDArray, axis: number): NDArray;
  /** Batched `[..., m, k] @ [..., k, n]`: batch dims already broadcast to `batch`. */
  matmul(a: NDArray, b: NDArray, batch: Shape, dtype: DType): NDArray;
  /** Gathers slices of `a` along `axis` at int32 `indices` (already bounds-checked). */
  take(a: NDArray, indices: Int32Array, axis: number): NDArray;
}
