/**
 * Scalar functions the primitives need that `Math` lacks, in float64.
 */

const SQRT_PI = 1.7724538509055159;

/**
 * The error function `erf x = 2/√π ∫₀ˣ e^(−t²) dt`, to about 1e-15: its Maclaurin series
 * below |x| = 2.5, and `1 − erfc x` from erfc's continued fraction above (where the series
 * would cancel); ±1 beyond |x| = 6, NaN for NaN.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a >= 6) return x > 0 ? 1 : -1;
  if (a < 2.5) {
    // erf x = 2/√π Σ (−1)ⁿ x²ⁿ⁺¹ / (n! (2n + 1)); term(n) = term(n − 1)·(−x²)/n.
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / SQRT_PI) * sum;
  }
  // erfc a = e^(−a²)/√π · 1/(a + ½/(a + 1/(a + (3/2)/(a + 2/(a + …))))), evaluated from the tail.
  let f = a;
  for (let k = 60; k >= 1; k--) f = a + k / 2 / f;
  const erfc = Math.exp(-a * a) / (SQRT_PI * f);
  return x > 0 ? 1 - erfc : erfc - 1;
}

/** `x ** e` in int32 arithmetic (wrapping like NumPy's int32), by squaring; `e ≥ 0`. */
export function intPow(x: number, e: number): number {
  let result = 1;
  let base = x | 0;
  for (let k = e >>> 0; k > 0; k >>>= 1) {
    if (k & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}
