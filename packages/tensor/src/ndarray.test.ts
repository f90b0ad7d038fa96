import { describe, expect, it } from "vitest";
import { array, zeros } from "./creation.js";
import { ShapeError } from "./errors.js";
import { NDArray } from "./ndarray.js";

describe("NDArray", () => {
  it("records shape, row-major strides, size and ndim", () => {
    const a = zeros([2, 3, 4]);
    expect(a.shape).toEqual([2, 3, 4]);
    expect(a.strides).toEqual([12, 4, 1]);
    expect(a.size).toBe(24);
    expect(a.ndim).toBe(3);
    expect(a.dtype).toBe("float32");
    expect(a.isContiguous).toBe(true);
  });

  it("T is a view with reversed strides that shares storage", () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const t = a.T;
    expect(t.shape).toEqual([3, 2]);
    expect(t.strides).toEqual([1, 3]);
    expect(t.storage).toBe(a.storage);
    expect(t.isContiguous).toBe(false);
    expect(t.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    a.storage.view()[1] = 20;
    expect(t.toArray()).toEqual([
      [1, 4],
      [20, 5],
      [3, 6],
    ]);
  });

  it("dataSync copies a strided view into row-major order", () => {
    const t = array([
      [1, 2],
      [3, 4],
    ]).T;
    const flat = t.dataSync();
    expect(Array.from(flat)).toEqual([1, 3, 2, 4]);
    flat[0] = 99;
    expect(t.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it("reads views with an offset", () => {
    const storage = Float32Array.of(0, 1, 2, 3, 4, 5, 6);
    const v = new NDArray(storage, [2, 2], [3, 1], 1);
    expect(v.toArray()).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it("toArray returns a number for 0-d arrays and keeps empty dimensions", () => {
    expect(array(2.5).toArray()).toBe(2.5);
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(zeros([0, 2]).toArray()).toEqual([]);
  });

  it("item() reads one-element arrays and rejects larger ones", () => {
    expect(array([[7]]).item()).toBe(7);
    expect(() => array([1, 2]).item()).toThrow("item: only one-element arrays convert to a scalar, got shape [2]");
  });

  it("rejects strides that do not match the shape", () => {
    expect(() => new NDArray(new Float32Array(4), [2, 2], [1])).toThrow(ShapeError);
  });
});

describe("NDArray reading and methods", () => {
  it("await data() gives the row-major elements of any view", async () => {
    const t = array([
      [1, 2],
      [3, 4],
    ]).T;
    expect(Array.from(await t.data())).toEqual([1, 3, 2, 4]);
  });

  it("prints str with toString() and NumPy's repr with repr() and in Node's inspect", async () => {
    const a = array([
      [1, 2],
      [3, 4],
    ]);
    expect(a.toString()).toBe("[[1. 2.]\n [3. 4.]]");
    expect(a.repr()).toBe("array([[1., 2.],\n       [3., 4.]], dtype=float32)");
    const { inspect } = await import("node:util");
    expect(inspect(a)).toBe(a.repr());
  });

  it("returns booleans from bool arrays", () => {
    const b = array([true, false]);
    expect(b.toArray()).toEqual([true, false]);
    expect(array([true]).item()).toBe(true);
  });

  it("chains the op methods with the same meaning as the functions", () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.reshape(3, 2).shape).toEqual([3, 2]);
    expect(a.reshape([-1]).shape).toEqual([6]);
    expect(a.add(1).mul(2).sum({ axis: 1 }).toArray()).toEqual([18, 36]);
    expect(a.slice(":, 1").toArray()).toEqual([2, 5]);
    expect(a.T.matmul(a).shape).toEqual([3, 3]);
    expect(a.argmax({ axis: 1 }).toArray()).toEqual([2, 2]);
    expect(a.astype("int32").dtype).toBe("int32");
    expect(a.copy().storage).not.toBe(a.storage);
    expect(a.set("0, 0", 9).toArray()).toEqual([
      [9, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("views of views keep sharing storage and offsets", () => {
    const a = array([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    const v = a.slice(":, 1:").T.slice("::2");
    expect(v.toArray()).toEqual([
      [1, 5],
      [3, 7],
    ]);
    v.set("0, 1", 50);
    expect(a.toArray()).toEqual([
      [0, 1, 2, 3],
      [4, 50, 6, 7],
    ]);
  });
});
