import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram, validateHistogram } from "./histogram.js";

describe("histogram", () => {
  it("bins over [−max|v|, max|v|] so that an even number of bins splits at 0", () => {
    const h = histogram([-1, -0.5, 0.25, 0.5, 1], { bins: 4 });
    expect(h.domain).toEqual([-1, 1]);
    expect(h.bins.map((b) => [b.x0, b.x1, b.count])).toEqual([
      [-1, -0.5, 1],
      [-0.5, 0, 1],
      [0, 0.5, 1],
      [0.5, 1, 2],
    ]);
    expect(h.maxCount).toBe(2);
    expect(h.total).toBe(5);
  });

  it("counts every value once: Σ counts = n, bins contiguous, values outside a given domain in the end bins", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          for (const h of [histogram(values, { bins }), histogram(values, { bins, domain: [-1, 1] })]) {
            expect(h.bins).toHaveLength(bins);
            expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(values.length);
            for (let i = 1; i < h.bins.length; i++) expect(h.bins[i]?.x0).toBeCloseTo(h.bins[i - 1]?.x1 as number, 9);
          }
        },
      ),
    );
  });

  it("keeps every bin for a tiny spread of values, and refuses an empty domain", () => {
    expect(histogram([-5e-324, 5e-324], { bins: 4 }).bins).toHaveLength(4);
    expect(() => histogram([1], { domain: [1, 1] })).toThrow(
      "histogram: the domain must be finite with lo < hi, got [1, 1]",
    );
  });

  it("draws all-zero weights (a fresh bias) in a unit domain", () => {
    const h = histogram(new Float32Array(4), { bins: 2 });
    expect(h.domain).toEqual([-1, 1]);
    expect(h.bins.map((b) => b.count)).toEqual([0, 4]);
  });
});

describe("validateHistogram", () => {
  it("refuses no values and names the first NaN", () => {
    expect(validateHistogram([])).toBe("values is empty");
    expect(validateHistogram([1, Number.NaN])).toBe("values[1] is NaN");
    expect(validateHistogram([1, 2])).toBeNull();
  });
});
