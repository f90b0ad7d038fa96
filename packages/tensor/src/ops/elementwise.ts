/**
 * Elementwise ops with NumPy broadcasting and number operands. Each op decides its result
 * dtype here (see `dtype.ts` for the promotion rules); the backend only computes.
 */
import type { BinaryOp, UnaryOp } from "../backends/backend.js";
import { getBackend } from "../backends/registry.js";
import { broadcastShapes } from "../broadcast.js";
import { arithmeticType, castScalar, type DType, floatType, promoteTypes, promoteWithNumber } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { checkNDArray, NDArray } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { min } from "./reduce.js";

/** An operand: an array, or a number (a boolean for logical ops) treated as a 0-d array. */
export type ArrayLike = NDArray | number | boolean;

/** A 0-d array holding `value` as `dtype`. */
export function scalar(value: number, dtype: DType): NDArray {
  const storage = getBackend().alloc(dtype, 1);
  storage.view()[0] = castScalar(value, dtype);
  return new NDArray(storage, []);
}

function checkOperand(op: string, x: ArrayLike): void {
  if (!(x instanceof NDArray) && typeof x !== "number" && typeof x !== "boolean") {
    throw new ValueError(
      op,
      `operand must be an NDArray, a number or a boolean, got ${x === null ? "null" : typeof x}`,
    );
  }
}

/** The dtype two operands compute in: arrays promote, numbers are weak (see dtype.ts). */
export function resultType(a: ArrayLike, b: ArrayLike): DType {
  if (a instanceof NDArray) {
    if (b instanceof NDArray) return promoteTypes(a.dtype, b.dtype);
    return typeof b === "boolean" ? a.dtype : promoteWithNumber(a.dtype, b);
  }
  if (b instanceof NDArray) return typeof a === "boolean" ? b.dtype : promoteWithNumber(b.dtype, a);
  const isInt = (v: number | boolean) => typeof v === "boolean" || Number.isInteger(v);
  return isInt(a) && isInt(b) ? "int32" : "float32";
}

function asArray(x: ArrayLike, dtype: DType): NDArray {
  return x instanceof NDArray ? x : scalar(Number(x), dtype);
}

export interface OutOptions {
  /**
   * Write the result into this array instead of a new one (NumPy's `out=`): it must be
   * contiguous, with the result's shape and dtype. `add(a, b, { out: a })` updates `a` in place.
   */
  out?: NDArray;
}

function checkOut(op: string, out: NDArray, shape: readonly number[], dtype: DType): void {
  if (!(out instanceof NDArray)) throw new ValueError(op, `out must be an NDArray, got ${typeof out}`);
  if (!shapesEqual(out.shape, shape)) {
    throw new ShapeError(op, `out has shape ${fmtShape(out.shape)}, the result has shape ${fmtShape(shape)}`);
  }
  if (out.dtype !== dtype) throw new DTypeError(op, `out has dtype ${out.dtype}, the result is ${dtype}`);
  if (!out.isContiguous) throw new ValueError(op, "out must be contiguous");
}

/** True when `x` shares storage with `out` other than as exactly the same elements. */
function overlaps(out: NDArray, x: NDArray): boolean {
  if (x.storage !== out.storage) return false;
  return !(x.offset === out.offset && shapesEqual(x.shape, out.shape) && shapesEqual(x.strides, out.strides));
}

function run(
  op: string,
  shape: readonly number[],
  dtype: DType,
  inputs: readonly NDArray[],
  out: NDArray | undefined,
  compute: (target?: NDArray) => NDArray,
): NDArray {
  if (out === undefined) return compute();
  checkOut(op, out, shape, dtype);
  if (!inputs.some((x) => overlaps(out, x))) return compute(out);
  getBackend().assign(out, compute()); // overlapping views: compute first, then write
  return out;
}

/** Validates operands and runs a binary op with the given result/compute dtypes. */
function binary(op: BinaryOp, a: ArrayLike, b: ArrayLike, outType: (t: DType) => DType, options?: OutOptions): NDArray {
  checkOperand(op, a);
  checkOperand(op, b);
  const common = resultType(a, b);
  const x = asArray(a, common);
  const y = asArray(b, common);
  const shape = broadcastShapes(op, x.shape, y.shape);
  const dtype = outType(common);
  return run(op, shape, dtype, [x, y], options?.out, (target) => getBackend().binary(op, x, y, shape, dtype, target));
}

function unary(op: UnaryOp, a: NDArray, outType: (t: DType) => DType, options?: OutOptions): NDArray {
  checkNDArray(op, a);
  const dtype = outType(a.dtype);
  return run(op, a.shape, dtype, [a], options?.out, (target) => getBackend().unary(op, a, dtype, target));
}

const same = (t: DType): DType => t;
const toBool = (): DType => "bool";

/**
 * `a + b` with broadcasting: `[2, 3] + [3] → [2, 3]`.
 * @example add(array([[1, 2], [3, 4]]), array([10, 20])) // [[11, 22], [13, 24]]
 * @throws ShapeError naming both shapes when they cannot be broadcast.
 */
export function add(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("add", a, b, arithmeticType, options);
}

/** `a − b` with broadcasting. */
export function sub(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("sub", a, b, arithmeticType, options);
}

/** `a · b` elementwise with broadcasting. */
export function mul(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("mul", a, b, arithmeticType, options);
}

/** `a / b` (true division: int32 operands give float32). `x / 0` is ±Infinity or NaN. */
export function div(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("div", a, b, floatType, options);
}

/**
 * `a ** b` elementwise. Integer arrays to negative integer powers throw, as in NumPy.
 * @throws ValueError for an int32 base with a negative int32 exponent.
 */
export function pow(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  const t = resultType(a, b);
  if (t === "int32" || t === "bool") {
    const negative = b instanceof NDArray ? (min(b).item() as number) < 0 : Number(b) < 0;
    if (negative) {
      throw new ValueError("pow", "integers to negative integer powers are not allowed; convert the base to float32");
    }
  }
  return binary("pow", a, b, arithmeticType, options);
}

/** Elementwise larger value; NaN wins (as `np.maximum`). */
export function maximum(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("maximum", a, b, same, options);
}

/** Elementwise smaller value; NaN wins (as `np.minimum`). */
export function minimum(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("minimum", a, b, same, options);
}

/** `a == b` → bool. NaN equals nothing. */
export function eq(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("eq", a, b, toBool, options);
}
/** `a != b` → bool. */
export function ne(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("ne", a, b, toBool, options);
}
/** `a < b` → bool. */
export function lt(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("lt", a, b, toBool, options);
}
/** `a <= b` → bool. */
export function le(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("le", a, b, toBool, options);
}
/** `a > b` → bool. */
export function gt(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("gt", a, b, toBool, options);
}
/** `a >= b` → bool. */
export function ge(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("ge", a, b, toBool, options);
}
/** Logical AND of truthiness (non-zero, NaN included) → bool. */
export function logicalAnd(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("logicalAnd", a, b, toBool, options);
}
/** Logical OR of truthiness → bool. */
export function logicalOr(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("logicalOr", a, b, toBool, options);
}
/** Logical NOT of truthiness → bool. */
export function logicalNot(a: NDArray, options?: OutOptions): NDArray {
  return unary("logicalNot", a, toBool, options);
}

/** `−a` (bool is read as int32). */
export function neg(a: NDArray, options?: OutOptions): NDArray {
  return unary("neg", a, arithmeticType, options);
}
/** `|a|`. */
export function abs(a: NDArray, options?: OutOptions): NDArray {
  return unary("abs", a, arithmeticType, options);
}
/** −1, 0 or 1 by sign (NaN stays NaN). */
export function sign(a: NDArray, options?: OutOptions): NDArray {
  return unary("sign", a, arithmeticType, options);
}
/** `a²`. */
export function square(a: NDArray, options?: OutOptions): NDArray {
  return unary("square", a, arithmeticType, options);
}
/** `eˣ`. */
export function exp(a: NDArray, options?: OutOptions): NDArray {
  return unary("exp", a, floatType, options);
}
/** Natural logarithm; `log(0) = −Infinity`, negative inputs give NaN. */
export function log(a: NDArray, options?: OutOptions): NDArray {
  return unary("log", a, floatType, options);
}
/** `log(1 + x)`, accurate for small x. */
export function log1p(a: NDArray, options?: OutOptions): NDArray {
  return unary("log1p", a, floatType, options);
}
/** `√x`; negative inputs give NaN. */
export function sqrt(a: NDArray, options?: OutOptions): NDArray {
  return unary("sqrt", a, floatType, options);
}
/** `sin x`. */
export function sin(a: NDArray, options?: OutOptions): NDArray {
  return unary("sin", a, floatType, options);
}
/** `cos x`. */
export function cos(a: NDArray, options?: OutOptions): NDArray {
  return unary("cos", a, floatType, options);
}
/** `tanh x`. */
export function tanh(a: NDArray, options?: OutOptions): NDArray {
  return unary("tanh", a, floatType, options);
}
/** `σ(x) = 1 / (1 + e⁻ˣ)`. */
export function sigmoid(a: NDArray, options?: OutOptions): NDArray {
  return unary("sigmoid", a, floatType, options);
}
/** `max(x, 0)`; NaN stays NaN. */
export function relu(a: NDArray, options?: OutOptions): NDArray {
  return unary("relu", a, arithmeticType, options);
}

/**
 * Limits values to `[min, max]` (either bound may be omitted): `minimum(maximum(a, min), max)`.
 * @throws ValueError when neither bound is given.
 */
export function clip(a: NDArray, min?: ArrayLike | null, max?: ArrayLike | null): NDArray {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new ValueError("clip", "give at least one of min and max");
  }
  let out = a;
  if (min !== undefined && min !== null) out = maximum(out, min);
  if (max !== undefined && max !== null) out = minimum(out, max);
  return out;
}

/**
 * `cond ? a : b` elementwise, broadcasting all three: `where(gt(x, 0), x, 0)`.
 * @throws ShapeError when the shapes cannot be broadcast together.
 */
export function where(cond: ArrayLike, a: ArrayLike, b: ArrayLike): NDArray {
  for (const x of [cond, a, b]) checkOperand("where", x);
  const dtype = resultType(a, b);
  const c = asArray(cond, "bool");
  const x = asArray(a, dtype);
  const y = asArray(b, dtype);
  const shape = broadcastShapes("where", broadcastShapes("where", c.shape, x.shape), y.shape);
  return getBackend().where(c, x, y, shape, dtype);
}
