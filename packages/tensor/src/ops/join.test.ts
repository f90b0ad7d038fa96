import { describe, expect, it } from "vitest";
import { arange, array, ones, zeros } from "../creation.js";
import { ShapeError, ValueError } from "../errors.js";
import { concat, repeat, split, stack, tile } from "./join.js";
import { reshape } from "./movement.js";

describe("concat and stack", () => {
  it("concat joins along an existing axis and promotes dtypes", () => {
    const c = concat([zeros([1, 2]), array(new Int32Array([1, 2]), [1, 2])]);
    expect(c.shape).toEqual([2, 2]);
    expect(c.dtype).toBe("float32");
    expect(c.toArray()).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it("stack adds a new axis", () => {
    expect(stack([ones([2]), zeros([2])], 1).toArray()).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it("name the array whose shape does not fit", () => {
    expect(() => concat([zeros([2, 3]), zeros([2, 4])], 0)).toThrow(ShapeError);
    expect(() => concat([zeros([2, 3]), zeros([2, 4])], 0)).toThrow(
      "concat: array 1 has shape [2,4], which does not match [2,3] outside axis 0",
    );
    expect(() => stack([zeros([2]), zeros([3])])).toThrow("stack: all arrays must have the same shape: array 1 is [3]");
    expect(() => concat([])).toThrow(ValueError);
  });
});

describe("split", () => {
  const a = reshape(arange(6, undefined, 1, { dtype: "float32" }), [6]);

  it("splits into equal sections or at indices, as views", () => {
    const parts = split(a, 3);
    expect(parts.map((p) => p.toArray())).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(parts[1]?.storage).toBe(a.storage);
    expect(split(a, [1, 4]).map((p) => p.toArray())).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it("throws ValueError when sections do not divide the axis", () => {
    expect(() => split(a, 4)).toThrow(
      "split: array split does not result in an equal division: axis 0 of size 6 into 4",
    );
  });
});

describe("tile and repeat", () => {
  it("tile repeats the whole array per axis", () => {
    expect(tile(array([1, 2]), 2).toArray()).toEqual([1, 2, 1, 2]);
    expect(tile(array([[1], [2]]), [1, 3]).toArray()).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  it("repeat repeats each element", () => {
    expect(repeat(array([1, 2]), 2).toArray()).toEqual([1, 1, 2, 2]);
    expect(repeat(array([[1, 2]]), [3], 0).toArray()).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
  });

  it("reject negative counts with ValueError", () => {
    expect(() => tile(array([1]), -1)).toThrow(ValueError);
    expect(() => repeat(array([1, 2]), [1, 2, 3])).toThrow(
      "repeat: repeats must be a non-negative integer or 2 of them",
    );
    expect(repeat(array([1, 2]), [2]).toArray()).toEqual([1, 1, 2, 2]); // one count applies to all, as NumPy
  });
});
