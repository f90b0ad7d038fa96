import { array, NDArray, matmul as ndMatmul, ones, ShapeError, ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topologicalOrder } from "./backward.js";
import { add, matmul, mul, sum } from "./ops.js";
import { type Tensor, tensor } from "./tensor.js";

describe("backward", () => {
  it("accumulates: b = a + a gives a.grad = 2", () => {
    const a = tensor(3, { requiresGrad: true });
    const b = add(a, a);
    b.backward();
    expect(a.grad?.toArray()).toBe(2);
  });

  it("accumulates into .grad across backward calls", () => {
    const a = tensor([1, 2], { requiresGrad: true });
    sum(mul(a, 3)).backward();
    sum(mul(a, 3)).backward();
    expect(a.grad?.toArray()).toEqual([6, 6]);
  });

  it("gives ∂Σ(a·b)/∂a = b and ∂/∂b = a", () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([4, 5, 6], { requiresGrad: true });
    sum(mul(a, b)).backward();
    expect(a.grad?.toArray()).toEqual([4, 5, 6]);
    expect(b.grad?.toArray()).toEqual([1, 2, 3]);
  });

  it("gives G @ Bᵀ and Aᵀ @ G for a matrix product", () => {
    const A = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const B = array([
      [1, -1],
      [0, 2],
      [3, 1],
    ]);
    const a = tensor(A, { requiresGrad: true });
    const b = tensor(B, { requiresGrad: true });
    const c = matmul(a, b);
    const g = array([
      [1, 2],
      [3, 4],
    ]);
    c.backward(g);
    expect(a.grad).toBeAllclose(ndMatmul(g, B.T));
    expect(b.grad).toBeAllclose(ndMatmul(A.T, g));
  });

  it("sums broadcast gradients back to each input's shape", () => {
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    );
    const bias = tensor([[10, 20, 30]], { requiresGrad: true });
    const row = tensor([1, 1, 1], { requiresGrad: true });
    sum(add(add(x, bias), row)).backward();
    expect(x.grad?.toArray()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(bias.grad?.toArray()).toEqual([[2, 2, 2]]);
    expect(row.grad?.toArray()).toEqual([2, 2, 2]);
  });

  it("spreads a partial sum's gradient over the reduced axis, with and without keepdims", () => {
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    );
    sum(x, { axis: 1 }).backward(array([1, 10]));
    expect(x.grad?.toArray()).toEqual([
      [1, 1, 1],
      [10, 10, 10],
    ]);
    const y = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    sum(y, { axis: 0, keepdims: true }).backward(array([[1, 2]]));
    expect(y.grad?.toArray()).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it("leaves constants without gradients", () => {
    const w = tensor([2], { requiresGrad: true });
    const x = tensor([5]);
    sum(mul(w, x)).backward();
    expect(x.grad).toBeNull();
    expect(w.grad?.toArray()).toEqual([5]);
  });

  it("stores a copy, so two leaves fed the same upstream gradient do not share storage", () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([2], { requiresGrad: true });
    sum(add(a, b)).backward();
    expect(a.grad?.value.storage).not.toBe(b.grad?.value.storage);
  });

  it("handles a chain of 100,000 ops without overflowing the stack", () => {
    const x = tensor(1, { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < 100_000; i++) y = add(y, 1);
    y.backward();
    expect(x.grad?.item()).toBe(1);
  });

  it("matches central finite differences for Σ((X @ W + b) · (X @ W + b))", () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }), (vals) => {
        const X = new NDArray(Float32Array.from(vals.slice(0, 6)), [2, 3]);
        const W0 = Float64Array.from(vals.slice(6, 12));
        const b = tensor([[0.5, -0.25]]);
        const f = (w: Float64Array): number => {
          let total = 0;
          for (let i = 0; i < 2; i++) {
            for (let j = 0; j < 2; j++) {
              let z = j === 0 ? 0.5 : -0.25;
              for (let k = 0; k < 3; k++) z += (X.storage.view()[i * 3 + k] as number) * (w[k * 2 + j] as number);
              total += z * z;
            }
          }
          return total;
        };
        const W = tensor(new NDArray(Float32Array.from(W0), [3, 2]), { requiresGrad: true });
        const z = add(matmul(X, W), b);
        sum(mul(z, z)).backward();
        const grad = W.grad?.value.dataSync() as Float32Array;
        const h = 1e-6;
        for (let p = 0; p < 6; p++) {
          const up = W0.slice();
          const down = W0.slice();
          up[p] = (up[p] as number) + h;
          down[p] = (down[p] as number) - h;
          const numeric = (f(up) - f(down)) / (2 * h);
          expect(grad[p]).toBeCloseTo(numeric, 3);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("requires a gradient for non-scalar outputs", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => mul(x, 2).backward()).toThrow(ValueError);
    expect(() => mul(x, 2).backward()).toThrow(
      "backward: a gradient must be given for a non-scalar output of shape [2]",
    );
  });

  it("rejects a gradient whose shape differs from the output's", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => mul(x, 2).backward(ones([3]))).toThrow(ShapeError);
    expect(() => mul(x, 2).backward(ones([3]))).toThrow("gradient of shape [3] does not match the output shape [2]");
  });

  it("rejects backward from a tensor that does not require grad", () => {
    expect(() => tensor(1).backward()).toThrow("backward: the output does not require grad");
  });
});

describe("topologicalOrder", () => {
  it("puts every input before the tensors made from it", () => {
    const a = tensor(1, { requiresGrad: true });
    const b = mul(a, 2);
    const c = add(b, a);
    const d = mul(c, b);
    const order = topologicalOrder(d);
    expect(order).toHaveLength(4);
    expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    expect(order.indexOf(b)).toBeLessThan(order.indexOf(c));
    expect(order.at(-1)).toBe(d);
  });
});
