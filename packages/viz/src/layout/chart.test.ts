import { ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutChart, validateSeries } from "./chart.js";
import { CLASS_COLORS } from "./color.js";

const opts = { width: 300, height: 200, margin: { top: 10, right: 10, bottom: 30, left: 40 } };

describe("layoutChart", () => {
  it("puts epochs 1…n on x and values on y inside the plot, larger values higher", () => {
    const { plot, series } = layoutChart([{ name: "loss", values: [1, 0.5, 0.25] }], opts);
    expect(plot).toEqual({ left: 40, top: 10, right: 290, bottom: 170 });
    const pts = series[0]?.points ?? [];
    expect(pts.map((p) => p.xValue)).toEqual([1, 2, 3]);
    expect(pts[0]?.x).toBeCloseTo(40);
    expect(pts[2]?.x).toBeCloseTo(290);
    expect(pts[0]?.y).toBeLessThan(pts[1]?.y as number);
    for (const p of pts) {
      expect(p.y).toBeGreaterThanOrEqual(10);
      expect(p.y).toBeLessThanOrEqual(170);
    }
  });

  it("draws each series as one SVG path through its points", () => {
    const { series } = layoutChart([{ name: "a", values: [0, 1], x: [0, 1] }], {
      ...opts,
      xDomain: [0, 1],
      yDomain: [0, 1],
    });
    expect(series[0]?.path).toBe("M40,170L290,10");
  });

  it("places a log scale's points by decades: 1, 0.1, 0.01 are evenly spaced", () => {
    const { series, yTicks, yScale } = layoutChart([{ name: "loss", values: [1, 0.1, 0.01] }], {
      ...opts,
      yScale: "log",
    });
    expect(yScale).toBe("log");
    const [a, b, c] = (series[0]?.points ?? []).map((p) => p.y);
    expect((b as number) - (a as number)).toBeCloseTo((c as number) - (b as number), 6);
    expect(yTicks.map((t) => t.value)).toEqual(expect.arrayContaining([0.01, 0.1, 1]));
    const labels = yTicks.map((t) => t.label);
    expect(labels).toEqual(expect.arrayContaining(["0.01", "0.1", "1"]));
    expect(labels.every((l) => Number.isFinite(Number(l)))).toBe(true); // not d3's "10m"
  });

  it("gives ticks on nice round numbers with labels", () => {
    const { xTicks, yTicks } = layoutChart([{ name: "acc", values: [0.31, 0.62, 0.93] }], opts);
    expect(xTicks.map((t) => t.label)).toContain("2");
    expect(yTicks.length).toBeGreaterThanOrEqual(3);
    for (const t of [...xTicks, ...yTicks]) expect(Number.isFinite(t.position)).toBe(true);
  });

  it("widens a flat domain, even one lost in rounding", () => {
    for (const values of [[2, 2], [-5e-324, 5e-324], [0]]) {
      const { series, yTicks } = layoutChart([{ name: "s", values }], opts);
      for (const p of series[0]?.points ?? []) expect(Number.isFinite(p.y)).toBe(true);
      expect(yTicks.length).toBeGreaterThan(1);
    }
  });

  it("handles one point and no points without a degenerate domain", () => {
    const one = layoutChart([{ name: "loss", values: [0.7] }], opts);
    expect(Number.isFinite(one.series[0]?.points[0]?.x)).toBe(true);
    expect(Number.isFinite(one.series[0]?.points[0]?.y)).toBe(true);
    const none = layoutChart([], opts);
    expect(none.series).toEqual([]);
    expect(none.xTicks.length).toBeGreaterThan(0);
  });

  it("colours series from the Okabe–Ito palette unless told, and keeps dashes", () => {
    const { series } = layoutChart(
      [
        { name: "train", values: [1, 2] },
        { name: "validation", values: [2, 3], dashed: true, color: "#123456" },
      ],
      opts,
    );
    expect(series.map((s) => [s.color, s.dashed])).toEqual([
      [CLASS_COLORS[0], false],
      ["#123456", true],
    ]);
  });

  it("keeps every point inside the plot for any finite values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (values) => {
          const { series } = layoutChart([{ name: "s", values }], opts);
          for (const p of series[0]?.points ?? []) {
            expect(p.x).toBeGreaterThanOrEqual(40 - 1e-9);
            expect(p.x).toBeLessThanOrEqual(290 + 1e-9);
            expect(p.y).toBeGreaterThanOrEqual(10 - 1e-9);
            expect(p.y).toBeLessThanOrEqual(170 + 1e-9);
          }
        },
      ),
    );
  });
});

describe("validateSeries", () => {
  it("accepts finite series, and positive ones on a log scale", () => {
    expect(validateSeries([{ name: "loss", values: [1, 0.5] }])).toBeNull();
    expect(validateSeries([{ name: "loss", values: [1, 0.5] }], "log")).toBeNull();
  });

  it("names the series and the index of a NaN, a zero on a log scale, or an x of the wrong length", () => {
    expect(validateSeries([{ name: "loss", values: [1, Number.NaN] }])).toBe('series "loss" value 1 is NaN');
    expect(validateSeries([{ name: "loss", values: [1, 0] }], "log")).toBe(
      'a log scale needs positive values, series "loss" value 1 is 0',
    );
    expect(validateSeries([{ name: "f", values: [1, 2], x: [0] }])).toBe('series "f" has 2 values but 1 x positions');
  });
});

describe("layoutChart of bad series", () => {
  it("is refused with a ValueError carrying validateSeries' reason", () => {
    const series = [{ name: "loss", values: [1, Number.NaN] }];
    expect(() => layoutChart(series)).toThrow(ValueError);
    expect(() => layoutChart(series)).toThrow(`layoutChart: ${validateSeries(series)}`);
  });
});
