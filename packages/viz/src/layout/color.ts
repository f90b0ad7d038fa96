/**
 * Colours that survive colour-blindness: a diverging blue (positive) / orange (negative)
 * scale instead of green/red.
 */

export const POSITIVE = "#2b6cb0";
export const NEGATIVE = "#dd6b20";
export const NEUTRAL = "#a0aec0";
/** Light versions for filled areas (neurons by the sign of their bias). */
export const POSITIVE_TINT = "#bee3f8";
export const NEGATIVE_TINT = "#fbd38d";

/** Stroke colour and width of a link for `weight`, relative to the largest |weight| drawn. */
export function linkStyle(weight: number, maxAbs: number): { color: string; width: number } {
  const color = weight > 0 ? POSITIVE : weight < 0 ? NEGATIVE : NEUTRAL;
  const t = maxAbs > 0 && Number.isFinite(weight) ? Math.min(1, Math.abs(weight) / maxAbs) : 0;
  return { color, width: 0.5 + 3.5 * t };
}
