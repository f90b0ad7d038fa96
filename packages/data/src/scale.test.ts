import { arange, array, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/nnfs-data.json";
import { scaleToRange, standardize } from "./scale.js";

describe("scaleToRange", () => {
  it("maps [0, 255] to [−1, 1] exactly as the book's (X − 127.5) / 127.5 in float32", () => {
    const pixels = arange(256).astype("float32");
    const out = scaleToRange(pixels, -1, 1, { from: [0, 255] });
    expect(out.dtype).toBe("float32");
    expect(out.toArray()).toEqual(fixtures.scaled_0_255);
  });

  it("takes int32 input and keeps the shape", () => {
    const out = scaleToRange(
      array(
        [
          [0, 255],
          [51, 204],
        ],
        { dtype: "int32" },
      ),
      0,
      1,
      { from: [0, 255] },
    );
    expect(out.shape).toEqual([2, 2]);
    expect(out.dtype).toBe("float32");
    expect(out.toArray()).toEqual([
      [0, 1],
      [0.20000000298023224, 0.800000011920929],
    ]);
  });

  it("uses X's own extent by default, and keeps float64", () => {
    const out = scaleToRange(array([2, 4, 6], { dtype: "float64" }), -1, 1);
    expect(out.dtype).toBe("float64");
    expect(out.toArray()).toEqual([-1, 0, 1]);
  });

  it("throws ValueError for an empty or inverted range", () => {
    expect(() => scaleToRange(array([1, 2]), 1, -1)).toThrow(
      "scaleToRange: the target range needs finite min < max, got [1, -1]",
    );
    expect(() => scaleToRange(array([3, 3]), 0, 1)).toThrow(
      "scaleToRange: the source range needs finite lo < hi, got [3, 3]",
    );
  });
});

describe("standardize", () => {
  it("centres each feature and divides by its population std", () => {
    const { X, mean, std } = standardize(
      array([
        [1, 10],
        [3, 30],
      ]),
    );
    expect(X.toArray()).toEqual([
      [-1, -1],
      [1, 1],
    ]);
    expect(mean.toArray()).toEqual([2, 20]);
    expect(std.toArray()).toEqual([1, 10]);
  });

  it("maps a constant feature to 0 (std 0 becomes 1)", () => {
    const { X, std } = standardize(
      array([
        [5, 1],
        [5, 3],
      ]),
    );
    expect(X.toArray()).toEqual([
      [0, -1],
      [0, 1],
    ]);
    expect(std.toArray()).toEqual([1, 1]);
  });

  it("applies a training set's statistics to a test set", () => {
    const train = standardize(array([[0], [2], [4], [6]]));
    const test = standardize(array([[3], [9]]), train);
    expect(train.mean.toArray()).toEqual([3]);
    expect(test.X.toArray()).toEqual([[0], [Math.fround(6 / Math.sqrt(5))]]);
  });

  it("throws ShapeError for statistics of the wrong shape", () => {
    expect(() => standardize(array([[1, 2]]), { mean: array([1, 2, 3]) })).toThrow(
      "standardize: mean must have shape [2], got [3]",
    );
    expect(() => standardize(array([1, 2]) as never, { std: array([[1]]) })).toThrow(ShapeError);
    expect(() => scaleToRange(array([1, 2]), Number.NaN, 1)).toThrow(ValueError);
  });
});
