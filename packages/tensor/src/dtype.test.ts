import { describe, expect, it } from "vitest";
import { array, zeros } from "./creation.js";
import { castScalar, DTYPES, promoteTypes } from "./dtype.js";
import { DTypeError } from "./errors.js";
import { add, div, exp, gt, mul, resultType } from "./ops/elementwise.js";
import { astype } from "./ops/movement.js";
import { mean, sum } from "./ops/reduce.js";

describe("dtype promotion", () => {
  it("takes the larger of bool < int32 < float32 < float64 (int32 with float32 gives float32)", () => {
    expect(promoteTypes("bool", "int32")).toBe("int32");
    expect(promoteTypes("int32", "float32")).toBe("float32");
    expect(promoteTypes("float32", "float64")).toBe("float64");
    for (const a of DTYPES) for (const b of DTYPES) expect(promoteTypes(a, b)).toBe(promoteTypes(b, a));
  });

  it("treats numbers as weak operands", () => {
    const i = zeros([2], { dtype: "int32" });
    expect(resultType(i, 2)).toBe("int32");
    expect(resultType(i, 2.5)).toBe("float32");
    expect(resultType(zeros([2], { dtype: "float64" }), 2.5)).toBe("float64");
    expect(add(zeros([1], { dtype: "float32" }), 1e10).dtype).toBe("float32");
  });

  it("computes arithmetic on bool as int32 and comparisons give bool", () => {
    const t = array([true, true]);
    expect(t.dtype).toBe("bool");
    expect(add(t, t).toArray()).toEqual([2, 2]);
    expect(add(t, t).dtype).toBe("int32");
    expect(gt(array([1, 3]), 2).toArray()).toEqual([false, true]);
  });

  it("sends true division and float functions of int32 to float32", () => {
    const i = array(new Int32Array([1, 2]));
    expect(div(i, 2).dtype).toBe("float32");
    expect(div(i, 2).toArray()).toEqual([0.5, 1]);
    expect(exp(i).dtype).toBe("float32");
    expect(mean(i).dtype).toBe("float32");
    expect(sum(i).dtype).toBe("int32");
  });

  it("wraps int32 overflow like NumPy's int32 and multiplies exactly", () => {
    const big = array(new Int32Array([2147483647, 65536]));
    expect(add(big, 1).toArray()).toEqual([-2147483648, 65537]);
    expect(mul(array(new Int32Array([65536])), array(new Int32Array([65537]))).toArray()).toEqual([65536]);
  });
});

describe("astype", () => {
  it("truncates floats toward zero for int32 and maps non-zero (and NaN) to true for bool", () => {
    expect(astype(array([-1.7, 2.9]), "int32").toArray()).toEqual([-1, 2]);
    expect(astype(array([0, 0.5, Number.NaN]), "bool").toArray()).toEqual([false, true, true]);
    expect(astype(array([true, false]), "float64").toArray()).toEqual([1, 0]);
  });

  it("rejects an unknown dtype with DTypeError", () => {
    expect(() => astype(zeros([1]), "int64" as never)).toThrow(DTypeError);
    expect(() => astype(zeros([1]), "int64" as never)).toThrow('astype: unknown dtype "int64"');
  });

  it("casts scalars the way the storage will", () => {
    expect(castScalar(0.1, "float32")).toBe(Math.fround(0.1));
    expect(castScalar(-2.7, "int32")).toBe(-2);
    expect(castScalar(Number.NaN, "bool")).toBe(1);
  });
});
