/**
 * The differentiable ops users call. Each runs its rule's forward and, when recording is
 * on and an operand requires a gradient, records a graph node with the operands in order.
 * Derived ops (`mean`, `softmax`, `logSoftmax`, `stack`, `split`, `variance`) are
 * compositions of recorded ops and need no rule of their own.
 */
import * as nd from "@sinapse/tensor";
import { fmtShape, type Index, NDArray, type ReduceOptions, ShapeError, ValueError } from "@sinapse/tensor";
import { AnomalyError } from "./errors.js";
import { isAnomalyEnabled, isGradEnabled } from "./graph.js";
import { type OpName, type OpParams, type Rule, rules } from "./rules.js";
import { Tensor, type TensorLike } from "./tensor.js";

/** Wraps constants (NDArrays, numbers) as tensors that do not require grad. */
export function asTensor(op: string, x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (x instanceof NDArray) return new Tensor(x);
  if (typeof x === "number") return new Tensor(nd.full([], x));
  throw new ValueError(op, `operand must be a Tensor, an NDArray or a number, got ${x === null ? "null" : typeof x}`);
}

/** True when a float array holds a NaN or ±Infinity. */
export function hasNonFinite(a: NDArray): boolean {
  if (a.dtype !== "float32" && a.dtype !== "float64") return false;
  const values = a.dataSync();
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return true;
  return false;
}

/**
 * Numbers are weak operands (as in @sinapse/tensor): they take the dtype of the other
 * operands, so `mul(float64Tensor, 0.1)` multiplies by the float64 0.1, not its float32 rounding.
 */
function numberDType(operands: readonly TensorLike[], value: number): nd.DType {
  const dtypes = operands
    .filter((x) => typeof x !== "number")
    .map((x) => (x instanceof Tensor ? x.dtype : (x as NDArray).dtype));
  return dtypes.length ? nd.promoteWithNumber(dtypes.reduce(nd.promoteTypes), value) : "float32";
}

/** Runs `op`'s rule forward and records a node when a gradient will be needed. */
export function apply<Op extends OpName>(op: Op, operands: readonly TensorLike[], params: OpParams[Op]): Tensor {
  const inputs = operands.map((x) =>
    typeof x === "number" ? new Tensor(nd.full([], x, { dtype: numberDType(operands, x) })) : asTensor(op, x),
  );
  const rule: Rule<Op> = rules[op];
  const value = rule.forward(
    inputs.map((t) => t.value),
    params,
  );
  if (isAnomalyEnabled() && hasNonFinite(value) && !inputs.some((t) => hasNonFinite(t.value))) {
    throw new AnomalyError(
      op,
      `forward produced NaN or Infinity from finite inputs of shapes ${inputs.map((t) => fmtShape(t.shape)).join(", ")} (output shape ${fmtShape(value.shape)})`,
    );
  }
  const record = isGradEnabled() && inputs.some((t) => t.requiresGrad);
  const out = new Tensor(value, {}, record ? { op, inputs, params, freed: false } : null);
  if (record) out.requiresGrad_(true);
  return out;
}

/** Sorted, distinct, non-negative reduction axes (all when omitted). */
function axesOf(op: string, x: Tensor, axis: ReduceOptions["axis"]): number[] {
  const ndim = x.ndim;
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const axes = list.map((a) => {
    if (!Number.isInteger(a) || a < -ndim || a >= ndim) {
      throw new ValueError(op, `axis ${a} is out of bounds for an array of ${ndim} dimensions`);
    }
    return a < 0 ? a + ndim : a;
  });
  if (new Set(axes).size !== axes.length) throw new ValueError(op, `repeated axis in [${list.join(",")}]`);
  return axes.sort((a, b) => a - b);
}

function reduction(
  op: "sum" | "prod" | "max" | "min" | "logsumexp",
  a: TensorLike,
  options: ReduceOptions = {},
): Tensor {
  const x = asTensor(op, a);
  return apply(op, [x], { axes: axesOf(op, x, options.axis), keepdims: options.keepdims ?? false });
}

/** `a + b` with broadcasting. */
export const add = (a: TensorLike, b: TensorLike): Tensor => apply("add", [a, b], {});
/** `a − b` with broadcasting. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => apply("sub", [a, b], {});
/** `a · b` elementwise with broadcasting. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => apply("mul", [a, b], {});
/** `a / b` elementwise with broadcasting. */
export const div = (a: TensorLike, b: TensorLike): Tensor => apply("div", [a, b], {});
/** `a ** b` elementwise with broadcasting. */
export const pow = (a: TensorLike, b: TensorLike): Tensor => apply("pow", [a, b], {});
/** Elementwise larger value (ties split the gradient). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => apply("maximum", [a, b], {});
/** Elementwise smaller value (ties split the gradient). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => apply("minimum", [a, b], {});
export const neg = (a: TensorLike): Tensor => apply("neg", [a], {});
export const abs = (a: TensorLike): Tensor => apply("abs", [a], {});
export const sign = (a: TensorLike): Tensor => apply("sign", [a], {});
export const exp = (a: TensorLike): Tensor => apply("exp", [a], {});
export const log = (a: TensorLike): Tensor => apply("log", [a], {});
export const log1p = (a: TensorLike): Tensor => apply("log1p", [a], {});
export const sqrt = (a: TensorLike): Tensor => apply("sqrt", [a], {});
export const square = (a: TensorLike): Tensor => apply("square", [a], {});
export const sin = (a: TensorLike): Tensor => apply("sin", [a], {});
export const cos = (a: TensorLike): Tensor => apply("cos", [a], {});
export const tanh = (a: TensorLike): Tensor => apply("tanh", [a], {});
export const sigmoid = (a: TensorLike): Tensor => apply("sigmoid", [a], {});
export const relu = (a: TensorLike): Tensor => apply("relu", [a], {});
/** The error function; ∂erf x = 2/√π · e^(−x²). */
export const erf = (a: TensorLike): Tensor => apply("erf", [a], {});
/** `log(1 + eˣ)`, stable for any x; ∂ = σ(x). */
export const softplus = (a: TensorLike): Tensor => apply("softplus", [a], {});
/** `log(eᵃ + eᵇ)` without overflow; ∂ = the operands' softmax weights. */
export const logaddexp = (a: TensorLike, b: TensorLike): Tensor => apply("logaddexp", [a, b], {});

/**
 * GELU, `x·Φ(x)` (`approximate: "none"`, the default) or PyTorch's tanh form.
 * @throws ValueError for another `approximate`.
 */
export function gelu(a: TensorLike, options: { approximate?: "none" | "tanh" } = {}): Tensor {
  const approximate = options.approximate ?? "none";
  if (approximate !== "none" && approximate !== "tanh") {
    throw new ValueError("gelu", `approximate must be "none" or "tanh", got ${JSON.stringify(approximate)}`);
  }
  return apply("gelu", [a], { approximate });
}

/**
 * Runs an elementwise program over tensors (broadcast together) as one fused op; its
 * gradient is derived from the program's expression. See `map` for building programs.
 * @throws ValueError unless the program has one output and reads `operands.length` operands.
 */
export function mapTensors(program: nd.MapProgram, operands: readonly TensorLike[]): Tensor {
  if (program.outputs.length !== 1 || program.arity !== operands.length) {
    throw new ValueError(
      "map",
      `a differentiable program has one output and reads every operand, got ${program.outputs.length} output(s) for ${program.arity} of ${operands.length} operands`,
    );
  }
  return apply("map", operands, { program });
}

const mapPrograms = new WeakMap<object, nd.MapProgram>();

/**
 * A fused elementwise computation over tensors: `map((x, y) => E.add(E.mul(x, 2), y), [a, b])`,
 * one pass forward, its gradient derived from the expression (`E` from @sinapse/tensor).
 */
export function map(fn: (...x: nd.Expr[]) => nd.Expr, operands: readonly TensorLike[]): Tensor {
  if (typeof fn !== "function") throw new ValueError("map", `fn must be a function, got ${typeof fn}`);
  let program = mapPrograms.get(fn);
  if (!program || program.arity !== operands.length) {
    program = { arity: operands.length, outputs: [fn(...operands.map((_, k) => nd.input(k)))] };
    mapPrograms.set(fn, program);
  }
  return mapTensors(program, operands);
}

/** Limits values to `[min, max]`; the gradient passes where `min ≤ x ≤ max`. */
export function clip(a: TensorLike, min?: number | null, max?: number | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new ValueError("clip", "give at least one of min and max");
  }
  return apply("clip", [a], { min: min ?? null, max: max ?? null });
}

/** `cond ? a : b` elementwise; `cond` is a constant (bool NDArray or tensor). */
export function where(cond: NDArray | Tensor, a: TensorLike, b: TensorLike): Tensor {
  const c = cond instanceof Tensor ? cond.detach() : asTensor("where", cond);
  return apply("where", [c, a, b], {});
}

/** Σ over `axis` (all by default). */
export const sum = (a: TensorLike, options?: ReduceOptions): Tensor => reduction("sum", a, options);
/** Π over `axis` (all by default). */
export const prod = (a: TensorLike, options?: ReduceOptions): Tensor => reduction("prod", a, options);
/** Largest value over `axis`; ties share the gradient evenly. */
export const max = (a: TensorLike, options?: ReduceOptions): Tensor => reduction("max", a, options);
/** Smallest value over `axis`; ties share the gradient evenly. */
export const min = (a: TensorLike, options?: ReduceOptions): Tensor => reduction("min", a, options);
/** `log Σ exp(x)` over `axis`, computed stably. */
export const logsumexp = (a: TensorLike, options?: ReduceOptions): Tensor => reduction("logsumexp", a, options);

/**
 * Picks one element per position along `axis` (PyTorch's `gather`, NumPy's
 * `take_along_axis`): `out[i, j] = a[i, indices[i, j]]` for `axis = 1`; the gradient is
 * scattered back, repeats accumulating. Derived: a `take` of the flattened tensor.
 * @throws as `takeAlongAxis` in @sinapse/tensor.
 */
export function gather(a: TensorLike, indices: NDArray, axis: number): Tensor {
  const x = asTensor("gather", a);
  const positions = nd.alongAxisPositions(x.shape, indices, axis);
  const flat = take(reshape(x, [x.size]), nd.array(Array.from(positions), { dtype: "int32" }), 0);
  return reshape(flat, indices.shape);
}

/** `a` with axes `i` and `j` exchanged: derived, a `transpose`. */
export function swapAxes(a: TensorLike, i: number, j: number): Tensor {
  const x = asTensor("swapAxes", a);
  const check = (axis: number) => {
    if (!Number.isInteger(axis) || axis < -x.ndim || axis >= x.ndim) {
      throw new ValueError("swapAxes", `axis ${axis} is out of bounds for a tensor of ${x.ndim} dimensions`);
    }
    return axis < 0 ? axis + x.ndim : axis;
  };
  const [p, q] = [check(i), check(j)];
  const axes = x.shape.map((_, k) => (k === p ? q : k === q ? p : k));
  return transpose(x, axes);
}

/** Σx / n over `axis`: derived, `sum(x) / n`. */
export function mean(a: TensorLike, options: ReduceOptions = {}): Tensor {
  const x = asTensor("mean", a);
  const axes = axesOf("mean", x, options.axis);
  const n = axes.reduce((acc, ax) => acc * (x.shape[ax] as number), 1);
  return div(sum(x, { axis: axes, keepdims: options.keepdims }), n);
}

/** Σ(x − mean)² / (n − ddof) over `axis`: derived. */
export function variance(a: TensorLike, options: ReduceOptions & { ddof?: number } = {}): Tensor {
  const x = asTensor("variance", a);
  const axes = axesOf("variance", x, options.axis);
  const n = axes.reduce((acc, ax) => acc * (x.shape[ax] as number), 1);
  const centred = sub(x, mean(x, { axis: axes, keepdims: true }));
  return div(sum(mul(centred, centred), { axis: axes, keepdims: options.keepdims }), n - (options.ddof ?? 0));
}

function softmaxAxis(op: string, x: Tensor, axis: number): number {
  if (x.ndim === 0) throw new ValueError(op, "needs at least one dimension, got a 0-d tensor");
  if (!Number.isInteger(axis) || axis < -x.ndim || axis >= x.ndim) {
    throw new ValueError(op, `axis ${axis} is out of bounds for a tensor of ${x.ndim} dimensions`);
  }
  return axis < 0 ? axis + x.ndim : axis;
}

/**
 * `softmax(x) = e^(x − max x) / Σ e^(x − max x)` along `axis` (last by default), shifted by
 * the max as PyTorch does; ∂L/∂x = y·(g − Σ g·y).
 */
export function softmax(a: TensorLike, axis = -1): Tensor {
  const x = asTensor("softmax", a);
  return apply("softmax", [x], { axis: softmaxAxis("softmax", x, axis) });
}

/** `log softmax(x) = (x − max) − log Σ e^(x − max)` along `axis` (last by default). */
export function logSoftmax(a: TensorLike, axis = -1): Tensor {
  const x = asTensor("logSoftmax", a);
  return apply("logSoftmax", [x], { axis: softmaxAxis("logSoftmax", x, axis) });
}

/**
 * The logistic loss of `logits` against `targets` in [0, 1] (PyTorch's
 * `binary_cross_entropy_with_logits`): per element `max(z, 0) − z·t + log(1 + e^(−|z|))`,
 * finite for any logit; averaged (`reduction: "mean"`, the default), summed, or kept (`"none"`).
 * @throws ShapeError when the shapes differ; ValueError for another reduction.
 */
export function binaryCrossEntropyWithLogits(
  logits: TensorLike,
  targets: TensorLike,
  options: { reduction?: "mean" | "sum" | "none" } = {},
): Tensor {
  const op = "binaryCrossEntropyWithLogits";
  const z = asTensor(op, logits);
  const t = asTensor(op, targets);
  if (!nd.shapesEqual(z.shape, t.shape)) {
    throw new ShapeError(
      op,
      `logits and targets must have one shape, got ${fmtShape(z.shape)} and ${fmtShape(t.shape)}`,
    );
  }
  const reduction = options.reduction ?? "mean";
  if (reduction !== "mean" && reduction !== "sum" && reduction !== "none") {
    throw new ValueError(op, `reduction must be "mean", "sum" or "none", got ${JSON.stringify(reduction)}`);
  }
  const losses = apply(op, [z, t], {});
  return reduction === "none" ? losses : reduction === "sum" ? sum(losses) : mean(losses);
}

/**
 * Mean cross-entropy of `softmax(logits)` against `targets` (int32 class indices `[N]` or
 * one-hot rows `[N, C]`), fused: the gradient is `(softmax − onehot) / N`.
 * @throws ShapeError when logits are not `[N, C]` or targets do not match.
 */
export function softmaxCrossEntropy(logits: TensorLike, targets: NDArray): Tensor {
  const z = asTensor("softmaxCrossEntropy", logits);
  if (z.ndim !== 2)
    throw new ShapeError("softmaxCrossEntropy", `logits must be [batch, classes], got ${fmtShape(z.shape)}`);
  if (!(targets instanceof NDArray)) {
    const given: unknown = targets;
    const kind =
      given instanceof Tensor ? "a Tensor (pass its .value)" : Array.isArray(given) ? "a plain list" : typeof given;
    throw new ValueError(
      "softmaxCrossEntropy",
      `targets must be an NDArray of class indices or one-hot rows, got ${kind}`,
    );
  }
  const fits =
    targets instanceof NDArray &&
    (targets.dtype === "int32"
      ? targets.ndim === 1 && targets.shape[0] === z.shape[0]
      : nd.shapesEqual(targets.shape, z.shape));
  if (!fits) {
    throw new ShapeError(
      "softmaxCrossEntropy",
      `targets must be int32 [${z.shape[0]}] or one-hot [${z.shape.join(",")}], got ${targets instanceof NDArray ? `${targets.dtype} ${fmtShape(targets.shape)}` : typeof targets}`,
    );
  }
  return apply("softmaxCrossEntropy", [z], { targets });
}

/** Matrix product with NumPy's `@` rules (1-D operands, broadcast batches). */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor("matmul", a);
  const y = asTensor("matmul", b);
  if (x.ndim === 0 || y.ndim === 0) {
    throw new ShapeError(
      "matmul",
      `operands must have at least 1 dimension, got ${fmtShape(x.shape)} @ ${fmtShape(y.shape)}`,
    );
  }
  if (x.ndim >= 2 && y.ndim >= 2) return apply("matmul", [x, y], {});
  // 1-D operands: a row or a column, dropped again afterwards (view ops carry the gradient).
  const left = x.ndim === 1 ? expandDims(x, 0) : x;
  const right = y.ndim === 1 ? expandDims(y, 1) : y;
  let out = apply("matmul", [left, right], {});
  if (x.ndim === 1) out = squeeze(out, out.ndim - 2);
  if (y.ndim === 1) out = squeeze(out, out.ndim - 1);
  return out;
}

/** The same elements in a new shape (one `-1` allowed). */
export function reshape(a: TensorLike, shape: readonly number[]): Tensor {
  const x = asTensor("reshape", a);
  const target = resolveShape(x, shape);
  return apply("reshape", [x], { shape: [...target] });
}

/** All elements as one axis. */
export const flatten = (a: TensorLike): Tensor => reshape(a, [-1]);

/** Permuted axes (reversed by default). */
export function transpose(a: TensorLike, axes?: readonly number[]): Tensor {
  const x = asTensor("transpose", a);
  const perm =
    axes === undefined
      ? x.shape.map((_, i) => x.ndim - 1 - i)
      : axes.map((ax) => nd.normalizeAxis("transpose", ax, x.ndim));
  nd.transpose(x.value, perm); // validates
  return apply("transpose", [x], { axes: perm });
}

/** A NumPy-style slice, e.g. `slice(x, ":, 1:")`. */
export function slice(a: TensorLike, index: Index): Tensor {
  return apply("slice", [a], { index });
}

/** Zeros of `shape` with `a` written at `index` (slice's gradient). */
export function unslice(a: TensorLike, shape: readonly number[], index: Index): Tensor {
  return apply("unslice", [a], { shape: [...shape], index });
}

/** A view broadcast to `shape`. */
export function broadcastTo(a: TensorLike, shape: readonly number[]): Tensor {
  const x = asTensor("broadcastTo", a);
  if (nd.shapesEqual(x.shape, shape)) return x;
  return apply("broadcastTo", [x], { shape: [...shape] });
}

/** A new size-1 axis at `axis`. */
export function expandDims(a: TensorLike, axis: number): Tensor {
  return apply("expandDims", [a], { axis });
}

/** Drops size-1 axes (all, or those in `axis`). */
export function squeeze(a: TensorLike, axis?: number | readonly number[]): Tensor {
  const x = asTensor("squeeze", a);
  const axes =
    axis === undefined
      ? x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)
      : (typeof axis === "number" ? [axis] : [...axis]).map((ax) => nd.normalizeAxis("squeeze", ax, x.ndim));
  nd.squeeze(x.value, axes); // validates
  return apply("squeeze", [x], { axes });
}

/** Joins along an existing axis. */
export function concat(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError("concat", "needs a non-empty list of tensors");
  const first = asTensor("concat", tensors[0] as TensorLike);
  const ax = nd.normalizeAxis("concat", axis, Math.max(1, first.ndim));
  return apply("concat", tensors, { axis: ax });
}

/** Joins along a new axis: derived, `concat` of `expandDims`. */
export function stack(tensors: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0)
    throw new ValueError("stack", "needs a non-empty list of tensors");
  const first = asTensor("stack", tensors[0] as TensorLike);
  const ax = nd.normalizeAxis("stack", axis, first.ndim + 1);
  return concat(
    tensors.map((t) => expandDims(t, ax)),
    ax,
  );
}

/** Splits into `sections` equal parts, or at indices, along `axis`: derived, slices. */
export function split(a: TensorLike, sections: number | readonly number[], axis = 0): Tensor[] {
  const x = asTensor("split", a);
  const ax = nd.normalizeAxis("split", axis, x.ndim);
  const parts = nd.split(x.value, sections, ax); // views: validates and finds the bounds
  let start = 0;
  return parts.map((part) => {
    const len = part.shape[ax] as number;
    const index = [...new Array<null>(ax).fill(null), { start, stop: start + len }];
    start += len;
    return slice(x, index);
  });
}

/** Gathers along `axis` at int32 `indices` (repeats accumulate in the gradient). */
export function take(a: TensorLike, indices: NDArray | readonly number[], axis = 0): Tensor {
  const x = asTensor("take", a);
  const ax = nd.normalizeAxis("take", axis, x.ndim);
  const idx = checkedIndices("take", indices, x.shape[ax] as number, ax);
  return apply("take", [x], { indices: idx, axis: ax });
}

/** Zeros of `shape` with `a`'s slices added at `indices` along `axis` (take's gradient). */
export function untake(a: TensorLike, shape: readonly number[], indices: NDArray, axis: number): Tensor {
  return apply("untake", [a], { shape: [...shape], indices, axis });
}

/** √variance over `axis`: derived. */
export function std(a: TensorLike, options: ReduceOptions & { ddof?: number } = {}): Tensor {
  return sqrt(variance(a, options));
}

/** `transpose` with the axes as arguments (PyTorch's `permute`). */
export function permute(a: TensorLike, ...axes: number[]): Tensor {
  return transpose(a, axes);
}

/** Outer product of the flattened operands: derived, `[m,1] · [1,n]`. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  return mul(reshape(a, [-1, 1]), reshape(b, [1, -1]));
}

/**
 * Repeats the whole tensor `reps` times along each axis (as `np.tile`): derived, a
 * broadcast of an interleaved reshape, so the gradient sums the copies.
 */
export function tile(a: TensorLike, reps: number | readonly number[]): Tensor {
  const x = asTensor("tile", a);
  const list = typeof reps === "number" ? [reps] : [...reps];
  if (list.some((r) => !Number.isSafeInteger(r) || r < 0)) {
    throw new ValueError("tile", `reps must be non-negative integers, got [${list.join(",")}]`);
  }
  const ndim = Math.max(x.ndim, list.length);
  const shape = [...new Array<number>(ndim - x.ndim).fill(1), ...x.shape];
  const r = [...new Array<number>(ndim - list.length).fill(1), ...list];
  const expanded = broadcastTo(
    reshape(
      x,
      shape.flatMap((d) => [1, d]),
    ),
    shape.flatMap((d, i) => [r[i] as number, d]),
  );
  return reshape(
    expanded,
    shape.map((d, i) => d * (r[i] as number)),
  );
}

/** Repeats each element `repeats` times along `axis` (flattened when omitted): derived, a `take`. */
export function repeat(a: TensorLike, repeats: number | readonly number[], axis?: number): Tensor {
  const x = asTensor("repeat", a);
  const source = axis === undefined ? flatten(x) : x;
  const ax = axis === undefined ? 0 : nd.normalizeAxis("repeat", axis, x.ndim);
  const positions = nd.repeat(nd.arange(source.shape[ax] as number), repeats); // validates counts
  return take(source, positions, ax);
}

/**
 * `indices` as an int32 NDArray, each checked to lie in `[-len, len)` before any
 * conversion (so 2 ** 32 is out of bounds, not wrapped to 0) and without gathering.
 */
function checkedIndices(op: string, indices: NDArray | readonly number[], len: number, axis: number): NDArray {
  const outOfBounds = (j: number) => new nd.IndexError(op, `index ${j} out of bounds for axis ${axis} of size ${len}`);
  if (indices instanceof NDArray) {
    if (indices.dtype !== "int32") throw new nd.DTypeError(op, `indices must be int32, got ${indices.dtype}`);
    if (indices.size > 0) {
      for (const j of [nd.min(indices).item() as number, nd.max(indices).item() as number]) {
        if (j < -len || j >= len) throw outOfBounds(j);
      }
    }
    return indices;
  }
  if (!Array.isArray(indices) || indices.some((i) => !Number.isInteger(i))) {
    throw new nd.DTypeError(op, "indices must be an int32 NDArray or a list of integers");
  }
  const bad = indices.find((j) => j < -len || j >= len);
  if (bad !== undefined) throw outOfBounds(bad);
  return nd.array(Int32Array.from(indices), [indices.length]);
}

/** The shape `shape` resolves to for `x` (one -1 inferred), validated without copying. */
function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const known = shape.reduce((acc, d) => (d === -1 ? acc : acc * d), 1);
  const unknown = shape.filter((d) => d === -1).length;
  const target = shape.map((d) => (d === -1 && known !== 0 ? x.size / known : d));
  const valid =
    Array.isArray(shape) &&
    unknown <= 1 &&
    shape.every((d) => Number.isInteger(d) && d >= -1) &&
    target.every((d) => Number.isInteger(d) && d >= 0) &&
    nd.sizeOf(target) === x.size;
  if (!valid) throw new ShapeError("reshape", `cannot reshape ${x.size} elements into ${fmtShape(shape)}`);
  return target;
}
