import { describe, expect, it } from "vitest";
import { arange, array, zeros } from "../creation.js";
import { DTypeError, IndexError, ShapeError, ValueError } from "../errors.js";
import { indexAdd, oneHot, parseIndex, set, slice, take } from "./indexing.js";
import { reshape } from "./movement.js";

const grid = () => reshape(arange(12, undefined, 1, { dtype: "float32" }), [3, 4]);

describe("slice", () => {
  it("reads NumPy's basic slicing from a string", () => {
    expect(slice(grid(), "1").toArray()).toEqual([4, 5, 6, 7]);
    expect(slice(grid(), ":, -1").toArray()).toEqual([3, 7, 11]);
    expect(slice(grid(), "::-1, 1:3").toArray()).toEqual([
      [9, 10],
      [5, 6],
      [1, 2],
    ]);
    expect(slice(grid(), "..., ::3").toArray()).toEqual([
      [0, 3],
      [4, 7],
      [8, 11],
    ]);
  });

  it("accepts lists of numbers, slice objects, strings and null", () => {
    expect(slice(grid(), [0, { start: 1, stop: -1 }]).toArray()).toEqual([1, 2]);
    expect(slice(grid(), [null, "2:"]).toArray()).toEqual([
      [2, 3],
      [6, 7],
      [10, 11],
    ]);
  });

  it("returns a view: writing through it changes the original", () => {
    const g = grid();
    const col = slice(g, ":, 0");
    set(col, ":", 0);
    expect(slice(g, ":, 0").toArray()).toEqual([0, 0, 0]);
    expect(col.storage).toBe(g.storage);
  });

  it("gives empty axes for empty ranges", () => {
    expect(slice(grid(), "5:").shape).toEqual([0, 4]);
    expect(slice(grid(), "2:1").toArray()).toEqual([]);
  });

  it("throws IndexError naming the axis and its size for an out-of-range position", () => {
    expect(() => slice(grid(), "3")).toThrow(IndexError);
    expect(() => slice(grid(), "3")).toThrow("slice: index 3 out of bounds for axis 0 of size 3");
    expect(() => slice(grid(), ":, -5")).toThrow("index -5 out of bounds for axis 1 of size 4");
  });

  it("throws for too many indices, a zero step or unreadable text", () => {
    expect(() => slice(grid(), "0, 0, 0")).toThrow("slice: too many indices: 3 for an array of shape [3,4]");
    expect(() => slice(grid(), "::0")).toThrow(ValueError);
    expect(() => slice(grid(), "a:b")).toThrow('slice: cannot read index "a:b"');
    expect(() => parseIndex("slice", "1:2:3:4")).toThrow("too many ':'");
  });
});

describe("set", () => {
  it("writes a number or a broadcast array into a slice in place", () => {
    const g = zeros([2, 3]);
    set(g, "0", 1);
    set(g, "1, :", array([7, 8, 9]));
    expect(g.toArray()).toEqual([
      [1, 1, 1],
      [7, 8, 9],
    ]);
  });

  it("reads an overlapping source before writing", () => {
    const a = arange(5, undefined, 1, { dtype: "float32" });
    set(a, "1:", slice(a, ":-1"));
    expect(a.toArray()).toEqual([0, 0, 1, 2, 3]);
  });

  it("leaves the array untouched when the value does not fit", () => {
    const g = zeros([2, 3]);
    expect(() => set(g, "0", array([1, 2]))).toThrow(ShapeError);
    expect(() => set(g, "0", array([1, 2]))).toThrow(
      "set: value of shape [2] cannot be broadcast to the slice's shape [3]",
    );
    expect(g.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
});

describe("take", () => {
  it("gathers rows by int32 indices, negative ones from the end", () => {
    const t = take(
      array([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      array(new Int32Array([2, 0, -1])),
      0,
    );
    expect(t.toArray()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
  });

  it("throws IndexError: take: index 7 out of bounds for axis 0 of size 3", () => {
    expect(() => take(zeros([3, 2]), [7], 0)).toThrow(IndexError);
    expect(() => take(zeros([3, 2]), [7], 0)).toThrow("take: index 7 out of bounds for axis 0 of size 3");
  });

  it("rejects float indices with DTypeError", () => {
    expect(() => take(zeros([3]), array([1]))).toThrow(DTypeError);
    expect(() => take(zeros([3]), array([1]))).toThrow("take: indices must be int32, got float32");
  });
});

describe("oneHot", () => {
  it("makes float32 rows with a 1 at each class", () => {
    const h = oneHot([0, 2], 3);
    expect(h.dtype).toBe("float32");
    expect(h.toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });

  it("throws IndexError for a class outside the depth", () => {
    expect(() => oneHot([3], 3)).toThrow("oneHot: index 3 out of bounds for depth 3");
  });
});

describe("indexAdd", () => {
  it("adds source slices at the indices, accumulating repeats (take's gradient)", () => {
    const t = zeros([3, 2]);
    indexAdd(
      t,
      0,
      [2, 0, 2],
      array([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    );
    expect(t.toArray()).toEqual([
      [2, 2],
      [0, 0],
      [4, 4],
    ]);
    const u = zeros([2, 3]);
    indexAdd(
      u,
      1,
      [1, 1],
      array([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(u.toArray()).toEqual([
      [0, 3, 0],
      [0, 7, 0],
    ]);
  });

  it("validates before writing", () => {
    const t = zeros([3]);
    expect(() => indexAdd(t, 0, [0, 5], array([1, 1]))).toThrow("indexAdd: index 5 out of bounds for axis 0 of size 3");
    expect(() => indexAdd(t, 0, [0], array([1, 1]))).toThrow(ShapeError);
    expect(t.toArray()).toEqual([0, 0, 0]);
  });
});

describe("oneHot with check: false", () => {
  it("gives the checked rows without reading the indices back, and zero rows out of range", () => {
    const idx = array(
      [
        [0, 2],
        [1, 0],
      ],
      { dtype: "int32" },
    );
    expect(oneHot(idx, 3, { check: false }).toArray()).toEqual(oneHot(idx, 3).toArray());
    expect(oneHot(array([5, -1, 1], { dtype: "int32" }), 2, { check: false }).toArray()).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
  });
});
