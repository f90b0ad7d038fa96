/**
 * The NDArray bindings of the elementwise op table (`ops/table.ts`): NumPy broadcasting,
 * number operands as weak scalars, `out=`. Each op's dtype rule and expression live in
 * the table; the backend runs the expression.
 */
import { getBackend } from "../backends/registry.js";
import { broadcastShapes } from "../broadcast.js";
import { castScalar, type DType, promoteTypes, promoteWithNumber } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { input, type MapProgram } from "../expr/expr.js";
import { checkNDArray, NDArray } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { min } from "./reduce.js";
import { ELEMENTWISE, type ElementwiseName, type ElementwiseParams, resultDType } from "./table.js";

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

const programs = new Map<string, MapProgram>();

/** The map program of a table op with `params` (built once per op and parameters). */
export function programOf<Op extends ElementwiseName>(op: Op, params: ElementwiseParams[Op]): MapProgram {
  const key = params && Object.keys(params).length ? `${op}${JSON.stringify(params)}` : op;
  let program = programs.get(key);
  if (!program) {
    const def = ELEMENTWISE[op];
    const inputs = Array.from({ length: def.arity }, (_, k) => input(k));
    program = { arity: def.arity, outputs: [def.expr(inputs, params)] };
    programs.set(key, program);
  }
  return program;
}

/** The operands of table op `op` as arrays, with the dtype they promote to and the result's. */
export function prepareOperands(
  op: ElementwiseName,
  operands: readonly ArrayLike[],
): { arrays: NDArray[]; shape: number[]; common: DType; dtype: DType } {
  const def = ELEMENTWISE[op];
  if (operands.length !== def.arity) {
    throw new ValueError(op, `takes ${def.arity} operand(s), got ${operands.length}`);
  }
  for (const x of operands) checkOperand(op, x);
  const values = def.condition ? operands.slice(1) : operands;
  const [v0, v1] = values as [ArrayLike, ArrayLike | undefined];
  const commonType = v1 !== undefined ? resultType(v0, v1) : v0 instanceof NDArray ? v0.dtype : resultType(v0, v0);
  const arrays = operands.map((x, k) => asArray(x, def.condition && k === 0 ? "bool" : commonType));
  let shape: number[] = [...(arrays[0] as NDArray).shape];
  for (let k = 1; k < arrays.length; k++) shape = broadcastShapes(op, shape, (arrays[k] as NDArray).shape);
  return { arrays, shape, common: commonType, dtype: resultDType(def.dtype, commonType) };
}

/**
 * Runs table op `op` on its operands (broadcasting, numbers as weak scalars), into a new
 * array or `options.out`.
 */
export function elementwise<Op extends ElementwiseName>(
  op: Op,
  operands: readonly ArrayLike[],
  params: ElementwiseParams[Op],
  options?: OutOptions,
): NDArray {
  const { arrays, shape, common, dtype } = prepareOperands(op, operands);
  const program = programOf(op, params);
  // Comparisons compute in the operands' dtype; everything else in the result's.
  const compute = dtype === "bool" ? common : dtype;
  return run(op, shape, dtype, arrays, options?.out, (target) => {
    const [out] = getBackend().map(program, arrays, shape, compute, [dtype], target ? [target] : undefined);
    return out as NDArray;
  });
}

/** Validates operands and runs a binary table op. */
function binary(op: ElementwiseName, a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return elementwise(op, [a, b], {} as never, options);
}

function unary(op: ElementwiseName, a: NDArray, options?: OutOptions): NDArray {
  checkNDArray(op, a);
  return elementwise(op, [a], {} as never, options);
}

/**
 * `a + b` with broadcasting: `[2, 3] + [3] → [2, 3]`.
 * @example add(array([[1, 2], [3, 4]]), array([10, 20])) // [[11, 22], [13, 24]]
 * @throws ShapeError naming both shapes when they cannot be broadcast.
 */
export function add(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("add", a, b, options);
}

/** `a − b` with broadcasting. */
export function sub(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("sub", a, b, options);
}

/** `a · b` elementwise with broadcasting. */
export function mul(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("mul", a, b, options);
}

/** `a / b` (true division: int32 operands give float32). `x / 0` is ±Infinity or NaN. */
export function div(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("div", a, b, options);
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
  return binary("pow", a, b, options);
}

/** Elementwise larger value; NaN wins (as `np.maximum`). */
export function maximum(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("maximum", a, b, options);
}

/** Elementwise smaller value; NaN wins (as `np.minimum`). */
export function minimum(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("minimum", a, b, options);
}

/** `a == b` → bool. NaN equals nothing. */
export function eq(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("eq", a, b, options);
}
/** `a != b` → bool. */
export function ne(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("ne", a, b, options);
}
/** `a < b` → bool. */
export function lt(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("lt", a, b, options);
}
/** `a <= b` → bool. */
export function le(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("le", a, b, options);
}
/** `a > b` → bool. */
export function gt(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("gt", a, b, options);
}
/** `a >= b` → bool. */
export function ge(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("ge", a, b, options);
}
/** Logical AND of truthiness (non-zero, NaN included) → bool. */
export function logicalAnd(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("logicalAnd", a, b, options);
}
/** Logical OR of truthiness → bool. */
export function logicalOr(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("logicalOr", a, b, options);
}
/** Logical NOT of truthiness → bool. */
export function logicalNot(a: NDArray, options?: OutOptions): NDArray {
  return unary("logicalNot", a, options);
}

/** `−a` (bool is read as int32). */
export function neg(a: NDArray, options?: OutOptions): NDArray {
  return unary("neg", a, options);
}
/** `|a|`. */
export function abs(a: NDArray, options?: OutOptions): NDArray {
  return unary("abs", a, options);
}
/** −1, 0 or 1 by sign (NaN stays NaN). */
export function sign(a: NDArray, options?: OutOptions): NDArray {
  return unary("sign", a, options);
}
/** `a²`. */
export function square(a: NDArray, options?: OutOptions): NDArray {
  return unary("square", a, options);
}
/** `eˣ`. */
export function exp(a: NDArray, options?: OutOptions): NDArray {
  return unary("exp", a, options);
}
/** Natural logarithm; `log(0) = −Infinity`, negative inputs give NaN. */
export function log(a: NDArray, options?: OutOptions): NDArray {
  return unary("log", a, options);
}
/** `log(1 + x)`, accurate for small x. */
export function log1p(a: NDArray, options?: OutOptions): NDArray {
  return unary("log1p", a, options);
}
/** `√x`; negative inputs give NaN. */
export function sqrt(a: NDArray, options?: OutOptions): NDArray {
  return unary("sqrt", a, options);
}
/** `sin x`. */
export function sin(a: NDArray, options?: OutOptions): NDArray {
  return unary("sin", a, options);
}
/** `cos x`. */
export function cos(a: NDArray, options?: OutOptions): NDArray {
  return unary("cos", a, options);
}
/** `tanh x`. */
export function tanh(a: NDArray, options?: OutOptions): NDArray {
  return unary("tanh", a, options);
}
/** `σ(x) = 1 / (1 + e⁻ˣ)`. */
export function sigmoid(a: NDArray, options?: OutOptions): NDArray {
  return unary("sigmoid", a, options);
}
/** `max(x, 0)`; NaN stays NaN. */
export function relu(a: NDArray, options?: OutOptions): NDArray {
  return unary("relu", a, options);
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
  return elementwise("where", [cond, a, b], {});
}

/**
 * The error function `erf x = 2/√π ∫₀ˣ e^(−t²) dt` (float64 to about 1e-15).
 * @example erf(array([0, 1])) // [0, 0.8427008]
 */
export function erf(a: NDArray, options?: OutOptions): NDArray {
  return unary("erf", a, options);
}

/**
 * `softplus(x) = log(1 + eˣ)`, computed as `max(x, 0) + log(1 + e^(−|x|))` so that it is
 * finite for every finite x (softplus(100) = 100, softplus(−100) = 3.7e-44).
 */
export function softplus(a: NDArray, options?: OutOptions): NDArray {
  return unary("softplus", a, options);
}

export interface GeluOptions extends OutOptions {
  /** `"none"` (default): `x·Φ(x)` with the exact erf; `"tanh"`: PyTorch's tanh approximation. */
  approximate?: "none" | "tanh";
}

/**
 * GELU, `x·Φ(x) = ½x(1 + erf(x/√2))`, or with `approximate: "tanh"`
 * `½x(1 + tanh(√(2/π)(x + 0.044715x³)))` (as `torch.nn.functional.gelu`).
 * @throws ValueError for another `approximate`.
 */
export function gelu(a: NDArray, options: GeluOptions = {}): NDArray {
  const approximate = options.approximate ?? "none";
  if (approximate !== "none" && approximate !== "tanh") {
    throw new ValueError("gelu", `approximate must be "none" or "tanh", got ${JSON.stringify(approximate)}`);
  }
  checkNDArray("gelu", a);
  return elementwise("gelu", [a], { approximate }, options);
}

/** `log(eᵃ + eᵇ)` without overflow (as `np.logaddexp`): `max(a, b) + log(1 + e^(−|a − b|))`. */
export function logaddexp(a: ArrayLike, b: ArrayLike, options?: OutOptions): NDArray {
  return binary("logaddexp", a, b, options);
}
