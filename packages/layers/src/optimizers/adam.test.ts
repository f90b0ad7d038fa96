import { Tensor } from "@sinapse/autograd";
import { add, div, getBackend, mul, type NDArray, Random, setBackend, sqrt, square } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { Adam } from "./adam.js";

/** The op-by-op Adam update that the fused expression must reproduce bit for bit. */
function reference(p: NDArray, g: NDArray, m: NDArray, v: NDArray, lr: number, t: number) {
  const m2 = add(mul(m, 0.9), mul(g, 1 - 0.9));
  const v2 = add(mul(v, 0.999), mul(square(g), 1 - 0.999));
  const step = mul(div(m2, 1 - 0.9 ** t), -lr);
  const p2 = add(p, div(step, add(sqrt(div(v2, 1 - 0.999 ** t)), 1e-7)));
  return { p: p2, m: m2, v: v2 };
}

describe("Adam's fused update", () => {
  it.each(["js", "wasm"] as const)("matches the op-by-op formula bit for bit on %s (float32 and float64)", (name) => {
    const before = getBackend().name;
    setBackend(name);
    try {
      for (const dtype of ["float32", "float64"] as const) {
        for (const shape of [
          [3, 5],
          [97, 131],
        ]) {
          const rng = new Random(3);
          const param = new Tensor(rng.randn(shape, { dtype }), { requiresGrad: true });
          const adam = new Adam({ learningRate: 0.01 });
          let p = param.value.copy();
          let m = mul(p, 0);
          let v = mul(p, 0);
          for (let t = 1; t <= 3; t++) {
            const g = rng.randn(shape, { dtype });
            param.grad = new Tensor(g);
            adam.preUpdate();
            adam.update(param);
            adam.postUpdate();
            ({ p, m, v } = reference(p, g, m, v, 0.01, t));
          }
          expect(Array.from(param.value.dataSync() as ArrayLike<number>)).toEqual(
            Array.from(p.dataSync() as ArrayLike<number>),
          );
        }
      }
    } finally {
      setBackend(before as "js" | "wasm");
    }
  });

  it("reads the decayed learning rate afresh at every step (the step's scalars are operands, not cached constants)", () => {
    const rng = new Random(1);
    const param = new Tensor(rng.randn([6]), { requiresGrad: true });
    const adam = new Adam({ learningRate: 0.05, decay: 0.5 });
    let p = param.value.copy();
    let m = mul(p, 0);
    let v = mul(p, 0);
    for (let t = 1; t <= 5; t++) {
      const g = rng.randn([6]);
      param.grad = new Tensor(g);
      adam.preUpdate();
      const lr = adam.currentLearningRate;
      adam.update(param);
      adam.postUpdate();
      ({ p, m, v } = reference(p, g, m, v, lr, t));
    }
    expect(adam.currentLearningRate).toBeCloseTo(0.05 / 3, 12);
    expect(Array.from(param.value.dataSync())).toEqual(Array.from(p.dataSync()));
  });
});
