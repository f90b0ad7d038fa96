import { type DType, Random, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import type { Dataset } from "./dataset.js";
import {
  circle,
  gaussian,
  gaussianBumps,
  type PlaygroundOptions,
  regressionGaussian,
  regressionPlane,
  twoSpiral,
  xor,
} from "./playground.js";

type Make = (n: number, options?: PlaygroundOptions) => Dataset<DType>;

const classifiers = { circle, xor, gaussian, twoSpiral } as const;
const regressors = { regressionPlane, regressionGaussian } as const;
const all: [string, Make][] = [...Object.entries(classifiers), ...Object.entries(regressors)];

function rows(X: { dataSync(): ArrayLike<number> }): [number, number][] {
  const flat = X.dataSync();
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i] as number, flat[i + 1] as number]);
  return out;
}

describe.each(all)("%s", (name, make) => {
  it("returns [n, 2] float32 inputs, also for odd n", () => {
    for (const n of [1, 7, 200]) {
      const { X, y } = make(n, { noise: 0.2, rng: new Random(0) });
      expect(X.shape).toEqual([n, 2]);
      expect(y.shape[0]).toBe(n);
    }
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const a = make(50, { noise: 0.3, rng: new Random(7) });
    const b = make(50, { noise: 0.3, rng: new Random(7) });
    const c = make(50, { noise: 0.3, rng: new Random(8) });
    expect(a.X.toArray()).toEqual(b.X.toArray());
    expect(a.X.toArray()).not.toEqual(c.X.toArray());
  });

  it("throws ValueError for a bad n or noise", () => {
    expect(() => make(0)).toThrow(`${name}: n must be an integer from 1 to 16777216, got 0`);
    expect(() => make(10, { noise: -0.1 })).toThrow(ValueError);
    expect(() => make(10, { noise: Number.NaN })).toThrow(`${name}: noise must be a number from 0 to 0.5, got NaN`);
  });

  it("refuses noise beyond Playground's 0.5 and more than 2²⁴ points (regression: circle(10, { noise: 5 }) accepted)", () => {
    expect(() => make(10, { noise: 5 })).toThrow(`${name}: noise must be a number from 0 to 0.5, got 5`);
    expect(() => make(10, { noise: 0.5 })).not.toThrow();
    expect(() => make(1e9)).toThrow(`${name}: n must be an integer from 1 to 16777216, got 1000000000`);
  });
});

describe.each(Object.entries(classifiers))("%s labels", (_name, make) => {
  it("are int32 0/1, half and half (the first class gets the odd point)", () => {
    const { y } = make(200, { rng: new Random(1) });
    expect(y.dtype).toBe("int32");
    expect(y.shape).toEqual([200]);
    const labels = Array.from(y.dataSync());
    expect(labels.every((v) => v === 0 || v === 1)).toBe(true);
    const ones = labels.filter((v) => v === 1).length;
    expect(Math.abs(ones - 100)).toBeLessThanOrEqual(20); // xor's balance is random
  });
});

describe("circle", () => {
  it("puts the first half within radius 2.5 and the second in [3.5, 5]", () => {
    const { X } = circle(300, { noise: 0.5, rng: new Random(0) });
    const r = rows(X).map(([a, b]) => Math.hypot(a, b));
    expect(r.slice(0, 150).every((v) => v <= 2.5 + 1e-6)).toBe(true);
    expect(r.slice(150).every((v) => v >= 3.5 - 1e-6 && v <= 5 + 1e-6)).toBe(true);
  });

  it("labels by radius with noise 0: 1 inside 2.5, 0 outside", () => {
    const { X, y } = circle(400, { rng: new Random(3) });
    const labels = Array.from(y.dataSync());
    for (const [i, [a, b]] of rows(X).entries()) expect(labels[i]).toBe(Math.hypot(a, b) < 2.5 ? 1 : 0);
    expect(labels.slice(0, 200).every((v) => v === 1)).toBe(true);
    expect(labels.slice(200).every((v) => v === 0)).toBe(true);
  });

  it("flips some labels when noisy", () => {
    const { X, y } = circle(400, { noise: 0.5, rng: new Random(3) });
    const labels = Array.from(y.dataSync());
    const flipped = rows(X).filter(([a, b], i) => labels[i] !== (Math.hypot(a, b) < 2.5 ? 1 : 0)).length;
    expect(flipped).toBeGreaterThan(0);
  });
});

describe("xor", () => {
  it("keeps points in the padded box 0.3 ≤ |x|, |y| ≤ 5.3", () => {
    const { X } = xor(500, { noise: 0.5, rng: new Random(0) });
    for (const [a, b] of rows(X)) {
      for (const v of [a, b]) expect(Math.abs(v) >= 0.3 - 1e-6 && Math.abs(v) <= 5.3 + 1e-6).toBe(true);
    }
  });

  it("labels by quadrant with noise 0: 1 when x·y ≥ 0", () => {
    const { X, y } = xor(500, { rng: new Random(2) });
    const labels = Array.from(y.dataSync());
    for (const [i, [a, b]] of rows(X).entries()) expect(labels[i]).toBe(a * b >= 0 ? 1 : 0);
  });
});

describe("gaussian", () => {
  it("centres class 1 at (2, 2) and class 0 at (−2, −2) with variance 0.5 + 7·noise", () => {
    const { X, y } = gaussian(4000, { noise: 0.5, rng: new Random(0) });
    const labels = Array.from(y.dataSync());
    expect(labels.slice(0, 2000).every((v) => v === 1)).toBe(true);
    expect(labels.slice(2000).every((v) => v === 0)).toBe(true);
    const pts = rows(X);
    const meanX = (s: [number, number][]) => s.reduce((t, [a]) => t + a, 0) / s.length;
    expect(meanX(pts.slice(0, 2000))).toBeCloseTo(2, 0);
    expect(meanX(pts.slice(2000))).toBeCloseTo(-2, 0);
    const first = pts.slice(0, 2000).map(([a]) => a);
    const m = meanX(pts.slice(0, 2000));
    const variance = first.reduce((t, a) => t + (a - m) ** 2, 0) / first.length;
    expect(variance).toBeGreaterThan(3.5);
    expect(variance).toBeLessThan(4.5);
  });
});

describe("twoSpiral", () => {
  it("with noise 0 starts both arms at the origin, opposite in phase, within radius 5", () => {
    const { X, y } = twoSpiral(100, { rng: new Random(0) });
    const pts = rows(X);
    expect(Math.hypot(...(pts[0] as [number, number]))).toBe(0);
    expect(Math.hypot(...(pts[50] as [number, number]))).toBe(0);
    expect(pts.every(([a, b]) => Math.hypot(a, b) < 5)).toBe(true);
    // Point i of arm 1 is point i of arm 0 rotated by π.
    expect(pts[60]?.[0]).toBeCloseTo(-(pts[10]?.[0] as number), 5);
    expect(pts[60]?.[1]).toBeCloseTo(-(pts[10]?.[1] as number), 5);
    expect(Array.from(y.dataSync()).slice(49, 51)).toEqual([1, 0]);
  });

  it("stays within radius 5 + √2·noise when noisy", () => {
    const { X } = twoSpiral(400, { noise: 0.5, rng: new Random(0) });
    expect(rows(X).every(([a, b]) => Math.hypot(a, b) <= 5 + Math.SQRT2 * 0.5 + 1e-6)).toBe(true);
  });
});

describe("regressionPlane", () => {
  it("gives float32 [n, 1] targets (x + y)/10 with noise 0, inputs in [−6, 6]²", () => {
    const { X, y } = regressionPlane(300, { rng: new Random(0) });
    expect(y.dtype).toBe("float32");
    expect(y.shape).toEqual([300, 1]);
    const targets = y.dataSync();
    rows(X).forEach(([a, b], i) => {
      expect(Math.abs(a) <= 6 && Math.abs(b) <= 6).toBe(true);
      expect(targets[i]).toBeCloseTo((a + b) / 10, 6);
    });
  });

  it("moves the targets off the plane when noisy", () => {
    const { X, y } = regressionPlane(100, { noise: 0.3, rng: new Random(0) });
    const targets = y.dataSync();
    const off = rows(X).filter(([a, b], i) => Math.abs((targets[i] as number) - (a + b) / 10) > 1e-3).length;
    expect(off).toBeGreaterThan(50);
  });
});

describe("regressionGaussian", () => {
  it("gives float32 [n, 1] targets in [−1, 1] that follow the bumps with noise 0", () => {
    const { X, y } = regressionGaussian(300, { rng: new Random(0) });
    expect(y.dtype).toBe("float32");
    expect(y.shape).toEqual([300, 1]);
    const targets = y.dataSync();
    rows(X).forEach(([a, b], i) => {
      expect(Math.abs(a) <= 6 && Math.abs(b) <= 6).toBe(true);
      expect(targets[i]).toBeCloseTo(gaussianBumps(a, b), 5);
    });
  });

  it("gaussianBumps peaks at ±1 on the centres and is 0 far from them", () => {
    expect(gaussianBumps(-4, 2.5)).toBe(1);
    expect(gaussianBumps(0, 2.5)).toBe(-1);
    expect(gaussianBumps(4, -2.5)).toBe(-1);
    expect(gaussianBumps(-4, 1.5)).toBe(0.5);
    expect(gaussianBumps(-6, 6)).toBe(0);
  });
});
