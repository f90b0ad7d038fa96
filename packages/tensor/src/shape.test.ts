import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShapeError, ValueError } from "./errors.js";
import { checkShape, contiguousStrides, inferShape, normalizeAxis, sizeOf } from "./shape.js";

describe("inferShape", () => {
  it("reads the shape of rectangular nested lists", () => {
    expect(inferShape("array", 5)).toEqual([]);
    expect(inferShape("array", [])).toEqual([0]);
    expect(inferShape("array", [1, 2, 3])).toEqual([3]);
    expect(
      inferShape("array", [
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toEqual([2, 3]);
    expect(inferShape("array", [[[1], [2]]])).toEqual([1, 2, 1]);
  });

  it("throws ShapeError naming the index of a shorter row", () => {
    expect(() =>
      inferShape("array", [
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(ShapeError);
    expect(() =>
      inferShape("array", [
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow("array: ragged nested list: the list at index [1] has length 2, expected 3");
  });

  it("throws ShapeError when a list stands where a number was expected", () => {
    expect(() => inferShape("array", [1, [2]])).toThrow(/expected a number at index \[1\], got a list/);
  });

  it("throws ShapeError when a number stands where a list was expected", () => {
    expect(() => inferShape("array", [[1, 2], 3])).toThrow(
      /expected a list of length 2 at index \[1\], got the number 3/,
    );
  });

  it("throws ValueError for elements that are not numbers", () => {
    expect(() => inferShape("array", [1, "2" as unknown as number])).toThrow(ValueError);
    expect(() => inferShape("array", [1, "2" as unknown as number])).toThrow("element at index [1] is a string");
  });
});

describe("strides and sizes", () => {
  it("computes row-major strides", () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });

  it("multiplies dimensions for the size, 1 for a scalar", () => {
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([3, 0])).toBe(0);
  });

  it("strides step over exactly the elements of the inner dimensions", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 5 }), (shape) => {
        const strides = contiguousStrides(shape);
        const last = shape.reduce((acc, d, i) => acc + (d - 1) * (strides[i] as number), 0);
        expect(last).toBe(sizeOf(shape) - 1);
      }),
    );
  });

  it("rejects negative or fractional dimensions with ShapeError", () => {
    expect(() => checkShape("zeros", [2, -1])).toThrow("zeros: shape must hold non-negative integers, got [2,-1]");
    expect(() => checkShape("zeros", [1.5])).toThrow(ShapeError);
  });

  it("normalises negative axes and rejects out-of-range ones", () => {
    expect(normalizeAxis("sum", -1, 3)).toBe(2);
    expect(() => normalizeAxis("sum", 3, 3)).toThrow("sum: axis 3 is out of bounds for an array of 3 dimensions");
  });
});
