/** Regressions found in review, each named after the bug. */
import { describe, expect, it } from "vitest";
import { arange, array, full, ones, zeros } from "./creation.js";
import { IndexError, ShapeError, ValueError } from "./errors.js";
import * as T from "./index.js";
import { NDArray } from "./ndarray.js";

describe("review regressions", () => {
  it("dataSync of a small strided view owns its buffer, so transferring it harms no other array", () => {
    const other = ones([8, 8]);
    const d = T.transpose(arange(100, undefined, 1, { dtype: "float32" }).reshape(10, 10)).dataSync();
    expect(d.buffer.byteLength).toBe(d.byteLength);
    structuredClone(d, { transfer: [d.buffer as ArrayBuffer] });
    expect(other.sum().item()).toBe(64);
    expect(
      T.matmul(ones([3, 3]), ones([3, 3]))
        .sum()
        .item(),
    ).toBe(27);
  });

  it("integers beyond int32 compare exactly with int32 arrays instead of wrapping", () => {
    const i = array(new Int32Array([1, 2147483647]));
    expect(T.lt(i, 2 ** 31).toArray()).toEqual([true, true]);
    expect(T.eq(array(new Int32Array([-1294967296])), 3e9).toArray()).toEqual([false]);
    expect(T.clip(array(new Int32Array([5, 7])), 0, 2 ** 31).toArray()).toEqual([5, 7]);
    expect(T.add(array(new Int32Array([1])), 3e9).toArray()).toEqual([3000000001]);
  });

  it("int32 creation rejects values that would wrap", () => {
    expect(() => full([2], Number.POSITIVE_INFINITY, { dtype: "int32" })).toThrow(ValueError);
    expect(() => array([3e9], { dtype: "int32" })).toThrow("array: 3000000000 does not fit in int32");
  });

  it("a Uint8Array becomes a bool array of 0/1", () => {
    const b = array(new Uint8Array([0, 2, 255]));
    expect(b.toArray()).toEqual([false, true, true]);
    expect(T.sum(b).item()).toBe(2);
    expect(T.astype(b, "float32").toArray()).toEqual([0, 1, 1]);
  });

  it("indices beyond int32 are out of bounds, not wrapped", () => {
    expect(() => T.take(arange(10), [2 ** 32 + 1])).toThrow(IndexError);
    expect(() => T.take(arange(10), [2 ** 31])).toThrow("index 2147483648 is out of the int32 range");
    expect(() => T.oneHot([2 ** 32], 3)).toThrow(IndexError);
  });

  it("dot with an empty contracted axis gives zeros, as NumPy", () => {
    expect(T.dot(zeros([2, 3, 0]), zeros([0])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(T.dot(zeros([2, 0]), zeros([2, 0, 3])).shape).toEqual([2, 2, 3]);
  });

  it("int32 pow is exact (by squaring, wrapping like NumPy's int32)", () => {
    expect(T.pow(array(new Int32Array([3])), 40).toArray()).toEqual([689956897]);
    expect(T.pow(array(new Int32Array([2, -3])), array(new Int32Array([10, 3]))).toArray()).toEqual([1024, -27]);
  });

  it("public functions reject non-arrays with a typed error naming the op", () => {
    for (const [name, call] of [
      ["slice", () => T.slice(null as never, "0")],
      ["take", () => T.take({} as never, [0])],
      ["reshape", () => T.reshape([1, 2] as never, [2])],
      ["transpose", () => T.transpose(undefined as never)],
      ["split", () => T.split(3 as never, 1)],
      ["zerosLike", () => T.zerosLike(null as never)],
      ["concat", () => T.concat([zeros([1]), [1] as never])],
      ["shuffle", () => new T.Random(0).shuffle({} as never)],
    ] as const) {
      expect(call, name).toThrow(ValueError);
      expect(call, name).toThrow(`${name}: `);
    }
  });

  it("shapes too large to allocate are a ValueError, not a RangeError", () => {
    expect(() => zeros([1e6, 1e6])).toThrow(ValueError);
    expect(() => arange(1e10)).toThrow("arange: 10000000000 elements is more than an array can hold");
  });

  it("the NDArray constructor copies its shape and rejects views outside the storage", () => {
    const s = [2];
    const a = new NDArray(new Float32Array(2), s);
    s.push(5);
    expect(a.shape).toEqual([2]);
    expect(() => new NDArray(new Float32Array(2), [4])).toThrow(ShapeError);
    expect(() => new NDArray(new Float32Array(4), [2], [-1], 0)).toThrow("reads outside its 4 stored elements");
  });

  it("logsumexp over an empty axis is −∞ (as scipy), not an error from max", () => {
    expect(T.logsumexp(zeros([0])).item()).toBe(Number.NEGATIVE_INFINITY);
    expect(T.logsumexp(zeros([2, 0]), { axis: 1 }).toArray()).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
  });

  it("set refuses to write through a broadcast view and drops a value's extra leading 1s", () => {
    expect(() => T.set(T.broadcastTo(zeros([3]), [2, 3]), "0", 1)).toThrow(
      "set: cannot write through a broadcast view",
    );
    const z = zeros([3]);
    T.set(z, ":", array([[1, 2, 3]]));
    expect(z.toArray()).toEqual([1, 2, 3]);
  });

  it("slice text accepts only plain integers", () => {
    expect(() => T.slice(arange(20), "0x10")).toThrow(ValueError);
    expect(() => T.slice(arange(20), "1e1")).toThrow(ValueError);
    expect(T.slice(arange(20), " -2 ").item()).toBe(18);
  });

  it("take along the last axis of a strided view gathers the right elements", () => {
    const a = arange(24, undefined, 1, { dtype: "float32" }).reshape(2, 3, 4);
    const v = T.slice(a, "::-1, :, 1:");
    expect(T.take(v, [2, 0], 2).toArray()).toEqual([
      [
        [15, 13],
        [19, 17],
        [23, 21],
      ],
      [
        [3, 1],
        [7, 5],
        [11, 9],
      ],
    ]);
    expect(T.take(v, [1], 1).toArray()).toEqual([[[17, 18, 19]], [[5, 6, 7]]]);
  });
});
