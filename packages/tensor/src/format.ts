/**
 * NumPy 1.24-style printing of arrays of every dtype, as `str()` and `repr()` print them:
 * floats with the fewest digits that read back as the same value (at most 8 decimals),
 * aligned on the decimal point or switched to scientific notation when magnitudes call
 * for it; integers right-aligned; bools as ` True`/`False`; `...` summaries beyond 1000
 * elements; lines wrapped at 75 columns. The digits come from an exact (BigInt) port of
 * the Dragon4 algorithm NumPy uses, so rounding matches it digit for digit.
 */
import type { DType, TypedArray } from "./dtype.js";
import type { Shape } from "./shape.js";

/** Options of {@link formatArray}. */
export interface FormatOptions {
  /** Print as NumPy's `repr()` (`array([1., 2.], dtype=float32)`) instead of `str()`. */
  repr?: boolean;
}

const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;
const REPR_PREFIX = "array(";

/**
 * Formats the row-major `values` of an array of `shape` and `dtype` exactly as NumPy 1.24
 * prints it with `str()` (default) or `repr()` (`options.repr`), using NumPy's default
 * print options.
 */
export function formatArray(values: TypedArray, shape: Shape, dtype: DType, options: FormatOptions = {}): string {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!options.repr) {
    if (shape.length === 0) return scalarString(values[0], dtype);
    if (size === 0) return "[]";
    return arrayString(values, shape, dtype, " ", "", LINE_WIDTH);
  }

  // float64 and bool values imply their dtype (as int64 would); empty arrays never do.
  const showDType = dtype === "float32" || dtype === "int32" || size === 0;
  const suffix = showDType ? "," : ")";
  let body: string;
  if (size > 0) body = arrayString(values, shape, dtype, ", ", REPR_PREFIX, LINE_WIDTH - suffix.length);
  else if (shape.length === 1) body = "[]";
  else body = `[], shape=(${shape.join(", ")})`;
  const text = REPR_PREFIX + body + suffix;
  if (!showDType) return text;

  const dtypeText = `dtype=${dtype})`;
  const lastLine = text.length - (text.lastIndexOf("\n") + 1);
  const spacer = lastLine + dtypeText.length + 1 > LINE_WIDTH ? `\n${" ".repeat(REPR_PREFIX.length)}` : " ";
  return text + spacer + dtypeText;
}

/** `str()` of a 0-d array, which NumPy prints as the scalar it holds. */
function scalarString(value: number, dtype: DType): string {
  if (dtype === "bool") return value ? "True" : "False";
  if (dtype === "int32") return String(value);
  if (!Number.isFinite(value)) return nonFiniteString(value);
  const single = dtype === "float32";
  const abs = Math.abs(value);
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  // The bounds compare as doubles: float32 1e-4 (slightly below 1e-4) prints as 1e-04.
  if (abs === 0 || (abs >= 1e-4 && abs < 1e16)) {
    const [int, frac] = positional(dragon4(abs, single, "fraction", -1, -1));
    return `${sign}${int}.${frac || "0"}`;
  }
  const { digits, exp } = dragon4(abs, single, "total", -1, -1);
  const frac = digits.slice(1);
  return `${sign}${digits[0]}${frac ? `.${frac}` : ""}${exponentString(exp, 2)}`;
}

function nonFiniteString(value: number): string {
  return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}

/** NumPy's `array2string`: the bracketed, wrapped body of a non-empty array. */
function arrayString(
  values: TypedArray,
  shape: Shape,
  dtype: DType,
  separator: string,
  prefix: string,
  lineWidth: number,
): string {
  const size = shape.reduce((a, b) => a * b, 1);
  const summarize = size > THRESHOLD;
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const fmt = makeFormatter(dtype, shownValues(values, shape, strides, summarize), shape.length === 0);
  const sepTrimmed = separator.trimEnd();

  const recurse = (dim: number, offset: number, hangingIndent: string, width: number): string => {
    const axesLeft = shape.length - dim;
    if (axesLeft === 0) return fmt(values[offset]);
    const nextIndent = `${hangingIndent} `;
    const nextWidth = width - 1;
    const len = shape[dim];
    const stride = strides[dim];
    const elided = summarize && len > 2 * EDGE_ITEMS;
    const leading = elided ? EDGE_ITEMS : 0;
    const trailing = elided ? EDGE_ITEMS : len;
    const child = (i: number): string => recurse(dim + 1, offset + i * stride, nextIndent, nextWidth);

    let s = "";
    if (axesLeft === 1) {
      // Last axis: words separated by `separator`, wrapped when the line would pass `width`.
      const elemWidth = width - Math.max(sepTrimmed.length, 1);
      let line = hangingIndent;
      const add = (word: string): void => {
        if (line.length + word.length > elemWidth && line.length > hangingIndent.length) {
          s += `${line.trimEnd()}\n`;
          line = hangingIndent;
        }
        line += word;
      };
      for (let i = 0; i < leading; i++) {
        add(child(i));
        line += separator;
      }
      if (elided) {
        add("...");
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        add(child(len - i));
        line += separator;
      }
      add(child(len - 1));
      s += line;
    } else {
      // Outer axes: one block per row, separated by a blank line per extra dimension.
      const lineSep = sepTrimmed + "\n".repeat(axesLeft - 1);
      for (let i = 0; i < leading; i++) s += hangingIndent + child(i) + lineSep;
      if (elided) s += `${hangingIndent}...${lineSep}`;
      for (let i = trailing; i > 1; i--) s += hangingIndent + child(len - i) + lineSep;
      s += hangingIndent + child(len - 1);
    }
    return `[${s.slice(hangingIndent.length)}]`;
  };

  return recurse(0, 0, " ".repeat(1 + prefix.length), lineWidth);
}

/** The elements that will be printed (only the edge items of long axes when summarising). */
function shownValues(values: TypedArray, shape: Shape, strides: readonly number[], summarize: boolean): number[] {
  if (!summarize) return Array.from(values);
  const out: number[] = [];
  const visit = (dim: number, offset: number): void => {
    if (dim === shape.length) {
      out.push(values[offset]);
      return;
    }
    const len = shape[dim];
    const elided = len > 2 * EDGE_ITEMS;
    for (let i = 0; i < len; i++) {
      if (elided && i === EDGE_ITEMS) i = len - EDGE_ITEMS;
      visit(dim + 1, offset + i * strides[dim]);
    }
  };
  visit(0, 0);
  return out;
}

/** One formatter for all shown values, so that they align as NumPy aligns them. */
function makeFormatter(dtype: DType, shown: number[], zeroDim: boolean): (v: number) => string {
  if (dtype === "bool") {
    const trueText = zeroDim ? "True" : " True";
    return (v) => (v ? trueText : "False");
  }
  if (dtype === "int32") {
    const [lo, hi] = extent(shown);
    const width = Math.max(String(lo).length, String(hi).length);
    return (v) => String(v).padStart(width);
  }
  return floatFormatter(shown, dtype === "float32");
}

/** The smallest and largest of `xs` (0 and 0 when empty). */
function extent(xs: readonly number[]): [number, number] {
  let lo = xs.length > 0 ? xs[0] : 0;
  let hi = lo;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/** NumPy's `FloatingFormat` with the defaults `precision=8`, `floatmode="maxprec"`. */
function floatFormatter(shown: number[], single: boolean): (v: number) => string {
  const finite = shown.filter(Number.isFinite);
  const nonZero = finite.filter((v) => v !== 0).map(Math.abs);
  let scientific = false;
  if (nonZero.length > 0) {
    const [min, max] = extent(nonZero);
    // NOTE: NumPy divides in the array's dtype, so a float32 ratio can round down to 1000.
    const ratio = single ? Math.fround(max / min) : max / min;
    scientific = max >= 1e8 || min < 1e-4 || ratio > 1000;
  }
  const negative = (v: number): boolean => v < 0 || Object.is(v, -0);

  let padLeft = 0;
  let padRight = 0;
  let precision = 0;
  let expDigits = 0;
  if (finite.length > 0 && scientific) {
    // First pass: the digits each value needs (at most PRECISION decimals) fix the layout.
    for (const v of finite) {
      const { digits, exp } = dragon4(Math.abs(v), single, "total", PRECISION + 1, -1);
      precision = Math.max(precision, digits.replace(/0+$/, "").length - 1);
      expDigits = Math.max(expDigits, 2, String(Math.abs(exp)).length);
      padLeft = Math.max(padLeft, negative(v) ? 2 : 1);
    }
    padRight = expDigits + 2 + precision;
  } else if (finite.length > 0) {
    for (const v of finite) {
      const [int, frac] = positional(dragon4(Math.abs(v), single, "fraction", PRECISION, -1));
      padLeft = Math.max(padLeft, int.length + (negative(v) ? 1 : 0));
      padRight = Math.max(padRight, frac.replace(/0+$/, "").length);
    }
  }
  if (finite.length < shown.length) {
    const negInf = shown.some((v) => v === Number.NEGATIVE_INFINITY);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
  }
  const width = padLeft + padRight + 1;

  return (v) => {
    if (!Number.isFinite(v)) return nonFiniteString(v).padStart(width);
    const sign = negative(v) ? "-" : "";
    if (scientific) {
      // NOTE: digits past the shortest ones are the value's exact digits, not zeros: float32
      // 0.1 prints as 1.00000001e-01 beside a value that needs 8 decimals.
      const { digits, exp } = dragon4(Math.abs(v), single, "total", precision + 1, precision + 1);
      const frac = digits.slice(1).padEnd(precision, "0");
      return `${(sign + digits[0]).padStart(padLeft)}.${frac}${exponentString(exp, expDigits)}`;
    }
    // NOTE: NumPy asks for digits down to the units here, so float32 67108872 prints in full
    // although its shortest digits are 67108870.
    const [int, frac] = positional(dragon4(Math.abs(v), single, "fraction", PRECISION, 0));
    return `${(sign + int).padStart(padLeft)}.${frac.replace(/0+$/, "").padEnd(padRight)}`;
  };
}

function exponentString(exp: number, minDigits: number): string {
  return `e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(minDigits, "0")}`;
}

/** Significant decimal digits `d.ddd` of a value, times `10 ** exp`. */
interface Decimal {
  digits: string;
  exp: number;
}

/** Integer and fraction digits of a decimal written out positionally. */
function positional({ digits, exp }: Decimal): [string, string] {
  if (exp < 0) return ["0", "0".repeat(-exp - 1) + digits];
  return [digits.slice(0, exp + 1).padEnd(exp + 1, "0"), digits.slice(exp + 1)];
}

const POW10: bigint[] = [1n];

function pow10(n: number): bigint {
  for (let i = POW10.length; i <= n; i++) POW10.push(POW10[i - 1] * 10n);
  return POW10[n];
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * Decimal digits of the finite, non-negative `x` (read as a float32 when `single`), as
 * NumPy's Dragon4 produces them in "unique" mode: the shortest digits that identify the
 * value among its neighbours, but stopping at `cutoff` digits and going on to at least
 * `minDigits` (both counted as significant digits for `"total"`, as decimals for
 * `"fraction"`; -1 means no limit), with the last digit rounded half to even.
 */
function dragon4(x: number, single: boolean, mode: "total" | "fraction", cutoff: number, minDigits: number): Decimal {
  if (x === 0) return { digits: "0", exp: 0 };
  let mantissa: bigint;
  let exponent: number;
  let unequalMargins: boolean;
  if (single) {
    f32[0] = x;
    const bits = u32[0];
    const field = bits >>> 23;
    const frac = bits & 0x7fffff;
    mantissa = BigInt(field === 0 ? frac : frac | 0x800000);
    exponent = field === 0 ? -149 : field - 150;
    unequalMargins = field > 1 && frac === 0;
  } else {
    f64[0] = x;
    const bits = u64[0];
    const field = Number(bits >> 52n);
    const frac = bits & 0xfffffffffffffn;
    mantissa = field === 0 ? frac : frac | (1n << 52n);
    exponent = field === 0 ? -1074 : field - 1075;
    unequalMargins = field > 1 && frac === 0n;
  }
  const even = (mantissa & 1n) === 0n;

  // value = x * scale; the neighbours lie marginLow below and marginHigh above, times 2.
  const factor = unequalMargins ? 2n : 1n;
  let value: bigint;
  let scale: bigint;
  let marginLow: bigint;
  if (exponent > 0) {
    value = (mantissa << BigInt(exponent)) * 2n * factor;
    scale = 2n * factor;
    marginLow = 1n << BigInt(exponent);
  } else {
    value = mantissa * 2n * factor;
    scale = (1n << BigInt(-exponent)) * 2n * factor;
    marginLow = 1n;
  }
  let marginHigh = marginLow * factor;

  // Scale so that value / scale lies in [0.1, 1): the first digit has place k - 1.
  let k = Math.ceil(Math.log10(x));
  if (k > 0) scale *= pow10(k);
  else if (k < 0) {
    const pow = pow10(-k);
    value *= pow;
    marginLow *= pow;
    marginHigh *= pow;
  }
  while (value >= scale) {
    scale *= 10n;
    k++;
  }
  while (value * 10n < scale) {
    value *= 10n;
    marginLow *= 10n;
    marginHigh *= 10n;
    k--;
  }

  const none = Number.NEGATIVE_INFINITY;
  const cutoffPlace = cutoff < 0 ? none : mode === "total" ? k - cutoff : -cutoff;
  const minPlace = minDigits < 0 ? Number.POSITIVE_INFINITY : mode === "total" ? k - minDigits : -minDigits;

  let digits = "";
  let place = k;
  let digit = 0n;
  let low = false;
  let high = false;
  for (;;) {
    place--;
    value *= 10n;
    marginLow *= 10n;
    marginHigh *= 10n;
    digit = value / scale;
    value -= digit * scale;
    low = even ? value <= marginLow : value < marginLow;
    high = even ? value + marginHigh >= scale : value + marginHigh > scale;
    if (((low || high) && place <= minPlace) || place === cutoffPlace) break;
    digits += digit;
  }

  let roundDown = low;
  if (low === high) {
    const twice = value * 2n;
    roundDown = twice < scale || (twice === scale && digit % 2n === 0n);
  }
  let exp = k - 1;
  if (roundDown) digits += digit;
  else if (digit < 9n) digits += digit + 1n;
  else {
    // Carry: drop the trailing nines and increment the digit before them.
    const kept = digits.replace(/9+$/, "");
    if (kept === "") {
      digits = "1";
      exp++;
    } else digits = kept.slice(0, -1) + String(Number(kept[kept.length - 1]) + 1);
  }
  return { digits, exp };
}
