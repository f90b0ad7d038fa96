import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLASS_COLORS,
  classColor,
  divergingColor,
  divergingRgb,
  hexToRgb,
  linkStyle,
  mixRgb,
  NEGATIVE,
  NEUTRAL,
  POSITIVE,
} from "./color.js";

const white = [255, 255, 255];
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - (b[i] as number)));

describe("diverging blue–orange scale", () => {
  it("is white at 0 and NaN, blue at +1, orange at −1", () => {
    expect(divergingRgb(0)).toEqual(white);
    expect(divergingRgb(Number.NaN)).toEqual(white);
    expect(divergingRgb(1)).toEqual(hexToRgb(POSITIVE));
    expect(divergingRgb(-1)).toEqual(hexToRgb(NEGATIVE));
    expect(divergingColor(-2, 2)).toBe(`rgb(${hexToRgb(NEGATIVE).join(",")})`);
    expect(divergingColor(1, 0)).toBe("rgb(255,255,255)");
  });

  it("clamps beyond ±1", () => {
    expect(divergingRgb(5)).toEqual(divergingRgb(1));
    expect(divergingRgb(-5)).toEqual(divergingRgb(-1));
  });

  it("is symmetric in sign: t and −t are the same fraction of the way from white to their colour", () => {
    const full = { pos: distance(hexToRgb(POSITIVE), white), neg: distance(hexToRgb(NEGATIVE), white) };
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (t) => {
        const pos = distance(divergingRgb(Math.abs(t)), white) / full.pos;
        const neg = distance(divergingRgb(-Math.abs(t)), white) / full.neg;
        expect(Math.abs(pos - neg)).toBeLessThan(0.02); // rounding to whole channels
        expect(Math.abs(pos - Math.abs(t))).toBeLessThan(0.02);
      }),
    );
  });

  it("gives links of weights w and −w the same width and opposite colours", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        (w, m) => {
          const pos = linkStyle(w, m);
          const neg = linkStyle(-w, m);
          expect(pos.width).toBe(neg.width);
          expect(pos.color).toBe(POSITIVE);
          expect(neg.color).toBe(NEGATIVE);
        },
      ),
    );
    expect(linkStyle(0, 1).color).toBe(NEUTRAL);
  });

  it("avoids red and green: the two ends differ in the blue–yellow axis", () => {
    const [pr, , pb] = hexToRgb(POSITIVE);
    const [nr, , nb] = hexToRgb(NEGATIVE);
    expect(pb).toBeGreaterThan(pr); // blue
    expect(nr).toBeGreaterThan(nb); // orange
  });
});

describe("class colours", () => {
  it("are the Okabe–Ito palette, blue and orange first", () => {
    expect(CLASS_COLORS.slice(0, 3)).toEqual(["#0072b2", "#e69f00", "#009e73"]);
    expect(new Set(CLASS_COLORS).size).toBe(CLASS_COLORS.length);
  });

  it("cycle for more classes than colours, negative indices included", () => {
    expect(classColor(0)).toBe("#0072b2");
    expect(classColor(CLASS_COLORS.length)).toBe("#0072b2");
    expect(classColor(-1)).toBe(CLASS_COLORS[CLASS_COLORS.length - 1]);
  });
});

describe("hexToRgb and mixRgb", () => {
  it("parse #rgb and #rrggbb, and mix channel by channel", () => {
    expect(hexToRgb("#2b6cb0")).toEqual([43, 108, 176]);
    expect(hexToRgb("#fff")).toEqual([255, 255, 255]);
    expect(hexToRgb("nonsense")).toEqual([0, 0, 0]);
    expect(mixRgb([0, 0, 0], [255, 100, 10], 0.5)).toEqual([128, 50, 5]);
  });
});
