import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { array, zeros } from "../creation.js";
import { ShapeError, ValueError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { broadcastTo, reshape, transpose } from "./movement.js";

describe("transpose", () => {
  it("reverses axes by default, as a view", () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const t = transpose(a);
    expect(t.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(t.storage).toBe(a.storage);
  });

  it("permutes axes in the order given", () => {
    expect(transpose(zeros([2, 3, 4]), [1, 0, 2]).shape).toEqual([3, 2, 4]);
    expect(transpose(zeros([2, 3, 4]), [-1, 0, 1]).shape).toEqual([4, 2, 3]);
  });

  it("a permutation followed by its inverse gives the original values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.shuffledSubarray(
              shape.map((_, i) => i),
              { minLength: shape.length },
            ),
          ),
        ),
        ([shape, perm]) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const a = new NDArray(
            Float32Array.from({ length: n }, (_, i) => i),
            shape,
          );
          const inverse = perm.map((_, i) => perm.indexOf(i));
          expect(transpose(transpose(a, perm), inverse).toArray()).toEqual(a.toArray());
        },
      ),
    );
  });

  it("throws ValueError when axes do not match the array", () => {
    expect(() => transpose(zeros([2, 3]), [0])).toThrow("transpose: axes [0] do not match an array of shape [2,3]");
    expect(() => transpose(zeros([2, 3]), [0, 0])).toThrow(ValueError);
  });
});

describe("reshape", () => {
  const a = new NDArray(
    Float32Array.from({ length: 6 }, (_, i) => i),
    [6],
  );

  it("returns a view of a contiguous array, inferring one -1", () => {
    const r = reshape(a, [2, -1]);
    expect(r.shape).toEqual([2, 3]);
    expect(r.storage).toBe(a.storage);
    expect(r.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("copies a strided view in row-major order", () => {
    const t = reshape(a, [2, 3]).T;
    expect(reshape(t, [6]).toArray()).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it("round-trips through any factorisation of the size", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (shape) => {
        const n = shape.reduce((x, y) => x * y, 1);
        const flat = new NDArray(
          Float32Array.from({ length: n }, (_, i) => i),
          [n],
        );
        const shaped = reshape(flat, shape);
        expect(shaped.shape).toEqual(shape);
        expect(reshape(shaped, [-1]).toArray()).toEqual(flat.toArray());
      }),
    );
  });

  it("throws ShapeError naming both shapes when sizes differ", () => {
    expect(() => reshape(a, [4, 2])).toThrow("reshape: cannot reshape 6 elements into [4,2]");
    expect(() => reshape(a, [-1, -1])).toThrow(ShapeError);
  });
});

describe("broadcastTo", () => {
  it("stretches size-1 and missing dimensions with stride 0, sharing storage", () => {
    const row = array([1, 2, 3]);
    const b = broadcastTo(row, [2, 3]);
    expect(b.strides).toEqual([0, 1]);
    expect(b.storage).toBe(row.storage);
    expect(b.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it("throws ShapeError when the target is incompatible", () => {
    expect(() => broadcastTo(zeros([3]), [4])).toThrow("broadcastTo: cannot broadcast an array of shape [3] to [4]");
    expect(() => broadcastTo(zeros([2, 3]), [3])).toThrow(ShapeError);
  });
});
