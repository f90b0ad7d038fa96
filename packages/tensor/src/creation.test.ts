import { describe, expect, it } from "vitest";
import { array, full, ones, zeros } from "./creation.js";
import { ShapeError } from "./errors.js";

describe("array", () => {
  it("builds float32 arrays from nested lists and numbers", () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.shape).toEqual([2, 3]);
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(array(3).shape).toEqual([]);
  });

  it("rounds values to float32", () => {
    expect(array([0.1]).toArray()).toEqual([Math.fround(0.1)]);
  });

  it("throws ShapeError naming where the list is ragged", () => {
    expect(() => array([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => array([[1, 2], [3]])).toThrow(
      "array: ragged nested list: the list at index [1] has length 1, expected 2",
    );
    expect(() =>
      array([
        [[1], [2]],
        [[3], [4, 5]],
      ]),
    ).toThrow("at index [1,1] has length 2, expected 1");
  });
});

describe("zeros, ones, full", () => {
  it("fill arrays of the requested shape", () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([1, 2], -2.5).toArray()).toEqual([[-2.5, -2.5]]);
    expect(zeros([]).toArray()).toBe(0);
  });

  it("reject invalid shapes with ShapeError", () => {
    expect(() => zeros([-1])).toThrow("zeros: shape must hold non-negative integers, got [-1]");
    expect(() => zeros([2.5])).toThrow(ShapeError);
    expect(() => zeros("3" as unknown as number[])).toThrow(ShapeError);
  });
});
