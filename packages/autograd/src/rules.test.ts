/**
 * Every rule × a list of shapes (broadcasts, size-1 axes, 0-d scalars, negative axes),
 * checked against central finite differences in float64: worst relative error < 1e-6.
 */
import { array, E, type NDArray, Random } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { grad } from "./grad.js";
import { gradcheck } from "./gradcheck.js";
import * as ag from "./ops.js";
import { type OpName, rules } from "./rules.js";
import type { Tensor } from "./tensor.js";

const rng = new Random(42);

/** Random float64 values in [lo, hi) of `shape`, kept away from `avoid` (kinks, ties). */
function values(shape: number[], lo = -2, hi = 2, avoid: number[] = []): NDArray {
  const a = rng.uniform(lo, hi, shape, { dtype: "float64" });
  const v = a.storage.view();
  for (let i = 0; i < v.length; i++) {
    for (const k of avoid) if (Math.abs((v[i] as number) - k) < 0.05) v[i] = (v[i] as number) + 0.1;
  }
  return a;
}

interface Case {
  /** The rule this case exercises (one case list per rule; every rule must appear). */
  op: OpName;
  name: string;
  fn: (...xs: Tensor[]) => Tensor;
  inputs: NDArray[];
}

const binary = (op: OpName, fn: (a: Tensor, b: Tensor) => Tensor, lo = -2, hi = 2): Case[] =>
  [
    [[3], [3]],
    [[2, 3], [3]],
    [
      [4, 1],
      [1, 5],
    ],
    [[], [2, 2]],
    [
      [2, 1, 3],
      [4, 1],
    ],
  ].map(([sa, sb]) => ({
    op,
    name: `${op} [${sa}] with [${sb}]`,
    fn,
    inputs: [values(sa as number[], lo, hi), values(sb as number[], lo, hi)],
  }));

const unary = (op: OpName, fn: (a: Tensor) => Tensor, lo = -2, hi = 2, avoid: number[] = []): Case[] =>
  [[5], [2, 3], [], [1, 4, 1]].map((s) => ({ op, name: `${op} [${s}]`, fn, inputs: [values(s, lo, hi, avoid)] }));

const reduce = (op: OpName, fn: (a: Tensor, o: { axis?: number | number[]; keepdims?: boolean }) => Tensor): Case[] =>
  (
    [
      [[2, 3, 4], undefined, false],
      [[2, 3, 4], 1, false],
      [[2, 3, 4], -1, true],
      [[2, 3, 4], [0, 2], false],
      [[1, 5], 0, true],
      [[], undefined, false],
    ] as [number[], number | number[] | undefined, boolean][]
  ).map(([s, axis, keepdims]) => ({
    op,
    name: `${op} [${s}] axis=${JSON.stringify(axis)} keepdims=${keepdims}`,
    fn: (a: Tensor) => fn(a, { axis, keepdims }),
    inputs: [values(s, 0.5, 2)],
  }));

const cases: Case[] = [
  ...binary("add", ag.add),
  ...binary("sub", ag.sub),
  ...binary("mul", ag.mul),
  ...binary("div", ag.div, 0.5, 2),
  ...binary("pow", ag.pow, 0.5, 2),
  ...binary("maximum", ag.maximum),
  ...binary("minimum", ag.minimum),
  ...unary("neg", ag.neg),
  ...unary("abs", ag.abs, -2, 2, [0]),
  ...unary("sign", ag.sign, -2, 2, [0]),
  ...unary("exp", ag.exp),
  ...unary("log", ag.log, 0.2, 3),
  ...unary("log1p", ag.log1p, -0.5, 3),
  ...unary("sqrt", ag.sqrt, 0.2, 3),
  ...unary("square", ag.square),
  ...unary("sin", ag.sin),
  ...unary("cos", ag.cos),
  ...unary("tanh", ag.tanh),
  ...unary("sigmoid", ag.sigmoid),
  ...unary("relu", ag.relu, -2, 2, [0]),
  ...unary("clip", (a) => ag.clip(a, -1, 1), -2, 2, [-1, 1]),
  {
    op: "where",
    name: "where broadcast",
    fn: (a, b) =>
      ag.where(
        array([
          [true, false, true],
          [false, true, true],
        ]),
        a,
        b,
      ),
    inputs: [values([2, 3]), values([3])],
  },
  ...reduce("sum", ag.sum),
  ...reduce("prod", ag.prod),
  ...reduce("max", ag.max),
  ...reduce("min", ag.min),
  ...reduce("logsumexp", ag.logsumexp),
  {
    op: "prod",
    name: "prod with one zero",
    fn: (a) => ag.prod(a, { axis: 1 }),
    inputs: [
      array(
        [
          [0, 2, 3],
          [1, 2, 3],
        ],
        { dtype: "float64" },
      ),
    ],
  },
  ...(
    [
      [
        [3, 4],
        [4, 2],
      ],
      [[4], [4, 3]],
      [[2, 4], [4]],
      [[4], [4]],
      [
        [2, 3, 4],
        [4, 5],
      ],
      [
        [2, 1, 3, 4],
        [3, 4, 2],
      ],
    ] as number[][][]
  ).map(([sa, sb]) => ({
    op: "matmul" as OpName,
    name: `matmul [${sa}] @ [${sb}]`,
    fn: ag.matmul,
    inputs: [values(sa as number[]), values(sb as number[])],
  })),
  { op: "reshape", name: "reshape [2,3] → [3,-1]", fn: (a) => ag.reshape(a, [3, -1]), inputs: [values([2, 3])] },
  {
    op: "transpose",
    name: "transpose [2,3,4] (1,2,0)",
    fn: (a) => ag.transpose(a, [1, 2, 0]),
    inputs: [values([2, 3, 4])],
  },
  { op: "slice", name: "slice ::-1, 1:", fn: (a) => ag.slice(a, "::-1, 1:"), inputs: [values([3, 4])] },
  { op: "slice", name: "slice with an integer index", fn: (a) => ag.slice(a, "1, ::2"), inputs: [values([3, 4])] },
  {
    op: "unslice",
    name: "unslice (slice's gradient)",
    fn: (a) => ag.unslice(a, [3, 4], "1:, 0"),
    inputs: [values([2])],
  },
  { op: "broadcastTo", name: "broadcastTo [3] → [2,3]", fn: (a) => ag.broadcastTo(a, [2, 3]), inputs: [values([3])] },
  {
    op: "broadcastTo",
    name: "broadcastTo [2,1] → [3,2,4]",
    fn: (a) => ag.broadcastTo(a, [3, 2, 4]),
    inputs: [values([2, 1])],
  },
  { op: "expandDims", name: "expandDims -1", fn: (a) => ag.expandDims(a, -1), inputs: [values([2, 3])] },
  { op: "squeeze", name: "squeeze", fn: (a) => ag.squeeze(a), inputs: [values([1, 3, 1])] },
  { op: "concat", name: "concat axis 1", fn: (a, b) => ag.concat([a, b], 1), inputs: [values([2, 3]), values([2, 2])] },
  {
    op: "concat",
    name: "stack (derived) axis 0",
    fn: (a, b) => ag.stack([a, b]),
    inputs: [values([2, 3]), values([2, 3])],
  },
  {
    op: "concat",
    name: "split (derived) then rejoin",
    fn: (a) => ag.mul(ag.split(a, [1], 1)[1] as Tensor, 2),
    inputs: [values([2, 3])],
  },
  { op: "take", name: "take with repeats", fn: (a) => ag.take(a, [2, 0, 2], 0), inputs: [values([3, 2])] },
  { op: "take", name: "take along axis -1", fn: (a) => ag.take(a, [1, 1], -1), inputs: [values([2, 3])] },
  {
    op: "untake",
    name: "untake (take's gradient)",
    fn: (a) => ag.untake(a, [3, 2], array(new Int32Array([0, 0])), 0),
    inputs: [values([2, 2])],
  },
  {
    op: "softmaxCrossEntropy",
    name: "softmax cross-entropy, int targets",
    fn: (z) => ag.softmaxCrossEntropy(z, array(new Int32Array([0, 2, 1, 2]))),
    inputs: [values([4, 3])],
  },
  {
    op: "softmaxCrossEntropy",
    name: "softmax cross-entropy, one-hot targets",
    fn: (z) =>
      ag.softmaxCrossEntropy(
        z,
        array([
          [0, 1],
          [1, 0],
        ]),
      ),
    inputs: [values([2, 2])],
  },
  { op: "softmax", name: "softmax axis 0", fn: (a) => ag.softmax(a, 0), inputs: [values([3, 2])] },
  { op: "softmax", name: "softmax last axis", fn: (a) => ag.softmax(a), inputs: [values([2, 4])] },
  { op: "logSoftmax", name: "logSoftmax", fn: (a) => ag.logSoftmax(a), inputs: [values([2, 4])] },
  { op: "logSoftmax", name: "logSoftmax axis 0", fn: (a) => ag.logSoftmax(a, 0), inputs: [values([3, 2])] },
  ...unary("erf", ag.erf, -3, 3),
  ...unary("softplus", ag.softplus, -4, 4),
  ...unary("gelu", (a) => ag.gelu(a), -3, 3),
  {
    op: "gelu",
    name: "gelu tanh approximation",
    fn: (a) => ag.gelu(a, { approximate: "tanh" }),
    inputs: [values([2, 3], -3, 3)],
  },
  ...binary("logaddexp", ag.logaddexp, -3, 3),
  {
    op: "binaryCrossEntropyWithLogits",
    name: "binary cross-entropy with logits, soft targets",
    fn: (z, t) => ag.binaryCrossEntropyWithLogits(z, t),
    inputs: [values([3, 2], -4, 4), values([3, 2], 0, 1)],
  },
  {
    op: "map",
    name: "a fused user expression (x·y + sin x) / (1 + y²)",
    fn: (x, y) => ag.map((a, b) => E.div(E.add(E.mul(a, b), E.sin(a)), E.add(1, E.square(b))), [x, y]),
    inputs: [values([2, 3]), values([3])],
  },
  {
    op: "map",
    name: "a derived gradient differentiated again (grad of grad through sigmoid)",
    fn: (x) => {
      const g = grad((t: Tensor) => ag.sum(ag.sigmoid(ag.mul(t, t))))(x) as Tensor;
      return g;
    },
    inputs: [values([4])],
  },
  {
    op: "take",
    name: "gather along axis 1 (derived)",
    fn: (a) =>
      ag.gather(
        a,
        array(
          [
            [2, 0, 0],
            [1, 1, 2],
          ],
          { dtype: "int32" },
        ),
        1,
      ),
    inputs: [values([2, 3])],
  },
  { op: "transpose", name: "swapAxes (derived)", fn: (a) => ag.swapAxes(a, 0, -1), inputs: [values([2, 3, 4])] },
  { op: "broadcastTo", name: "tile (derived)", fn: (a) => ag.tile(a, [2, 1, 3]), inputs: [values([2, 2])] },
  { op: "take", name: "repeat (derived) with counts", fn: (a) => ag.repeat(a, [1, 0, 3], 1), inputs: [values([2, 3])] },
  { op: "sqrt", name: "std (derived)", fn: (a) => ag.std(a, { axis: 1 }), inputs: [values([3, 4])] },
  { op: "mul", name: "outer (derived)", fn: (a, b) => ag.outer(a, b), inputs: [values([3]), values([2, 2])] },
  { op: "transpose", name: "permute (derived)", fn: (a) => ag.permute(a, 2, 0, 1), inputs: [values([2, 3, 4])] },
  {
    op: "sum",
    name: "mean and variance (derived)",
    fn: (a) => ag.add(ag.mean(a, { axis: 0 }), ag.variance(a, { axis: 0, ddof: 1 })),
    inputs: [values([4, 3])],
  },
];

describe("every rule passes gradcheck in float64", () => {
  it("covers every op of the rule table", () => {
    const covered = new Set(cases.map((c) => c.op));
    expect(Object.keys(rules).filter((op) => !covered.has(op as OpName))).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { ok, worst } = gradcheck(c.fn, c.inputs);
    expect(worst.relError, JSON.stringify(worst)).toBeLessThan(1e-6);
    expect(ok).toBe(true);
  });
});
