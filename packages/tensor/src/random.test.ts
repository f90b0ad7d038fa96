/** Random against NumPy's legacy generator, stream for stream (scripts/fixtures/numpy_random.py). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import ref from "./__fixtures__/numpy-random.json";
import { DTypeError, ShapeError, ValueError } from "./errors.js";
import { NDArray } from "./ndarray.js";
import { Random, random } from "./random.js";

const INT32_MAX = 2 ** 31 - 1;

/** The first double of a fresh `new Random(0)` stream (np.random.seed(0); np.random.rand()). */
const FIRST_RAND_SEED0 = ref.rand_seed0[0] as number;

// NOTE: V8's Math.log and glibc's log may differ in the last bit of a double, so Gaussian
// doubles agree to ~1e-16 and their float32 roundings (what arrays hold) agree exactly.
const GAUSS = { rtol: 5e-16, atol: 0 };

function arange(n: number): NDArray<"float64"> {
  return new NDArray(
    Float64Array.from({ length: n }, (_, i) => i),
    [n],
  );
}

describe("Random: uniform doubles and Gaussians", () => {
  it("gives the nnfs fixture values after seed 0", () => {
    const rng = new Random(0);
    expect(rng.standardNormal()).toBe(1.764052345967664);
    expect(rng.standardNormal()).toBe(0.4001572083672233);
    expect(rng.standardNormal()).toBe(0.9787379841057392);
  });

  it("reproduces 1000 randn values of np.random.seed(0) to the last float32 bit", () => {
    const rng = new Random(0);
    const got = Array.from({ length: 1000 }, () => rng.standardNormal());
    expect(got).toBeAllclose(ref.randn_seed0, GAUSS);
    expect(got.map(Math.fround)).toEqual(ref.randn_seed0.map(Math.fround));
  });

  it("reproduces 1000 rand values of np.random.seed(0) exactly", () => {
    const rng = new Random(0);
    expect(Array.from({ length: 1000 }, () => rng.random())).toEqual(ref.rand_seed0);
  });

  it("keeps the cached second Gaussian across calls, as NumPy", () => {
    const rng = new Random(12345);
    expect(Array.from(rng.randn(101, { dtype: "float64" }).dataSync())).toBeAllclose(ref.randn_seed12345_101, GAUSS);
    expect(Array.from(rng.randn(3, { dtype: "float64" }).dataSync())).toBeAllclose(ref.randn_seed12345_next3, GAUSS);
  });

  it("accepts the largest 32-bit seed", () => {
    const rng = new Random(4294967295);
    const got = Array.from({ length: 10 }, () => rng.standardNormal());
    expect(got).toBeAllclose(ref.randn_seed4294967295, GAUSS);
  });

  it("seed() restarts the stream and forgets the cached Gaussian", () => {
    const rng = new Random(5);
    rng.standardNormal();
    rng.seed(0);
    expect(rng.standardNormal()).toBe(1.764052345967664);
    const again = new Random(5);
    again.randn(1);
    again.seed(0);
    expect(Array.from(again.randn(2, { dtype: "float64" }).dataSync())).toBeAllclose(ref.reseed.randn2, GAUSS);
  });

  it("randn fills a float32 array of the given shape, or float64 on request", () => {
    const a = new Random(0).randn([2, 3]);
    expect(a.dtype).toBe("float32");
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.dataSync())).toEqual(ref.randn_seed0.slice(0, 6).map(Math.fround));
    const b = new Random(0).randn(6, { dtype: "float64" });
    expect(b.dtype).toBe("float64");
    expect(b.shape).toEqual([6]);
    expect(Array.from(b.dataSync())).toBeAllclose(ref.randn_seed0.slice(0, 6), GAUSS);
  });

  it("rand fills 1000 float32 values as np.random.rand(1000).astype(float32), or exact float64", () => {
    const a = new Random(0).rand([10, 100]);
    expect(a.dtype).toBe("float32");
    expect(Array.from(a.dataSync())).toEqual(ref.rand_seed0.map(Math.fround));
    const b = new Random(0).rand(1000, { dtype: "float64" });
    expect(Array.from(b.dataSync())).toEqual(ref.rand_seed0);
  });

  it("an empty shape gives a 0-d array holding one draw", () => {
    const a = new Random(0).rand([], { dtype: "float64" });
    expect(a.shape).toEqual([]);
    expect(a.item()).toBe(FIRST_RAND_SEED0);
  });
});

describe("Random.randint (legacy masked rejection)", () => {
  it("gives 5 0 3 3 7 9 3 5 2 4 for randint(0, 10, 10) after seed 0", () => {
    const a = new Random(0).randint(0, 10, 10);
    expect(a.dtype).toBe("int32");
    expect(a.shape).toEqual([10]);
    expect(Array.from(a.dataSync())).toEqual([5, 0, 3, 3, 7, 9, 3, 5, 2, 4]);
  });

  it("returns plain numbers without a shape, from the same stream", () => {
    const rng = new Random(0);
    expect(Array.from({ length: 10 }, () => rng.randint(0, 10))).toEqual(ref.randint_scalar_seed0);
  });

  for (const c of ref.randint) {
    const fitsInt32 = c.low >= -(2 ** 31) && (c.high ?? c.low) - 1 <= INT32_MAX;
    const args = c.high === null ? `${c.low}` : `${c.low}, ${c.high}`;
    it(`matches np.random.seed(${c.seed}); randint(${args}, size=${c.count}) and what it consumed`, () => {
      const rng = new Random(c.seed);
      const draw = (): number => (c.high === null ? rng.randint(c.low) : rng.randint(c.low, c.high));
      if (fitsInt32) {
        const a = c.high === null ? rng.randint(c.low, undefined, c.count) : rng.randint(c.low, c.high, [c.count]);
        expect(Array.from(a.dataSync())).toEqual(c.values);
      } else {
        expect(Array.from({ length: c.count }, draw)).toEqual(c.values);
      }
      expect(rng.random()).toBe(c.after);
      if (fitsInt32) {
        // The scalar path consumes the stream exactly as the array path.
        rng.seed(c.seed);
        expect(Array.from({ length: c.count }, draw)).toEqual(c.values);
      }
    });
  }

  it("draws nothing for a one-value range or an empty shape", () => {
    const rng = new Random(0);
    expect(rng.randint(7, 8)).toBe(7);
    expect(Array.from(rng.randint(-3, -2, [2, 2]).dataSync())).toEqual([-3, -3, -3, -3]);
    expect(rng.randint(0, 10, [3, 0]).shape).toEqual([3, 0]);
    expect(rng.random()).toBe(FIRST_RAND_SEED0);
  });

  it("always falls in [low, high) (property, ranges up to 2**53)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
        fc.integer({ min: 1, max: 2 ** 52 }),
        (seed, low, span) => {
          const rng = new Random(seed);
          for (let i = 0; i < 20; i++) {
            const v = rng.randint(low, low + span);
            if (!Number.isSafeInteger(v) || v < low || v >= low + span) return false;
          }
          return true;
        },
      ),
    );
  });

  it("throws ValueError naming the op and the values", () => {
    const rng = new Random(0);
    expect(() => rng.randint(5, 2)).toThrow(ValueError);
    expect(() => rng.randint(5, 2)).toThrow("randint: low must be < high, got low=5, high=2");
    expect(() => rng.randint(0)).toThrow("randint: low must be < high, got low=0, high=0");
    expect(() => rng.randint(0.5, 3)).toThrow(
      "randint: low and high must be integers in [-2**53, 2**53], got low=0.5, high=3",
    );
    expect(() => rng.randint(0, Number.NaN)).toThrow(ValueError);
    expect(() => rng.randint(0, 2 ** 60)).toThrow(ValueError);
    expect(() => rng.randint(-1, 2 ** 53)).toThrow("randint: high - low must be at most 2**53, got low=-1");
    expect(rng.randint(-(2 ** 53), 0)).toBeLessThan(0);
    expect(() => rng.randint(0, 2 ** 31 + 1, 3)).toThrow(
      "randint: an int32 array needs low >= -2**31 and high <= 2**31, got low=0, high=2147483649",
    );
    expect(() => rng.randint(0, 10, -1)).toThrow(ShapeError);
    expect(() => rng.randint(0, 10, [2, 1.5])).toThrow("randint: shape must hold non-negative integers, got [2,1.5]");
  });
});

describe("Random.uniform and Random.normal", () => {
  for (const c of ref.uniform) {
    it(`matches np.random.seed(${c.seed}); uniform(${c.low}, ${c.high}, ${c.values.length})`, () => {
      const rng = new Random(c.seed);
      const a = rng.uniform(c.low, c.high, c.values.length, { dtype: "float64" });
      expect(Array.from(a.dataSync())).toEqual(c.values);
      expect(rng.random()).toBe(c.after);
      rng.seed(c.seed);
      const f = rng.uniform(c.low, c.high, [c.values.length]);
      expect(f.dtype).toBe("float32");
      expect(Array.from(f.dataSync())).toEqual(c.values.map(Math.fround));
      rng.seed(c.seed);
      expect(Array.from({ length: c.values.length }, () => rng.uniform(c.low, c.high))).toEqual(c.values);
    });
  }

  it("uniform() defaults to [0, 1), the same doubles as random()", () => {
    expect(new Random(0).uniform()).toBe(FIRST_RAND_SEED0);
  });

  for (const c of ref.normal) {
    it(`matches np.random.seed(${c.seed}); normal(${c.loc}, ${c.scale}, ${c.values.length}), then the cached value`, () => {
      // NOTE: loc + scale·z can cancel, so the last-bit slack of z is bounded in absolute terms.
      const tol = { rtol: 5e-16, atol: 4e-16 * c.scale };
      const rng = new Random(c.seed);
      const a = rng.normal(c.loc, c.scale, c.values.length, { dtype: "float64" });
      expect(Array.from(a.dataSync())).toBeAllclose(c.values, tol);
      expect(rng.normal()).toBeAllclose(c.next, GAUSS);
      rng.seed(c.seed);
      const f = rng.normal(c.loc, c.scale, c.values.length);
      expect(Array.from(f.dataSync())).toEqual(c.values.map(Math.fround));
    });
  }

  it("throws ValueError for a negative scale or a non-finite uniform range", () => {
    const rng = new Random(0);
    expect(() => rng.normal(0, -1)).toThrow("normal: scale must be >= 0, got scale=-1");
    expect(() => rng.normal(0, Number.NaN, 3)).toThrow(ValueError);
    expect(() => rng.uniform(0, Number.POSITIVE_INFINITY)).toThrow(
      "uniform: low and high must be finite with a finite range, got low=0, high=Infinity",
    );
    expect(() => rng.uniform(-Number.MAX_VALUE, Number.MAX_VALUE, 2)).toThrow(ValueError);
  });

  it("rejects dtypes other than float32 and float64 with DTypeError", () => {
    const bad = { dtype: "int32" } as unknown as { dtype: "float32" };
    expect(() => new Random(0).rand(2, bad)).toThrow(DTypeError);
    expect(() => new Random(0).normal(0, 1, 2, bad)).toThrow(
      'normal: dtype must be "float32" or "float64", got "int32"',
    );
  });
});

describe("Random.binomial (legacy inversion / BTPE)", () => {
  for (const c of ref.binomial) {
    it(`matches np.random.seed(${c.seed}); binomial(${c.n}, ${c.p}, ${c.values.length})`, () => {
      const rng = new Random(c.seed);
      const a = rng.binomial(c.n, c.p, c.values.length);
      expect(a.dtype).toBe("int32");
      expect(Array.from(a.dataSync())).toEqual(c.values);
      expect(rng.random()).toBe(c.after);
      rng.seed(c.seed);
      const head = c.values.slice(0, 50);
      expect(head.map(() => rng.binomial(c.n, c.p))).toEqual(head);
    });
  }

  it("gives nnfs dropout masks: binomial(1, 0.9, [4, 5]) after seed 0", () => {
    expect(new Random(0).binomial(1, 0.9, [4, 5]).toArray()).toEqual(ref.dropout_mask_seed0);
  });

  it("draws nothing for an empty shape", () => {
    const rng = new Random(0);
    expect(rng.binomial(5, 0.5, 0).shape).toEqual([0]);
    expect(rng.random()).toBe(FIRST_RAND_SEED0);
  });

  it("stays within [0, n] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 100000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, n, p) => {
          const values = Array.from(new Random(seed).binomial(n, p, 20).dataSync());
          return values.every((v) => v >= 0 && v <= n);
        },
      ),
    );
  });

  it("throws ValueError naming the op and the value", () => {
    const rng = new Random(0);
    expect(() => rng.binomial(-1, 0.5)).toThrow("binomial: n must be a non-negative integer, got n=-1");
    expect(() => rng.binomial(2.5, 0.5)).toThrow(ValueError);
    expect(() => rng.binomial(10, Number.NaN)).toThrow("binomial: p must be in [0, 1], got p=NaN");
    expect(() => rng.binomial(10, 1.5, 3)).toThrow("binomial: p must be in [0, 1], got p=1.5");
    expect(() => rng.binomial(10, -0.1)).toThrow(ValueError);
    expect(() => rng.binomial(2 ** 31, 0.5, 2)).toThrow(
      "binomial: n must be at most 2**31 - 1 for an int32 array, got n=2147483648",
    );
    expect(() => rng.binomial(1, 0.5, [-1])).toThrow(ShapeError);
  });
});

describe("Random.shuffle and Random.permutation", () => {
  it("shuffles arange(10) in place as np.random.shuffle after seed 0", () => {
    const rng = new Random(0);
    const a = new NDArray(
      Int32Array.from({ length: 10 }, (_, i) => i),
      [10],
    );
    rng.shuffle(a);
    expect(Array.from(a.dataSync())).toEqual(ref.shuffle_arange10.values);
    expect(rng.random()).toBe(ref.shuffle_arange10.after);
  });

  it("moves whole rows of a 5×3 array", () => {
    const rng = new Random(ref.shuffle_rows.seed);
    const a = new NDArray(
      Float64Array.from({ length: 15 }, (_, i) => i),
      [5, 3],
    );
    rng.shuffle(a);
    expect(a.toArray()).toEqual(ref.shuffle_rows.values);
    expect(rng.random()).toBe(ref.shuffle_rows.after);
  });

  it("shuffles the strided rows of a transposed view, writing through to the base", () => {
    const rng = new Random(ref.shuffle_transposed.seed);
    const base = new Float64Array(24).map((_, i) => i);
    const t = new NDArray(base, [4, 6], [1, 4]); // np.arange(24.0).reshape(6, 4).T
    rng.shuffle(t);
    expect(t.toArray()).toEqual(ref.shuffle_transposed.values);
    expect(rng.random()).toBe(ref.shuffle_transposed.after);
  });

  it("shuffles a view with negative row strides and an offset, leaving other elements alone", () => {
    const c = ref.shuffle_reversed_view;
    const rng = new Random(c.seed);
    const base = new Float64Array(40).map((_, i) => i);
    rng.shuffle(new NDArray(base, [5, 4], [-8, 2], 33)); // base.reshape(5, 8)[::-1, 1::2]
    expect(Array.from(base)).toEqual(c.base);
    expect(rng.random()).toBe(c.after);
  });

  it("shuffles a plain JS array as NumPy's untyped path", () => {
    const rng = new Random(ref.shuffle_list.seed);
    const xs = Array.from({ length: 100 }, (_, i) => i);
    rng.shuffle(xs);
    expect(xs).toEqual(ref.shuffle_list.values);
    expect(rng.random()).toBe(ref.shuffle_list.after);
  });

  it("draws nothing for fewer than two rows or an empty array", () => {
    const rng = new Random(0);
    rng.shuffle([1]);
    rng.shuffle(new NDArray(new Float32Array(3), [1, 3]));
    rng.shuffle(new NDArray(new Float32Array(0), [3, 0]));
    expect(rng.random()).toBe(FIRST_RAND_SEED0);
  });

  it("permutation(10) is a shuffled int32 arange", () => {
    const rng = new Random(0);
    const p = rng.permutation(10);
    expect(p.dtype).toBe("int32");
    expect(Array.from(p.dataSync())).toEqual(ref.permutation10.values);
    expect(rng.random()).toBe(ref.permutation10.after);
  });

  it("permutation(1000) matches NumPy", () => {
    const rng = new Random(ref.permutation1000.seed);
    expect(Array.from(rng.permutation(1000).dataSync())).toEqual(ref.permutation1000.values);
    expect(rng.random()).toBe(ref.permutation1000.after);
  });

  it("permutation(x) shuffles a copy of the rows and leaves x untouched", () => {
    const rng = new Random(ref.permutation_rows.seed);
    const x = new NDArray(
      Float64Array.from({ length: 12 }, (_, i) => i * 1.5),
      [4, 3],
    );
    const before = x.toArray();
    const p = rng.permutation(x);
    expect(p.dtype).toBe("float64");
    expect(p.toArray()).toEqual(ref.permutation_rows.values);
    expect(x.toArray()).toEqual(before);
    expect(rng.random()).toBe(ref.permutation_rows.after);
  });

  it("permutation of an array with empty rows still draws, unlike shuffle (as NumPy)", () => {
    const rng = new Random(0);
    expect(rng.permutation(new NDArray(new Float32Array(0), [3, 0])).shape).toEqual([3, 0]);
    // np.random.seed(0); np.random.permutation(np.zeros((3, 0))); np.random.rand()
    expect(rng.random()).toBe(ref.rand_seed0[1]);
  });

  it("permutation of a 1-d array keeps its dtype and values", () => {
    const x = arange(10);
    const p = new Random(0).permutation(x);
    expect(Array.from(p.dataSync())).toEqual(ref.permutation10.values);
    expect(Array.from(x.dataSync())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("permutation is a permutation, and shuffle keeps every row (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const rng = new Random(seed);
        const p = Array.from(rng.permutation(n).dataSync()).sort((a, b) => a - b);
        if (!p.every((v, i) => v === i)) return false;
        const rows = new NDArray(
          Float64Array.from({ length: 2 * n }, (_, i) => Math.floor(i / 2)),
          [n, 2],
        );
        rng.shuffle(rows);
        const flat = Array.from(rows.dataSync());
        const firsts = flat.filter((_, i) => i % 2 === 0);
        return (
          flat.every((v, i) => v === firsts[Math.floor(i / 2)]) &&
          [...firsts].sort((a, b) => a - b).every((v, i) => v === i)
        );
      }),
    );
  });

  it("rejects 0-d arrays, broadcast views and bad lengths", () => {
    const rng = new Random(0);
    expect(() => rng.shuffle(new NDArray(new Float32Array(1), []))).toThrow(
      "shuffle: cannot shuffle a 0-d array, got shape []",
    );
    expect(() => rng.shuffle(new NDArray(new Float32Array(3), [4, 3], [0, 1]))).toThrow(
      "shuffle: cannot shuffle a broadcast view in place, got shape [4,3] with strides [0,1]",
    );
    expect(() => rng.permutation(new NDArray(new Float32Array(1), []))).toThrow(ShapeError);
    expect(() => rng.permutation(-1)).toThrow("permutation: n must be an integer in [0, 2**31 - 1], got n=-1");
    expect(() => rng.permutation(2.5)).toThrow(ValueError);
  });
});

describe("Random: one stream shared by every sampler", () => {
  it("interleaves randn, randint, rand, binomial, uniform, normal and permutation as NumPy", () => {
    const c = ref.interleaved;
    const rng = new Random(c.seed);
    const f64 = { dtype: "float64" } as const;
    expect(Array.from(rng.randn(3, f64).dataSync())).toBeAllclose(c.randn3, GAUSS);
    expect(Array.from(rng.randint(0, 10, 5).dataSync())).toEqual(c.randint_0_10_5);
    // The cached Gaussian from randn(3) survives the integer draws.
    expect(Array.from(rng.randn(2, f64).dataSync())).toBeAllclose(c.randn2, GAUSS);
    expect(Array.from(rng.rand(2, f64).dataSync())).toEqual(c.rand2);
    expect(Array.from(rng.binomial(10, 0.3, 3).dataSync())).toEqual(c.binomial_10_03_3);
    expect(Array.from(rng.randn(1, f64).dataSync())).toBeAllclose(c.randn1, GAUSS);
    expect(Array.from(rng.uniform(-1, 1, 2, f64).dataSync())).toEqual(c.uniform_m1_1_2);
    expect(Array.from(rng.normal(5, 2, 3, f64).dataSync())).toBeAllclose(c.normal_5_2_3, GAUSS);
    expect(Array.from(rng.randint(-3, 3, 4).dataSync())).toEqual(c.randint_m3_3_4);
    expect(Array.from(rng.permutation(6).dataSync())).toEqual(c.permutation6);
    expect(Array.from(rng.randn(1, f64).dataSync())).toBeAllclose(c.randn1b, GAUSS);
    expect(rng.random()).toBe(c.after);
  });

  it("the shared `random` instance is a Random", () => {
    expect(random).toBeInstanceOf(Random);
  });

  it("rejects bad seeds with ValueError and bad shapes with ShapeError", () => {
    expect(() => new Random(-1)).toThrow(ValueError);
    expect(() => new Random(1.5)).toThrow("Random: seed must be an integer in [0, 2**32 - 1], got 1.5");
    expect(() => random.seed(2 ** 32)).toThrow("seed: seed must be an integer");
    expect(() => new Random(0).randn([-2])).toThrow(ShapeError);
    expect(() => new Random(0).rand(-2)).toThrow("rand: shape must hold non-negative integers, got [-2]");
  });
});
