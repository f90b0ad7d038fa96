/**
 * Colours that survive colour-blindness: a diverging blue (positive) / orange (negative)
 * scale instead of green/red, and the Okabe–Ito palette for classes.
 */

/** Positive weights: blue. */
export const POSITIVE = "#2b6cb0";
/** Negative weights: orange. */
export const NEGATIVE = "#dd6b20";
/** Zero, or no value: grey. */
export const NEUTRAL = "#a0aec0";
/** Light versions for filled areas (neurons by the sign of their bias). */
export const POSITIVE_TINT = "#bee3f8";
/** The light version of {@link NEGATIVE}. */
export const NEGATIVE_TINT = "#fbd38d";

/**
 * Class colours from the Okabe–Ito palette, distinguishable with every common colour
 * vision deficiency: blue, orange, bluish green, reddish purple, sky blue, vermillion,
 * yellow, black.
 */
export const CLASS_COLORS: readonly string[] = [
  "#0072b2",
  "#e69f00",
  "#009e73",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#f0e442",
  "#000000",
];

/** Colour of class `k`, cycling through {@link CLASS_COLORS}. */
export function classColor(k: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.trunc(k) % n) + n) % n] as string;
}

/** An RGB triple, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/** `"#2b6cb0"` → `[43, 108, 176]`. Accepts `#rgb` and `#rrggbb`. */
export function hexToRgb(hex: string): Rgb {
  const h = hex.startsWith("#") ? hex.slice(1) : hex;
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const n = Number.parseInt(full, 16);
  if (full.length !== 6 || !Number.isFinite(n)) return [0, 0, 0];
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const WHITE: Rgb = [255, 255, 255];
const POSITIVE_RGB = /* @__PURE__ */ hexToRgb(POSITIVE);
const NEGATIVE_RGB = /* @__PURE__ */ hexToRgb(NEGATIVE);

/** `a·(1 − t) + b·t` per channel, rounded. */
export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

/**
 * The diverging scale: `t` in [−1, 1] (clamped) → white at 0, {@link POSITIVE} at +1,
 * {@link NEGATIVE} at −1. `t` and `−t` are equally far from white; NaN gives white.
 */
export function divergingRgb(t: number): Rgb {
  if (Number.isNaN(t) || t === 0) return WHITE;
  const s = Math.min(1, Math.abs(t));
  return mixRgb(WHITE, t > 0 ? POSITIVE_RGB : NEGATIVE_RGB, s);
}

/** {@link divergingRgb} of `value / maxAbs` as a CSS `rgb(…)` string. */
export function divergingColor(value: number, maxAbs: number): string {
  const [r, g, b] = divergingRgb(maxAbs > 0 ? value / maxAbs : 0);
  return `rgb(${r},${g},${b})`;
}

/** Stroke colour and width of a link for `weight`, relative to the largest |weight| drawn. */
export function linkStyle(weight: number, maxAbs: number): { color: string; width: number } {
  const color = weight > 0 ? POSITIVE : weight < 0 ? NEGATIVE : NEUTRAL;
  const t = maxAbs > 0 && Number.isFinite(weight) ? Math.min(1, Math.abs(weight) / maxAbs) : 0;
  return { color, width: 0.5 + 3.5 * t };
}
