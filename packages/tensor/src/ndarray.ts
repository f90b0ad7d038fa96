/**
 * `NDArray`: an n-dimensional float32 array as a view (shape, strides, offset) onto a
 * storage buffer owned by the active backend. Views share storage; ops return new arrays.
 */
import { fmtShape, ShapeError } from "./errors.js";
import { formatArray } from "./format.js";
import { contiguousStrides, type NestedArray, type Shape, sizeOf } from "./shape.js";

/** Element types. The skeleton stores float32; more dtypes arrive with their ops. */
export type DType = "float32";

export class NDArray {
  /** Backing storage, shared by every view of the same data. Read values with `toArray()`. */
  readonly data: Float32Array;
  readonly shape: readonly number[];
  /** Step, in elements, between neighbours along each dimension (0 along broadcast ones). */
  readonly strides: readonly number[];
  /** Index into `data` of the element at `[0, 0, …]`. */
  readonly offset: number;
  readonly dtype: DType = "float32";

  /**
   * Wraps existing storage; most code should use `array()`, `zeros()` or an op instead.
   * Without `strides` the view is row-major contiguous from `offset`.
   */
  constructor(data: Float32Array, shape: Shape, strides?: Shape, offset = 0) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.strides = Object.freeze(strides ? [...strides] : contiguousStrides(shape));
    this.offset = offset;
    if (this.strides.length !== this.shape.length) {
      throw new ShapeError("NDArray", `strides ${fmtShape(this.strides)} do not match shape ${fmtShape(this.shape)}`);
    }
  }

  /** Number of dimensions (0 for a scalar). */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** True when the view reads `data[offset … offset + size)` in row-major order. */
  get isContiguous(): boolean {
    let step = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i];
      if (d !== 1 && this.strides[i] !== step) return false;
      step *= d;
    }
    return true;
  }

  /** Transposed view (axes reversed), no copy: `[m, n] → [n, m]`. */
  get T(): NDArray {
    return new NDArray(this.data, [...this.shape].reverse(), [...this.strides].reverse(), this.offset);
  }

  /** The elements in row-major order, as a new contiguous `Float32Array`. */
  dataSync(): Float32Array {
    const n = this.size;
    if (this.isContiguous) return this.data.slice(this.offset, this.offset + n);
    const out = new Float32Array(n);
    let i = 0;
    this.forEachOffset((o) => {
      out[i++] = this.data[o];
    });
    return out;
  }

  /** The value of a 0-d or one-element array. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError("item", `only one-element arrays convert to a number, got shape ${fmtShape(this.shape)}`);
    }
    return this.data[this.offset];
  }

  /** Nested JavaScript arrays of numbers (a plain number for a 0-d array). */
  toArray(): NestedArray {
    const flat = this.dataSync();
    if (this.ndim === 0) return flat[0];
    let pos = 0;
    const build = (dim: number): NestedArray => {
      const len = this.shape[dim];
      const out = new Array<NestedArray>(len);
      for (let i = 0; i < len; i++) {
        out[i] = dim === this.ndim - 1 ? flat[pos++] : build(dim + 1);
      }
      return out;
    };
    return build(0);
  }

  /** NumPy's `str()` layout: `[[1. 2.]\n [3. 4.]]`, summarised beyond 1000 elements. */
  toString(): string {
    return formatArray(this.dataSync(), this.shape);
  }

  /** Calls `fn` with the storage index of every element, in row-major order. */
  forEachOffset(fn: (offset: number) => void): void {
    const { shape, strides } = this;
    const ndim = shape.length;
    const n = this.size;
    if (n === 0) return;
    if (ndim === 0) {
      fn(this.offset);
      return;
    }
    const index = new Array<number>(ndim).fill(0);
    const last = ndim - 1;
    const lastLen = shape[last];
    const lastStride = strides[last];
    let base = this.offset;
    for (let done = 0; done < n; done += lastLen) {
      for (let j = 0; j < lastLen; j++) fn(base + j * lastStride);
      for (let d = last - 1; d >= 0; d--) {
        base += strides[d];
        if (++index[d] < shape[d]) break;
        base -= strides[d] * shape[d];
        index[d] = 0;
      }
    }
  }
}
