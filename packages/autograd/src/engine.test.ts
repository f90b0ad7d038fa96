import { array, DTypeError, ones, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { AnomalyError } from "./errors.js";
import { grad, valueAndGrad } from "./grad.js";
import { detectAnomaly, gradcheck } from "./gradcheck.js";
import { noGrad } from "./graph.js";
import * as ag from "./ops.js";
import { type Tensor, tensor, zeroGrad } from "./tensor.js";

const f64 = (data: number | number[] | number[][], requiresGrad = true) =>
  tensor(array(data, { dtype: "float64" }), { requiresGrad });

describe("backward: graph lifetime", () => {
  it("frees the graph: a second backward throws a clear ValueError and changes nothing", () => {
    const x = f64([1, 2]);
    const y = ag.sum(ag.mul(x, x));
    y.backward();
    expect(x.grad?.toArray()).toEqual([2, 4]);
    expect(() => y.backward()).toThrow(ValueError);
    expect(() => y.backward()).toThrow("backward: the graph through sum (output [])");
    expect(() => y.backward()).toThrow("pass { retainGraph: true }");
    expect(x.grad?.toArray()).toEqual([2, 4]);
  });

  it("keeps the graph with retainGraph, accumulating on the second call", () => {
    const x = f64([1, 2]);
    const y = ag.sum(ag.mul(x, x));
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad?.toArray()).toEqual([4, 8]);
  });

  it("createGraph makes gradients differentiable: a Hessian-vector product", () => {
    // f(x) = Σ x³ → ∇f = 3x², H = diag(6x), Hv = 6x ⊙ v
    const x = f64([1, -2, 3]);
    ag.sum(ag.pow(x, 3)).backward(undefined, { createGraph: true });
    const g = x.grad as Tensor;
    expect(g.requiresGrad).toBe(true);
    const v = array([1, 0.5, -1], { dtype: "float64" });
    zeroGrad([x]);
    ag.sum(ag.mul(g, v)).backward();
    expect((x.grad as Tensor | null)?.toArray()).toEqual([6, -6, -18]);
  });

  it("nested grad(grad(f)) gives the second derivative", () => {
    const d2 = grad((x: Tensor) => ag.sum(grad((y: Tensor) => ag.sum(ag.pow(y, 4)))(x) as Tensor));
    // d/dx Σ 4x³ = 12x² per element
    expect((d2(f64([1, 2])) as Tensor).toArray()).toEqual([12, 48]);
  });

  it("handles a chain of 100,000 ops without overflowing the stack", () => {
    const x = tensor(1, { requiresGrad: true });
    let y: Tensor = x;
    for (let i = 0; i < 100_000; i++) y = ag.add(y, 1);
    y.backward();
    expect(x.grad?.item()).toBe(1);
  });
});

describe("backward: bad input", () => {
  it("requires a gradient for a non-scalar output", () => {
    expect(() => ag.mul(f64([1, 2]), 2).backward()).toThrow(
      "backward: a gradient must be given for a non-scalar output of shape [2]",
    );
  });
  it("rejects an upstream gradient of the wrong shape", () => {
    expect(() => ag.mul(f64([1, 2]), 2).backward(ones([3], { dtype: "float64" }))).toThrow(ShapeError);
  });
  it("refuses gradients for integer tensors", () => {
    expect(() => tensor(array(new Int32Array([1])), { requiresGrad: true })).toThrow(DTypeError);
    expect(() => tensor(array([true]), { requiresGrad: true })).toThrow(
      "requiresGrad: only float tensors can require gradients, got bool",
    );
  });
  it("rejects backward of a tensor that needs no gradient", () => {
    expect(() => tensor(1).backward()).toThrow("backward: the output does not require grad");
  });
});

describe("recording control", () => {
  it("noGrad records nothing and its results need no gradient", () => {
    const w = f64([1, 2]);
    const y = noGrad(() => ag.mul(w, 3));
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(ag.mul(w, 3).requiresGrad).toBe(true);
  });

  it("detach() cuts the graph and requiresGrad_() turns a leaf on", () => {
    const w = f64([1, 2]);
    const d = ag.mul(w, 2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
    const leaf = tensor([1, 2]).requiresGrad_();
    ag.sum(leaf).backward();
    expect(leaf.grad?.toArray()).toEqual([1, 1]);
    expect(() => ag.mul(w, 2).requiresGrad_(false)).toThrow("use detach()");
  });

  it("hooks see the gradient and may replace it; removing a hook stops it", () => {
    const x = f64([1, 2]);
    const seen: unknown[] = [];
    const remove = x.registerHook((g) => {
      seen.push(g.toArray());
      return ag.mul(g, 10);
    });
    ag.sum(ag.mul(x, 3)).backward();
    expect(seen).toEqual([[3, 3]]);
    expect(x.grad?.toArray()).toEqual([30, 30]);
    remove();
    zeroGrad([x]);
    expect(x.grad).toBeNull();
    ag.sum(ag.mul(x, 3)).backward();
    expect(x.grad?.toArray()).toEqual([3, 3]);
  });
});

describe("functional gradients", () => {
  it("grad(fn) returns ∂fn/∂x without touching any .grad", () => {
    const w = f64([1, 2]);
    const dfdx = grad((x: Tensor) => ag.sum(ag.mul(ag.mul(x, x), w)));
    expect((dfdx([3, 4]) as Tensor).toArray()).toEqual([6, 16]);
    expect(w.grad).toBeNull();
  });

  it("valueAndGrad with several argnums returns the value and one gradient each", () => {
    const [value, grads] = valueAndGrad((a: Tensor, b: Tensor) => ag.sum(ag.mul(a, b)), { argnums: [0, 1] })(
      [1, 2],
      [3, 4],
    );
    expect(value.item()).toBe(11);
    expect((grads as Tensor[]).map((g) => g.toArray())).toEqual([
      [3, 4],
      [1, 2],
    ]);
  });

  it("rejects a function with a non-scalar result and out-of-range argnums", () => {
    expect(() => grad((x: Tensor) => ag.mul(x, 2))([1, 2])).toThrow(
      "grad: the function must return a one-element Tensor",
    );
    expect(() => grad((x: Tensor) => ag.sum(x), { argnums: 2 })([1])).toThrow("grad: argnums 2 is out of range");
  });
});

describe("kinks and ties follow PyTorch", () => {
  const gradOf = (fn: (x: Tensor) => Tensor, x: number[]) => (grad(fn)(x) as Tensor).toArray();
  it("relu'(0) = 0 and |x|'(0) = 0", () => {
    expect(gradOf((x) => ag.sum(ag.relu(x)), [-1, 0, 2])).toEqual([0, 0, 1]);
    expect(gradOf((x) => ag.sum(ag.abs(x)), [-1, 0, 2])).toEqual([-1, 0, 1]);
  });
  it("clip passes the gradient at its boundaries", () => {
    expect(gradOf((x) => ag.sum(ag.clip(x, 0, 1)), [-0.5, 0, 0.5, 1, 1.5])).toEqual([0, 1, 1, 1, 0]);
  });
  it("a max over tied values splits the gradient evenly (torch.amax)", () => {
    expect(gradOf((x) => ag.max(x), [1, 3, 3, 2])).toEqual([0, 0.5, 0.5, 0]);
    expect(gradOf((x) => ag.sum(ag.min(ag.reshape(x, [2, 2]), { axis: 1 })), [1, 1, 2, 0])).toEqual([0.5, 0.5, 0, 1]);
  });
  it("maximum/minimum of equal operands give each half", () => {
    expect(gradOf((x) => ag.sum(ag.maximum(x, 1)), [0, 1, 2])).toEqual([0, 0.5, 1]);
  });
});

describe("gradcheck", () => {
  it("reports the worst element of a wrong gradient", () => {
    const good = gradcheck((x) => ag.sum(ag.mul(x, x)), [[1, 2, 3]]);
    expect(good.ok).toBe(true);
    expect(good.worst.relError).toBeLessThan(1e-8);
    // A function whose backward is wrong on purpose: a hook doubles x's gradient.
    const bad = gradcheck(
      (x) => {
        if (x.requiresGrad) x.registerHook((g) => ag.mul(g, 2));
        return ag.sum(ag.mul(x, x));
      },
      [[1, 2, 3]],
    );
    expect(bad.ok).toBe(false);
    expect(bad.worst.input).toBe(0);
    expect(bad.worst.relError).toBeGreaterThan(0.4);
    expect(bad.worst.analytic).toBeCloseTo(2 * bad.worst.numeric, 5);
  });

  it("throws ValueError naming fn for gradcheck(42) (regression: untyped TypeError)", () => {
    const call = gradcheck as unknown as (...args: unknown[]) => unknown;
    expect(() => call(42)).toThrow(new ValueError("gradcheck", "fn must be a function, got 42"));
    expect(() => call((x: Tensor) => x, [])).toThrow("gradcheck: needs a non-empty list of inputs, got an array of 0");
    expect(() => call((x: Tensor) => x, [[1]], { eps: 0 })).toThrow(
      "gradcheck: eps must be a finite number > 0, got 0",
    );
    expect(() => call((x: Tensor) => x, [[1]], { tolerance: Number.NaN })).toThrow(ValueError);
    expect(() => call((x: Tensor) => x, [[1]], { seed: -1 })).toThrow("gradcheck: seed must be an integer");
    expect(() => call(() => 3, [[1]])).toThrow("gradcheck: fn must return a Tensor, got number");
  });
});

describe("detectAnomaly", () => {
  it("names the op whose forward made NaN/Inf from finite inputs, with shapes", () => {
    const x = f64([0, 1]);
    expect(() => detectAnomaly(() => ag.log(x))).toThrow(AnomalyError);
    expect(() => detectAnomaly(() => ag.log(x))).toThrow(
      "log: forward produced NaN or Infinity from finite inputs of shapes [2]",
    );
  });

  it("names the op whose backward made NaN/Inf", () => {
    const x = f64([0, 4]);
    expect(() => detectAnomaly(() => ag.sum(ag.sqrt(x)).backward())).toThrow(
      "sqrt: backward produced NaN or Infinity for operand 0 of shape [2]",
    );
  });

  it("is off outside detectAnomaly: NaN and Infinity are values", () => {
    expect(ag.log(f64([0])).toArray()).toEqual([Number.NEGATIVE_INFINITY]);
  });
});

describe("regressions found against PyTorch", () => {
  it("prod's gradient is differentiable again (createGraph): ∇Σ∇prod at [2,3,5] = [8,7,5]", () => {
    const d2 = grad((x: Tensor) => ag.sum(grad((y: Tensor) => ag.prod(y))(x) as Tensor));
    expect(d2(f64([2, 3, 5])) as Tensor).toBeAllclose([8, 7, 5], { rtol: 1e-12 });
  });

  it("pow(x, 0) has gradient 0 at x = 0, not NaN", () => {
    expect((grad((x: Tensor) => ag.sum(ag.pow(x, 0)))(f64([0, 2])) as Tensor).toArray()).toEqual([0, 0]);
  });

  it("number constants take a float64 tensor's precision", () => {
    const x = f64([1]);
    ag.sum(ag.mul(x, 0.1)).backward();
    expect(x.grad?.toArray()).toEqual([0.1]);
    expect(ag.mul(tensor([1]), 0.1).dtype).toBe("float32");
  });
});

describe("regressions found in review", () => {
  it("prod's second derivative with exactly one zero matches PyTorch", () => {
    // Hessian of Πx at [0,2,3]: rows [0,3,2], [3,0,0], [2,0,0]
    const rows = [0, 1, 2].map((i) => {
      const row = grad((x: Tensor) => ag.slice(grad((y: Tensor) => ag.prod(y))(x) as Tensor, `${i}`));
      return (row(f64([0, 2, 3])) as Tensor).toArray();
    });
    expect(rows).toEqual([
      [0, 3, 2],
      [3, 0, 0],
      [2, 0, 0],
    ]);
  });

  it("nested grad sees an outer variable captured by a closure", () => {
    const outer = grad((x: Tensor) => ag.sum(grad((y: Tensor) => ag.sum(ag.mul(x, y)))([1.5, 2.5]) as Tensor));
    expect((outer([3, 4]) as Tensor).toArray()).toEqual([1, 1]);
  });

  it("grad works inside noGrad, so gradcheck can check a gradient", () => {
    expect((noGrad(() => grad((x: Tensor) => ag.sum(ag.mul(x, x)))([3, 4])) as Tensor).toArray()).toEqual([6, 8]);
    expect(gradcheck((x) => grad((t: Tensor) => ag.sum(ag.pow(t, 3)))(x) as Tensor, [[1, 2]]).ok).toBe(true);
  });

  it("grad() runs only the graph that leads to its targets: outer graphs and hooks are untouched", () => {
    const v = f64([1, 2]);
    let fired = 0;
    v.registerHook(() => {
      fired++;
    });
    const w = ag.mul(v, 2);
    grad((x: Tensor, ww: Tensor) => ag.sum(ag.mul(x, ww)))([1, 1], w);
    expect(fired).toBe(0);
    ag.sum(w).backward();
    expect(v.grad?.toArray()).toEqual([2, 2]);
  });

  it("a throwing backward changes no .grad and frees nothing", () => {
    const w = f64([0, 1]);
    const x = f64([1, 1]);
    const y = ag.sum(ag.add(ag.sqrt(w), ag.mul(x, 2)));
    expect(() => detectAnomaly(() => y.backward())).toThrow(AnomalyError);
    expect(x.grad).toBeNull();
    const z = ag.sum(ag.mul(x, 3));
    const h = z.registerHook(() => {
      throw new Error("hook failed");
    });
    expect(() => z.backward()).toThrow("hook failed");
    h();
    z.backward();
    expect(x.grad?.toArray()).toEqual([3, 3]);
  });

  it("softmaxCrossEntropy's gradient matches its loss for an all-zero target row", () => {
    const targets = array([
      [0, 0, 0],
      [0, 1, 0],
    ]);
    expect(
      gradcheck(
        (z) => ag.softmaxCrossEntropy(z, targets),
        [
          [
            [0.1, 0.2, 0.3],
            [1, -1, 0.5],
          ],
        ],
      ).ok,
    ).toBe(true);
  });

  it("take refuses fractional and out-of-int32 indices", () => {
    expect(() => ag.take(f64([1, 2]), [0.5])).toThrow("take: indices must be an int32 NDArray or a list of integers");
    expect(() => ag.take(f64([1, 2]), [2 ** 32])).toThrow("take: index 4294967296 out of bounds for axis 0 of size 2");
  });

  it("out-of-range negative axes throw instead of wrapping", () => {
    const a = f64([[1, 2]]);
    expect(() => ag.concat([a, a], -3)).toThrow("concat: axis -3 is out of bounds");
    expect(() => ag.squeeze(a, -3)).toThrow(ValueError);
    expect(() => ag.split(a, 1, -3)).toThrow(ValueError);
    expect(() => ag.transpose(a, [-3, 0])).toThrow(ValueError);
  });

  it("bad inputs get typed errors: gradient type, grad args, Tensor in tensor(), hooks", () => {
    const x = f64([1, 2]);
    expect(() => ag.mul(x, 2).backward("x" as never)).toThrow(
      "backward: gradient must be a Tensor, an NDArray or a number",
    );
    expect(() => grad((t: Tensor) => ag.sum(t))(undefined as never)).toThrow("grad: argument 0 must be");
    expect(() => tensor(x as never)).toThrow("tensor: data is already a Tensor");
    expect(() => tensor([1]).registerHook(() => undefined)).toThrow("registerHook: the tensor does not require grad");
    x.registerHook(() => tensor([1, 2, 3]));
    expect(() => ag.sum(x).backward()).toThrow("a hook on a tensor of shape [2] returned shape [3]");
    expect(x.grad).toBeNull();
  });

  it("leaves fed the same gradient under createGraph get separate .grad tensors", () => {
    const a = f64([1]);
    const b = f64([2]);
    ag.sum(ag.add(a, b)).backward(undefined, { createGraph: true });
    expect(a.grad).not.toBe(b.grad);
  });
});
