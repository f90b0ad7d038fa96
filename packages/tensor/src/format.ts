/**
 * NumPy-style printing of float32 arrays (`str(np.array(...))`): shortest round-trip
 * digits up to 8 decimals, values aligned on the decimal point, scientific notation when
 * magnitudes call for it, `...` summaries beyond 1000 elements, lines wrapped at 75.
 */
import type { Shape } from "./shape.js";

const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;

/** Formats row-major float32 `values` of `shape` the way NumPy's `str()` does. */
export function formatArray(values: Float32Array, shape: Shape): string {
  if (values.length === 0) return "[]";
  const summarize = values.length > THRESHOLD;
  const shown = shownValues(values, shape, summarize);
  const fmt = makeFormatter(shown);
  if (shape.length === 0) return fmt(values[0]).trim();
  return formatAxis(values, shape, 0, 0, " ", LINE_WIDTH, fmt, summarize);
}

/** The elements that will be printed (edge items only when summarising). */
function shownValues(values: Float32Array, shape: Shape, summarize: boolean): number[] {
  if (!summarize) return Array.from(values);
  const out: number[] = [];
  const visit = (dim: number, base: number, stride: number): void => {
    if (dim === shape.length) {
      out.push(values[base]);
      return;
    }
    const len = shape[dim];
    const inner = stride / len;
    for (const i of shownIndices(len, true)) visit(dim + 1, base + i * inner, inner);
  };
  visit(0, 0, values.length);
  return out;
}

function shownIndices(len: number, summarize: boolean): number[] {
  if (!summarize || len <= 2 * EDGE_ITEMS) return Array.from({ length: len }, (_, i) => i);
  const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
  const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => len - EDGE_ITEMS + i);
  return [...head, ...tail];
}

function formatAxis(
  values: Float32Array,
  shape: Shape,
  dim: number,
  base: number,
  indent: string,
  width: number,
  fmt: (v: number) => string,
  summarize: boolean,
): string {
  const len = shape[dim];
  let stride = 1;
  for (let d = dim + 1; d < shape.length; d++) stride *= shape[d];
  const elided = summarize && len > 2 * EDGE_ITEMS;
  const indices = shownIndices(len, summarize);

  if (dim === shape.length - 1) {
    // Last axis: words separated by a space, wrapped when the line would pass `width`.
    let text = "";
    let line = indent;
    const words = indices.map((i) => fmt(values[base + i]));
    if (elided) words.splice(EDGE_ITEMS, 0, "...");
    words.forEach((word, k) => {
      const isLast = k === words.length - 1;
      const limit = isLast ? width - 1 : width;
      if (line.length + word.length > limit && line.length > indent.length) {
        text += `${line.trimEnd()}\n`;
        line = indent;
      }
      line += word;
      if (!isLast) line += " ";
    });
    text += line;
    return `[${text.slice(indent.length)}]`;
  }

  // Outer axes: nested blocks, separated by one newline per remaining dimension.
  const sep = "\n".repeat(shape.length - dim - 1);
  const parts = indices.map(
    (i) => indent + formatAxis(values, shape, dim + 1, base + i * stride, `${indent} `, width - 1, fmt, summarize),
  );
  if (elided) parts.splice(EDGE_ITEMS, 0, `${indent}...`);
  const text = parts.join(sep);
  return `[${text.slice(indent.length)}]`;
}

/** Shortest decimal string that reads back as the same float32. */
function shortestFloat32(v: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return s;
  }
  return v.toPrecision(9);
}

/** Splits a finite value's shortest digits into integer and fraction parts (≤ 8 decimals). */
function positionalParts(v: number): [string, string] {
  let s = shortestFloat32(Math.abs(v));
  if (/e/.test(s)) s = Number(s).toFixed(PRECISION);
  let [int = "0", frac = ""] = s.split(".");
  if (frac.length > PRECISION) {
    [int = "0", frac = ""] = Math.abs(v).toFixed(PRECISION).split(".");
  }
  frac = frac.replace(/0+$/, "");
  return [(v < 0 || Object.is(v, -0) ? "-" : "") + int, frac];
}

/** Mantissa digits and exponent of a finite value in scientific notation (≤ 8 decimals). */
function scientificParts(v: number): [string, string, number] {
  const digits = shortestFloat32(Math.abs(v));
  let [mant, exp] = Math.abs(Number(digits)).toExponential().split("e");
  let [int = "0", frac = ""] = (mant ?? "0").split(".");
  if (frac.length > PRECISION) {
    [mant, exp] = Math.abs(v).toExponential(PRECISION).split("e");
    [int = "0", frac = ""] = (mant ?? "0").split(".");
    frac = frac.replace(/0+$/, "");
  }
  return [(v < 0 ? "-" : "") + int, frac, Number(exp)];
}

/** Builds one formatter for all shown values, so that they align as NumPy aligns them. */
function makeFormatter(shown: number[]): (v: number) => string {
  const finite = shown.filter(Number.isFinite);
  const nonZero = finite.map(Math.abs).filter((x) => x !== 0);
  const maxAbs = nonZero.length ? Math.max(...nonZero) : 0;
  const minAbs = nonZero.length ? Math.min(...nonZero) : 0;
  const scientific = nonZero.length > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
  const special = (v: number): string => (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");

  if (scientific) {
    const parts = finite.map(scientificParts);
    const fracLen = Math.max(0, ...parts.map((p) => p[1].length));
    const expLen = Math.max(2, ...parts.map((p) => String(Math.abs(p[2])).length));
    const intLen = Math.max(0, ...parts.map((p) => p[0].length));
    const one = (v: number): string => {
      const [int, frac, exp] = scientificParts(v);
      const e = `e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(expLen, "0")}`;
      return `${int}.${frac.padEnd(fracLen, "0")}${e}`;
    };
    const width = intLen + 1 + fracLen + 2 + expLen;
    return (v) => (Number.isFinite(v) ? one(v) : special(v)).padStart(width);
  }

  const parts = finite.map(positionalParts);
  const intLen = Math.max(1, ...parts.map((p) => p[0].length));
  const fracLen = Math.max(0, ...parts.map((p) => p[1].length));
  const width = Math.max(
    intLen + 1 + fracLen,
    ...shown.filter((v) => !Number.isFinite(v)).map((v) => special(v).length),
  );
  return (v) => {
    if (!Number.isFinite(v)) return special(v).padStart(width);
    const [int, frac] = positionalParts(v);
    return `${int.padStart(intLen)}.${frac.padEnd(fracLen)}`.padStart(width);
  };
}
