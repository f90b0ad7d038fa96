import { grad, rules, type Tensor, traceGraph, traceOrder } from "@sinapse/autograd";
import { array } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPERIMENT } from "../engine/experiment.js";
import { traceAtStep, walkBackward } from "./backprop.js";
import { evaluateExpression, parseExpression, variablesOf } from "./expression.js";
import { LOCAL_RULES, localRule } from "./localRules.js";
import { buildNetworkSample } from "./network.js";

const walkOf = (source: string, values: Record<string, number | number[]>) =>
  walkBackward(evaluateExpression(parseExpression(source), values).output);

const numbers = (a: { dataSync(): ArrayLike<number | boolean> }) => Array.from(a.dataSync(), Number);

/** Autograd's gradients of the expression, by variable name. */
function autogradOf(source: string, values: Record<string, number | number[]>): Map<string, number[]> {
  const e = parseExpression(source);
  const names = variablesOf(e);
  const fn = (...args: Tensor[]) => {
    const out = evaluateExpression(e, values, { leaves: new Map(names.map((n, i) => [n, args[i] as Tensor])) }).output;
    return out.size === 1 ? out : out.sum();
  };
  const grads = grad(fn, { argnums: names.map((_, i) => i) })(
    ...names.map((n) => array(values[n] as number | number[], { dtype: "float64" })),
  ) as Tensor[];
  return new Map(names.map((n, i) => [n, numbers((grads[i] as Tensor).value)]));
}

describe("traceOrder", () => {
  it("lists tensors in traceGraph's order", () => {
    const { output } = evaluateExpression(parseExpression("(a + b) * (a - b) + 2"), { a: 3, b: 1 });
    const trace = traceGraph(output);
    const tensors = traceOrder(output);
    expect(tensors.map((t) => (t.node ? t.node.op : "input"))).toEqual(trace.nodes.map((n) => n.op));
    expect(tensors.map((t) => t.name)).toEqual(trace.nodes.map((n) => n.name));
  });
});

describe("walkBackward", () => {
  it("steps relu(w * x + b) output first: relu, add, b, mul, x, w", () => {
    const w = walkOf("relu(w * x + b)", { w: 3, x: 2, b: -1 });
    expect(w.steps.map((s) => (s.op === "input" ? w.trace.nodes[s.id]?.name : s.op))).toEqual([
      "relu",
      "add",
      "b",
      "mul",
      "x",
      "w",
    ]);
  });

  it("shows each operand's local derivative and contribution: mul gives a the value of b", () => {
    const w = walkOf("relu(w * x + b)", { w: 3, x: 2, b: -1 });
    const mul = w.steps.find((s) => s.op === "mul");
    expect(mul?.operands.map((o) => [w.trace.nodes[o.from]?.name, numbers(o.local ?? array(0))[0]])).toEqual([
      ["w", 2],
      ["x", 3],
    ]);
    expect(mul?.operands.map((o) => numbers(o.contribution)[0])).toEqual([2, 3]);
    const relu = w.steps[0];
    expect(numbers(relu?.operands[0]?.local ?? array(0))).toEqual([1]);
  });

  it("accumulates a gradient that arrives twice: (a + b) * (a - b) gives ∂a = 2a, ∂b = −2b", () => {
    const w = walkOf("(a + b) * (a - b)", { a: 3, b: 2 });
    const last = w.gradients[w.steps.length];
    const id = (name: string) => w.trace.nodes.find((n) => n.name === name)?.id ?? -1;
    expect(numbers(last?.get(id("a")) ?? array(0))).toEqual([6]);
    expect(numbers(last?.get(id("b")) ?? array(0))).toEqual([-4]);
    // a receives its gradient in two parts: partial after the first consumer's step
    const firstHit = w.steps.findIndex((s) => s.operands.some((o) => o.from === id("a")));
    const partial = w.gradients[firstHit + 1]?.get(id("a"));
    expect(numbers(partial ?? array(0))).not.toEqual([6]);
  });

  it.each<[string, Record<string, number | number[]>]>([
    ["relu(w * x + b)", { w: 3, x: 2, b: -1 }],
    ["relu(w * x + b)", { w: -3, x: 2, b: 1 }],
    ["sigmoid(w1 * x1 + w2 * x2 + b)", { w1: 0.5, x1: 1.5, w2: -1, x2: 0.25, b: 0.1 }],
    ["(a + b) * (a - b)", { a: 3, b: 2 }],
    ["tanh(a) / (1 + exp(-b)) - log(square(a) + 1) + a ^ 3", { a: 0.7, b: -0.3 }],
    ["sum(v * w) + mean(square(v)) + max(v)", { v: [1, -2, 3], w: [0.5, 0.25, -1] }],
    ["a * [1, 2, 3] + b", { a: 2, b: [1, 1, 1] }],
    ["max(a, b) - min(a * 2, b)", { a: 1.5, b: 0.5 }],
  ])("the last step's leaf gradients of %s equal autograd's grad", (source, values) => {
    const w = walkOf(source, values);
    const expected = autogradOf(source, values);
    const last = w.gradients[w.steps.length];
    for (const [name, g] of expected) {
      const node = w.trace.nodes.find((n) => n.name === name && n.op === "input");
      const got = numbers(last?.get(node?.id ?? -1) ?? array(0));
      expect(got).toHaveLength(g.length);
      got.forEach((v, i) => {
        expect(v).toBeCloseTo(g[i] as number, 10);
      });
    }
  });

  it("gives every trace node that requires grad exactly one step", () => {
    const w = walkOf("sigmoid(w1 * x1 + w2 * x2 + b) * 2", { w1: 1, x1: 1, w2: 1, x2: 1, b: 1 });
    const needing = w.trace.nodes.filter((n) => n.requiresGrad).map((n) => n.id);
    expect([...w.order].sort((a, b) => a - b)).toEqual(needing);
    expect(w.steps).toHaveLength(needing.length);
  });

  it("has no steps when no variable is involved", () => {
    const w = walkOf("2 * 3", {});
    expect(w.steps).toEqual([]);
  });
});

describe("traceAtStep", () => {
  it("shows no gradients before backward, the seed at step 0 and leaf gradients at the end", () => {
    const w = walkOf("relu(w * x + b)", { w: 3, x: 2, b: -1 });
    expect(traceAtStep(w, null).nodes.every((n) => n.grad === null)).toBe(true);
    const seed = traceAtStep(w, 0).nodes.filter((n) => n.grad !== null);
    expect(seed.map((n) => [n.op, n.grad?.mean])).toEqual([["relu", 1]]);
    const end = traceAtStep(w, w.steps.length);
    expect(end.nodes.find((n) => n.name === "w")?.grad?.mean).toBe(2);
  });
});

describe("LOCAL_RULES", () => {
  it("names the book's rules", () => {
    expect(localRule("mul", 0)).toBe("∂(a·b)/∂a = b");
    expect(localRule("mul", 1)).toBe("∂(a·b)/∂b = a");
    expect(LOCAL_RULES.matmul).toEqual(["C = A·B: ∂L/∂A = G·Bᵀ", "C = A·B: ∂L/∂B = Aᵀ·G"]);
    expect(localRule("nothing", 1)).toContain("∂nothing");
  });

  it("has a formula for every operand of every autograd op, the elementwise ones from the op table", () => {
    for (const [op, formulas] of Object.entries(LOCAL_RULES)) expect(formulas.length, op).toBeGreaterThan(0);
    expect(localRule("softplus", 0)).toBe("∂softplus(x)/∂x = σ(x)");
    expect(Object.keys(LOCAL_RULES)).toEqual(expect.arrayContaining(Object.keys(rules)));
  });
});

describe("buildNetworkSample", () => {
  it("traces the default 2-16-16-3 network on one sample up to the loss", () => {
    const s = buildNetworkSample(DEFAULT_EXPERIMENT, 0);
    expect(s.sizes).toEqual([2, 16, 16, 3]);
    expect(s.walk.trace.nodes.at(-1)?.name).toBe("loss");
    expect(s.walk.trace.nodes.filter((n) => n.op === "matmul")).toHaveLength(3);
    expect(Number.isFinite(s.loss)).toBe(true);
  });

  it("agrees with the book: dweights = inputsᵀ · dvalues and dbiases = Σ dvalues", () => {
    for (const index of [0, 7, 100]) {
      const { check } = buildNetworkSample(DEFAULT_EXPERIMENT, index);
      expect(check.bookWeights.shape).toEqual([2, 16]);
      expect(check.maxDifference).toBeLessThan(1e-6);
      expect(numbers(check.bookWeights)).toEqual(numbers(check.autogradWeights).map((v) => expect.closeTo(v, 6)));
    }
  });

  it("agrees for binary cross-entropy, MSE and a regression set too", () => {
    for (const e of [
      { ...DEFAULT_EXPERIMENT, dataset: "xor" as const, loss: "binary" as const, classes: 2 },
      { ...DEFAULT_EXPERIMENT, loss: "mse" as const, hidden: [{ units: 4, activation: "tanh" as const }] },
      { ...DEFAULT_EXPERIMENT, dataset: "sine" as const, loss: "mse" as const, features: ["x1" as const] },
    ]) {
      const s = buildNetworkSample(e, 3);
      expect(s.check.maxDifference).toBeLessThan(1e-6);
    }
  });
});
