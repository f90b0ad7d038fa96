import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { array, zeros } from "../creation.js";
import { DTypeError, ShapeError, ValueError } from "../errors.js";
import { NDArray } from "../ndarray.js";
import { add, erf, gelu, logaddexp, mul, relu, softplus } from "./elementwise.js";
import { slice } from "./indexing.js";

/** A random float32 array of the given shape (values are small integers, sums stay exact). */
function arrayOf(shape: number[], values: number[]): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  return new NDArray(
    Float32Array.from({ length: n }, (_, i) => values[i % values.length] ?? 0),
    shape,
  );
}

describe("add", () => {
  it("adds same-shape arrays elementwise", () => {
    expect(add(array([1, 2]), array([10, 20])).toArray()).toEqual([11, 22]);
  });

  it("broadcasts a row across a matrix as NumPy does", () => {
    expect(
      add(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([10, 20]),
      ).toArray(),
    ).toEqual([
      [11, 22],
      [13, 24],
    ]);
  });

  it("broadcasts a column against a row into a matrix", () => {
    expect(add(array([[1], [2]]), array([10, 20, 30])).toArray()).toEqual([
      [11, 21, 31],
      [12, 22, 32],
    ]);
  });

  it("accepts numbers as 0-d operands", () => {
    expect(add(array([1, 2]), 0.5).toArray()).toEqual([1.5, 2.5]);
    expect(add(1, 2).toArray()).toBe(3);
  });

  it("reads strided views", () => {
    const a = array([
      [1, 2],
      [3, 4],
    ]);
    expect(add(a.T, a).toArray()).toEqual([
      [2, 5],
      [5, 8],
    ]);
  });

  it("throws ShapeError naming add and both shapes", () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(ShapeError);
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow("add: shapes [2,3] and [4] cannot be broadcast together");
  });

  it("rejects operands that are not arrays or numbers", () => {
    expect(() => add(zeros([1]), "1" as unknown as number)).toThrow(ValueError);
  });

  it("is commutative and matches an index-by-index computation under broadcasting", () => {
    const dims = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        dims,
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 }),
        (shape, ones, values) => {
          const bShape = shape.map((d, i) => (ones[i] ? 1 : d));
          const a = arrayOf(shape, values);
          const b = arrayOf(bShape, values.slice().reverse());
          const ab = add(a, b);
          expect(ab.shape).toEqual(shape);
          expect(add(b, a).toArray()).toEqual(ab.toArray());
          // element [i…] of the sum is a[i…] + b[i… with broadcast dims pinned to 0]
          const flatA = a.dataSync();
          const flatB = b.dataSync();
          const flat = ab.dataSync();
          const bStrides = b.strides;
          for (let k = 0; k < flat.length; k++) {
            let rest = k;
            let bIndex = 0;
            for (let d = shape.length - 1; d >= 0; d--) {
              const dim = shape[d] as number;
              const idx = rest % dim;
              rest = Math.floor(rest / dim);
              if (bShape[d] !== 1) bIndex += idx * (bStrides[d] as number);
            }
            expect(flat[k]).toBe((flatA[k] as number) + (flatB[bIndex] as number));
          }
        },
      ),
    );
  });
});

describe("mul", () => {
  it("multiplies with broadcasting and scalars", () => {
    expect(
      mul(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([[2], [3]]),
      ).toArray(),
    ).toEqual([
      [2, 4],
      [9, 12],
    ]);
    expect(mul(array([1, -2]), -1).toArray()).toEqual([-1, 2]);
  });

  it("throws ShapeError naming mul", () => {
    expect(() => mul(zeros([3]), zeros([2]))).toThrow("mul: shapes [3] and [2] cannot be broadcast together");
  });
});

describe("out=", () => {
  it("writes the result into out and returns it, in place when out is an operand", () => {
    const a = array([1, 2, 3]);
    const r = add(a, array([10, 20, 30]), { out: a });
    expect(r).toBe(a);
    expect(a.toArray()).toEqual([11, 22, 33]);
    const target = zeros([3]);
    expect(relu(array([-1, 0, 2]), { out: target }).toArray()).toEqual([0, 0, 2]);
  });

  it("reads overlapping shifted views before writing", () => {
    const a = array([1, 2, 3, 4]);
    add(slice(a, ":3"), 0, { out: slice(a, "1:") });
    expect(a.toArray()).toEqual([1, 1, 2, 3]);
  });

  it("rejects an out of the wrong shape, dtype or layout, leaving it untouched", () => {
    const out = zeros([2]);
    expect(() => add(array([1, 2, 3]), 1, { out })).toThrow("add: out has shape [2], the result has shape [3]");
    expect(() => add(array([1, 2]), 1, { out: zeros([2], { dtype: "int32" }) })).toThrow(DTypeError);
    expect(() => mul(zeros([2, 2]), 1, { out: zeros([2, 2]).T.slice("::-1") })).toThrow("mul: out must be contiguous");
    expect(out.toArray()).toEqual([0, 0]);
  });
});

describe("relu", () => {
  it("zeroes negatives, −0 and −∞ and keeps NaN and +∞ on long float32 arrays (bit path)", () => {
    const specials = [1.5, -2, -0, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0];
    const values = Array.from({ length: 140 }, (_, i) => specials[i % specials.length] as number);
    const out = relu(array(values)).toArray() as number[];
    out.forEach((v, i) => {
      const x = values[i] as number;
      if (Number.isNaN(x)) expect(v).toBeNaN();
      else expect(Object.is(v, Math.max(x, 0))).toBe(true);
    });
  });

  it("gives the same on short and strided arrays (loop path) and on float64", () => {
    expect(relu(array([-1, 2, Number.NaN])).toArray()).toEqual([0, 2, Number.NaN]);
    expect(
      relu(
        array([
          [-1, 2],
          [3, -4],
        ]).T,
      ).toArray(),
    ).toEqual([
      [0, 3],
      [2, 0],
    ]);
    expect(relu(array([-1, 2], { dtype: "float64" })).toArray()).toEqual([0, 2]);
  });
});

describe("ops declared in the op table (issue 14)", () => {
  it("softplus is finite at ±100 and equals log1p(exp(x)) in float64 where that is finite", () => {
    const x = array([-100, -3, 0, 2, 100], { dtype: "float64" });
    const y = softplus(x).toArray() as number[];
    expect(y.every(Number.isFinite)).toBe(true);
    expect(y).toBeAllclose([3.720075976020836e-44, Math.log1p(Math.exp(-3)), Math.LN2, Math.log1p(Math.exp(2)), 100], {
      rtol: 1e-14,
    });
    expect(softplus(array([-100, 100])).toArray()).toBeAllclose([3.720076e-44, 100], { rtol: 1e-6 });
  });

  it("logaddexp of ±∞ ties gives ±∞, not NaN, and never overflows", () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(logaddexp(array([inf, -inf, 1000, 0]), array([inf, -inf, 1000, 0])).toArray()).toEqual([
      inf,
      -inf,
      Math.fround(1000 + Math.LN2),
      Math.fround(Math.LN2),
    ]);
  });

  it("gelu rejects an unknown approximation with ValueError naming gelu", () => {
    expect(() => gelu(array([1]), { approximate: "erf" as never })).toThrow(
      /gelu: approximate must be "none" or "tanh"/,
    );
  });

  it("erf is odd and saturates: erf(−x) = −erf(x), erf(±6) = ±1", () => {
    expect(erf(array([-6, -1, 0, 1, 6], { dtype: "float64" })).toArray()).toBeAllclose(
      [-1, -0.8427007929497149, 0, 0.8427007929497149, 1],
      { rtol: 1e-15 },
    );
  });
});
