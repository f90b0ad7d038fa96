// Float32 kernels of the wasm backend, in AssemblyScript with 128-bit SIMD. Every function
// works on byte addresses into the (imported, possibly shared) linear memory, where the
// TypeScript side keeps arrays (and copies in those it holds in JS memory). No kernel writes
// into an operand. Nothing here allocates: no runtime, no GC, no static state, so several
// threads can run the same exports on one shared memory.

// ---------------------------------------------------------------------------------------
// Matrix product: GotoBLAS-style packing, 4×8 register-blocked micro-kernel.
// ---------------------------------------------------------------------------------------

/** Rows of A per micro-tile. */
const MR: i32 = 4;
/** Columns of B per micro-tile (two v128). */
const NR: i32 = 8;
/** Depth of one packed k-block: a B panel (8·KC floats) stays in L1. */
const KC: i32 = 256;
/** A panels per cache block: MCP·4·KC floats (64 KB) stay in L2 while B panels pass. */
const MCP: i32 = 16;

/** Start of the memory the kernels may use (after AssemblyScript's static data). */
export function heapBase(): usize {
  return __heap_base;
}

/** Floats the packed A of an [m, k] operand takes. */
export function packedASize(m: i32, k: i32): i32 {
  return ((m + MR - 1) / MR) * MR * k;
}

/** Floats the packed B of a [k, n] operand takes. */
export function packedBSize(k: i32, n: i32): i32 {
  return ((n + NR - 1) / NR) * NR * k;
}

/**
 * Packs A (element `[i, p]` at `a + 4·(i·rs + p·cs)`) into row panels, k-block by
 * k-block: block `p0` starts at float `mPanels·MR·p0`, panel `ip` of it at `ip·MR·kc`, and
 * holds `A[ip·MR + r, p0 + p]` at `p·MR + r` (zero rows past `m`). Transposed or strided
 * operands are absorbed here; a transposed A (rs = 1) packs with one v128 load per column.
 */
export function packA(a: usize, rs: i32, cs: i32, m: i32, k: i32, dst: usize): void {
  const mPanels = (m + MR - 1) / MR;
  for (let p0: i32 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    let d = dst + (<usize>(mPanels * MR * p0) << 2);
    for (let ip: i32 = 0; ip < mPanels; ip++) {
      const i0 = ip * MR;
      const rows = min(MR, m - i0);
      if (rows === MR && rs === 1) {
        let s = a + (<usize>(i0 + p0 * cs) << 2);
        const step = <usize>cs << 2;
        for (let p: i32 = 0; p < kc; p++) {
          v128.store(d, v128.load(s));
          s += step;
          d += 16;
        }
      } else if (rows === MR) {
        let s0 = a + (<usize>(i0 * rs + p0 * cs) << 2);
        const r1 = <usize>rs << 2;
        const step = <usize>cs << 2;
        for (let p: i32 = 0; p < kc; p++) {
          store<f32>(d, load<f32>(s0));
          store<f32>(d, load<f32>(s0 + r1), 4);
          store<f32>(d, load<f32>(s0 + 2 * r1), 8);
          store<f32>(d, load<f32>(s0 + 3 * r1), 12);
          s0 += step;
          d += 16;
        }
      } else {
        for (let p: i32 = 0; p < kc; p++) {
          for (let r: i32 = 0; r < MR; r++) {
            const v: f32 = r < rows ? load<f32>(a + (<usize>((i0 + r) * rs + (p0 + p) * cs) << 2)) : 0;
            store<f32>(d, v);
            d += 4;
          }
        }
      }
    }
  }
}

/**
 * Packs B (element `[p, j]` at `b + 4·(p·rs + j·cs)`) into column panels, k-block by
 * k-block: block `p0` starts at float `nPanels·NR·p0`, panel `jp` of it at `jp·NR·kc`, and
 * holds `B[p0 + p, jp·NR + c]` at `p·NR + c` (zero columns past `n`).
 */
export function packB(b: usize, rs: i32, cs: i32, k: i32, n: i32, dst: usize): void {
  const nPanels = (n + NR - 1) / NR;
  for (let p0: i32 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    let d = dst + (<usize>(nPanels * NR * p0) << 2);
    for (let jp: i32 = 0; jp < nPanels; jp++) {
      const j0 = jp * NR;
      const cols = min(NR, n - j0);
      if (cols === NR && cs === 1) {
        let s = b + (<usize>(p0 * rs + j0) << 2);
        const step = <usize>rs << 2;
        for (let p: i32 = 0; p < kc; p++) {
          v128.store(d, v128.load(s));
          v128.store(d, v128.load(s, 16), 16);
          s += step;
          d += 32;
        }
      } else {
        for (let p: i32 = 0; p < kc; p++) {
          const row = (p0 + p) * rs;
          for (let c: i32 = 0; c < NR; c++) {
            const v: f32 = c < cols ? load<f32>(b + (<usize>(row + (j0 + c) * cs) << 2)) : 0;
            store<f32>(d, v);
            d += 4;
          }
        }
      }
    }
  }
}

/** Writes the first `count` lanes of `v` at `p` (adding what is there when `acc`). */
@inline
function storeLanes(p: usize, v: v128, count: i32, acc: bool): void {
  if (count >= 4) {
    v128.store(p, acc ? f32x4.add(v128.load(p), v) : v);
    return;
  }
  if (count >= 1) store<f32>(p, (acc ? load<f32>(p) : 0) + f32x4.extract_lane(v, 0));
  if (count >= 2) store<f32>(p, (acc ? load<f32>(p, 4) : 0) + f32x4.extract_lane(v, 1), 4);
  if (count >= 3) store<f32>(p, (acc ? load<f32>(p, 8) : 0) + f32x4.extract_lane(v, 2), 8);
}

/** One output row of a tile: 8 columns from two accumulators, `cols` of them kept. */
@inline
function storeRow(p: usize, lo: v128, hi: v128, cols: i32, acc: bool): void {
  storeLanes(p, lo, cols, acc);
  if (cols > 4) storeLanes(p + 16, hi, cols - 4, acc);
}

/**
 * C[4, 8] (+)= Apanel · Bpanel over `kc`: eight v128 accumulators, one splat of A and two
 * loads of B per step. Rows/columns past `rows`/`cols` are computed but not stored.
 */
@inline
function microKernel(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, rows: i32, cols: i32, acc: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  for (let p: i32 = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    const a0 = v128.load32_splat(ap);
    c00 = f32x4.add(c00, f32x4.mul(a0, b0));
    c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    const a1 = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a1, b0));
    c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    const a2 = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a2, b0));
    c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    const a3 = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a3, b0));
    c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    ap += 16;
    bp += 32;
  }
  if (rows === MR && cols === NR) {
    if (acc) {
      v128.store(c, f32x4.add(v128.load(c), c00));
      v128.store(c, f32x4.add(v128.load(c, 16), c01), 16);
      c += ldc;
      v128.store(c, f32x4.add(v128.load(c), c10));
      v128.store(c, f32x4.add(v128.load(c, 16), c11), 16);
      c += ldc;
      v128.store(c, f32x4.add(v128.load(c), c20));
      v128.store(c, f32x4.add(v128.load(c, 16), c21), 16);
      c += ldc;
      v128.store(c, f32x4.add(v128.load(c), c30));
      v128.store(c, f32x4.add(v128.load(c, 16), c31), 16);
    } else {
      v128.store(c, c00);
      v128.store(c, c01, 16);
      c += ldc;
      v128.store(c, c10);
      v128.store(c, c11, 16);
      c += ldc;
      v128.store(c, c20);
      v128.store(c, c21, 16);
      c += ldc;
      v128.store(c, c30);
      v128.store(c, c31, 16);
    }
    return;
  }
  storeRow(c, c00, c01, cols, acc);
  if (rows > 1) storeRow(c + ldc, c10, c11, cols, acc);
  if (rows > 2) storeRow(c + 2 * ldc, c20, c21, cols, acc);
  if (rows > 3) storeRow(c + 3 * ldc, c30, c31, cols, acc);
}

/**
 * Rows `[ip0·4, ip1·4)` of C[m, n] = A·B from packed operands (`packA`, `packB`); C is
 * contiguous with row stride `n`. Threads split the row panels between them.
 */
export function gemmPacked(ap: usize, bp: usize, c: usize, m: i32, n: i32, k: i32, ip0: i32, ip1: i32): void {
  const mPanels = (m + MR - 1) / MR;
  const nPanels = (n + NR - 1) / NR;
  const ldc = <usize>n << 2;
  for (let p0: i32 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const acc = p0 > 0;
    const aBlock = ap + (<usize>(mPanels * MR * p0) << 2);
    const bBlock = bp + (<usize>(nPanels * NR * p0) << 2);
    for (let ib = ip0; ib < ip1; ib += MCP) {
      const ie = min(ip1, ib + MCP);
      for (let jp: i32 = 0; jp < nPanels; jp++) {
        const j0 = jp * NR;
        const cols = min(NR, n - j0);
        const bPanel = bBlock + (<usize>(jp * NR * kc) << 2);
        for (let ip = ib; ip < ie; ip++) {
          const i0 = ip * MR;
          const aPanel = aBlock + (<usize>(ip * MR * kc) << 2);
          microKernel(aPanel, bPanel, kc, c + (<usize>(i0 * n + j0) << 2), ldc, min(MR, m - i0), cols, acc);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Exact matrix product for small sizes: float32 operands, products and sums in float64 in
// order p = 0, 1, …, k − 1 and one rounding at the end — bit for bit the JS backend's
// result. 4×4 tiles of f64x2 accumulators (half the lanes of the float32 kernel).
// ---------------------------------------------------------------------------------------

/** Packs A as float64 panels of 4 rows: `A[ip·4 + r, p]` at float64 `ip·4·k + p·4 + r`. */
export function packA64(a: usize, rs: i32, cs: i32, m: i32, k: i32, dst: usize): void {
  for (let i0: i32 = 0; i0 < m; i0 += 4) {
    const rows = min(4, m - i0);
    for (let p: i32 = 0; p < k; p++) {
      for (let r: i32 = 0; r < 4; r++) {
        const v: f64 = r < rows ? <f64>load<f32>(a + (<usize>((i0 + r) * rs + p * cs) << 2)) : 0;
        store<f64>(dst, v);
        dst += 8;
      }
    }
  }
}

/** Packs B as float64 panels of 4 columns: `B[p, jp·4 + c]` at float64 `jp·4·k + p·4 + c`. */
export function packB64(b: usize, rs: i32, cs: i32, k: i32, n: i32, dst: usize): void {
  for (let j0: i32 = 0; j0 < n; j0 += 4) {
    const cols = min(4, n - j0);
    for (let p: i32 = 0; p < k; p++) {
      for (let c: i32 = 0; c < 4; c++) {
        const v: f64 = c < cols ? <f64>load<f32>(b + (<usize>(p * rs + (j0 + c) * cs) << 2)) : 0;
        store<f64>(dst, v);
        dst += 8;
      }
    }
  }
}

/** Writes one tile row (4 float64 sums rounded to float32), `cols` of them. */
@inline
function storeRow64(p: usize, lo: v128, hi: v128, cols: i32): void {
  if (cols === 4) {
    v128.store(p, v128.or(f32x4.demote_f64x2_zero(lo), i32x4.shuffle(f32x4.demote_f64x2_zero(hi), f32x4.splat(0), 4, 4, 0, 1)));
    return;
  }
  store<f32>(p, <f32>f64x2.extract_lane(lo, 0));
  if (cols > 1) store<f32>(p, <f32>f64x2.extract_lane(lo, 1), 4);
  if (cols > 2) store<f32>(p, <f32>f64x2.extract_lane(hi, 0), 8);
}

/** Rows `[ip0·4, ip1·4)` of C[m, n] = A·B from `packA64`/`packB64` panels. */
export function gemm64(ap: usize, bp: usize, c: usize, m: i32, n: i32, k: i32, ip0: i32, ip1: i32): void {
  const ldc = <usize>n << 2;
  const panel = <usize>k << 5; // 4 float64 per step
  for (let j0: i32 = 0; j0 < n; j0 += 4) {
    const cols = min(4, n - j0);
    const bPanel = bp + <usize>(j0 >> 2) * panel;
    for (let ip = ip0; ip < ip1; ip++) {
      const i0 = ip * 4;
      const rows = min(4, m - i0);
      let a = ap + <usize>ip * panel;
      let b = bPanel;
      let c00 = f64x2.splat(0);
      let c01 = f64x2.splat(0);
      let c10 = f64x2.splat(0);
      let c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0);
      let c21 = f64x2.splat(0);
      let c30 = f64x2.splat(0);
      let c31 = f64x2.splat(0);
      for (let p: i32 = 0; p < k; p++) {
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        const a0 = v128.load64_splat(a);
        c00 = f64x2.add(c00, f64x2.mul(a0, b0));
        c01 = f64x2.add(c01, f64x2.mul(a0, b1));
        const a1 = v128.load64_splat(a, 8);
        c10 = f64x2.add(c10, f64x2.mul(a1, b0));
        c11 = f64x2.add(c11, f64x2.mul(a1, b1));
        const a2 = v128.load64_splat(a, 16);
        c20 = f64x2.add(c20, f64x2.mul(a2, b0));
        c21 = f64x2.add(c21, f64x2.mul(a2, b1));
        const a3 = v128.load64_splat(a, 24);
        c30 = f64x2.add(c30, f64x2.mul(a3, b0));
        c31 = f64x2.add(c31, f64x2.mul(a3, b1));
        a += 32;
        b += 32;
      }
      const out = c + (<usize>(i0 * n + j0) << 2);
      storeRow64(out, c00, c01, cols);
      if (rows > 1) storeRow64(out + ldc, c10, c11, cols);
      if (rows > 2) storeRow64(out + 2 * ldc, c20, c21, cols);
      if (rows > 3) storeRow64(out + 3 * ldc, c30, c31, cols);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Elementwise ops on contiguous float32. `sa`/`sb` are 1 for a full operand, 0 for a
// single value repeated. Op codes match `wasm/kernels.ts`.
// ---------------------------------------------------------------------------------------

@inline
function vbin(op: i32, x: v128, y: v128): v128 {
  if (op === 0) return f32x4.add(x, y);
  if (op === 1) return f32x4.sub(x, y);
  if (op === 2) return f32x4.mul(x, y);
  if (op === 3) return f32x4.div(x, y);
  if (op === 4) return f32x4.max(x, y);
  return f32x4.min(x, y);
}

@inline
function sbin(op: i32, x: f32, y: f32): f32 {
  return f32x4.extract_lane(vbin(op, f32x4.splat(x), f32x4.splat(y)), 0);
}

@inline
function binaryLoop(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  let i: i32 = 0;
  if (sa === 1 && sb === 1) {
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      v128.store(out + o, vbin(op, v128.load(a + o), v128.load(b + o)));
      v128.store(out + o, vbin(op, v128.load(a + o, 16), v128.load(b + o, 16)), 16);
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, sbin(op, load<f32>(a + o), load<f32>(b + o)));
    }
  } else if (sa === 1) {
    const y = v128.load32_splat(b);
    const ys = load<f32>(b);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      v128.store(out + o, vbin(op, v128.load(a + o), y));
      v128.store(out + o, vbin(op, v128.load(a + o, 16), y), 16);
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, sbin(op, load<f32>(a + o), ys));
    }
  } else if (sb === 1) {
    const x = v128.load32_splat(a);
    const xs = load<f32>(a);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      v128.store(out + o, vbin(op, x, v128.load(b + o)));
      v128.store(out + o, vbin(op, x, v128.load(b + o, 16)), 16);
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(out + o, sbin(op, xs, load<f32>(b + o)));
    }
  } else {
    const v = sbin(op, load<f32>(a), load<f32>(b));
    for (; i < n; i++) store<f32>(out + (<usize>i << 2), v);
  }
}

/** `out[i] = a[i·sa] ∘ b[i·sb]` for `i < n`: add 0, sub 1, mul 2, div 3, maximum 4, minimum 5. */
export function binary(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  switch (op) {
    case 0:
      binaryLoop(0, a, sa, b, sb, out, n);
      break;
    case 1:
      binaryLoop(1, a, sa, b, sb, out, n);
      break;
    case 2:
      binaryLoop(2, a, sa, b, sb, out, n);
      break;
    case 3:
      binaryLoop(3, a, sa, b, sb, out, n);
      break;
    case 4:
      binaryLoop(4, a, sa, b, sb, out, n);
      break;
    default:
      binaryLoop(5, a, sa, b, sb, out, n);
  }
}

/**
 * `[rows, cols] ∘ [cols]` (or `[cols] ∘ [rows, cols]` when `rowFirst` is 0): the row
 * operand `r` is repeated down every row of the matrix operand `m`.
 */
export function binaryRows(op: i32, m: usize, r: usize, out: usize, rows: i32, cols: i32, matrixFirst: i32): void {
  const stride = <usize>cols << 2;
  for (let i: i32 = 0; i < rows; i++) {
    if (matrixFirst) binary(op, m, 1, r, 1, out, cols);
    else binary(op, r, 1, m, 1, out, cols);
    m += stride;
    out += stride;
  }
}

/**
 * `e^x` for two float64 lanes, |error| < 1e-15 relative: `x = n·ln2 + r` with |r| ≤ ln2/2
 * (ln2 split in two so that `n·ln2_hi` is exact), a degree-13 Taylor polynomial for `e^r`,
 * and `2^n` built in the exponent bits. Only called on float32 inputs clamped to
 * [−104, 104], where n ∈ [−150, 150] stays inside float64's exponent range.
 */
@inline
function vexp64(x: v128): v128 {
  const n = f64x2.nearest(f64x2.mul(x, f64x2.splat(1.4426950408889634)));
  let r = f64x2.sub(x, f64x2.mul(n, f64x2.splat(6.93147180369123816490e-1)));
  r = f64x2.sub(r, f64x2.mul(n, f64x2.splat(1.90821492927058770002e-10)));
  let p = f64x2.splat(1.6059043836821613e-10); // 1/13!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.08767569878681e-9)); // 1/12!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.505210838544172e-8));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.755731922398589e-7));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.7557319223985893e-6));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.48015873015873e-5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.984126984126984e-4));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.388888888888889e-3));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(8.333333333333333e-3));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(4.1666666666666664e-2));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.6666666666666666e-1));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1));
  const e = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(n));
  return f64x2.mul(p, i64x2.shl(i64x2.add(e, i64x2.splat(1023)), 52));
}

/** Four float32 lanes as two float64 halves: `[low, high]` → `f(low)`, `f(high)`. */
@inline
function lowHalf(x: v128): v128 {
  return f64x2.promote_low_f32x4(x);
}

@inline
function highHalf(x: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1));
}

/** Two float64 pairs rounded back into four float32 lanes. */
@inline
function joinHalves(lo: v128, hi: v128): v128 {
  return v128.or(f32x4.demote_f64x2_zero(lo), i32x4.shuffle(f32x4.demote_f64x2_zero(hi), f32x4.splat(0), 4, 4, 0, 1));
}

/**
 * `e^x` of four float32 lanes, computed in float64 and rounded once: the same float32 as
 * `Math.fround(Math.exp(x))` (the JS backend) except in the rare case where the float64
 * value lies within ~1e-15 of a rounding boundary. Overflow gives +∞ and underflow 0 by
 * the final rounding; NaN stays NaN (min/max propagate it).
 */
@inline
function vexp(x: v128): v128 {
  const xc = f32x4.max(f32x4.min(x, f32x4.splat(89)), f32x4.splat(-104));
  return joinHalves(vexp64(lowHalf(xc)), vexp64(highHalf(xc)));
}

/** `1 / (1 + e^−x)` in float64, rounded once (as the JS backend). */
@inline
function vsigmoid(x: v128): v128 {
  const xc = f32x4.max(f32x4.min(f32x4.neg(x), f32x4.splat(104)), f32x4.splat(-104));
  const one = f64x2.splat(1);
  const lo = f64x2.div(one, f64x2.add(one, vexp64(lowHalf(xc))));
  const hi = f64x2.div(one, f64x2.add(one, vexp64(highHalf(xc))));
  return joinHalves(lo, hi);
}

@inline
function vunary(op: i32, x: v128): v128 {
  if (op === 0) return f32x4.neg(x);
  if (op === 1) return f32x4.abs(x);
  if (op === 2) return f32x4.sqrt(x);
  if (op === 3) return f32x4.mul(x, x);
  // relu keeps NaN (as the JS backend and torch.relu) and maps −0 to +0.
  if (op === 4) return v128.and(x, v128.or(f32x4.gt(x, f32x4.splat(0)), f32x4.ne(x, x)));
  if (op === 5) return vexp(x);
  return vsigmoid(x);
}

@inline
function unaryLoop(op: i32, a: usize, out: usize, n: i32): void {
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, vunary(op, v128.load(a + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, f32x4.extract_lane(vunary(op, f32x4.splat(load<f32>(a + o))), 0));
  }
}

/** `out[i] = f(a[i])`: neg 0, abs 1, sqrt 2, square 3, relu 4, exp 5, sigmoid 6. */
export function unary(op: i32, a: usize, out: usize, n: i32): void {
  switch (op) {
    case 0:
      unaryLoop(0, a, out, n);
      break;
    case 1:
      unaryLoop(1, a, out, n);
      break;
    case 2:
      unaryLoop(2, a, out, n);
      break;
    case 3:
      unaryLoop(3, a, out, n);
      break;
    case 4:
      unaryLoop(4, a, out, n);
      break;
    case 5:
      unaryLoop(5, a, out, n);
      break;
    default:
      unaryLoop(6, a, out, n);
  }
}

@inline
function vcmp(op: i32, x: v128, y: v128): v128 {
  if (op === 0) return f32x4.eq(x, y);
  if (op === 1) return f32x4.ne(x, y);
  if (op === 2) return f32x4.lt(x, y);
  if (op === 3) return f32x4.le(x, y);
  if (op === 4) return f32x4.gt(x, y);
  return f32x4.ge(x, y);
}

/** Four lane masks (all ones / zeros) of 16 floats as 16 bytes of 1 / 0. */
@inline
function masksToBytes(m0: v128, m1: v128, m2: v128, m3: v128): v128 {
  const lo = i16x8.narrow_i32x4_s(m0, m1);
  const hi = i16x8.narrow_i32x4_s(m2, m3);
  return v128.and(i8x16.narrow_i16x8_s(lo, hi), i8x16.splat(1));
}

@inline
function compareLoop(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  const y = v128.load32_splat(b);
  const x = v128.load32_splat(a);
  let i: i32 = 0;
  for (; i + 16 <= n; i += 16) {
    const o = <usize>i << 2;
    const a0 = sa ? v128.load(a + o) : x;
    const a1 = sa ? v128.load(a + o, 16) : x;
    const a2 = sa ? v128.load(a + o, 32) : x;
    const a3 = sa ? v128.load(a + o, 48) : x;
    const b0 = sb ? v128.load(b + o) : y;
    const b1 = sb ? v128.load(b + o, 16) : y;
    const b2 = sb ? v128.load(b + o, 32) : y;
    const b3 = sb ? v128.load(b + o, 48) : y;
    v128.store(out + <usize>i, masksToBytes(vcmp(op, a0, b0), vcmp(op, a1, b1), vcmp(op, a2, b2), vcmp(op, a3, b3)));
  }
  for (; i < n; i++) {
    const xa = v128.load32_splat(a + (sa ? <usize>i << 2 : 0));
    const yb = v128.load32_splat(b + (sb ? <usize>i << 2 : 0));
    store<u8>(out + <usize>i, <u8>(i32x4.extract_lane(vcmp(op, xa, yb), 0) & 1));
  }
}

/**
 * `out[i] = a[i·sa] ∘ b[i·sb] ? 1 : 0` as bytes (bool): eq 0, ne 1, lt 2, le 3, gt 4,
 * ge 5. NaN compares unequal to everything, as in JavaScript.
 */
export function compare(op: i32, a: usize, sa: i32, b: usize, sb: i32, out: usize, n: i32): void {
  switch (op) {
    case 0:
      compareLoop(0, a, sa, b, sb, out, n);
      break;
    case 1:
      compareLoop(1, a, sa, b, sb, out, n);
      break;
    case 2:
      compareLoop(2, a, sa, b, sb, out, n);
      break;
    case 3:
      compareLoop(3, a, sa, b, sb, out, n);
      break;
    case 4:
      compareLoop(4, a, sa, b, sb, out, n);
      break;
    default:
      compareLoop(5, a, sa, b, sb, out, n);
  }
}

/** `out[i] = a[i]` for bytes (bool, 0/1) to float32. */
export function bytesToF32(a: usize, out: usize, n: i32): void {
  let i: i32 = 0;
  for (; i + 16 <= n; i += 16) {
    const bytes = v128.load(a + <usize>i);
    const lo = i16x8.extend_low_i8x16_u(bytes);
    const hi = i16x8.extend_high_i8x16_u(bytes);
    const o = out + (<usize>i << 2);
    v128.store(o, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)));
    v128.store(o, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)), 16);
    v128.store(o, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)), 32);
    v128.store(o, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)), 48);
  }
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), <f32>load<u8>(a + <usize>i));
}

// ---------------------------------------------------------------------------------------
// Reductions of a contiguous [rows, cols] float32 block. Sums accumulate in float64 (as
// the JS backend), max/min in float32 and propagate NaN.
// ---------------------------------------------------------------------------------------

/** `out[r] = Σ_j a[r, j]` as float64. */
export function sumRows(a: usize, rows: i32, cols: i32, out: usize): void {
  for (let r: i32 = 0; r < rows; r++) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let j: i32 = 0;
    for (; j + 8 <= cols; j += 8) {
      const x = v128.load(a);
      const y = v128.load(a, 16);
      s0 = f64x2.add(s0, f64x2.promote_low_f32x4(x));
      s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1)));
      s2 = f64x2.add(s2, f64x2.promote_low_f32x4(y));
      s3 = f64x2.add(s3, f64x2.promote_low_f32x4(i32x4.shuffle(y, y, 2, 3, 0, 1)));
      a += 32;
    }
    const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
    let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (; j < cols; j++) {
      total += <f64>load<f32>(a);
      a += 4;
    }
    store<f64>(out + (<usize>r << 3), total);
  }
}

/** `out[j] = Σ_r a[r, j]` as float64 (`out` is overwritten). */
export function sumCols(a: usize, rows: i32, cols: i32, out: usize): void {
  memory.fill(out, 0, <usize>cols << 3);
  for (let r: i32 = 0; r < rows; r++) {
    let j: i32 = 0;
    for (; j + 4 <= cols; j += 4) {
      const x = v128.load(a);
      const o = out + (<usize>j << 3);
      v128.store(o, f64x2.add(v128.load(o), f64x2.promote_low_f32x4(x)));
      v128.store(o, f64x2.add(v128.load(o, 16), f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1))), 16);
      a += 16;
    }
    for (; j < cols; j++) {
      const o = out + (<usize>j << 3);
      store<f64>(o, load<f64>(o) + <f64>load<f32>(a));
      a += 4;
    }
  }
}

@inline
function vpick(isMax: bool, x: v128, y: v128): v128 {
  return isMax ? f32x4.max(x, y) : f32x4.min(x, y);
}

@inline
function extremeRowsLoop(isMax: bool, a: usize, rows: i32, cols: i32, out: usize): void {
  for (let r: i32 = 0; r < rows; r++) {
    let m = v128.load32_splat(a);
    let j: i32 = 0;
    for (; j + 4 <= cols; j += 4) {
      m = vpick(isMax, m, v128.load(a));
      a += 16;
    }
    for (; j < cols; j++) {
      m = vpick(isMax, m, v128.load32_splat(a));
      a += 4;
    }
    m = vpick(isMax, m, i32x4.shuffle(m, m, 2, 3, 0, 1));
    m = vpick(isMax, m, i32x4.shuffle(m, m, 1, 0, 3, 2));
    store<f32>(out + (<usize>r << 2), f32x4.extract_lane(m, 0));
  }
}

/** `out[r] = max_j a[r, j]` (`isMax` 1) or min, as float32; `cols ≥ 1`. */
export function extremeRows(isMax: i32, a: usize, rows: i32, cols: i32, out: usize): void {
  if (isMax) extremeRowsLoop(true, a, rows, cols, out);
  else extremeRowsLoop(false, a, rows, cols, out);
}

@inline
function extremeColsLoop(isMax: bool, a: usize, rows: i32, cols: i32, out: usize): void {
  memory.copy(out, a, <usize>cols << 2);
  for (let r: i32 = 1; r < rows; r++) {
    a += <usize>cols << 2;
    let j: i32 = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = out + (<usize>j << 2);
      v128.store(o, vpick(isMax, v128.load(o), v128.load(a + (<usize>j << 2))));
    }
    for (; j < cols; j++) {
      const o = out + (<usize>j << 2);
      store<f32>(o, f32x4.extract_lane(vpick(isMax, v128.load32_splat(o), v128.load32_splat(a + (<usize>j << 2))), 0));
    }
  }
}

/** `out[j] = max_r a[r, j]` (`isMax` 1) or min, as float32; `rows ≥ 1`. */
export function extremeCols(isMax: i32, a: usize, rows: i32, cols: i32, out: usize): void {
  if (isMax) extremeColsLoop(true, a, rows, cols, out);
  else extremeColsLoop(false, a, rows, cols, out);
}

/**
 * `[rows, cols] ∘ [rows, 1]` (or `[rows, 1] ∘ [rows, cols]` when `matrixFirst` is 0): one
 * value of the column operand `c` per row of the matrix operand `m`.
 */
export function binaryCols(op: i32, m: usize, c: usize, out: usize, rows: i32, cols: i32, matrixFirst: i32): void {
  const stride = <usize>cols << 2;
  for (let i: i32 = 0; i < rows; i++) {
    if (matrixFirst) binary(op, m, 1, c, 0, out, cols);
    else binary(op, c, 0, m, 1, out, cols);
    m += stride;
    out += stride;
    c += 4;
  }
}
