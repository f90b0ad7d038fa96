import { ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLASS_COLORS, divergingRgb, hexToRgb, mixRgb } from "./color.js";
import { cellClass, classPixels, gridPoints, validateGrid, valuePixels } from "./heatmap.js";

const pixel = (px: Uint8ClampedArray, i: number) => Array.from(px.subarray(4 * i, 4 * i + 4));

describe("gridPoints", () => {
  it("gives cell centres row by row, row 0 at the top (largest y)", () => {
    expect(Array.from(gridPoints(2, 2, [0, 1], [0, 1]))).toEqual([0.25, 0.75, 0.75, 0.75, 0.25, 0.25, 0.75, 0.25]);
  });

  it("stays inside the domain and has two numbers per cell", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (cols, rows) => {
        const pts = gridPoints(cols, rows, [-1, 1], [-2, 2]);
        expect(pts).toHaveLength(2 * cols * rows);
        for (let i = 0; i < pts.length; i += 2) {
          expect(Math.abs(pts[i] as number)).toBeLessThan(1);
          expect(Math.abs(pts[i + 1] as number)).toBeLessThan(2);
        }
      }),
    );
  });
});

describe("classPixels", () => {
  it("colours each cell by its winning class, paler when unsure, opaque", () => {
    // Two cells, three classes: certain of class 2; torn between all three (top score 0.34).
    const px = classPixels({ cols: 2, rows: 1, classes: 3, values: [0, 0, 1, 0.33, 0.33, 0.34] });
    expect(px).toHaveLength(8);
    expect(pixel(px, 0)).toEqual([...mixRgb([255, 255, 255], hexToRgb(CLASS_COLORS[2] as string), 0.8), 255]);
    const unsure = pixel(px, 1);
    expect(unsure[3]).toBe(255);
    // Nearly white: the least class colour.
    for (const c of unsure.slice(0, 3)) expect(c).toBeGreaterThan(200);
  });

  it("reads one channel as P(class 1), as a sigmoid output", () => {
    expect(cellClass([0.9], 0, 1)).toEqual({ k: 1, confidence: expect.closeTo(0.8, 9) });
    expect(cellClass([0.5], 0, 1).confidence).toBe(0);
    expect(cellClass([0.1], 0, 1).k).toBe(0);
    const px = classPixels({ cols: 2, rows: 1, classes: 1, values: [1, 0] });
    expect(pixel(px, 0)).toEqual([...mixRgb([255, 255, 255], hexToRgb(CLASS_COLORS[1] as string), 0.8), 255]);
    expect(pixel(px, 1)).toEqual([...mixRgb([255, 255, 255], hexToRgb(CLASS_COLORS[0] as string), 0.8), 255]);
  });

  it("maps the top score from chance (1/k) to certainty (1) onto confidence 0…1", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 8 }), (scores) => {
        const { k, confidence } = cellClass(scores, 0, scores.length);
        expect(scores[k]).toBe(Math.max(...scores));
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("valuePixels", () => {
  it("uses the diverging scale relative to the largest |value|", () => {
    const px = valuePixels({ cols: 3, rows: 1, values: [2, 0, -1] });
    expect(pixel(px, 0)).toEqual([...divergingRgb(1), 255]);
    expect(pixel(px, 1)).toEqual([255, 255, 255, 255]);
    expect(pixel(px, 2)).toEqual([...divergingRgb(-0.5), 255]);
    expect(pixel(valuePixels({ cols: 1, rows: 1, values: [0.5] }, 1), 0)).toEqual([...divergingRgb(0.5), 255]);
  });

  it("draws an all-zero grid white instead of dividing by zero", () => {
    expect(Array.from(valuePixels({ cols: 2, rows: 1, values: [0, 0] }))).toEqual([
      255, 255, 255, 255, 255, 255, 255, 255,
    ]);
  });
});

describe("pixels of a bad grid", () => {
  it("are refused with a ValueError that names the function and the reason", () => {
    expect(() => classPixels({ cols: 2, rows: 2, classes: 2, values: [1] })).toThrow(ValueError);
    expect(() => classPixels({ cols: 2, rows: 2, classes: 2, values: [1] })).toThrow(
      "classPixels: grid needs 8 values (2×2×2), got 1",
    );
    expect(() => valuePixels({ cols: 1, rows: 1, values: [Number.NaN] })).toThrow(/^valuePixels: /);
  });
});

describe("validateGrid", () => {
  it("accepts a grid of the right size", () => {
    expect(validateGrid({ cols: 2, rows: 3, values: new Float32Array(6) })).toBeNull();
    expect(validateGrid({ cols: 2, rows: 3, classes: 3, values: new Float32Array(18) })).toBeNull();
  });

  it("names wrong sizes, NaN cells and bad dimensions", () => {
    expect(validateGrid({ cols: 2, rows: 3, classes: 3, values: new Float32Array(6) })).toBe(
      "grid needs 18 values (3×2×3), got 6",
    );
    expect(validateGrid({ cols: 2, rows: 2, values: [0, 0, 0, Number.NaN] })).toBe(
      "grid.values[3] is NaN (row 1, column 1)",
    );
    expect(validateGrid({ cols: 0, rows: 2, values: [] })).toBe("grid.cols must be a positive integer, got 0");
    expect(validateGrid({ cols: 1, rows: 1, values: [] }, "thumbnails[1][0]")).toBe(
      "thumbnails[1][0] needs 1 values (1×1), got 0",
    );
  });
});

describe("discrete pixels", () => {
  it("paints every cell of a class grid in its class's full colour", () => {
    const grid = { cols: 2, rows: 1, classes: 2, values: [0.55, 0.45, 0.1, 0.9] };
    const soft = classPixels(grid, ["#ff0000", "#0000ff"]);
    const hard = classPixels(grid, ["#ff0000", "#0000ff"], { discrete: true });
    expect(Array.from(hard.subarray(0, 3))).not.toEqual(Array.from(soft.subarray(0, 3)));
    expect(
      Array.from(
        classPixels({ ...grid, values: [0.99, 0.01, 0.01, 0.99] }, ["#ff0000", "#0000ff"], { discrete: true }),
      ),
    ).toEqual(Array.from(hard));
  });

  it("paints values by their sign only", () => {
    const hard = valuePixels({ cols: 2, rows: 1, values: [0.1, -3] }, undefined, { discrete: true });
    const full = valuePixels({ cols: 2, rows: 1, values: [1, -1] });
    expect(Array.from(hard)).toEqual(Array.from(full));
  });
});
