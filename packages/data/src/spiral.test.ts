import { Random, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/spiral.json";
import { spiral } from "./spiral.js";

describe("spiral", () => {
  it("returns samples·classes points with 2 features and class labels in order", () => {
    const { X, y } = spiral(100, 3, { rng: new Random(0) });
    expect(X.shape).toEqual([300, 2]);
    expect(y.shape).toEqual([300]);
    const labels = Array.from(y.dataSync());
    expect(labels.slice(0, 100).every((v) => v === 0)).toBe(true);
    expect(labels.slice(200).every((v) => v === 2)).toBe(true);
  });

  it("gives int32 class labels, as the losses index with", () => {
    const { X, y } = spiral(4, 2, { rng: new Random(0) });
    expect(X.dtype).toBe("float32");
    expect(y.dtype).toBe("int32");
    expect(Array.from(y.dataSync())).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it("reproduces nnfs spiral_data(100, 3) after seed 0", () => {
    const { X, y } = spiral(100, 3, { rng: new Random(0) });
    expect(X.toArray()).toEqual(fixtures.spiral_100_3.X);
    expect(y.toArray()).toEqual(fixtures.spiral_100_3.y);
  });

  it("continues the same stream for a second dataset, as nnfs does", () => {
    const rng = new Random(0);
    spiral(100, 3, { rng });
    const { X, y } = spiral(5, 2, { rng });
    expect(X.toArray()).toEqual(fixtures.then_spiral_5_2.X);
    expect(y.toArray()).toEqual(fixtures.then_spiral_5_2.y);
  });

  it("starts each arm at the origin and ends it on the unit circle", () => {
    const { X } = spiral(50, 2, { rng: new Random(1) });
    const rows = X.toArray() as number[][];
    expect(rows[0]).toEqual([0, 0]);
    const [ex, ey] = rows[49] as [number, number];
    expect(Math.hypot(ex, ey)).toBeCloseTo(1, 6);
  });

  it("throws ValueError for non-positive or fractional counts", () => {
    expect(() => spiral(0, 3)).toThrow("spiral: samples must be an integer from 1 to 16777216, got 0");
    expect(() => spiral(10, 2.5)).toThrow(ValueError);
  });

  it("throws ValueError naming the count for spiral(1e9, 3) and spiral(1e7, 3) (regression: untyped RangeError)", () => {
    expect(() => spiral(1e9, 3)).toThrow("spiral: samples must be an integer from 1 to 16777216, got 1000000000");
    expect(() => spiral(1e7, 3)).toThrow(
      "spiral: samples · classes must be at most 16777216 points, got 10000000 · 3 = 30000000",
    );
    expect(() => spiral(1e7, 3)).toThrow(ValueError);
  });
});
