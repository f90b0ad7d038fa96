/** Creating arrays: from nested lists or typed arrays, filled, ranges, identity. */
import { getBackend } from "./backends/registry.js";
import { castScalar, checkDType, checkScalar, type DType, dtypeOfTyped, type TypedArray } from "./dtype.js";
import { fmtShape, ShapeError, ValueError } from "./errors.js";
import { checkNDArray, NDArray } from "./ndarray.js";
import { checkShape, inferShape, MAX_LENGTH, type NestedArray, type Shape, sizeOf } from "./shape.js";

export interface CreationOptions {
  /** Element type; `float32` unless the data says otherwise (booleans, a typed array). */
  dtype?: DType;
}

function filled(op: string, shape: Shape, value: number, dtype: DType): NDArray {
  checkShape(op, shape);
  checkDType(op, dtype);
  checkScalar(op, value, dtype);
  const storage = getBackend().alloc(dtype, sizeOf(shape));
  if (value !== 0) storage.view().fill(castScalar(value, dtype));
  return new NDArray(storage, [...shape]);
}

/**
 * An array from a number, a boolean, a rectangular nested list, or a typed array with a
 * shape (copied). Lists of numbers give float32 and lists of booleans bool, unless
 * `dtype` says otherwise; a typed array keeps its own dtype.
 *
 * @example array([[1, 2], [3, 4]]).shape // [2, 2]
 * @example array(new Int32Array([1, 2, 3, 4]), [2, 2]).dtype // "int32"
 * @throws ShapeError naming the index where a nested list is ragged, or when a typed
 *   array's length does not match the shape.
 */
export function array(
  data: NestedArray | TypedArray,
  shapeOrOptions?: Shape | CreationOptions,
  maybe?: CreationOptions,
): NDArray {
  if (ArrayBuffer.isView(data)) {
    const shape = Array.isArray(shapeOrOptions) ? [...(shapeOrOptions as Shape)] : [data.length];
    const options = (Array.isArray(shapeOrOptions) ? maybe : shapeOrOptions) as CreationOptions | undefined;
    checkShape("array", shape);
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError(
        "array",
        `${data.length} values cannot fill shape ${fmtShape(shape)} (size ${sizeOf(shape)})`,
      );
    }
    const own = dtypeOfTyped("array", data);
    const dtype = checkDType("array", options?.dtype ?? own);
    // A Uint8Array is read as bool: any non-zero byte is true (stored as 1).
    const copied = own === "bool" ? Uint8Array.from(data as Uint8Array, (v) => (v !== 0 ? 1 : 0)) : data.slice();
    const source = new NDArray(getBackend().adopt(own, copied as never), shape);
    return dtype === own ? source : getBackend().copy(source, dtype);
  }
  const options = (shapeOrOptions ?? {}) as CreationOptions;
  const shape = inferShape("array", data);
  let allBool = true;
  const values: number[] = [];
  const walk = (node: NestedArray): void => {
    if (typeof node === "number") {
      allBool = false;
      values.push(node);
    } else if (typeof node === "boolean") values.push(node ? 1 : 0);
    else for (const child of node) walk(child);
  };
  walk(data);
  const dtype = checkDType("array", options.dtype ?? (allBool && values.length > 0 ? "bool" : "float32"));
  if (dtype === "int32") for (const v of values) checkScalar("array", v, dtype);
  const storage = getBackend().alloc(dtype, values.length);
  const view = storage.view();
  for (let i = 0; i < values.length; i++) view[i] = castScalar(values[i], dtype);
  return new NDArray(storage, shape);
}

/** An array of `shape` filled with zeros. @example zeros([2, 3]) */
export function zeros(shape: Shape, options: CreationOptions = {}): NDArray {
  return filled("zeros", shape, 0, options.dtype ?? "float32");
}

/** An array of `shape` filled with ones. */
export function ones(shape: Shape, options: CreationOptions = {}): NDArray {
  return filled("ones", shape, 1, options.dtype ?? "float32");
}

/** An array of `shape` filled with `value`. */
export function full(shape: Shape, value: number, options: CreationOptions = {}): NDArray {
  if (typeof value !== "number") throw new ValueError("full", `fill value must be a number, got ${typeof value}`);
  return filled("full", shape, value, options.dtype ?? "float32");
}

/** Zeros with the shape (and dtype, unless given) of `a`. */
export function zerosLike(a: NDArray, options: CreationOptions = {}): NDArray {
  checkNDArray("zerosLike", a, "the template");
  return filled("zerosLike", a.shape, 0, options.dtype ?? a.dtype);
}

/** Ones with the shape (and dtype, unless given) of `a`. */
export function onesLike(a: NDArray, options: CreationOptions = {}): NDArray {
  checkNDArray("onesLike", a, "the template");
  return filled("onesLike", a.shape, 1, options.dtype ?? a.dtype);
}

/** `value` with the shape (and dtype, unless given) of `a`. */
export function fullLike(a: NDArray, value: number, options: CreationOptions = {}): NDArray {
  checkNDArray("fullLike", a, "the template");
  return filled("fullLike", a.shape, value, options.dtype ?? a.dtype);
}

/**
 * Evenly spaced values in `[start, stop)`: `arange(stop)`, `arange(start, stop, step)`.
 * Integer arguments give int32, others float32 (NumPy's length rule `ceil((stop − start) / step)`).
 * @example arange(5).toArray() // [0, 1, 2, 3, 4]
 * @throws ValueError when step is 0 or a bound is not finite.
 */
export function arange(start: number, stop?: number, step = 1, options: CreationOptions = {}): NDArray {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  for (const [name, v] of [
    ["start", start],
    ["stop", stop],
    ["step", step],
  ] as const) {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ValueError("arange", `${name} must be a finite number, got ${v}`);
  }
  if (step === 0) throw new ValueError("arange", "step must not be 0");
  const length = Math.max(0, Math.ceil((stop - start) / step));
  if (length > MAX_LENGTH)
    throw new ValueError("arange", `${length} elements is more than an array can hold (${MAX_LENGTH})`);
  const ints = Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step);
  const dtype = checkDType("arange", options.dtype ?? (ints ? "int32" : "float32"));
  const storage = getBackend().alloc(dtype, length);
  const view = storage.view();
  for (let i = 0; i < length; i++) view[i] = castScalar(start + i * step, dtype);
  return new NDArray(storage, [length]);
}

/**
 * `num` evenly spaced values from `start` to `stop` inclusive, computed in float64 as
 * NumPy does (`start + i·step`, the last one exactly `stop`).
 * @example linspace(0, 1, 5).toArray() // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num = 50, options: CreationOptions = {}): NDArray {
  if (!Number.isSafeInteger(num) || num < 0)
    throw new ValueError("linspace", `num must be a non-negative integer, got ${num}`);
  const dtype = checkDType("linspace", options.dtype ?? "float32");
  const storage = getBackend().alloc(dtype, num);
  const view = storage.view();
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) view[i] = castScalar(i * step + start, dtype);
  if (num > 1) view[num - 1] = castScalar(stop, dtype);
  return new NDArray(storage, [num]);
}

/**
 * An `n × m` matrix with ones on diagonal `k` (0 = main, positive above).
 * @example eye(2).toArray() // [[1, 0], [0, 1]]
 */
export function eye(n: number, m = n, k = 0, options: CreationOptions = {}): NDArray {
  for (const [name, v] of [
    ["n", n],
    ["m", m],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new ValueError("eye", `${name} must be a non-negative integer, got ${v}`);
  }
  if (!Number.isSafeInteger(k)) throw new ValueError("eye", `k must be an integer, got ${k}`);
  const out = filled("eye", [n, m], 0, options.dtype ?? "float32");
  const view = out.storage.view();
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) view[i * m + i + k] = 1;
  return out;
}
