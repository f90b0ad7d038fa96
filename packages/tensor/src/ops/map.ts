/**
 * Fused elementwise computations written by the caller: `map((x, y) => E.add(E.mul(x, 2), y), [a, b])`
 * computes `2a + b` in one pass, with one result array and the rounding of the op-by-op
 * form. Expressions are built with `E` from the scalar primitives (`expr/expr.ts`); the
 * backend compiles each distinct expression once.
 */
import { getBackend } from "../backends/registry.js";
import { broadcastShapes } from "../broadcast.js";
import { checkDType, type DType } from "../dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "../errors.js";
import { type Expr, input, type MapProgram } from "../expr/expr.js";
import { NDArray } from "../ndarray.js";
import { shapesEqual } from "../shape.js";
import { type ArrayLike, resultType, scalar } from "./elementwise.js";

export interface MapOptions {
  /**
   * Results into these arrays (contiguous, of the broadcast shape and `dtype`); each either
   * exactly one of the operands (an in-place update) or not overlapping any.
   */
  out?: readonly NDArray[];
  /** The dtype computed in and stored (default: the operands' common dtype). */
  dtype?: DType;
}

const cache = new WeakMap<object, MapProgram>();

function programFor(fn: (...x: Expr[]) => Expr | readonly Expr[], arity: number): MapProgram {
  let program = cache.get(fn);
  if (!program || program.arity !== arity) {
    const built = fn(...Array.from({ length: arity }, (_, k) => input(k)));
    const outputs = Array.isArray(built) ? [...(built as readonly Expr[])] : [built as Expr];
    if (outputs.length === 0) throw new ValueError("map", "the function returned no expression");
    for (const e of outputs) {
      if (!e || typeof e !== "object" || !("kind" in e)) {
        throw new ValueError("map", `the function must return expressions built with E, got ${typeof e}`);
      }
    }
    program = { arity, outputs };
    cache.set(fn, program);
  }
  return program;
}

/**
 * Runs `fn`'s expressions over `operands` (broadcast together; numbers are weak scalars)
 * and returns one array per expression.
 * @example mapMany((m, g) => [E.add(E.mul(m, 0.9), g), E.mul(g, g)], [m, g])
 * @throws ValueError for a bad function or `out`; ShapeError when shapes do not broadcast or
 *   `out` has another shape; DTypeError when `out` has another dtype.
 */
export function mapMany(
  fn: (...x: Expr[]) => Expr | readonly Expr[],
  operands: readonly ArrayLike[],
  options: MapOptions = {},
): NDArray[] {
  const op = "map";
  if (typeof fn !== "function") throw new ValueError(op, `fn must be a function, got ${typeof fn}`);
  if (!Array.isArray(operands)) throw new ValueError(op, `operands must be an array, got ${typeof operands}`);
  for (const x of operands) {
    if (!(x instanceof NDArray) && typeof x !== "number" && typeof x !== "boolean") {
      throw new ValueError(
        op,
        `operand must be an NDArray, a number or a boolean, got ${x === null ? "null" : typeof x}`,
      );
    }
  }
  return mapProgram(programFor(fn, operands.length), operands, options);
}

/**
 * Runs a prepared program (what `mapMany` builds from its function) over `operands`.
 * @throws as `mapMany`.
 */
export function mapProgram(program: MapProgram, operands: readonly ArrayLike[], options: MapOptions = {}): NDArray[] {
  const op = "map";
  if (program.arity !== operands.length) {
    throw new ValueError(op, `the program reads ${program.arity} operand(s), got ${operands.length}`);
  }
  let dtype: DType;
  if (options.dtype !== undefined) dtype = checkDType(op, options.dtype);
  else if (operands.length === 0) dtype = "float32";
  else dtype = operands.slice(1).reduce<DType>((t, x) => resultType(scalarOf(t), x), dtypeOf(operands[0] as ArrayLike));
  const arrays = operands.map((x) => (x instanceof NDArray ? x : scalar(Number(x), dtype)));
  let shape: number[] = [];
  for (const x of arrays) shape = broadcastShapes(op, shape, x.shape);
  const outs = options.out;
  if (outs !== undefined) {
    if (!Array.isArray(outs) || outs.length !== program.outputs.length) {
      throw new ValueError(
        op,
        `out must list ${program.outputs.length} array(s), got ${Array.isArray(outs) ? outs.length : typeof outs}`,
      );
    }
    for (const o of outs) {
      if (!(o instanceof NDArray)) throw new ValueError(op, `out must hold NDArrays, got ${typeof o}`);
      if (!shapesEqual(o.shape, shape)) {
        throw new ShapeError(op, `out has shape ${fmtShape(o.shape)}, the result has shape ${fmtShape(shape)}`);
      }
      if (o.dtype !== dtype) throw new DTypeError(op, `out has dtype ${o.dtype}, the result is ${dtype}`);
      if (!o.isContiguous) throw new ValueError(op, "out must be contiguous");
      for (const x of arrays) {
        const same = x.offset === o.offset && shapesEqual(x.shape, o.shape) && shapesEqual(x.strides, o.strides);
        if (x.storage === o.storage && !same) throw new ValueError(op, "out overlaps an operand other than exactly");
      }
    }
  }
  const types = program.outputs.map(() => dtype);
  const [canonical, ordered] = canonicalOrder(program, arrays);
  return getBackend().map(canonical, ordered, shape, dtype, types, outs);
}

/**
 * One primitive over distinct operands in another order (a gradient's `g · b`) runs as that
 * primitive over its operands in order, which backends have hand-written kernels for.
 */
function canonicalOrder(program: MapProgram, arrays: readonly NDArray[]): [MapProgram, readonly NDArray[]] {
  if (program.outputs.length !== 1) return [program, arrays];
  const e = program.outputs[0] as Expr;
  if (e.kind !== "prim" || !e.args.every((a) => a.kind === "input")) return [program, arrays];
  const order = e.args.map((a) => (a as { index: number }).index);
  if (new Set(order).size !== order.length) return [program, arrays];
  if (order.every((k, i) => k === i) && order.length === program.arity) return [program, arrays];
  const canonical: MapProgram = {
    arity: order.length,
    outputs: [{ kind: "prim", prim: e.prim, args: order.map((_, i) => input(i)) }],
  };
  return [canonical, order.map((k) => arrays[k] as NDArray)];
}

/** `mapMany` for one expression: the one result array. */
export function map(fn: (...x: Expr[]) => Expr, operands: readonly ArrayLike[], options: MapOptions = {}): NDArray {
  return mapMany(fn, operands, options)[0] as NDArray;
}

function dtypeOf(x: ArrayLike): DType {
  return x instanceof NDArray ? x.dtype : resultType(x, x);
}

/** A stand-in operand of `dtype` for folding `resultType` over arrays and numbers. */
function scalarOf(dtype: DType): NDArray {
  return new NDArray(getBackend().alloc(dtype, 0), [0]);
}
