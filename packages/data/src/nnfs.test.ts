import { Random, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/nnfs-data.json";
import { sine } from "./sine.js";
import { vertical } from "./vertical.js";

describe("vertical", () => {
  it("reproduces nnfs vertical_data(100, 3) after seed 0, float32 points and int32 labels", () => {
    const { X, y } = vertical(100, 3, { rng: new Random(0) });
    expect(X.shape).toEqual([300, 2]);
    expect(X.dtype).toBe("float32");
    expect(y.dtype).toBe("int32");
    expect(X.toArray()).toEqual(fixtures.vertical_100_3.X);
    expect(y.toArray()).toEqual(fixtures.vertical_100_3.y);
  });

  it("continues the same stream for a second dataset, as nnfs does", () => {
    const rng = new Random(0);
    vertical(100, 3, { rng });
    const { X, y } = vertical(5, 2, { rng });
    expect(X.toArray()).toEqual(fixtures.then_vertical_5_2.X);
    expect(y.toArray()).toEqual(fixtures.then_vertical_5_2.y);
  });

  it("throws ValueError for non-positive or fractional counts", () => {
    expect(() => vertical(0, 3)).toThrow("vertical: samples must be an integer from 1 to 16777216, got 0");
    expect(() => vertical(10, 1.5)).toThrow(ValueError);
  });
});

describe("sine", () => {
  it("reproduces nnfs sine_data() (1000 samples) rounded to float32", () => {
    const { X, y } = sine();
    expect(X.shape).toEqual([1000, 1]);
    expect(y.shape).toEqual([1000, 1]);
    expect(X.dtype).toBe("float32");
    expect(y.dtype).toBe("float32");
    expect(X.toArray()).toEqual(fixtures.sine_1000.X);
    expect(y.toArray()).toEqual(fixtures.sine_1000.y);
  });

  it("starts at sin 0 = 0 and samples one period without its end", () => {
    const { X, y } = sine(4);
    expect(X.toArray()).toEqual([[0], [0.25], [0.5], [0.75]]);
    expect(y.dataSync()[1]).toBe(1);
    expect(y.dataSync()[3]).toBe(-1);
  });

  it("throws ValueError for a non-positive count", () => {
    expect(() => sine(-1)).toThrow("sine: samples must be an integer from 1 to 16777216, got -1");
  });
});
