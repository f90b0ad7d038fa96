import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/numpy-skeleton.json";
import { ShapeError, ValueError } from "./errors.js";
import { Random, random } from "./random.js";

const { random: ref } = fixtures;

describe("Random (NumPy legacy stream)", () => {
  it("gives the nnfs fixture values after seed 0", () => {
    const rng = new Random(0);
    expect(rng.standardNormal()).toBe(1.764052345967664);
    expect(rng.standardNormal()).toBe(0.4001572083672233);
    expect(rng.standardNormal()).toBe(0.9787379841057392);
  });

  // NOTE: V8's Math.log and glibc's log may differ in the last bit of a double, so the
  // doubles agree to ~1e-16 and their float32 roundings (what arrays hold) agree exactly.
  it("reproduces 1000 randn values of np.random.seed(0) to the last float32 bit", () => {
    const rng = new Random(0);
    const got = Array.from({ length: 1000 }, () => rng.standardNormal());
    expect(got).toBeAllclose(ref.randn_seed0, { rtol: 5e-16, atol: 0 });
    expect(got.map(Math.fround)).toEqual(ref.randn_seed0.map(Math.fround));
  });

  it("reproduces 1000 rand values of np.random.seed(0) exactly", () => {
    const rng = new Random(0);
    expect(Array.from({ length: 1000 }, () => rng.random())).toEqual(ref.rand_seed0);
  });

  it("keeps the cached second Gaussian across calls, as NumPy", () => {
    const rng = new Random(12345);
    const first = Array.from({ length: 101 }, () => rng.standardNormal());
    const next = Array.from({ length: 3 }, () => rng.standardNormal());
    expect(first).toBeAllclose(ref.randn_seed12345_101, { rtol: 5e-16, atol: 0 });
    expect(next).toBeAllclose(ref.randn_seed12345_next3, { rtol: 5e-16, atol: 0 });
  });

  it("accepts the largest 32-bit seed", () => {
    const rng = new Random(4294967295);
    const got = Array.from({ length: 10 }, () => rng.standardNormal());
    expect(got).toBeAllclose(ref.randn_seed4294967295, { rtol: 5e-16, atol: 0 });
  });

  it("seed() restarts the stream and forgets the cached Gaussian", () => {
    const rng = new Random(5);
    rng.standardNormal();
    rng.seed(0);
    expect(rng.standardNormal()).toBe(1.764052345967664);
  });

  it("randn fills a float32 array of the given shape", () => {
    const a = new Random(0).randn([2, 3]);
    expect(a.shape).toEqual([2, 3]);
    expect(a).toBeAllclose([ref.randn_seed0.slice(0, 3), ref.randn_seed0.slice(3, 6)], { rtol: 1e-7, atol: 0 });
    expect(Array.from(a.dataSync())).toEqual(ref.randn_seed0.slice(0, 6).map(Math.fround));
  });

  it("rand fills a float32 array in [0, 1)", () => {
    const a = new Random(0).rand([1000]);
    const values = Array.from(a.dataSync());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values[0]).toBe(Math.fround(ref.rand_seed0[0] as number));
  });

  it("rejects bad seeds with ValueError and bad shapes with ShapeError", () => {
    expect(() => new Random(-1)).toThrow(ValueError);
    expect(() => new Random(1.5)).toThrow("Random: seed must be an integer in [0, 2**32 - 1], got 1.5");
    expect(() => random.seed(2 ** 32)).toThrow("seed: seed must be an integer");
    expect(() => new Random(0).randn([-2])).toThrow(ShapeError);
  });
});
