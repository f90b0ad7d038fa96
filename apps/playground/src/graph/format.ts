/** Short text for numbers and small arrays in the step-through panel. */
import type { NDArray } from "@sinapse/tensor";

/** Four significant digits, exponent notation for tiny or huge values: 0.123456 → "0.1235". */
export function formatScalar(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e6) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

const MAX_ITEMS = 8;
const MAX_ROWS = 6;

function row(values: ArrayLike<number>, start: number, length: number): string {
  const shown = Math.min(length, MAX_ITEMS);
  const items: string[] = [];
  for (let i = 0; i < shown; i++) items.push(formatScalar(values[start + i] as number));
  if (length > shown) items.push("…");
  return `[${items.join(", ")}]`;
}

/**
 * A scalar as a number, a vector as `[a, b, …]`, a matrix as rows joined by newlines;
 * long rows and many rows are cut with "…". Higher ranks show their flat values.
 */
export function formatArray(a: NDArray): string {
  const values = Array.from(a.dataSync() as ArrayLike<number | boolean>, Number);
  if (a.size === 1) return formatScalar(values[0] as number);
  if (a.ndim === 2) {
    const [rows, cols] = a.shape as [number, number];
    const lines: string[] = [];
    for (let r = 0; r < Math.min(rows, MAX_ROWS); r++) lines.push(row(values, r * cols, cols));
    if (rows > MAX_ROWS) lines.push("…");
    return `[${lines.join(",\n ")}]`;
  }
  return row(values, 0, values.length);
}
