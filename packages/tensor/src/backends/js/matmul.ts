/**
 * Matrix product kernel of the JS backend: operands are packed into 4-row panels of A and
 * 4-column panels of B (transposes and strides are absorbed by the packing), then a 4×4
 * register-blocked micro-kernel accumulates each output tile in float64 and rounds once —
 * like nnfs' `np.dot`, which multiplies float32 operands in float64.
 */
import type { TypedArray } from "../../dtype.js";

const MR = 4;
const NR = 4;
/** Rows of A per cache block: the packed block stays in L2 while every B panel passes. */
const MC = 64;

/**
 * Packing buffers, reused across calls (ops are synchronous, one runs at a time): a fresh
 * multi-megabyte buffer per product would cost page faults and GC work on every call.
 */
const scratchBuffers: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];

/** Packed operands larger than this (4 Mi doubles, 32 MB) get a one-off buffer instead. */
const MAX_KEPT = 1 << 22;

function scratch(slot: 0 | 1, length: number): Float64Array {
  if (length > MAX_KEPT) return new Float64Array(length);
  if (scratchBuffers[slot].length < length) scratchBuffers[slot] = new Float64Array(length);
  return scratchBuffers[slot];
}

/** A as panels of MR rows, stored k-major: panel[p·MR + r] = A[i0 + r, p] (zero padding). */
function packA(a: TypedArray, off: number, rs: number, cs: number, m: number, k: number, buf: Float64Array): void {
  let dst = 0;
  for (let i0 = 0; i0 < m; i0 += MR) {
    const rows = Math.min(MR, m - i0);
    for (let p = 0; p < k; p++) {
      const col = off + p * cs;
      for (let r = 0; r < MR; r++) buf[dst++] = r < rows ? a[col + (i0 + r) * rs] : 0;
    }
  }
}

/** B as panels of NR columns, stored k-major: panel[p·NR + c] = B[p, j0 + c] (zero padding). */
function packB(b: TypedArray, off: number, rs: number, cs: number, k: number, n: number, buf: Float64Array): void {
  let dst = 0;
  for (let j0 = 0; j0 < n; j0 += NR) {
    const cols = Math.min(NR, n - j0);
    for (let p = 0; p < k; p++) {
      const row = off + p * rs;
      for (let c = 0; c < NR; c++) buf[dst++] = c < cols ? b[row + (j0 + c) * cs] : 0;
    }
  }
}

/**
 * `out[o + i·n + j] = Σ_p A[i,p]·B[p,j]` for one matrix pair. A is read at
 * `aOff + i·aRs + p·aCs`, B at `bOff + p·bRs + j·bCs`; `out` is contiguous [m, n].
 */
export function matmulKernel(
  a: TypedArray,
  aOff: number,
  aRs: number,
  aCs: number,
  b: TypedArray,
  bOff: number,
  bRs: number,
  bCs: number,
  out: TypedArray,
  o: number,
  m: number,
  n: number,
  k: number,
): void {
  const mPanels = Math.ceil(m / MR);
  const nPanels = Math.ceil(n / NR);
  const ap = scratch(0, mPanels * MR * k);
  const bp = scratch(1, nPanels * NR * k);
  packA(a, aOff, aRs, aCs, m, k, ap);
  packB(b, bOff, bRs, bCs, k, n, bp);
  const panelsPerBlock = MC / MR;
  for (let ipBlock = 0; ipBlock < mPanels; ipBlock += panelsPerBlock) {
    const ipEnd = Math.min(mPanels, ipBlock + panelsPerBlock);
    for (let jp = 0; jp < nPanels; jp++) {
      const j0 = jp * NR;
      const cols = Math.min(NR, n - j0);
      const bBase = jp * NR * k;
      for (let ip = ipBlock; ip < ipEnd; ip++) {
        const i0 = ip * MR;
        const rows = Math.min(MR, m - i0);
        let aIdx = ip * MR * k;
        let bIdx = bBase;
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0;
        let c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0;
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0;
        let c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0;
        for (let p = 0; p < k; p++, aIdx += MR, bIdx += NR) {
          const a0 = ap[aIdx];
          const a1 = ap[aIdx + 1];
          const a2 = ap[aIdx + 2];
          const a3 = ap[aIdx + 3];
          const b0 = bp[bIdx];
          const b1 = bp[bIdx + 1];
          const b2 = bp[bIdx + 2];
          const b3 = bp[bIdx + 3];
          c00 += a0 * b0;
          c01 += a0 * b1;
          c02 += a0 * b2;
          c03 += a0 * b3;
          c10 += a1 * b0;
          c11 += a1 * b1;
          c12 += a1 * b2;
          c13 += a1 * b3;
          c20 += a2 * b0;
          c21 += a2 * b1;
          c22 += a2 * b2;
          c23 += a2 * b3;
          c30 += a3 * b0;
          c31 += a3 * b1;
          c32 += a3 * b2;
          c33 += a3 * b3;
        }
        if (rows === MR && cols === NR) {
          let dst = o + i0 * n + j0;
          out[dst] = c00;
          out[dst + 1] = c01;
          out[dst + 2] = c02;
          out[dst + 3] = c03;
          dst += n;
          out[dst] = c10;
          out[dst + 1] = c11;
          out[dst + 2] = c12;
          out[dst + 3] = c13;
          dst += n;
          out[dst] = c20;
          out[dst + 1] = c21;
          out[dst + 2] = c22;
          out[dst + 3] = c23;
          dst += n;
          out[dst] = c30;
          out[dst + 1] = c31;
          out[dst + 2] = c32;
          out[dst + 3] = c33;
        } else {
          const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
          for (let r = 0; r < rows; r++) {
            const dst = o + (i0 + r) * n + j0;
            for (let c = 0; c < cols; c++) out[dst + c] = tile[r * NR + c];
          }
        }
      }
    }
  }
}
