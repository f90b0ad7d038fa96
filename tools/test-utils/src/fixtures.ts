/**
 * Reading the committed JSON fixtures: JSON has no NaN or Infinity, so the Python
 * generators write them as the strings "nan", "inf" and "-inf".
 */

/** A fixture number: a JSON number, or "nan" / "inf" / "-inf". */
export type FixtureNumber = number | string;

export function decodeNumber(v: FixtureNumber): number {
  if (typeof v === "number") return v;
  if (v === "nan") return Number.NaN;
  if (v === "inf") return Number.POSITIVE_INFINITY;
  if (v === "-inf") return Number.NEGATIVE_INFINITY;
  throw new Error(`fixture: unreadable number ${JSON.stringify(v)}`);
}
