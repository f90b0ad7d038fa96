import { describe, expect, it } from "vitest";
import { getBackend } from "../backends/registry.js";
import { array, zeros } from "../creation.js";
import { ValueError } from "../errors.js";
import { E } from "../expr/expr.js";
import type { NDArray } from "../ndarray.js";
import { add, exp, mul, relu, sub, tanh } from "../ops/elementwise.js";
import { take } from "../ops/indexing.js";
import { matmul } from "../ops/linalg.js";
import { mapMany } from "../ops/map.js";
import { transpose } from "../ops/movement.js";
import { mean, sum } from "../ops/reduce.js";
import { Random } from "../random.js";
import { compile } from "./capture.js";

const bits = (a: NDArray) => Array.from(a.dataSync() as ArrayLike<number>);

/**
 * One step of a two-layer regression, gradients by hand: forward, loss, backward, and an
 * in-place SGD update of `w1`, `w2` through `mapMany`'s `out`. Returns the loss.
 */
function makeStep(w1: NDArray, w2: NDArray) {
  return (x: NDArray, y: NDArray): NDArray => {
    const h = relu(matmul(x, w1));
    const pred = matmul(h, w2);
    const err = sub(pred, y);
    const loss = mean(mul(err, err));
    const g = mul(err, 2 / (x.shape[0] as number));
    const gw2 = matmul(transpose(h), g);
    const gh = mul(matmul(g, transpose(w2)), exp(mul(tanh(h), 0))); // an elementwise chain
    const gpre = mul(gh, relu(mul(h, 1e9)));
    const gw1 = matmul(transpose(x), gpre);
    mapMany((w, d) => E.sub(w, E.mul(d, 0.05)), [w1, gw1], { out: [w1] });
    mapMany((w, d) => E.sub(w, E.mul(d, 0.05)), [w2, gw2], { out: [w2] });
    return loss;
  };
}

// The suite runs once per backend (SINAPSE_BACKEND): these run on the active one.
describe(`compile on the ${getBackend().name} backend`, () => {
  const run = <T>(f: () => T): T => f();

  it("replays a training step bit for bit like the eager loop, on new data each call", () =>
    run(() => {
      const rng = new Random(0);
      const batches = Array.from({ length: 6 }, () => [rng.randn([16, 3]), rng.randn([16, 1])] as const);
      const init = [rng.randn([3, 8]), rng.randn([8, 1])] as const;
      const eager = [init[0].copy(), init[1].copy()] as const;
      const captured = [init[0].copy(), init[1].copy()] as const;
      const eagerStep = makeStep(...eager);
      const step = compile(makeStep(...captured));
      for (const [x, y] of batches) {
        expect(bits(step(x, y))).toEqual(bits(eagerStep(x, y)));
      }
      expect(bits(captured[0])).toEqual(bits(eager[0]));
      expect(bits(captured[1])).toEqual(bits(eager[1]));
      expect(step.reason).toBeNull();
      expect(step.kernels.replayed).toBeLessThan(step.kernels.recorded); // the chain was fused
    }));

  it("leaves the caller's arrays and earlier outputs alone", () =>
    run(() => {
      const f = compile((x: NDArray) => sum(mul(x, 2)));
      const a = array([1, 2, 3]);
      const first = f(a);
      const second = f(array([10, 20, 30]));
      expect(a.toArray()).toEqual([1, 2, 3]);
      expect(first.item()).toBe(12);
      expect(second.item()).toBe(120);
    }));

  it("records again for arguments of another shape", () =>
    run(() => {
      const f = compile((x: NDArray) => add(x, 1));
      expect(f(array([1, 2])).toArray()).toEqual([2, 3]);
      expect(f(array([[1], [2], [3]])).toArray()).toEqual([[2], [3], [4]]);
      expect(f(array([5, 6])).toArray()).toEqual([6, 7]);
    }));

  it("refuses a recording that reads back a computed array, and then runs eagerly", () =>
    run(() => {
      const f = compile((x: NDArray) => {
        const s = sum(x);
        return (s.item() as number) > 0 ? mul(x, 2) : mul(x, -1);
      });
      expect(f(array([1, 2])).toArray()).toEqual([2, 4]);
      expect(f.reason).toMatch(/item read back an array computed inside the compiled function/);
      expect(f(array([-1, -2])).toArray()).toEqual([1, 2]); // eager: the branch is taken anew
    }));

  it("gathers with take and reduces along an axis inside a replay", () =>
    run(() => {
      const idx = array([2, 0], { dtype: "int32" });
      const f = compile((x: NDArray) => sum(take(x, idx, 1), { axis: 1 }));
      f(
        array([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      );
      expect(
        f(
          array([
            [10, 20, 30],
            [40, 50, 60],
          ]),
        ).toArray(),
      ).toEqual([40, 100]);
    }));
});

it("throws ValueError naming compile for a non-function or a non-array argument", () => {
  expect(() => compile(3 as never)).toThrow(/compile: fn must be a function/);
  const f = compile((x: NDArray) => x);
  expect(() => f([1, 2] as never)).toThrow(ValueError);
  expect(zeros([1]).size).toBe(1);
});
