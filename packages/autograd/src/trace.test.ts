import { array, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import * as ag from "./ops.js";
import { tensor } from "./tensor.js";
import { summarize, traceGraph, traceOrder } from "./trace.js";

describe("traceGraph", () => {
  it("lists inputs before ops, the output last, with edges in operand order", () => {
    const x = tensor([[1, 2]], { name: "x" });
    const w = tensor([[0.5], [-1]], { requiresGrad: true, name: "w" });
    const b = tensor([[0.1]], { requiresGrad: true, name: "b" });
    const y = ag.relu(ag.add(ag.matmul(x, w), b));
    const { nodes, edges } = traceGraph(y);
    expect(nodes.map((n) => n.op)).toEqual(["input", "input", "matmul", "input", "add", "relu"]);
    expect(nodes.map((n) => n.name)).toEqual(["x", "w", undefined, "b", undefined, undefined]);
    expect(nodes.at(-1)?.shape).toEqual([1, 1]);
    const matmul = nodes.findIndex((n) => n.op === "matmul");
    expect(edges.filter((e) => e.to === matmul)).toEqual([
      { from: 0, to: matmul, operand: 0 },
      { from: 1, to: matmul, operand: 1 },
    ]);
    expect(nodes[0]?.requiresGrad).toBe(false);
  });

  it("summarises values and, after backward, the leaves' gradients", () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const y = ag.sum(ag.mul(a, a));
    y.backward(undefined, { retainGraph: true });
    const { nodes } = traceGraph(y);
    const leaf = nodes.find((n) => n.isLeaf && n.requiresGrad);
    expect(leaf?.grad).toEqual({ size: 3, min: 2, max: 6, mean: 4, preview: [2, 4, 6] });
    expect(nodes.at(-1)?.value.preview).toEqual([14]);
  });

  it("keeps a tensor used twice as one node with two edges", () => {
    const a = tensor(3, { requiresGrad: true });
    const { nodes, edges } = traceGraph(ag.add(a, a));
    expect(nodes).toHaveLength(2);
    expect(edges).toEqual([
      { from: 0, to: 1, operand: 0 },
      { from: 0, to: 1, operand: 1 },
    ]);
  });

  it("summarize reports NaN statistics for an empty array", () => {
    expect(summarize(array([])).size).toBe(0);
    expect(summarize(array([])).mean).toBeNaN();
  });

  it("numbers its nodes by traceOrder, which lists the tensors themselves", () => {
    const a = tensor([1, 2], { requiresGrad: true, name: "a" });
    const out = ag.mul(ag.add(a, 1), a);
    const order = traceOrder(out);
    expect(order.at(-1)).toBe(out);
    expect(order.map((t) => (t.node ? t.node.op : "input"))).toEqual(traceGraph(out).nodes.map((n) => n.op));
    expect(order.filter((t) => t === a)).toHaveLength(1);
  });

  it("rejects what is not a tensor, naming the op", () => {
    expect(() => traceOrder([1, 2] as never)).toThrow(ValueError);
    expect(() => traceGraph(null as never)).toThrow("traceOrder: expected a Tensor, got null");
  });
});
