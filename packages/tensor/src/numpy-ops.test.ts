/**
 * Every case of __fixtures__/numpy-ops.json (made by scripts/fixtures/numpy_ops.py from
 * NumPy): the op's result must have NumPy's values, the shape NumPy gives, and the dtype
 * Sinapse's promotion rules give.
 */
import { decodeNumber } from "@sinapse/test-utils";
import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/numpy-ops.json";
import type { DType } from "./dtype.js";
import * as T from "./index.js";
import type { NDArray } from "./ndarray.js";

type Value = number | string;
interface ArrayArg {
  array: Value[];
  dtype: DType;
  shape: number[];
  view?: "T";
}
type Arg = ArrayArg | ArrayArg[] | number | string | number[];

const decode = decodeNumber;

function isArrayArg(x: unknown): x is ArrayArg {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "array" in x;
}

function build(arg: Arg): unknown {
  if (isArrayArg(arg)) {
    const values = arg.array.map(decode);
    const typed =
      arg.dtype === "float32"
        ? Float32Array.from(values)
        : arg.dtype === "float64"
          ? Float64Array.from(values)
          : arg.dtype === "int32"
            ? Int32Array.from(values)
            : Uint8Array.from(values);
    const a = T.array(typed, arg.shape);
    return arg.view === "T" ? a.T : a;
  }
  if (Array.isArray(arg) && arg.length > 0 && isArrayArg(arg[0])) return (arg as ArrayArg[]).map(build);
  return arg;
}

const tolerance: Record<DType, { rtol: number; atol: number }> = {
  float32: { rtol: 2e-6, atol: 1e-6 },
  float64: { rtol: 1e-12, atol: 1e-12 },
  int32: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

describe("NumPy reference cases", () => {
  it("has at least 100 cases", () => {
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(fixtures.cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const fn = (T as unknown as Record<string, (...args: unknown[]) => NDArray>)[c.op];
    expect(typeof fn, `op ${c.op}`).toBe("function");
    const args = (c.args as Arg[]).map(build);
    const result = Object.keys(c.kw).length > 0 ? fn(...args, c.kw) : fn(...args);
    expect(result.shape).toEqual(c.out.shape);
    expect(result.dtype).toBe(c.out.dtype);
    const expected = (c.out.data as Value[]).map(decode);
    expect(Array.from(result.dataSync() as ArrayLike<number>)).toBeAllclose(expected, tolerance[c.out.dtype as DType]);
  });
});
