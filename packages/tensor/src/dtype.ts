/**
 * Element types, their storage, and the promotion rules binary ops follow.
 *
 * Promotion (the result dtype of an op on two operands) uses the order
 * `bool < int32 < float32 < float64` and takes the larger, as NumPy does, with one
 * deliberate difference: int32 with float32 gives float32 (NumPy gives float64), as in
 * PyTorch and JAX, so that float32 networks stay float32.
 *
 * JavaScript numbers are *weak* operands: they never widen an array's dtype, except
 * that a non-integer number with an int32/bool array gives float32, and any number with
 * a bool array in arithmetic gives int32. Arithmetic treats bool as int32 (`true + true`
 * is 2). True division and float functions (exp, log, sqrt, …) of int32/bool give float32.
 */
import { DTypeError, ValueError } from "./errors.js";

export type DType = "float32" | "float64" | "int32" | "bool";

export const DTYPES: readonly DType[] = ["bool", "int32", "float32", "float64"];

/** The typed array that stores each dtype (bool as 0/1 bytes). */
export interface TypedArrayFor {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

export type TypedArray = TypedArrayFor[DType];

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

export function isDType(x: unknown): x is DType {
  return x === "float32" || x === "float64" || x === "int32" || x === "bool";
}

/** Throws `DTypeError` unless `dtype` is one of the four dtypes. */
export function checkDType(op: string, dtype: unknown): DType {
  if (!isDType(dtype)) {
    throw new DTypeError(op, `unknown dtype ${JSON.stringify(dtype)}, expected one of ${DTYPES.join(", ")}`);
  }
  return dtype;
}

export function isFloat(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** The dtype a typed array stores (Uint8Array is read as bool). */
export function dtypeOfTyped(op: string, data: ArrayBufferView): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint8Array) return "bool";
  throw new DTypeError(
    op,
    `unsupported typed array ${data.constructor.name}, expected Float32Array, Float64Array, Int32Array or Uint8Array`,
  );
}

/** The larger of two dtypes, with int32 + float32 → float32 (see the file header). */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** True for integers an int32 can hold. */
export function fitsInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/**
 * The dtype an array of `dtype` keeps when combined with the JS number `value`. An integer
 * an int32 cannot hold promotes int32/bool arrays to float64 (exact for every int32), so
 * `lt(int32Array, 2 ** 31)` compares correctly instead of wrapping.
 */
export function promoteWithNumber(dtype: DType, value: number): DType {
  if (isFloat(dtype)) return dtype;
  if (fitsInt32(value)) return "int32";
  return Number.isInteger(value) ? "float64" : "float32";
}

/** The dtype several arrays combine to. */
export function commonDType(dtypes: readonly DType[]): DType {
  return dtypes.reduce(promoteTypes);
}

/**
 * Throws `ValueError` when `value` cannot be stored as `dtype` without wrapping: int32
 * needs a finite number in the int32 range (fractions truncate toward zero).
 */
export function checkScalar(op: string, value: number, dtype: DType): void {
  if (
    dtype === "int32" &&
    !(Number.isFinite(value) && Math.trunc(value) >= INT32_MIN && Math.trunc(value) <= INT32_MAX)
  ) {
    throw new ValueError(op, `${value} does not fit in int32 (range ${INT32_MIN} to ${INT32_MAX})`);
  }
}

/** bool is read as int32 by arithmetic. */
export function arithmeticType(dtype: DType): DType {
  return dtype === "bool" ? "int32" : dtype;
}

/** Float functions keep float dtypes and send int32/bool to float32. */
export function floatType(dtype: DType): DType {
  return isFloat(dtype) ? dtype : "float32";
}

/** Converts a JS number to what `dtype` stores: float32 rounding, int32 truncation, bool 0/1. */
export function castScalar(value: number, dtype: DType): number {
  switch (dtype) {
    case "float32":
      return Math.fround(value);
    case "float64":
      return value;
    case "int32":
      return value | 0;
    case "bool":
      return value !== 0 ? 1 : 0; // NaN is truthy, as in NumPy
  }
}
