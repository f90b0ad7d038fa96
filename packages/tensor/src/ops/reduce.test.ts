import { describe, expect, it } from "vitest";
import fixtures from "../__fixtures__/numpy-skeleton.json";
import { array, zeros } from "../creation.js";
import { ValueError } from "../errors.js";
import { logSoftmax, softmax, sum } from "./reduce.js";

describe("sum", () => {
  const a = array([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it("reduces everything to a 0-d array by default", () => {
    const s = sum(a);
    expect(s.shape).toEqual([]);
    expect(s.item()).toBe(21);
  });

  it("reduces one axis, negative axes counting from the end", () => {
    expect(sum(a, { axis: 0 }).toArray()).toEqual([5, 7, 9]);
    expect(sum(a, { axis: -1 }).toArray()).toEqual([6, 15]);
  });

  it("keeps reduced dimensions with keepdims", () => {
    expect(sum(a, { axis: 1, keepdims: true }).toArray()).toEqual([[6], [15]]);
    expect(sum(a, { keepdims: true }).shape).toEqual([1, 1]);
    expect(sum(a, { axis: [0, 1] }).item()).toBe(21);
  });

  it("reduces strided views", () => {
    expect(sum(a.T, { axis: 0 }).toArray()).toEqual([6, 15]);
  });

  it("matches NumPy on a random matrix", () => {
    const { a: data, sum_a_axis0, sum_a_axis1_keepdims, sum_a } = fixtures.ops;
    const x = array(data);
    expect(sum(x, { axis: 0 })).toBeAllclose(sum_a_axis0, { rtol: 0, atol: 0 });
    expect(sum(x, { axis: 1, keepdims: true })).toBeAllclose(sum_a_axis1_keepdims, { rtol: 0, atol: 0 });
    expect(sum(x).item()).toBe(sum_a);
  });

  it("sums an empty axis to zero", () => {
    expect(sum(zeros([0, 3]), { axis: 0 }).toArray()).toEqual([0, 0, 0]);
  });

  it("throws ValueError for out-of-range or repeated axes", () => {
    expect(() => sum(a, { axis: 2 })).toThrow("sum: axis 2 is out of bounds for an array of 2 dimensions");
    expect(() => sum(a, { axis: [1, -1] })).toThrow(ValueError);
  });
});

describe("softmax and logSoftmax shift by the row max (as PyTorch)", () => {
  it("keeps float32 logits of ±1e4 to 1e-7 of the float64 answer", () => {
    const rows = [
      [1e4, -1e4, 9999],
      [3, 1, 0.2],
    ];
    const stats = rows.map((r) => {
      const m = Math.max(...r);
      return { m, s: r.reduce((acc, v) => acc + Math.exp(v - m), 0) };
    });
    const want = rows.map((r, i) => r.map((v) => Math.exp(v - (stats[i]?.m ?? 0)) / (stats[i]?.s ?? 1)));
    const wantLog = rows.map((r, i) => r.map((v) => v - (stats[i]?.m ?? 0) - Math.log(stats[i]?.s ?? 1)));
    expect(softmax(array(rows)).toArray()).toBeAllclose(want, { atol: 1e-7, rtol: 0 });
    expect(logSoftmax(array(rows)).toArray()).toBeAllclose(wantLog, { atol: 1e-6, rtol: 1e-6 });
  });

  it("throws ValueError naming softmax for a 0-d array", () => {
    expect(() => softmax(array(1))).toThrow(/softmax: needs at least one dimension/);
  });
});
