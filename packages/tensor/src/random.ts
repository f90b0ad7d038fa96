/**
 * Random numbers that reproduce NumPy's legacy generator (`np.random.seed(n)`,
 * `np.random.RandomState`) draw for draw: MT19937 seeded with Knuth's recurrence, 53-bit
 * doubles from two 32-bit draws, the polar Gaussian that caches its second value, masked
 * rejection for bounded integers, and the inversion / BTPE binomial samplers. nnfs code
 * ported line by line gets the book's numbers.
 */
import type { DType, TypedArray } from "./dtype.js";
import { DTypeError, fmtShape, ShapeError, ValueError } from "./errors.js";
import { checkNDArray, NDArray } from "./ndarray.js";
import { checkShape, type Shape, sizeOf } from "./shape.js";

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

interface InversionConstants {
  n: number;
  p: number;
  q: number;
  qn: number;
  bound: number;
}

function inversionConstants(n: number, p: number): InversionConstants {
  const q = 1 - p;
  const np = n * p;
  return { n, p, q, qn: Math.exp(n * Math.log(q)), bound: Math.trunc(Math.min(n, np + 10 * Math.sqrt(np * q + 1))) };
}

/** The 32-bit Mersenne Twister. */
class MT19937 {
  // Int32Array: reads stay small integers for V8 (a Uint32Array word ≥ 2^31 is a double).
  private readonly mt = new Int32Array(N);
  private index = N;

  constructor(seed: number) {
    this.mt[0] = seed | 0;
    for (let i = 1; i < N; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      // 1812433253 * prev + i, in 32-bit arithmetic without losing low bits.
      this.mt[i] = (Math.imul(1812433253, prev) + i) | 0;
    }
  }

  nextUint32(): number {
    if (this.index >= N) this.twist();
    return temper(this.mt[this.index++]) >>> 0;
  }

  /** A double in [0, 1) from two words: `(a >> 5) · 2^26 + (b >> 6)` over 2^53, as NumPy. */
  nextDouble(): number {
    if (this.index >= N - 1) {
      const a = this.nextUint32() >>> 5;
      return (a * 67108864 + (this.nextUint32() >>> 6)) / TWO_53;
    }
    const a = temper(this.mt[this.index]) >>> 5;
    const b = temper(this.mt[this.index + 1]) >>> 6;
    this.index += 2;
    return (a * 67108864 + b) / TWO_53;
  }

  /** Regenerates all 624 words; three loops instead of `% N` keep it branch-light. */
  private twist(): void {
    const mt = this.mt;
    let k = 0;
    for (; k < N - M; k++) mt[k] = mixWords(mt[k], mt[k + 1], mt[k + M]);
    for (; k < N - 1; k++) mt[k] = mixWords(mt[k], mt[k + 1], mt[k + M - N]);
    mt[N - 1] = mixWords(mt[N - 1], mt[0], mt[M - 1]);
    this.index = 0;
  }
}

/** MT19937's output tempering of one state word (an int32 result; `>>> 0` makes it unsigned). */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

/** One step of the MT19937 recurrence: the upper bit of `a`, the lower 31 of `b`, xor `c`. */
function mixWords(a: number, b: number, c: number): number {
  const y = (a & UPPER_MASK) | (b & LOWER_MASK);
  return c ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

/** An output size, as NumPy's `size=`: a length, or a shape (`[]` gives a 0-d array). */
export type Size = number | Shape;

/** The dtypes that float samplers can fill. */
export type FloatDType = "float32" | "float64";

/** Options of the float samplers (`rand`, `randn`, `uniform`, `normal`). */
export interface RandomArrayOptions<D extends FloatDType = FloatDType> {
  /**
   * `"float32"` (default, as `nnfs.init()` casts every draw) rounds each double to
   * float32; `"float64"` keeps NumPy's doubles.
   */
  dtype?: D;
}

/** Draws a binomial variate for one fixed (n, p); constants are computed once per call. */
type Sampler = () => number;

/**
 * A seeded random generator whose streams match NumPy's `np.random.RandomState`.
 *
 * @example
 * const rng = new Random(0);
 * rng.standardNormal(); // 1.764052345967664, as np.random.seed(0); np.random.randn()
 * rng.randint(0, 10, 3); // int32 [5, 0, 3], as np.random.seed(0); np.random.randint(0, 10, 3)
 */
export class Random {
  private mt: MT19937;
  private cachedGauss: number | null = null;

  constructor(seed = 0) {
    this.mt = new MT19937(checkSeed("Random", seed));
  }

  /** Re-seeds the stream, as `np.random.seed(n)`; forgets a cached Gaussian. */
  seed(seed: number): void {
    this.mt = new MT19937(checkSeed("seed", seed));
    this.cachedGauss = null;
  }

  /** A double in [0, 1) with 53 random bits, as `np.random.random_sample()`. */
  random(): number {
    return this.mt.nextDouble();
  }

  /** One standard normal value (polar method), as `np.random.standard_normal()`. */
  standardNormal(): number {
    if (this.cachedGauss !== null) {
      const g = this.cachedGauss;
      this.cachedGauss = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.cachedGauss = f * x1;
    return f * x2;
  }

  /**
   * Standard normal values, as `np.random.randn(*shape)` (float32 unless `dtype: "float64"`).
   *
   * @example new Random(0).randn([2, 3]) // [[1.764, 0.400, 0.979], [2.241, 1.868, -0.977]]
   */
  randn<D extends FloatDType = "float32">(shape: Size, options?: RandomArrayOptions<D>): NDArray<D> {
    return this.fillFloat("randn", shape, options, () => this.standardNormal());
  }

  /**
   * Uniform values in [0, 1), as `np.random.rand(*shape)` (float32 unless `dtype: "float64"`).
   *
   * @example new Random(0).rand(2) // [0.549, 0.715]
   */
  rand<D extends FloatDType = "float32">(shape: Size, options?: RandomArrayOptions<D>): NDArray<D> {
    return this.fillFloat("rand", shape, options, () => this.random());
  }

  /**
   * Uniform values in [low, high), `low + (high − low)·u`, as `np.random.uniform(low, high,
   * size)`. Without a shape, one number; with one, a float32 array (or float64 by option).
   * `high < low` is allowed, as in NumPy.
   */
  uniform(low?: number, high?: number): number;
  uniform<D extends FloatDType = "float32">(
    low: number,
    high: number,
    shape: Size,
    options?: RandomArrayOptions<D>,
  ): NDArray<D>;
  uniform(low = 0, high = 1, shape?: Size, options?: RandomArrayOptions): number | NDArray {
    const range = high - low;
    if (!Number.isFinite(low) || !Number.isFinite(range)) {
      throw new ValueError("uniform", `low and high must be finite with a finite range, got low=${low}, high=${high}`);
    }
    const draw = (): number => low + range * this.random();
    return shape === undefined ? draw() : this.fillFloat("uniform", shape, options, draw);
  }

  /**
   * Gaussian values `loc + scale·z`, as `np.random.normal(loc, scale, size)`. Without a
   * shape, one number; with one, a float32 array (or float64 by option). Shares the cached
   * second Gaussian with `randn`/`standardNormal`, as NumPy does.
   */
  normal(loc?: number, scale?: number): number;
  normal<D extends FloatDType = "float32">(
    loc: number,
    scale: number,
    shape: Size,
    options?: RandomArrayOptions<D>,
  ): NDArray<D>;
  normal(loc = 0, scale = 1, shape?: Size, options?: RandomArrayOptions): number | NDArray {
    if (!(scale >= 0)) throw new ValueError("normal", `scale must be >= 0, got scale=${scale}`);
    const draw = (): number => loc + scale * this.standardNormal();
    return shape === undefined ? draw() : this.fillFloat("normal", shape, options, draw);
  }

  /**
   * Uniform integers in [low, high), as `np.random.randint(low, high, size)`; with one
   * argument, in [0, low). Without a shape, one number (bounds and range up to 2**53);
   * with one, an int32 array (values must fit int32). Draws nothing when the range holds
   * one value.
   *
   * @example
   * const rng = new Random(0);
   * rng.randint(0, 10, 10); // int32 [5, 0, 3, 3, 7, 9, 3, 5, 2, 4]
   * rng.randint(6); // one number in [0, 6)
   */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, shape: Size): NDArray<"int32">;
  randint(low: number, high?: number, shape?: Size): number | NDArray<"int32"> {
    const [lo, hi] = high === undefined ? [0, low] : [low, high];
    if (!isIntegerWithin53Bits(lo) || !isIntegerWithin53Bits(hi)) {
      throw new ValueError("randint", `low and high must be integers in [-2**53, 2**53], got low=${lo}, high=${hi}`);
    }
    if (lo >= hi) throw new ValueError("randint", `low must be < high, got low=${lo}, high=${hi}`);
    // NOTE: compared as BigInts because hi - lo may round when it exceeds 2**53.
    if (BigInt(hi) - BigInt(lo) > BigInt(TWO_53)) {
      throw new ValueError("randint", `high - low must be at most 2**53, got low=${lo}, high=${hi}`);
    }
    const rng = hi - lo - 1;
    if (shape === undefined) return lo + this.bounded(rng);
    if (lo < INT32_MIN || hi - 1 > INT32_MAX) {
      throw new ValueError(
        "randint",
        `an int32 array needs low >= -2**31 and high <= 2**31, got low=${lo}, high=${hi}; omit the shape for larger integers`,
      );
    }
    const dims = toShape("randint", shape);
    const out = new Int32Array(sizeOf(dims));
    for (let i = 0; i < out.length; i++) out[i] = lo + this.bounded(rng);
    return new NDArray(out, dims);
  }

  /**
   * Successes among `n` trials of probability `p`, as `np.random.binomial(n, p, size)`
   * (legacy: inversion when min(p, 1 − p)·n ≤ 30, BTPE above). Without a shape, one
   * number; with one, an int32 array. Dropout masks are `binomial(1, 1 − rate, shape)`.
   * Every draw consumes the stream, even for n = 0, p = 0 or p = 1, as in NumPy.
   *
   * @example new Random(0).binomial(1, 0.9, [2, 2]) // int32 [[1, 1], [1, 1]]
   */
  binomial(n: number, p: number): number;
  binomial(n: number, p: number, shape: Size): NDArray<"int32">;
  binomial(n: number, p: number, shape?: Size): number | NDArray<"int32"> {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new ValueError("binomial", `n must be a non-negative integer, got n=${n}`);
    }
    if (!(p >= 0 && p <= 1)) throw new ValueError("binomial", `p must be in [0, 1], got p=${p}`);
    if (shape !== undefined && n > INT32_MAX) {
      throw new ValueError("binomial", `n must be at most 2**31 - 1 for an int32 array, got n=${n}`);
    }
    const dims = shape === undefined ? undefined : toShape("binomial", shape);
    if (dims === undefined) return this.binomialSampler(n, p)();
    const out = new Int32Array(sizeOf(dims));
    const r = Math.min(p, 1 - p);
    if (r * n <= 30) this.fillBinomialInversion(out, n, r, p > 0.5);
    else {
      const sample = this.binomialSampler(n, p);
      for (let i = 0; i < out.length; i++) out[i] = sample();
    }
    return new NDArray(out, dims);
  }

  /**
   * Shuffles `x` in place along its first axis, as `np.random.shuffle(x)`: whole rows of
   * an n-d array (strided views included) move together. Walks i = n − 1 … 1 swapping
   * i with a uniform j in [0, i]. An empty array draws nothing.
   *
   * @example
   * const a = array([0, 1, 2, 3, 4]);
   * new Random(0).shuffle(a); // a is now a permutation of [0, 1, 2, 3, 4]
   */
  shuffle(x: NDArray | unknown[]): void {
    if (Array.isArray(x)) {
      this.shuffleSequence(x);
      return;
    }
    checkNDArray("shuffle", x, "x (an NDArray or a JS array)");
    if (x.ndim === 0) throw new ShapeError("shuffle", "cannot shuffle a 0-d array, got shape []");
    // NOTE: NumPy returns before drawing for an array with no elements, even with rows.
    if (x.size === 0) return;
    for (let d = 0; d < x.ndim; d++) {
      if (x.strides[d] === 0 && x.shape[d] > 1) {
        throw new ValueError(
          "shuffle",
          `cannot shuffle a broadcast view in place, got shape ${fmtShape(x.shape)} with strides ${fmtShape(x.strides)}`,
        );
      }
    }
    const view = x.storage.view() as TypedArray;
    const inner = rowOffsets(x);
    const step = x.strides[0];
    for (let i = x.shape[0] - 1; i > 0; i--) {
      const j = this.bounded(i);
      if (i === j) continue;
      const a = x.offset + i * step;
      const b = x.offset + j * step;
      for (const k of inner) {
        const t = view[a + k];
        view[a + k] = view[b + k];
        view[b + k] = t;
      }
    }
  }

  /**
   * A shuffled `arange(n)` as an int32 array, or a shuffled copy of `x` along its first
   * axis (contiguous, same dtype; `x` is untouched), as `np.random.permutation`.
   *
   * @example new Random(0).permutation(10) // int32 [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]
   */
  permutation(n: number): NDArray<"int32">;
  permutation<D extends DType>(x: NDArray<D>): NDArray<D>;
  permutation(nOrArray: number | NDArray): NDArray {
    if (typeof nOrArray === "number") {
      if (!Number.isInteger(nOrArray) || nOrArray < 0 || nOrArray > INT32_MAX) {
        throw new ValueError("permutation", `n must be an integer in [0, 2**31 - 1], got n=${nOrArray}`);
      }
      const out = new Int32Array(nOrArray);
      for (let i = 0; i < nOrArray; i++) out[i] = i;
      this.shuffleSequence(out);
      return new NDArray(out, [nOrArray]);
    }
    const x = nOrArray;
    checkNDArray("permutation", x, "x (an integer or an NDArray)");
    if (x.ndim === 0) throw new ShapeError("permutation", "x must be an integer or an array of at least 1 dimension");
    // NOTE: NumPy shuffles an index array and gathers rows, so it draws even when rows are empty.
    const rows = x.shape[0];
    const order = Array.from({ length: rows }, (_, i) => i);
    this.shuffleSequence(order);
    const src = x.dataSync() as TypedArray;
    const out = src.slice();
    const rowSize = rows === 0 ? 0 : src.length / rows;
    for (let i = 0; i < rows; i++) out.set(src.subarray(order[i] * rowSize, (order[i] + 1) * rowSize), i * rowSize);
    return new NDArray(out, [...x.shape]);
  }

  /** The legacy Fisher–Yates walk over a flat sequence: i = n − 1 … 1, j uniform in [0, i]. */
  private shuffleSequence<T>(x: { length: number; [index: number]: T }): void {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.bounded(i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  /**
   * A uniform integer in [0, rng] by masked rejection, NumPy's `random_interval` and
   * legacy bounded integers: 32-bit draws while rng < 2**32, 64-bit draws (high word
   * first) above. rng = 0 draws nothing.
   */
  private bounded(rng: number): number {
    if (rng === 0) return 0;
    if (rng < TWO_32) {
      const mask = smear32(rng);
      let v: number;
      do v = (this.mt.nextUint32() & mask) >>> 0;
      while (v > rng);
      return v;
    }
    // NOTE: rng < 2**53, so the 64-bit mask is all ones in its low word and the masked
    // value (high & maskHigh)·2**32 + low is an exact double; no BigInt needed.
    const maskHigh = smear32(Math.floor(rng / TWO_32));
    let v: number;
    do {
      const high = this.mt.nextUint32() & maskHigh;
      v = high * TWO_32 + this.mt.nextUint32();
    } while (v > rng);
    return v;
  }

  /** NumPy's `legacy_random_binomial_original`: the sampler for one (n, p). */
  private binomialSampler(n: number, p: number): Sampler {
    if (p <= 0.5) return p * n <= 30 ? this.binomialInversion(n, p) : this.binomialBtpe(n, p);
    const q = 1 - p;
    const inner = q * n <= 30 ? this.binomialInversion(n, q) : this.binomialBtpe(n, q);
    return () => n - inner();
  }

  /**
   * `binomialInversion` for a whole array, without a closure per draw (a dropout mask is
   * millions of `binomial(1, keep)` draws per epoch); `flip` stores `n − x`, as
   * `binomialSampler` does for p > 0.5. The same draws as the sampler, value for value.
   */
  private fillBinomialInversion(out: Int32Array, n: number, p: number, flip: boolean): void {
    const c = inversionConstants(n, p);
    for (let i = 0; i < out.length; i++) out[i] = flip ? n - this.inversionDraw(c) : this.inversionDraw(c);
  }

  /**
   * NumPy's `random_binomial_inversion` (p ≤ 0.5): walks the pmf from 0, restarting with
   * a fresh uniform past bound = min(n, np + 10·√(np·q + 1)).
   */
  private binomialInversion(n: number, p: number): Sampler {
    const c = inversionConstants(n, p);
    return () => this.inversionDraw(c);
  }

  private inversionDraw({ n, p, q, qn, bound }: InversionConstants): number {
    let x = 0;
    let px = qn;
    let u = this.random();
    while (u > px) {
      x++;
      if (x > bound) {
        x = 0;
        px = qn;
        u = this.random();
      } else {
        u -= px;
        px = ((n - x + 1) * p * px) / (x * q);
      }
    }
    return x;
  }

  /**
   * NumPy's `random_binomial_btpe` (Kachitvichyanukul & Schmeiser's BTPE, p ≤ 0.5):
   * triangle / parallelogram / exponential-tail proposals (Steps 10–40), accepted by the
   * recursive pmf ratio near the mode (Step 50) or squeeze + Stirling bounds (Step 52).
   */
  private binomialBtpe(n: number, p: number): Sampler {
    const r = Math.min(p, 1 - p);
    const q = 1 - r;
    const fm = n * r + r;
    const m = Math.floor(fm);
    const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
    const xm = m + 0.5;
    const xl = xm - p1;
    const xr = xm + p1;
    const c = 0.134 + 20.5 / (15.3 + m);
    let a = (fm - xl) / (fm - xl * r);
    const laml = a * (1 + a / 2);
    a = (xr - fm) / (xr * q);
    const lamr = a * (1 + a / 2);
    const p2 = p1 * (1 + 2 * c);
    const p3 = p2 + c / laml;
    const p4 = p3 + c / lamr;
    const nrq = n * r * q;
    const stirling = (z: number, z2: number): number =>
      (13680 - (462 - (132 - (99 - 140 / z2) / z2) / z2) / z2) / z / 166320;

    return () => {
      for (;;) {
        // Step 10: the triangular region accepts at once.
        const u = this.random() * p4;
        let v = this.random();
        if (u <= p1) return Math.floor(xm - p1 * v + u);
        let y: number;
        if (u <= p2) {
          // Step 20: parallelogram.
          const x = xl + (u - p1) / c;
          v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
          if (v > 1) continue;
          y = Math.floor(x);
        } else if (u <= p3) {
          // Step 30: left exponential tail.
          y = Math.floor(xl + Math.log(v) / laml);
          if (y < 0 || v === 0) continue;
          v = v * (u - p2) * laml;
        } else {
          // Step 40: right exponential tail.
          y = Math.floor(xr - Math.log(v) / lamr);
          if (y > n || v === 0) continue;
          v = v * (u - p3) * lamr;
        }
        // Step 50: explicit pmf ratio f(y)/f(m) near the mode.
        const k = Math.abs(y - m);
        if (!(k > 20 && k < nrq / 2 - 1)) {
          const s = r / q;
          const as = s * (n + 1);
          let f = 1;
          if (m < y) for (let i = m + 1; i <= y; i++) f *= as / i - s;
          else if (m > y) for (let i = y + 1; i <= m; i++) f /= as / i - s;
          if (v > f) continue;
          return y;
        }
        // Step 52: squeeze on log(v), then the Stirling-formula bound.
        const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
        const t = (-k * k) / (2 * nrq);
        const logV = Math.log(v);
        if (logV < t - rho) return y;
        if (logV > t + rho) continue;
        const x1 = y + 1;
        const f1 = m + 1;
        const z = n + 1 - m;
        const w = n - y + 1;
        const bound =
          xm * Math.log(f1 / x1) +
          (n - m + 0.5) * Math.log(z / w) +
          (y - m) * Math.log((w * r) / (x1 * q)) +
          stirling(f1, f1 * f1) +
          stirling(z, z * z) +
          stirling(x1, x1 * x1) +
          stirling(w, w * w);
        if (logV > bound) continue;
        return y;
      }
    };
  }

  /** Fills a float32/float64 array of `size` with `draw()`, in row-major order. */
  private fillFloat<D extends FloatDType>(
    op: string,
    size: Size,
    options: RandomArrayOptions<D> | undefined,
    draw: () => number,
  ): NDArray<D> {
    const dtype = options?.dtype ?? "float32";
    if (dtype !== "float32" && dtype !== "float64") {
      throw new DTypeError(op, `dtype must be "float32" or "float64", got ${JSON.stringify(dtype)}`);
    }
    const dims = toShape(op, size);
    const out = dtype === "float32" ? new Float32Array(sizeOf(dims)) : new Float64Array(sizeOf(dims));
    for (let i = 0; i < out.length; i++) out[i] = draw();
    return new NDArray<FloatDType>(out, dims) as NDArray<D>;
  }
}

/** An integer whose neighbours are still exact doubles: |x| <= 2**53. */
function isIntegerWithin53Bits(x: number): boolean {
  return Number.isInteger(x) && Math.abs(x) <= TWO_53;
}

/** Smallest all-ones mask >= x, for 0 < x < 2**32 (NumPy's `gen_mask`). */
function smear32(x: number): number {
  let m = x;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

/** Storage offsets, relative to the start of a row, of every element of one row of `x`. */
function rowOffsets(x: NDArray): number[] {
  let offsets = [0];
  for (let d = 1; d < x.ndim; d++) {
    const next: number[] = [];
    for (const o of offsets) for (let i = 0; i < x.shape[d]; i++) next.push(o + i * x.strides[d]);
    offsets = next;
  }
  return offsets;
}

/** A size (a length or a shape) as a validated shape. */
function toShape(op: string, size: Size): number[] {
  const dims = typeof size === "number" ? [size] : size;
  checkShape(op, dims);
  return [...dims];
}

function checkSeed(op: string, seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ValueError(op, `seed must be an integer in [0, 2**32 - 1], got ${seed}`);
  }
  return seed;
}

/** The shared default generator, seeded with 0 (as `nnfs.init()` does). */
export const random = /* @__PURE__ */ new Random(0);
