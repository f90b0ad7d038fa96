import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastShapes, broadcastStrides } from "./broadcast.js";
import { ShapeError } from "./errors.js";

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 });

describe("broadcastShapes", () => {
  it("aligns trailing dimensions and stretches size 1", () => {
    expect(broadcastShapes("add", [2, 3], [3])).toEqual([2, 3]);
    expect(broadcastShapes("add", [4, 1, 3], [2, 1])).toEqual([4, 2, 3]);
    expect(broadcastShapes("add", [], [2, 2])).toEqual([2, 2]);
    expect(broadcastShapes("add", [0, 1], [1, 5])).toEqual([0, 5]);
  });

  it("throws ShapeError naming the op and both shapes", () => {
    expect(() => broadcastShapes("add", [2, 3], [4])).toThrow(ShapeError);
    expect(() => broadcastShapes("add", [2, 3], [4])).toThrow("add: shapes [2,3] and [4] cannot be broadcast together");
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(shapeArb, shapeArb, (a, b) => {
        let ab: number[] | string;
        let ba: number[] | string;
        try {
          ab = broadcastShapes("add", a, b);
        } catch {
          ab = "error";
        }
        try {
          ba = broadcastShapes("add", b, a);
        } catch {
          ba = "error";
        }
        expect(ab).toEqual(ba);
      }),
    );
  });

  it("a shape broadcast with its own suffix or with ones is itself", () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(4), (a, cut) => {
        expect(broadcastShapes("add", a, a.slice(cut))).toEqual(a);
        expect(
          broadcastShapes(
            "add",
            a,
            a.map(() => 1),
          ),
        ).toEqual(a);
      }),
    );
  });
});

describe("broadcastStrides", () => {
  it("uses stride 0 for new and size-1 dimensions", () => {
    expect(broadcastStrides([3], [1], [2, 3])).toEqual([0, 1]);
    expect(broadcastStrides([2, 1], [1, 1], [2, 4])).toEqual([1, 0]);
  });
});
