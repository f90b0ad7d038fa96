/**
 * Random numbers that reproduce NumPy's legacy global generator (`np.random.seed(n)`):
 * MT19937 seeded with Knuth's recurrence, 53-bit doubles from two 32-bit draws, and the
 * polar Gaussian that caches its second value. nnfs code ported line by line gets the
 * book's numbers.
 */
import { ValueError } from "./errors.js";
import { NDArray } from "./ndarray.js";
import { checkShape, type Shape, sizeOf } from "./shape.js";

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/** The 32-bit Mersenne Twister. */
class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      // 1812433253 * prev + i, in 32-bit arithmetic without losing low bits.
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
      mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }
}

/**
 * A seeded random generator whose streams match NumPy's `np.random.RandomState`.
 *
 * @example
 * const rng = new Random(0);
 * rng.standardNormal(); // 1.764052345967664, as np.random.seed(0); np.random.randn()
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
    const a = this.mt.nextUint32() >>> 5;
    const b = this.mt.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
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

  /** A float32 array of standard normal values, as `np.random.randn(*shape)`. */
  randn(shape: Shape): NDArray {
    checkShape("randn", shape);
    const out = new Float32Array(sizeOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = this.standardNormal();
    return new NDArray(out, shape);
  }

  /** A float32 array of uniform values in [0, 1), as `np.random.rand(*shape)`. */
  rand(shape: Shape): NDArray {
    checkShape("rand", shape);
    const out = new Float32Array(sizeOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = this.random();
    return new NDArray(out, shape);
  }
}

function checkSeed(op: string, seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ValueError(op, `seed must be an integer in [0, 2**32 - 1], got ${seed}`);
  }
  return seed;
}

/** The shared default generator, seeded with 0 (as `nnfs.init()` does). */
export const random = new Random(0);
