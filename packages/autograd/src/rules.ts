/**
 * Every differentiable op in one table: forward and gradient side by side. The table is
 * typed `{ [Op in OpName]: Rule<Op> }`, so an op without a rule does not compile.
 *
 * Elementwise ops (`add`, `relu`, `softplus`, `gelu`, …) are @sinapse/tensor's op table:
 * their rules are derived here, each gradient one fused map built from the op's expression
 * and the scalar primitives' derivatives (`PRIMS` in @sinapse/tensor), so adding an
 * elementwise op needs no gradient code. Structural ops (reductions, matmul, views,
 * concat, take, softmax and the fused loss) keep explicit rules below.
 *
 * `forward` computes on `NDArray`s. `backward` is written with the differentiable ops of
 * this package, so that `createGraph` can differentiate a gradient again. It receives
 * ∂L/∂output with the output's shape and returns ∂L/∂input for each operand whose
 * `needs` flag is set (null otherwise), possibly in the broadcast shape: the engine sums
 * gradients back to each input's shape in one place.
 *
 * Kinks and ties follow PyTorch: relu'(0) = 0, |x|'(0) = 0, clip passes the gradient at
 * its boundaries, maximum/minimum split it evenly between equal operands, and max/min
 * reductions split it evenly among tied maxima (as `torch.amax`).
 */

import type { Index, IndexItem, NDArray } from "@sinapse/tensor";
import * as nd from "@sinapse/tensor";
import * as ops from "./ops.js";
import type { Tensor } from "./tensor.js";

type Reduce = { axes: number[]; keepdims: boolean };

/**
 * The elementwise ops of @sinapse/tensor's op table that have gradients (comparisons and
 * logical ops have none). Their rules are not written here: each is derived from the op's
 * expression and the primitives' derivatives.
 */
const DIFFERENTIABLE = {
  add: true,
  sub: true,
  mul: true,
  div: true,
  pow: true,
  maximum: true,
  minimum: true,
  neg: true,
  abs: true,
  sign: true,
  exp: true,
  log: true,
  log1p: true,
  sqrt: true,
  square: true,
  sin: true,
  cos: true,
  tanh: true,
  sigmoid: true,
  relu: true,
  where: true,
  erf: true,
  softplus: true,
  gelu: true,
  logaddexp: true,
  binaryCrossEntropyWithLogits: true,
} as const satisfies Partial<Record<nd.ElementwiseName, true>>;

export type ElementwiseOp = keyof typeof DIFFERENTIABLE;

/** Parameters of the ops with rules of their own (structural ops, and the few exceptions). */
export interface StructuralParams {
  clip: { min: number | null; max: number | null };
  /** An elementwise program (a gradient of a table op, or a user's fused expression). */
  map: { program: nd.MapProgram };
  sum: Reduce;
  prod: Reduce;
  max: Reduce;
  min: Reduce;
  logsumexp: Reduce;
  softmax: { axis: number };
  logSoftmax: { axis: number };
  matmul: Record<string, never>;
  reshape: { shape: number[] };
  transpose: { axes: number[] };
  slice: { index: Index };
  unslice: { shape: number[]; index: Index };
  broadcastTo: { shape: number[] };
  expandDims: { axis: number };
  squeeze: { axes: number[] };
  concat: { axis: number };
  take: { indices: NDArray; axis: number };
  untake: { shape: number[]; indices: NDArray; axis: number };
  softmaxCrossEntropy: { targets: NDArray };
}

/** Per-op parameters recorded with the node. */
export type OpParams = StructuralParams & { [Op in ElementwiseOp]: nd.ElementwiseParams[Op] };

export type OpName = keyof OpParams;

export interface Rule<Op extends OpName> {
  /** Computes the output value from the operand values. */
  forward(inputs: readonly NDArray[], params: OpParams[Op]): NDArray;
  /** ∂L/∂operand for each operand whose `needs` flag is set. */
  backward(
    grad: Tensor,
    inputs: readonly Tensor[],
    output: Tensor,
    params: OpParams[Op],
    needs: readonly boolean[],
  ): (Tensor | null)[];
}

function two(inputs: readonly NDArray[]): [NDArray, NDArray] {
  return [inputs[0] as NDArray, inputs[1] as NDArray];
}

function one(inputs: readonly NDArray[]): NDArray {
  return inputs[0] as NDArray;
}

/** The shape of `x` with the reduced `axes` kept as 1. */
function keptShape(x: Tensor, axes: readonly number[]): number[] {
  return x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** A reduction's gradient or output, reshaped to keep the reduced axes (for broadcasting). */
function kept(t: Tensor, x: Tensor, p: Reduce): Tensor {
  return p.keepdims ? t : ops.reshape(t, keptShape(x, p.axes));
}

/** Gradient mask for max/min ties: `(x == m) / count(x == m)` over the reduced axes. */
function tieShare(x: Tensor, out: Tensor, p: Reduce): NDArray {
  const hit = nd.astype(nd.eq(x.value, kept(out, x, p).value), x.dtype);
  return nd.div(hit, nd.sum(hit, { axis: p.axes, keepdims: true }));
}

/** The gradient of a view that only changes the shape: reshaped back to the input's. */
const backToInputShape = (g: Tensor, [x]: readonly Tensor[]) => [ops.reshape(g, (x as Tensor).shape)];

/** max/min reductions: the gradient goes to the extremum, split evenly among ties. */
const extremumBackward = (g: Tensor, [x]: readonly Tensor[], out: Tensor, p: Reduce) => [
  ops.mul(kept(g, x as Tensor, p), tieShare(x as Tensor, out, p)),
];

const structural: { [Op in keyof StructuralParams]: Rule<Op> } = {
  /** ∂clip(x) = 1 for min ≤ x ≤ max (boundaries included, as PyTorch), else 0 */
  clip: {
    forward: (i, p) => nd.clip(one(i), p.min, p.max),
    backward: (g, [x], _, p) => {
      const v = (x as Tensor).value;
      const inside = nd.logicalAnd(p.min === null ? true : nd.ge(v, p.min), p.max === null ? true : nd.le(v, p.max));
      return [ops.mul(g, nd.astype(inside, v.dtype))];
    },
  },
  /** an elementwise program: its gradients are derived from the program's expression */
  map: {
    forward: (i, p) => nd.mapProgram(p.program, i)[0] as NDArray,
    backward: (g, inputs, out, p, needs) => derivedGrads(p.program, g, inputs, out, needs),
  },
  /** ∂Σx = 1 for every summed element: the gradient is spread back over the axes */
  sum: {
    forward: (i, p) => nd.sum(one(i), { axis: p.axes, keepdims: p.keepdims }),
    backward: (g, [x], _, p) => [ops.broadcastTo(kept(g, x as Tensor, p), (x as Tensor).shape)],
  },
  /**
   * ∂Πx = Π of the others, kept differentiable with zeros: no zero → Π/x; one zero → at the
   * zero Π of the non-zeros, elsewhere (the zero)·Π/x (0 in value, not in derivative); two
   * or more zeros → 0 (as PyTorch).
   */
  prod: {
    forward: (i, p) => nd.prod(one(i), { axis: p.axes, keepdims: p.keepdims }),
    backward: (g, [t], _, p) => {
      const x = t as Tensor;
      const isZero = nd.eq(x.value, 0);
      const zeros = nd.sum(nd.astype(isZero, "int32"), { axis: p.axes, keepdims: true });
      const safe = ops.where(isZero, 1, x); // zeros replaced by 1: no 0/0 anywhere
      const others = ops.prod(safe, { axis: p.axes, keepdims: true }); // Π of the non-zeros
      const zero = ops.sum(ops.where(isZero, x, 0), { axis: p.axes, keepdims: true }); // the zero itself
      const share = ops.where(
        nd.eq(zeros, 0),
        ops.div(others, safe),
        ops.where(nd.eq(zeros, 1), ops.where(isZero, others, ops.div(ops.mul(zero, others), safe)), 0),
      );
      return [ops.mul(kept(g, x, p), share)];
    },
  },
  /** ∂max = 1 at the maximum, split evenly among ties (as torch.amax) */
  max: {
    forward: (i, p) => nd.max(one(i), { axis: p.axes, keepdims: p.keepdims }),
    backward: extremumBackward,
  },
  /** ∂min = 1 at the minimum, split evenly among ties */
  min: {
    forward: (i, p) => nd.min(one(i), { axis: p.axes, keepdims: p.keepdims }),
    backward: extremumBackward,
  },
  /** y = softmax(x) = e^(x − max) / Σ e^(x − max): ∂L/∂x = y·(g − Σ g·y) along the axis */
  softmax: {
    forward: (i, p) => nd.softmax(one(i), p.axis),
    backward: (g, _, out, p) => [ops.mul(out, ops.sub(g, ops.sum(ops.mul(g, out), { axis: p.axis, keepdims: true })))],
  },
  /** y = x − max − log Σ e^(x − max): ∂L/∂x = g − e^y·Σ g along the axis */
  logSoftmax: {
    forward: (i, p) => nd.logSoftmax(one(i), p.axis),
    backward: (g, _, out, p) => [ops.sub(g, ops.mul(ops.exp(out), ops.sum(g, { axis: p.axis, keepdims: true })))],
  },
  /** ∂ log Σ eˣ = softmax(x) = e^(x − lse) */
  logsumexp: {
    forward: (i, p) => nd.logsumexp(one(i), { axis: p.axes, keepdims: p.keepdims }),
    backward: (g, [x], out, p) => [
      ops.mul(kept(g, x as Tensor, p), ops.exp(ops.sub(x as Tensor, kept(out, x as Tensor, p)))),
    ],
  },
  /** C = A @ B: ∂L/∂A = G @ Bᵀ, ∂L/∂B = Aᵀ @ G (batch axes summed back by the engine) */
  matmul: {
    forward: (i) => nd.matmul(...two(i)),
    backward: (g, [a, b], _, __, needs) => [
      needs[0] ? ops.matmul(g, swapLast(b as Tensor)) : null,
      needs[1] ? ops.matmul(swapLast(a as Tensor), g) : null,
    ],
  },
  /** a view in another shape: the gradient takes the input's shape back */
  reshape: {
    forward: (i, p) => nd.reshape(one(i), p.shape),
    backward: backToInputShape,
  },
  /** permuted axes: the gradient is permuted back */
  transpose: {
    forward: (i, p) => nd.transpose(one(i), p.axes),
    backward: (g, _, __, p) => [
      ops.transpose(
        g,
        p.axes.map((_, k) => p.axes.indexOf(k)),
      ),
    ],
  },
  /** a slice: the gradient lands in the sliced positions of zeros */
  slice: {
    forward: (i, p) => nd.slice(one(i), p.index),
    backward: (g, [x], _, p) => [ops.unslice(g, (x as Tensor).shape, p.index)],
  },
  /** zeros with `x` written at a slice (slice's gradient): its own gradient is the slice */
  unslice: {
    forward: (i, p) => {
      const out = nd.zeros(p.shape, { dtype: one(i).dtype });
      nd.set(out, p.index, one(i));
      return out;
    },
    backward: (g, _, __, p) => [ops.slice(g, p.index)],
  },
  /** a broadcast view: the gradient is summed back by the engine */
  broadcastTo: { forward: (i, p) => nd.broadcastTo(one(i), p.shape), backward: (g) => [g] },
  /** a new axis: the gradient drops it */
  expandDims: {
    forward: (i, p) => nd.expandDims(one(i), p.axis),
    backward: backToInputShape,
  },
  /** dropped axes: the gradient gets them back */
  squeeze: {
    forward: (i, p) => nd.squeeze(one(i), p.axes),
    backward: backToInputShape,
  },
  /** joined along an axis: each operand gets its part of the gradient */
  concat: {
    forward: (i, p) => nd.concat(i, p.axis),
    backward: (g, inputs, _, p, needs) => {
      let start = 0;
      return inputs.map((x, k) => {
        const len = x.shape[p.axis] as number;
        const index: IndexItem[] = [...new Array<IndexItem>(p.axis).fill(null), { start, stop: start + len }];
        start += len;
        return needs[k] ? ops.slice(g, index) : null;
      });
    },
  },
  /** gathered slices: the gradient is scattered back, repeats accumulating */
  take: {
    forward: (i, p) => nd.take(one(i), p.indices, p.axis),
    backward: (g, [x], _, p) => [ops.untake(g, (x as Tensor).shape, p.indices, p.axis)],
  },
  /** zeros with `x`'s slices added at indices (take's gradient): its own gradient is take */
  untake: {
    forward: (i, p) => {
      const out = nd.zeros(p.shape, { dtype: one(i).dtype });
      const x = one(i);
      const flat = nd.reshape(x, [...p.shape.slice(0, p.axis), p.indices.size, ...p.shape.slice(p.axis + 1)]);
      return nd.indexAdd(out, p.axis, nd.reshape(p.indices, [p.indices.size]), flat);
    },
    backward: (g, _, __, p) => [ops.take(g, p.indices, p.axis)],
  },
  /**
   * mean over rows of −Σ t·log softmax(z), fused: ∂/∂z = (softmax(z)·Σt − t) / N, which is
   * the familiar (softmax − onehot)/N for one-hot rows.
   * Targets are int32 class indices `[N]` or one-hot rows `[N, C]`.
   */
  softmaxCrossEntropy: {
    forward: (i, p) => {
      const z = one(i);
      const lse = nd.logsumexp(z, { axis: -1, keepdims: true });
      const logp = nd.sub(z, lse);
      const picked = nd.sum(nd.mul(logp, oneHotOf(p.targets, z)), { axis: -1 });
      return nd.neg(nd.mean(picked));
    },
    backward: (g, [z], _, p) => {
      const logits = z as Tensor;
      const n = logits.shape[0] as number;
      const softmax = ops.softmax(logits, -1);
      // (softmax·Σt − t)/N: rows of one-hot targets sum to 1; soft or all-zero rows need Σt.
      const t = oneHotOf(p.targets, logits.value);
      const mass = nd.sum(t, { axis: -1, keepdims: true });
      return [ops.mul(ops.sub(ops.mul(softmax, mass), t), ops.div(g, n))];
    },
  },
};

/** A table op's rule: forward runs the op, backward its derived gradient program. */
function derivedRule<Op extends ElementwiseOp>(op: Op): Rule<Op> {
  return {
    forward: (i, p) => nd.elementwise(op, i, p as nd.ElementwiseParams[Op]),
    backward: (g, inputs, out, p, needs) =>
      derivedGrads(nd.programOf(op, p as nd.ElementwiseParams[Op]), g, inputs, out, needs),
  };
}

const elementwiseRules = Object.fromEntries(
  (Object.keys(DIFFERENTIABLE) as ElementwiseOp[]).map((op) => [op, derivedRule(op)]),
) as { [Op in ElementwiseOp]: Rule<Op> };

/** Every op's rule: the structural ones above and one derived rule per differentiable table op. */
export const rules: { [Op in OpName]: Rule<Op> } = { ...structural, ...elementwiseRules };

/**
 * For each operand of a one-output program, the program computing ∂L/∂operand from the
 * operands, then `g` (operand n) and the forward result (operand n + 1); null where no
 * gradient flows. Built once per program.
 */
const gradientPrograms = new WeakMap<nd.MapProgram, (nd.MapProgram | null)[]>();

function gradientProgramsOf(program: nd.MapProgram): (nd.MapProgram | null)[] {
  let list = gradientPrograms.get(program);
  if (!list) {
    const n = program.arity;
    const grads = nd.derive(program.outputs[0] as nd.Expr, nd.input(n), n, nd.input(n + 1));
    list = grads.map((e) => (e ? { arity: n + 2, outputs: [e] } : null));
    gradientPrograms.set(program, list);
  }
  return list;
}

/** ∂L/∂operand of an elementwise program, each one fused map (itself differentiable). */
function derivedGrads(
  program: nd.MapProgram,
  g: Tensor,
  inputs: readonly Tensor[],
  out: Tensor,
  needs: readonly boolean[],
): (Tensor | null)[] {
  const programs = gradientProgramsOf(program);
  return inputs.map((_, k) => {
    const p = programs[k];
    return needs[k] && p ? ops.mapTensors(p, [...inputs, g, out]) : null;
  });
}

/** One-hot rows for int32 class indices (built on the backend, no read back), or the given one-hot rows, as `z`'s dtype. */
export function oneHotOf(targets: NDArray, z: NDArray): NDArray {
  const classes = z.shape[z.ndim - 1] as number;
  return targets.dtype === "int32"
    ? nd.oneHot(targets, classes, { dtype: z.dtype, check: false })
    : nd.astype(targets, z.dtype);
}

/** `x` with its last two axes swapped (a matrix transpose that keeps batch axes). */
function swapLast(x: Tensor): Tensor {
  const axes = x.shape.map((_, i) => i);
  const n = axes.length;
  [axes[n - 2], axes[n - 1]] = [axes[n - 1] as number, axes[n - 2] as number];
  return ops.transpose(x, axes);
}
