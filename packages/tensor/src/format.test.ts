/**
 * formatArray against NumPy 1.24's str() and repr(): the cases in
 * __fixtures__/numpy-format.json come from scripts/fixtures/numpy_format.py.
 */
import { decodeNumber } from "@sinapse/test-utils";
import { describe, expect, it } from "vitest";
import formatFixtures from "./__fixtures__/numpy-format.json";
import type { DType, TypedArray } from "./dtype.js";
import { formatArray } from "./format.js";

type Encoded = number | string | Encoded[];

interface FormatCase {
  name: string;
  dtype: DType;
  shape: number[];
  data: Encoded[];
  str: string;
  repr: string;
}

/** Flattens fixture data, reading the strings "nan", "inf" and "-inf" back as numbers. */
function decode(x: Encoded): number[] {
  return Array.isArray(x) ? x.flatMap(decode) : [decodeNumber(x)];
}

function typed(dtype: DType, values: number[]): TypedArray {
  switch (dtype) {
    case "float32":
      return Float32Array.from(values);
    case "float64":
      return Float64Array.from(values);
    case "int32":
      return Int32Array.from(values);
    case "bool":
      return Uint8Array.from(values);
  }
}

const cases = formatFixtures.cases as FormatCase[];

describe("formatArray", () => {
  it("has fixtures for every dtype", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.dtype))).toEqual(new Set(["float32", "float64", "int32", "bool"]));
  });

  describe.each(cases)("$name ($dtype, shape [$shape])", ({ dtype, shape, data, str, repr }) => {
    const values = typed(dtype, decode(data));

    it("prints like str()", () => {
      expect(formatArray(values, shape, dtype)).toBe(str);
    });

    it("prints like repr()", () => {
      expect(formatArray(values, shape, dtype, { repr: true })).toBe(repr);
    });
  });

  it("reads a bool array's non-zero bytes as True", () => {
    expect(formatArray(Uint8Array.from([0, 1, 255]), [3], "bool")).toBe("[False  True  True]");
  });
});
