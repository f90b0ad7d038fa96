/** Number formatting shared by the pictures' titles and info lines. */

/**
 * Four decimals for ordinary values, exponent notation for tiny or huge ones, and
 * "NaN" / "Infinity" as they are: `0.5` → "0.5000", `1.2e-5` → "1.20e-5".
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return (a >= 1e-3 && a < 1e5) || v === 0 ? v.toFixed(4) : v.toExponential(2);
}

/** `[2, 4]` → "[2, 4]"; a scalar's `[]` → "[]". */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Three significant digits, for tight spaces: `0.017640` → "0.0176", `123456` → "1.23e+5". */
export function formatShort(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}
