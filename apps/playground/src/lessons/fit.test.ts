import { describe, expect, it } from "vitest";
import { fitPath, makePoints, mse, START_FIT, sgdStep, TRUE_LINE } from "./fit.js";

const points = makePoints(128, 0);

/** Standard deviation of w over the last `n` states. */
function jitter(path: { w: number }[], n: number): number {
  const tail = path.slice(-n).map((f) => f.w);
  const mean = tail.reduce((a, b) => a + b, 0) / tail.length;
  return Math.sqrt(tail.reduce((a, b) => a + (b - mean) ** 2, 0) / tail.length);
}

describe("makePoints", () => {
  it("is repeatable for a seed and scatters around y = 2x + 1", () => {
    expect(makePoints(5, 3)).toEqual(makePoints(5, 3));
    expect(points).toHaveLength(128);
    for (const p of points) expect(p.x).toBeGreaterThanOrEqual(-1);
    const residual = points.reduce((s, p) => s + (p.y - TRUE_LINE.w * p.x - TRUE_LINE.b), 0) / points.length;
    expect(Math.abs(residual)).toBeLessThan(0.2);
  });
});

describe("sgdStep", () => {
  it("follows the gradient of the mean squared error on the batch", () => {
    const one = [{ x: 1, y: 3 }];
    // ŷ = 0·1 + 0 = 0, error −3: ∂w = 2·(−3)·1 = −6, ∂b = −6
    const next = sgdStep({ w: 0, b: 0, step: 0, cursor: 0 }, one, 1, 0.1);
    expect(next.w).toBeCloseTo(0.6, 12);
    expect(next.b).toBeCloseTo(0.6, 12);
    expect(next.step).toBe(1);
  });
  it("walks through the data batch after batch, wrapping around", () => {
    const f = sgdStep(START_FIT, points, 32, 0.1);
    expect(f.cursor).toBe(32);
    const g = fitPath(START_FIT, points, 32, 0.1, 4).at(-1);
    expect(g?.cursor).toBe(0);
  });
  it("throws on empty data", () => {
    expect(() => sgdStep(START_FIT, [], 1, 0.1)).toThrow("no points");
  });
});

describe("batch size 1 against 32 (the lesson's claim)", () => {
  const small = fitPath(START_FIT, points, 1, 0.1, 300);
  const large = fitPath(START_FIT, points, 32, 0.1, 300);
  it("both get near the line the points came from", () => {
    for (const path of [small, large]) {
      const last = path.at(-1);
      expect(Math.abs((last?.w ?? 0) - TRUE_LINE.w)).toBeLessThan(0.6);
      expect(Math.abs((last?.b ?? 0) - TRUE_LINE.b)).toBeLessThan(0.4);
    }
  });
  it("batch 1 jitters several times more than batch 32 once they have settled", () => {
    expect(jitter(small, 100)).toBeGreaterThan(3 * jitter(large, 100));
  });
  it("batch 32 ends with a loss close to the best line's", () => {
    const last = large.at(-1);
    expect(mse(points, last?.w ?? 0, last?.b ?? 0)).toBeLessThan(mse(points, TRUE_LINE.w, TRUE_LINE.b) * 1.1);
  });
});
