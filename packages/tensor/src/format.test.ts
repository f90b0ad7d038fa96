import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/numpy-skeleton.json";
import { array } from "./creation.js";
import { NDArray } from "./ndarray.js";

type Encoded = number | string | Encoded[];

function decode(x: Encoded): number[] {
  if (Array.isArray(x)) return x.flatMap(decode);
  if (typeof x === "number") return [x];
  return [x === "nan" ? Number.NaN : x === "-inf" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY];
}

describe("toString", () => {
  it("prints like NumPy's str() for every fixture case", () => {
    for (const { data, shape, str } of fixtures.format) {
      const values = Float32Array.from(decode(data as Encoded));
      expect(new NDArray(values, shape).toString(), `shape [${shape}]`).toBe(str);
    }
  });

  it("prints whole numbers with a trailing point", () => {
    expect(
      array([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe("[[1. 2.]\n [3. 4.]]");
  });

  it("aligns decimals and signs across elements", () => {
    expect(array([1.5, 2.25, -3]).toString()).toBe("[ 1.5   2.25 -3.  ]");
  });

  it("prints a transposed view in its logical order", () => {
    expect(
      array([
        [1, 2],
        [3, 4],
      ]).T.toString(),
    ).toBe("[[1. 3.]\n [2. 4.]]");
  });
});
