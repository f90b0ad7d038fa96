import { describe, expect, it } from "vitest";
import { getBackend, setBackend } from "../backends/registry.js";
import { zerosLike } from "../creation.js";
import { DTypeError, ShapeError, ValueError } from "../errors.js";
import type { NDArray } from "../ndarray.js";
import { Random } from "../random.js";
import { add, div, mul, sqrt, square } from "./elementwise.js";
import { experimental_adamUpdate } from "./fused.js";
import { astype, copy, transpose } from "./movement.js";

/** The op-by-op Adam update that the fused one must reproduce bit for bit. */
function reference(p: NDArray, g: NDArray, m: NDArray, v: NDArray, lr: number, t: number) {
  const m2 = add(mul(m, 0.9), mul(g, 1 - 0.9));
  const v2 = add(mul(v, 0.999), mul(square(g), 1 - 0.999));
  const step = mul(div(m2, 1 - 0.9 ** t), -lr);
  const p2 = add(p, div(step, add(sqrt(div(v2, 1 - 0.999 ** t)), 1e-7)));
  return { p: p2, m: m2, v: v2 };
}

describe("experimental_adamUpdate", () => {
  const options = (t: number) => ({ learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, step: t });

  it.each(["js", "wasm"] as const)("matches the op-by-op update bit for bit on %s (float32 and float64)", (name) => {
    const before = getBackend().name;
    setBackend(name);
    try {
      for (const dtype of ["float32", "float64"] as const) {
        for (const size of [
          [3, 5],
          [97, 131],
        ]) {
          const rng = new Random(size[0] as number);
          const p = astype(rng.randn(size), dtype);
          const [m, v] = [zerosLike(p), zerosLike(p)];
          let ref = { p: copy(p), m: copy(m), v: copy(v) };
          for (let t = 1; t <= 3; t++) {
            const g = astype(rng.randn(size), dtype);
            experimental_adamUpdate(p, g, m, v, options(t));
            ref = reference(ref.p, g, ref.m, ref.v, 0.01, t);
          }
          expect(p.toArray()).toEqual(ref.p.toArray());
          expect(m.toArray()).toEqual(ref.m.toArray());
          expect(v.toArray()).toEqual(ref.v.toArray());
        }
      }
    } finally {
      setBackend(before);
    }
  });

  it("reads a strided gradient", () => {
    const rng = new Random(3);
    const p = rng.randn([40, 30]);
    const g = transpose(rng.randn([30, 40]));
    const [m, v] = [zerosLike(p), zerosLike(p)];
    const ref = reference(copy(p), g, m, v, 0.01, 1);
    experimental_adamUpdate(p, g, m, v, options(1));
    expect(p.toArray()).toEqual(ref.p.toArray());
  });

  it("rejects mismatched shapes, dtypes, non-contiguous state and non-finite options", () => {
    const p = new Random(4).randn([4, 5]);
    const z = zerosLike(p);
    expect(() => experimental_adamUpdate(p, new Random(5).randn([5, 4]), z, z, options(1))).toThrow(ShapeError);
    expect(() => experimental_adamUpdate(p, astype(p, "float64"), z, z, options(1))).toThrow(DTypeError);
    expect(() => experimental_adamUpdate(p, p, transpose(zerosLike(transpose(p))), z, options(1))).toThrow(ValueError);
    expect(() => experimental_adamUpdate(p, p, z, z, { ...options(1), learningRate: Number.NaN })).toThrow(
      "adamUpdate: learningRate must be a finite number, got NaN",
    );
    expect(() => experimental_adamUpdate(p, [1] as unknown as NDArray, z, z, options(1))).toThrow(ValueError);
  });
});
