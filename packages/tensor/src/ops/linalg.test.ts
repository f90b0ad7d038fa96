import { describe, expect, it } from "vitest";
import fixtures from "../__fixtures__/numpy-skeleton.json";
import { array, zeros } from "../creation.js";
import { ShapeError } from "../errors.js";
import { add } from "./elementwise.js";
import { matmul } from "./linalg.js";

describe("matmul", () => {
  it("multiplies [m,k] @ [k,n] into [m,n]", () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const b = array([
      [7, 8],
      [9, 10],
      [11, 12],
    ]);
    expect(matmul(a, b).toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it("matches NumPy (float64 product rounded to float32) on random matrices", () => {
    const { a, b, c, matmul_ab, add_matmul_c } = fixtures.ops;
    const product = matmul(array(a), array(b));
    expect(product).toBeAllclose(matmul_ab, { rtol: 0, atol: 0 });
    expect(add(product, array(c))).toBeAllclose(add_matmul_c, { rtol: 0, atol: 0 });
  });

  it("reads transposed operands as a user expects", () => {
    const a = array([
      [1, 2],
      [3, 4],
    ]);
    expect(matmul(a.T, a).toArray()).toEqual([
      [10, 14],
      [14, 20],
    ]);
    expect(matmul(a, a.T).toArray()).toEqual([
      [5, 11],
      [11, 25],
    ]);
  });

  it("handles empty inner and outer dimensions", () => {
    expect(matmul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(matmul(zeros([0, 2]), zeros([2, 3])).shape).toEqual([0, 3]);
  });

  it("propagates NaN and Infinity like IEEE arithmetic", () => {
    const r = matmul(array([[0, 1]]), array([[Number.POSITIVE_INFINITY], [1]]));
    expect(Number.isNaN(r.item())).toBe(true);
  });

  it("throws ShapeError naming both shapes when inner dimensions differ", () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(ShapeError);
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(
      "matmul: inner dimensions differ: [2,3] @ [4,5] (3 != 4)",
    );
  });

  it("throws ShapeError for 0-d operands", () => {
    expect(() => matmul(zeros([]), zeros([3, 1]))).toThrow(ShapeError);
    expect(() => matmul(zeros([]), zeros([3, 1]))).toThrow("matmul: operands must have at least 1 dimension");
  });
});
