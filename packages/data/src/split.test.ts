import { arange, array, Random, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixtures from "./__fixtures__/nnfs-data.json";
import { batches, shuffleTogether, trainTestSplit } from "./split.js";

const X = arange(20).reshape(10, 2);
const y = arange(10);

describe("shuffleTogether", () => {
  it("applies NumPy's shuffle of arange(n) to both, as the book's chapter 19", () => {
    const keys = fixtures.shuffle_keys_10; // np.random.seed(0); np.random.shuffle(keys)
    const out = shuffleTogether(X, y, new Random(0));
    expect(out.y.toArray()).toEqual(keys);
    expect(out.X.toArray()).toEqual(keys.map((k) => [2 * k, 2 * k + 1]));
  });

  it("leaves the inputs untouched", () => {
    shuffleTogether(X, y, new Random(1));
    expect(y.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("throws ShapeError naming both shapes when the rows differ", () => {
    expect(() => shuffleTogether(X, arange(9))).toThrow(
      "shuffleTogether: X and y must have the same number of samples, got X [10,2] and y [9]",
    );
  });
});

describe("trainTestSplit", () => {
  it("takes the test set from the front of NumPy's permutation(n)", () => {
    const { train, test } = trainTestSplit(X, y, { testSize: 0.3, rng: new Random(0) });
    const expected = fixtures["split_10_0.3"];
    expect(test.y.toArray()).toEqual(expected.test);
    expect(train.y.toArray()).toEqual(expected.train);
    expect(test.X.toArray()).toEqual(expected.test.map((k) => [2 * k, 2 * k + 1]));
    expect(train.X.shape).toEqual([7, 2]);
  });

  it("keeps the order without shuffle: train first, test last", () => {
    const { train, test } = trainTestSplit(X, y, { testSize: 2, shuffle: false });
    expect(train.y.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(test.y.toArray()).toEqual([8, 9]);
    expect(test.X.toArray()).toEqual([
      [16, 17],
      [18, 19],
    ]);
  });

  it("tests on ⌈0.25·n⌉ samples by default", () => {
    const { train, test } = trainTestSplit(X, y, { rng: new Random(0) });
    expect([train.y.shape[0], test.y.shape[0]]).toEqual([7, 3]);
  });

  it("throws ValueError for a testSize that empties a set, ShapeError for mismatched rows", () => {
    expect(() => trainTestSplit(X, y, { testSize: 10 })).toThrow(
      "trainTestSplit: testSize 10 of 10 samples leaves 0 to train and 10 to test",
    );
    expect(() => trainTestSplit(X, y, { testSize: 1.5 })).toThrow(ValueError);
    expect(() => trainTestSplit(X, y, { testSize: 0 })).toThrow(ValueError);
    expect(() => trainTestSplit(X, arange(3))).toThrow(ShapeError);
  });
});

describe("batches", () => {
  it("yields ⌈n / batchSize⌉ batches in order, the last one partial", () => {
    const out = [...batches(X, y, 4)];
    expect(out.map((b) => b.y.toArray())).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(out.map((b) => b.X.shape)).toEqual([
      [4, 2],
      [4, 2],
      [2, 2],
    ]);
    expect(out[2]?.X.toArray()).toEqual([
      [16, 17],
      [18, 19],
    ]);
  });

  it("yields one batch when batchSize ≥ n, and exact batches when it divides n", () => {
    expect([...batches(X, y, 128)].map((b) => b.y.shape)).toEqual([[10]]);
    expect([...batches(X, y, 5)].length).toBe(2);
  });

  it("throws at the call, not at the first step, for bad arguments", () => {
    expect(() => batches(X, y, 0)).toThrow("batches: batchSize must be an integer from 1 to 9007199254740991, got 0");
    expect(() => batches(X, array([1, 2]), 2)).toThrow(ShapeError);
  });
});
