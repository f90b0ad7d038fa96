/**
 * Every differentiable primitive in one table: forward and gradient side by side. The
 * table is typed `{ [Op in OpName]: Rule<Op> }`, so an op without a rule does not compile.
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

/** Per-op parameters recorded with the node. */
export interface OpParams {
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  pow: Record<string, never>;
  maximum: Record<string, never>;
  minimum: Record<string, never>;
  neg: Record<string, never>;
  abs: Record<string, never>;
  sign: Record<string, never>;
  exp: Record<string, never>;
  log: Record<string, never>;
  log1p: Record<string, never>;
  sqrt: Record<string, never>;
  square: Record<string, never>;
  sin: Record<string, never>;
  cos: Record<string, never>;
  tanh: Record<string, never>;
  sigmoid: Record<string, never>;
  relu: Record<string, never>;
  clip: { min: number | null; max: number | null };
  where: Record<string, never>;
  sum: Reduce;
  prod: Reduce;
  max: Reduce;
  min: Reduce;
  logsumexp: Reduce;
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

/** Elementwise ops whose gradient is `g · f'(x)`; `d` builds f'(x) from x and the output. */
function elementwise(d: (x: Tensor, out: Tensor) => Tensor | NDArray) {
  return (g: Tensor, [x]: readonly Tensor[], out: Tensor) => [ops.mul(g, d(x as Tensor, out))];
}

export const rules: { [Op in OpName]: Rule<Op> } = {
  /** ∂(a + b) = 1, 1 */
  add: { forward: (i) => nd.add(...two(i)), backward: (g) => [g, g] },
  /** ∂(a − b) = 1, −1 */
  sub: { forward: (i) => nd.sub(...two(i)), backward: (g, _, __, ___, needs) => [g, needs[1] ? ops.neg(g) : null] },
  /** ∂(a·b) = b, a */
  mul: {
    forward: (i) => nd.mul(...two(i)),
    backward: (g, [a, b], _, __, needs) => [
      needs[0] ? ops.mul(g, b as Tensor) : null,
      needs[1] ? ops.mul(g, a as Tensor) : null,
    ],
  },
  /** ∂(a/b) = 1/b, −a/b² = −out/b */
  div: {
    forward: (i) => nd.div(...two(i)),
    backward: (g, [, b], out, _, needs) => [
      needs[0] ? ops.div(g, b as Tensor) : null,
      needs[1] ? ops.neg(ops.div(ops.mul(g, out), b as Tensor)) : null,
    ],
  },
  /** ∂(aᵇ) = b·aᵇ⁻¹, aᵇ·ln a (0 where a = 0 and b ≥ 0, as PyTorch) */
  pow: {
    forward: (i) => nd.pow(...two(i)),
    backward: (g, [a, b], out, _, needs) => {
      const x = a as Tensor;
      const e = b as Tensor;
      // b·aᵇ⁻¹ is 0·∞ at a = 0, b = 0: PyTorch gives 0 where b = 0.
      const da = needs[0] ? ops.where(nd.eq(e.value, 0), 0, ops.mul(g, ops.mul(e, ops.pow(x, ops.sub(e, 1))))) : null;
      let db: Tensor | null = null;
      if (needs[1]) {
        const safe = nd.logicalAnd(nd.eq(x.value, 0), nd.ge(e.value, 0));
        db = ops.where(safe, 0, ops.mul(g, ops.mul(out, ops.log(x))));
      }
      return [da, db];
    },
  },
  /** ∂max(a, b) = 1 to the larger operand, ½ each on ties (as PyTorch) */
  maximum: {
    forward: (i) => nd.maximum(...two(i)),
    backward: (g, [a, b], _, __, needs) => {
      const [x, y] = [(a as Tensor).value, (b as Tensor).value];
      const tie = nd.mul(nd.astype(nd.eq(x, y), g.dtype), 0.5);
      return [
        needs[0] ? ops.mul(g, nd.add(nd.astype(nd.gt(x, y), g.dtype), tie)) : null,
        needs[1] ? ops.mul(g, nd.add(nd.astype(nd.gt(y, x), g.dtype), tie)) : null,
      ];
    },
  },
  /** ∂min(a, b) = 1 to the smaller operand, ½ each on ties */
  minimum: {
    forward: (i) => nd.minimum(...two(i)),
    backward: (g, [a, b], _, __, needs) => {
      const [x, y] = [(a as Tensor).value, (b as Tensor).value];
      const tie = nd.mul(nd.astype(nd.eq(x, y), g.dtype), 0.5);
      return [
        needs[0] ? ops.mul(g, nd.add(nd.astype(nd.lt(x, y), g.dtype), tie)) : null,
        needs[1] ? ops.mul(g, nd.add(nd.astype(nd.lt(y, x), g.dtype), tie)) : null,
      ];
    },
  },
  /** ∂(−x) = −1 */
  neg: { forward: (i) => nd.neg(one(i)), backward: (g) => [ops.neg(g)] },
  /** ∂|x| = sign x (0 at 0) */
  abs: { forward: (i) => nd.abs(one(i)), backward: elementwise((x) => nd.sign(x.value)) },
  /** ∂sign x = 0 */
  sign: { forward: (i) => nd.sign(one(i)), backward: (g) => [ops.mul(g, 0)] },
  /** ∂eˣ = eˣ */
  exp: { forward: (i) => nd.exp(one(i)), backward: elementwise((_, out) => out) },
  /** ∂ln x = 1/x */
  log: { forward: (i) => nd.log(one(i)), backward: (g, [x]) => [ops.div(g, x as Tensor)] },
  /** ∂ln(1 + x) = 1/(1 + x) */
  log1p: { forward: (i) => nd.log1p(one(i)), backward: (g, [x]) => [ops.div(g, ops.add(x as Tensor, 1))] },
  /** ∂√x = 1/(2√x) (∞ at 0, as PyTorch) */
  sqrt: { forward: (i) => nd.sqrt(one(i)), backward: (g, _, out) => [ops.div(g, ops.mul(out, 2))] },
  /** ∂x² = 2x */
  square: { forward: (i) => nd.square(one(i)), backward: elementwise((x) => ops.mul(x, 2)) },
  /** ∂sin x = cos x */
  sin: { forward: (i) => nd.sin(one(i)), backward: elementwise((x) => ops.cos(x)) },
  /** ∂cos x = −sin x */
  cos: { forward: (i) => nd.cos(one(i)), backward: elementwise((x) => ops.neg(ops.sin(x))) },
  /** ∂tanh x = 1 − tanh² x */
  tanh: { forward: (i) => nd.tanh(one(i)), backward: elementwise((_, out) => ops.sub(1, ops.mul(out, out))) },
  /** ∂σ(x) = σ(x)(1 − σ(x)) */
  sigmoid: { forward: (i) => nd.sigmoid(one(i)), backward: elementwise((_, out) => ops.mul(out, ops.sub(1, out))) },
  /** ∂relu x = 1 for x > 0, else 0 (relu'(0) = 0) */
  relu: { forward: (i) => nd.relu(one(i)), backward: elementwise((x) => nd.astype(nd.gt(x.value, 0), x.dtype)) },
  /** ∂clip(x) = 1 for min ≤ x ≤ max (boundaries included, as PyTorch), else 0 */
  clip: {
    forward: (i, p) => nd.clip(one(i), p.min, p.max),
    backward: (g, [x], _, p) => {
      const v = (x as Tensor).value;
      const inside = nd.logicalAnd(p.min === null ? true : nd.ge(v, p.min), p.max === null ? true : nd.le(v, p.max));
      return [ops.mul(g, nd.astype(inside, v.dtype))];
    },
  },
  /** ∂where(c, a, b) = c, ¬c (the condition gets none) */
  where: {
    forward: (i) => nd.where(i[0] as NDArray, i[1] as NDArray, i[2] as NDArray),
    backward: (g, [c], _, __, needs) => [
      null,
      needs[1] ? ops.where((c as Tensor).value, g, 0) : null,
      needs[2] ? ops.where((c as Tensor).value, 0, g) : null,
    ],
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
      const softmax = ops.exp(ops.sub(logits, ops.logsumexp(logits, { axis: -1, keepdims: true })));
      // (softmax·Σt − t)/N: rows of one-hot targets sum to 1; soft or all-zero rows need Σt.
      const t = oneHotOf(p.targets, logits.value);
      const mass = nd.sum(t, { axis: -1, keepdims: true });
      return [ops.mul(ops.sub(ops.mul(softmax, mass), t), ops.div(g, n))];
    },
  },
};

/** One-hot rows for int32 class indices, or the given one-hot rows, as `z`'s dtype. */
export function oneHotOf(targets: NDArray, z: NDArray): NDArray {
  const classes = z.shape[z.ndim - 1] as number;
  return targets.dtype === "int32" ? nd.oneHot(targets, classes, { dtype: z.dtype }) : nd.astype(targets, z.dtype);
}

/** `x` with its last two axes swapped (a matrix transpose that keeps batch axes). */
function swapLast(x: Tensor): Tensor {
  const axes = x.shape.map((_, i) => i);
  const n = axes.length;
  [axes[n - 2], axes[n - 1]] = [axes[n - 1] as number, axes[n - 2] as number];
  return ops.transpose(x, axes);
}
