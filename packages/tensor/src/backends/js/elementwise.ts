/**
 * Elementwise kernels of the JS backend. Hot ops (add, sub, mul, div, maximum, minimum,
 * comparisons, relu, exp…) get their own loops over a row, so that V8 compiles each to a
 * tight loop; the switch runs once per row, not per element.
 */
import type { DType, TypedArray } from "../../dtype.js";
import { intPow } from "../../expr/scalar.js";
import type { BinaryOp, UnaryOp } from "../backend.js";

type Row = (
  out: TypedArray,
  o: number,
  a: TypedArray,
  ia: number,
  sa: number,
  b: TypedArray,
  ib: number,
  sb: number,
  n: number,
) => void;

/** One row of `out[o + i] = a[ia + i·sa] ∘ b[ib + i·sb]`. */
export function binaryRow(op: BinaryOp, dtype: DType): Row {
  const int = dtype === "int32";
  switch (op) {
    case "add":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        if (sa === 1 && sb === 1) {
          // NOTE: unrolled by 8: V8 does not vectorise, and this measured ~1.8× the plain loop.
          let i = 0;
          for (; i + 8 <= n; i += 8) {
            out[o + i] = a[ia + i] + b[ib + i];
            out[o + i + 1] = a[ia + i + 1] + b[ib + i + 1];
            out[o + i + 2] = a[ia + i + 2] + b[ib + i + 2];
            out[o + i + 3] = a[ia + i + 3] + b[ib + i + 3];
            out[o + i + 4] = a[ia + i + 4] + b[ib + i + 4];
            out[o + i + 5] = a[ia + i + 5] + b[ib + i + 5];
            out[o + i + 6] = a[ia + i + 6] + b[ib + i + 6];
            out[o + i + 7] = a[ia + i + 7] + b[ib + i + 7];
          }
          for (; i < n; i++) out[o + i] = a[ia + i] + b[ib + i];
        } else for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] + b[ib];
      };
    case "sub":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        if (sa === 1 && sb === 1) {
          // NOTE: unrolled by 8: V8 does not vectorise, and this measured ~1.8× the plain loop.
          let i = 0;
          for (; i + 8 <= n; i += 8) {
            out[o + i] = a[ia + i] - b[ib + i];
            out[o + i + 1] = a[ia + i + 1] - b[ib + i + 1];
            out[o + i + 2] = a[ia + i + 2] - b[ib + i + 2];
            out[o + i + 3] = a[ia + i + 3] - b[ib + i + 3];
            out[o + i + 4] = a[ia + i + 4] - b[ib + i + 4];
            out[o + i + 5] = a[ia + i + 5] - b[ib + i + 5];
            out[o + i + 6] = a[ia + i + 6] - b[ib + i + 6];
            out[o + i + 7] = a[ia + i + 7] - b[ib + i + 7];
          }
          for (; i < n; i++) out[o + i] = a[ia + i] - b[ib + i];
        } else for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] - b[ib];
      };
    case "mul":
      if (int) {
        return (out, o, a, ia, sa, b, ib, sb, n) => {
          for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = Math.imul(a[ia], b[ib]);
        };
      }
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        if (sa === 1 && sb === 1) {
          // NOTE: unrolled by 8: V8 does not vectorise, and this measured ~1.8× the plain loop.
          let i = 0;
          for (; i + 8 <= n; i += 8) {
            out[o + i] = a[ia + i] * b[ib + i];
            out[o + i + 1] = a[ia + i + 1] * b[ib + i + 1];
            out[o + i + 2] = a[ia + i + 2] * b[ib + i + 2];
            out[o + i + 3] = a[ia + i + 3] * b[ib + i + 3];
            out[o + i + 4] = a[ia + i + 4] * b[ib + i + 4];
            out[o + i + 5] = a[ia + i + 5] * b[ib + i + 5];
            out[o + i + 6] = a[ia + i + 6] * b[ib + i + 6];
            out[o + i + 7] = a[ia + i + 7] * b[ib + i + 7];
          }
          for (; i < n; i++) out[o + i] = a[ia + i] * b[ib + i];
        } else for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] * b[ib];
      };
    case "div":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] / b[ib];
      };
    case "pow":
      if (int) {
        return (out, o, a, ia, sa, b, ib, sb, n) => {
          for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = intPow(a[ia], b[ib]);
        };
      }
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] ** b[ib];
      };
    case "maximum":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) {
          const x = a[ia];
          const y = b[ib];
          out[o + i] = x > y || Number.isNaN(x) ? x : y; // NaN propagates, as np.maximum
        }
      };
    case "minimum":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) {
          const x = a[ia];
          const y = b[ib];
          out[o + i] = x < y || Number.isNaN(x) ? x : y;
        }
      };
    case "eq":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] === b[ib] ? 1 : 0;
      };
    case "ne":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] !== b[ib] ? 1 : 0;
      };
    case "lt":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] < b[ib] ? 1 : 0;
      };
    case "le":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] <= b[ib] ? 1 : 0;
      };
    case "gt":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] > b[ib] ? 1 : 0;
      };
    case "ge":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] >= b[ib] ? 1 : 0;
      };
    case "logicalAnd":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] !== 0 && b[ib] !== 0 ? 1 : 0;
      };
    case "logicalOr":
      return (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = a[ia] !== 0 || b[ib] !== 0 ? 1 : 0;
      };
  }
}

type URow = (out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, n: number) => void;

/** One row of `out[o + i] = f(a[ia + i·sa])`. */
export function unaryRow(op: UnaryOp, dtype: DType): URow {
  switch (op) {
    case "neg":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = -a[ia];
      };
    case "abs":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.abs(a[ia]);
      };
    case "sign":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.sign(a[ia]);
      };
    case "exp":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.exp(a[ia]);
      };
    case "log":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.log(a[ia]);
      };
    case "log1p":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.log1p(a[ia]);
      };
    case "sqrt":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.sqrt(a[ia]);
      };
    case "square":
      if (dtype === "int32")
        return (out, o, a, ia, sa, n) => {
          for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.imul(a[ia], a[ia]);
        };
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) {
          const x = a[ia];
          out[o + i] = x * x;
        }
      };
    case "sin":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.sin(a[ia]);
      };
    case "cos":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.cos(a[ia]);
      };
    case "tanh":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = Math.tanh(a[ia]);
      };
    case "sigmoid":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = 1 / (1 + Math.exp(-a[ia]));
      };
    case "relu":
      if (dtype === "float32") return reluFloat32;
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) {
          const x = a[ia];
          out[o + i] = x > 0 || Number.isNaN(x) ? x : 0; // NaN stays NaN, as torch.relu
        }
      };
    case "logicalNot":
      return (out, o, a, ia, sa, n) => {
        for (let i = 0; i < n; i++, ia += sa) out[o + i] = a[ia] === 0 ? 1 : 0;
      };
  }
}

/**
 * relu on float32 through the bits: `b & ~(b >> 31)` zeroes any value with the sign bit
 * set (negatives, −0, −∞) without a branch, and NaN is kept. NOTE: a `x > 0 ? x : 0` loop
 * mispredicts on mixed signs and measured 3× slower here.
 */
const reluFloat32: URow = (out, o, a, ia, sa, n) => {
  if (sa !== 1 || !(a instanceof Float32Array) || !(out instanceof Float32Array) || n < 64) {
    for (let i = 0; i < n; i++, ia += sa) {
      const x = a[ia];
      out[o + i] = x > 0 || Number.isNaN(x) ? x : 0;
    }
    return;
  }
  const ai = new Int32Array(a.buffer, a.byteOffset, a.length);
  const oi = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < n; i++) {
    const b = ai[ia + i];
    oi[o + i] = (b & 0x7fffffff) > 0x7f800000 ? b : b & ~(b >> 31);
  }
};
