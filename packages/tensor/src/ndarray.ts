/**
 * `NDArray`: an n-dimensional array as a view — shape, strides, offset — onto a storage
 * block owned by a backend. Views share storage (writing through one is visible in the
 * others); ops return new arrays. Methods are conveniences over the functions in `ops/`.
 */
import type { Storage } from "./backends/backend.js";
import { getBackend } from "./backends/registry.js";
import { allocations } from "./capture/allocations.js";
import { type DType, dtypeOfTyped, type TypedArray, type TypedArrayFor } from "./dtype.js";
import { fmtShape, ShapeError, ValueError } from "./errors.js";
import { formatArray } from "./format.js";
import { type ArrayLike, add, div, mul, neg, pow, sub } from "./ops/elementwise.js";
import { type Index, set, slice, take } from "./ops/indexing.js";
import { dot, matmul } from "./ops/linalg.js";
import {
  astype,
  broadcastTo,
  contiguous,
  copy,
  expandDims,
  flatten,
  reshape,
  squeeze,
  transpose,
} from "./ops/movement.js";
import { argmax, argmin, max, mean, min, type ReduceOptions, sum } from "./ops/reduce.js";
import { contiguousStrides, type NestedArray, type Shape, sizeOf } from "./shape.js";

/** Nested lists as `toArray()` returns them: numbers, or booleans for bool arrays. */
export type NestedValues = number | boolean | NestedValues[];

export class NDArray<D extends DType = DType> {
  readonly storage: Storage<D>;
  readonly shape: readonly number[];
  /** Step, in elements, between neighbours along each dimension (0 along broadcast ones). */
  readonly strides: readonly number[];
  /** Index into the storage of the element at `[0, 0, …]`. */
  readonly offset: number;

  /**
   * Wraps storage (or a typed array, adopted without copying) as an array of `shape`.
   * Most code should use `array()`, `zeros()` or an op. Without `strides` the view is
   * row-major contiguous from `offset`.
   */
  constructor(storage: Storage<D> | TypedArray, shape: Shape, strides?: Shape, offset = 0) {
    this.storage = ArrayBuffer.isView(storage)
      ? getBackend().adopt(dtypeOfTyped("NDArray", storage) as D, storage as TypedArrayFor[D])
      : storage;
    this.shape = [...shape];
    this.strides = strides ? [...strides] : contiguousStrides(shape);
    this.offset = offset;
    if (this.strides.length !== shape.length) {
      throw new ShapeError("NDArray", `strides ${fmtShape(this.strides)} do not match shape ${fmtShape(shape)}`);
    }
    // Contiguous arrays (what every op returns) need only their end checked.
    if (strides === undefined ? offset < 0 || offset + this.size > this.storage.length : !withinStorage(this)) {
      throw new ShapeError(
        "NDArray",
        `a view of shape ${fmtShape(this.shape)}, strides ${fmtShape(this.strides)} and offset ${offset} reads outside its ${this.storage.length} stored elements`,
      );
    }
  }

  get dtype(): D {
    return this.storage.dtype;
  }

  /** Number of dimensions (0 for a scalar). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** True when the view reads `size` consecutive elements from `offset` in row-major order. */
  get isContiguous(): boolean {
    let step = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i];
      if (d !== 1 && this.strides[i] !== step) return d === 0;
      step *= d;
    }
    return true;
  }

  /** Transposed view (axes reversed), no copy: `[m, n] → [n, m]`. */
  get T(): NDArray<D> {
    return new NDArray(this.storage, [...this.shape].reverse(), [...this.strides].reverse(), this.offset);
  }

  /**
   * The elements in row-major order, as a new typed array of this dtype that owns its
   * buffer (safe to transfer to a worker or wrap with `Buffer.from(x.buffer)`).
   */
  dataSync(): TypedArrayFor[D] {
    allocations.hostRead?.(this.storage, "dataSync");
    const view = this.storage.view("dataSync");
    if (this.isContiguous) return view.slice(this.offset, this.offset + this.size) as TypedArrayFor[D];
    const copy = getBackend().copy(this, this.dtype).storage.view("dataSync");
    // A small copy may be carved from a shared slab: hand out a standalone one.
    return (copy.byteLength === copy.buffer.byteLength ? copy : copy.slice()) as TypedArrayFor[D];
  }

  /**
   * The elements in row-major order; the way to read arrays that live on a GPU (the
   * webgpu backend), where `dataSync()` throws. A strided view is first made contiguous
   * by the active backend.
   */
  async data(): Promise<TypedArrayFor[D]> {
    if (!this.storage.read) return this.dataSync();
    allocations.hostRead?.(this.storage, "data");
    const src = this.isContiguous ? this : (getBackend().copy(this, this.dtype) as NDArray<D>);
    return (src.storage.read as NonNullable<Storage<D>["read"]>).call(src.storage, src.offset, src.size);
  }

  /**
   * Releases this array's memory now instead of when it is garbage-collected (GPU
   * storage and the wasm backend's linear memory; a no-op on the js backend). Every view
   * of the same storage becomes unusable (reading it throws a `ValueError` on wasm).
   * Useful in tight loops that allocate faster than the collector runs.
   */
  dispose(): void {
    this.storage.dispose?.();
  }

  /** The value of a one-element array (a boolean for bool arrays). */
  item(): D extends "bool" ? boolean : number {
    if (this.size !== 1) {
      throw new ShapeError("item", `only one-element arrays convert to a scalar, got shape ${fmtShape(this.shape)}`);
    }
    allocations.hostRead?.(this.storage, "item");
    const v = this.storage.view("item")[this.offset] as number;
    return (this.dtype === "bool" ? v !== 0 : v) as D extends "bool" ? boolean : number;
  }

  /** Nested JavaScript arrays (a plain number or boolean for a 0-d array). */
  toArray(): NestedValues {
    const flat = this.dataSync() as TypedArray;
    const isBool = this.dtype === "bool";
    const at = (i: number): number | boolean => (isBool ? flat[i] !== 0 : (flat[i] as number));
    if (this.ndim === 0) return at(0);
    let pos = 0;
    const build = (dim: number): NestedValues[] => {
      const len = this.shape[dim];
      const out = new Array<NestedValues>(len);
      for (let i = 0; i < len; i++) out[i] = dim === this.ndim - 1 ? at(pos++) : build(dim + 1);
      return out;
    };
    return build(0);
  }

  /** NumPy's `str()` layout: `[[1. 2.]\n [3. 4.]]`, summarised beyond 1000 elements. */
  toString(): string {
    return formatArray(this.dataSync() as TypedArray, this.shape, this.dtype);
  }

  /** NumPy's `repr()` layout: `array([[1., 2.],\n       [3., 4.]], dtype=float32)`. */
  repr(): string {
    return formatArray(this.dataSync() as TypedArray, this.shape, this.dtype, { repr: true });
  }

  /** `console.log(a)` in Node prints the repr. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.repr();
  }

  // Conveniences over the functions in ops/ (same names, same errors).

  /** `astype(this, dtype)`: a converted copy. */
  astype<T extends DType>(dtype: T): NDArray<T> {
    return astype(this, dtype) as NDArray<T>;
  }
  /** `reshape(this, shape)`; accepts `reshape(2, -1)` or `reshape([2, -1])`. */
  reshape(...shape: number[] | [Shape]): NDArray<D> {
    const dims = Array.isArray(shape[0]) ? (shape[0] as Shape) : (shape as number[]);
    return reshape(this, dims) as NDArray<D>;
  }
  flatten(): NDArray<D> {
    return flatten(this) as NDArray<D>;
  }
  transpose(axes?: readonly number[]): NDArray<D> {
    return transpose(this, axes) as NDArray<D>;
  }
  squeeze(axis?: number | readonly number[]): NDArray<D> {
    return squeeze(this, axis) as NDArray<D>;
  }
  expandDims(axis: number): NDArray<D> {
    return expandDims(this, axis) as NDArray<D>;
  }
  broadcastTo(shape: Shape): NDArray<D> {
    return broadcastTo(this, shape) as NDArray<D>;
  }
  contiguous(): NDArray<D> {
    return contiguous(this) as NDArray<D>;
  }
  copy(): NDArray<D> {
    return copy(this) as NDArray<D>;
  }
  /** `slice(this, index)`: a view, e.g. `a.slice("1:, ::-1")`. */
  slice(index: Index): NDArray<D> {
    return slice(this, index) as NDArray<D>;
  }
  /** `set(this, index, value)`: writes into a slice in place and returns this. */
  set(index: Index, value: ArrayLike): this {
    set(this, index, value);
    return this;
  }
  take(indices: NDArray | readonly number[], axis?: number): NDArray<D> {
    return take(this, indices, axis) as NDArray<D>;
  }
  add(other: ArrayLike): NDArray {
    return add(this, other);
  }
  sub(other: ArrayLike): NDArray {
    return sub(this, other);
  }
  mul(other: ArrayLike): NDArray {
    return mul(this, other);
  }
  div(other: ArrayLike): NDArray {
    return div(this, other);
  }
  pow(other: ArrayLike): NDArray {
    return pow(this, other);
  }
  neg(): NDArray {
    return neg(this);
  }
  matmul(other: NDArray): NDArray {
    return matmul(this, other);
  }
  dot(other: NDArray): NDArray {
    return dot(this, other);
  }
  sum(options?: ReduceOptions): NDArray {
    return sum(this, options);
  }
  mean(options?: ReduceOptions): NDArray {
    return mean(this, options);
  }
  max(options?: ReduceOptions): NDArray<D> {
    return max(this, options) as NDArray<D>;
  }
  min(options?: ReduceOptions): NDArray<D> {
    return min(this, options) as NDArray<D>;
  }
  argmax(options?: { axis?: number; keepdims?: boolean }): NDArray<"int32"> {
    return argmax(this, options) as NDArray<"int32">;
  }
  argmin(options?: { axis?: number; keepdims?: boolean }): NDArray<"int32"> {
    return argmin(this, options) as NDArray<"int32">;
  }
}

/** True when every element of the view lies inside its storage. */
function withinStorage(a: NDArray): boolean {
  if (a.size === 0) return true;
  let lo = a.offset;
  let hi = a.offset;
  for (let i = 0; i < a.shape.length; i++) {
    const reach = (a.shape[i] - 1) * a.strides[i];
    if (reach > 0) hi += reach;
    else lo += reach;
  }
  return Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && hi < a.storage.length;
}

/** Throws `ValueError` unless `x` is an NDArray; `what` names the argument in the message. */
export function checkNDArray(op: string, x: unknown, what = "operand"): asserts x is NDArray {
  if (!(x instanceof NDArray)) {
    const got = x === null ? "null" : Array.isArray(x) ? "a plain array (wrap it with array())" : typeof x;
    throw new ValueError(op, `${what} must be an NDArray, got ${got}`);
  }
}

export type { NestedArray };
