import { array, NDArray, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { add, matmul, mul, softmaxCrossEntropy, sum } from "./ops.js";
import { rules } from "./rules.js";
import { Tensor, tensor } from "./tensor.js";

describe("ops", () => {
  it("compute the same values as the tensor package", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(add(a, 1).toArray()).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(mul(a, a).toArray()).toEqual([
      [1, 4],
      [9, 16],
    ]);
    expect(matmul(a, array([[1], [1]])).toArray()).toEqual([[3], [7]]);
    expect(sum(a).item()).toBe(10);
    expect(a.add(1).mul(2).sum({ axis: 0 }).toArray()).toEqual([12, 16]);
  });

  it("record the op and its operands in order when a gradient is needed", () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2]);
    const c = matmul(tensor([[1]]), tensor([[2]], { requiresGrad: true }));
    const d = add(b, a);
    expect(d.node?.op).toBe("add");
    expect(d.node?.inputs[0]).toBe(b);
    expect(d.node?.inputs[1]).toBe(a);
    expect(d.requiresGrad).toBe(true);
    expect(c.node?.op).toBe("matmul");
  });

  it("record nothing when no operand requires a gradient", () => {
    const d = add(tensor([1]), tensor([2]));
    expect(d.node).toBeNull();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
  });

  it("accept NDArrays and numbers as constants", () => {
    const w = tensor([2], { requiresGrad: true });
    const y = mul(array([3]), w);
    expect(y.node?.inputs[0]).toBeInstanceOf(Tensor);
    expect(y.node?.inputs[0]?.requiresGrad).toBe(false);
  });

  it("have one rule per op, each with forward and backward", () => {
    for (const rule of Object.values(rules)) {
      expect(typeof rule.forward).toBe("function");
      expect(typeof rule.backward).toBe("function");
    }
    expect(Object.keys(rules).length).toBeGreaterThanOrEqual(39);
    for (const op of ["add", "matmul", "softmaxCrossEntropy", "logsumexp", "take", "concat", "slice"]) {
      expect(Object.keys(rules)).toContain(op);
    }
  });

  it("pass shape errors through with the op name and shapes", () => {
    expect(() => add(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => matmul(tensor([[1, 2]]), tensor([[1, 2]]))).toThrow("matmul: inner dimensions differ: [1,2] @ [1,2]");
  });

  it("reject operands of other kinds with ValueError", () => {
    expect(() => add(tensor([1]), "x" as unknown as number)).toThrow(ValueError);
  });
});

describe("Tensor", () => {
  it("wraps an NDArray without copying and prints it with its op", () => {
    const v = array([1, 2]);
    const t = tensor(v, { requiresGrad: true });
    expect(t.value).toBe(v);
    expect(t.shape).toEqual([2]);
    expect(t.toString()).toBe("tensor([1. 2.], requiresGrad)");
    expect(mul(t, 2).toString()).toBe("tensor([2. 4.], requiresGrad, op=mul)");
  });

  it("indents continuation lines of a multi-row value under the first row", () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe("tensor([[1. 2.]\n        [3. 4.]])");
  });

  it("builds from numbers and nested lists", () => {
    expect(tensor(2).value).toBeInstanceOf(NDArray);
    expect(tensor([[1, 2]]).shape).toEqual([1, 2]);
  });
});

describe("softmaxCrossEntropy's targets", () => {
  it("throws ValueError (a type problem, not a shape one) for a Tensor or a plain list of targets", () => {
    const z = tensor([[1, 2, 3]], { requiresGrad: true });
    expect(() => softmaxCrossEntropy(z, tensor([2]) as unknown as NDArray)).toThrow(
      /got a Tensor \(pass its \.value\)/,
    );
    expect(() => softmaxCrossEntropy(z, [2] as unknown as NDArray)).toThrow(/got a plain list/);
  });
});
