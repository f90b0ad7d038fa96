/**
 * The six datasets of TensorFlow Playground (`src/dataset.ts` there): four two-class sets
 * and two regression sets on the square [−6, 6]², drawn from a NumPy-compatible `Random`
 * instead of `Math.random`.
 *
 * Playground labels its classes +1 and −1; here +1 → 1 and −1 → 0, as int32 class indices.
 * Playground calls each generator with an even n and `n / 2` points per class; for odd n
 * the first class gets ⌈n/2⌉ points and the second ⌊n/2⌋, so X always has n rows.
 */
import { NDArray, type Random, random } from "@sinapse/tensor";
import { checkCount, checkNoise } from "./checks.js";
import type { Dataset, RandomOptions } from "./dataset.js";

/** Options of the Playground datasets. */
export interface PlaygroundOptions extends RandomOptions {
  /** Playground's noise slider divided by 100: in [0, 0.5], 0 by default. */
  noise?: number;
}

/** Playground's `randUniform(a, b)`: one draw of `rng.random()` scaled to [a, b). */
function uniform(rng: Random, a: number, b: number): number {
  return rng.random() * (b - a) + a;
}

function setup(op: string, n: number, options: PlaygroundOptions): { rng: Random; noise: number } {
  checkCount(op, "n", n);
  const noise = options.noise ?? 0;
  checkNoise(op, noise);
  return { rng: options.rng ?? random, noise };
}

function classification(X: Float32Array, y: Int32Array): Dataset {
  return { X: new NDArray(X, [y.length, 2]) as NDArray<"float32">, y: new NDArray(y, [y.length]) as NDArray<"int32"> };
}

function regression(X: Float32Array, y: Float32Array): Dataset<"float32"> {
  return {
    X: new NDArray(X, [y.length, 2]) as NDArray<"float32">,
    y: new NDArray(y, [y.length, 1]) as NDArray<"float32">,
  };
}

/**
 * Playground's "circle": ⌈n/2⌉ points at radius U(0, 2.5) and ⌊n/2⌋ at radius U(3.5, 5),
 * angle U(0, 2π), point (r·sin a, r·cos a). Label 1 when the point moved by noise
 * (U(−5, 5)·noise on each axis) lies within radius 2.5 of the origin, else 0; with noise 0
 * that is "inner ring → 1". Draws per point: r, angle, noise x, noise y.
 *
 * @example const { X, y } = circle(200, { noise: 0.1 }); // X: [200, 2], y: [200] int32
 * @throws ValueError unless 1 ≤ n ≤ 2²⁴ is an integer and 0 ≤ noise ≤ 0.5.
 */
export function circle(n: number, options: PlaygroundOptions = {}): Dataset {
  const { rng, noise } = setup("circle", n, options);
  const radius = 5;
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const inner = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const r = i < inner ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
    const angle = uniform(rng, 0, 2 * Math.PI);
    const px = r * Math.sin(angle);
    const py = r * Math.cos(angle);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    X[2 * i] = px;
    X[2 * i + 1] = py;
    y[i] = Math.hypot(px + nx, py + ny) < radius * 0.5 ? 1 : 0;
  }
  return classification(X, y);
}

/**
 * Playground's "exclusive or": x, y ~ U(−5, 5) each pushed 0.3 away from 0 (so |x|, |y| ∈
 * [0.3, 5.3)); label 1 when (x + U(−5, 5)·noise)·(y + U(−5, 5)·noise) ≥ 0, else 0 — with
 * noise 0, label 1 in the first and third quadrants. Draws per point: x, y, noise x, noise y.
 *
 * @example const { X, y } = xor(200); // X: [200, 2], y: [200] int32
 * @throws ValueError unless 1 ≤ n ≤ 2²⁴ is an integer and 0 ≤ noise ≤ 0.5.
 */
export function xor(n: number, options: PlaygroundOptions = {}): Dataset {
  const { rng, noise } = setup("xor", n, options);
  const padding = 0.3;
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let px = uniform(rng, -5, 5);
    px += px > 0 ? padding : -padding;
    let py = uniform(rng, -5, 5);
    py += py > 0 ? padding : -padding;
    const nx = uniform(rng, -5, 5) * noise;
    const ny = uniform(rng, -5, 5) * noise;
    X[2 * i] = px;
    X[2 * i + 1] = py;
    y[i] = (px + nx) * (py + ny) >= 0 ? 1 : 0;
  }
  return classification(X, y);
}

/**
 * Playground's "Gaussian": ⌈n/2⌉ points around (2, 2) labelled 1, then ⌊n/2⌋ around
 * (−2, −2) labelled 0, each coordinate normal with variance 0.5 + 7·noise (Playground's
 * scale from noise [0, 0.5] to variance [0.5, 4]); draws x then y by `rng.standardNormal()`.
 *
 * @example const { X, y } = gaussian(200, { noise: 0.2 }); // X: [200, 2], y: [200] int32
 * @throws ValueError unless 1 ≤ n ≤ 2²⁴ is an integer and 0 ≤ noise ≤ 0.5.
 */
export function gaussian(n: number, options: PlaygroundOptions = {}): Dataset {
  const { rng, noise } = setup("gaussian", n, options);
  const sd = Math.sqrt(0.5 + 7 * noise);
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const positives = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const center = i < positives ? 2 : -2;
    X[2 * i] = center + sd * rng.standardNormal();
    X[2 * i + 1] = center + sd * rng.standardNormal();
    y[i] = i < positives ? 1 : 0;
  }
  return classification(X, y);
}

/**
 * Playground's two-class "spiral": for class k (1 first, then 0, with phase δ = 0 then π) and
 * i < m points of that class, r = 5·i/m, t = 1.75·2π·i/m + δ, point (r·sin t + U(−1, 1)·noise,
 * r·cos t + U(−1, 1)·noise). The points lie within radius 5 + √2·noise.
 *
 * @example const { X, y } = twoSpiral(200, { noise: 0.1 }); // X: [200, 2], y: [200] int32
 * @throws ValueError unless 1 ≤ n ≤ 2²⁴ is an integer and 0 ≤ noise ≤ 0.5.
 */
export function twoSpiral(n: number, options: PlaygroundOptions = {}): Dataset {
  const { rng, noise } = setup("twoSpiral", n, options);
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const counts = [Math.ceil(n / 2), Math.floor(n / 2)];
  let row = 0;
  for (const [arm, m] of counts.entries()) {
    const deltaT = arm === 0 ? 0 : Math.PI;
    for (let i = 0; i < m; i++, row++) {
      const r = (i / m) * 5;
      const t = ((1.75 * i) / m) * 2 * Math.PI + deltaT;
      X[2 * row] = r * Math.sin(t) + uniform(rng, -1, 1) * noise;
      X[2 * row + 1] = r * Math.cos(t) + uniform(rng, -1, 1) * noise;
      y[row] = arm === 0 ? 1 : 0;
    }
  }
  return classification(X, y);
}

/**
 * Playground's "plane" regression: x, y ~ U(−6, 6), target (x′ + y′)/10 where x′ = x +
 * U(−6, 6)·noise and y′ likewise (Playground's linear scale from [−10, 10] to [−1, 1]);
 * with noise 0 the target is exactly (x + y)/10. Draws per point: x, y, noise x, noise y.
 *
 * @example const { X, y } = regressionPlane(200); // X: [200, 2], y: [200, 1] float32
 * @throws ValueError unless 1 ≤ n ≤ 2²⁴ is an integer and 0 ≤ noise ≤ 0.5.
 */
export function regressionPlane(n: number, options: PlaygroundOptions = {}): Dataset<"float32"> {
  return regressionSet("regressionPlane", n, options, (x, y) => (x + y) / 10);
}

/**
 * Both Playground regression sets: x, y ~ U(−6, 6), then the noise draws for x and y, and
 * the target `target(x + noise x, y + noise y)`.
 */
function regressionSet(
  op: string,
  n: number,
  options: PlaygroundOptions,
  target: (x: number, y: number) => number,
): Dataset<"float32"> {
  const { rng, noise } = setup(op, n, options);
  const radius = 6;
  const X = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const px = uniform(rng, -radius, radius);
    const py = uniform(rng, -radius, radius);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    X[2 * i] = px;
    X[2 * i + 1] = py;
    y[i] = target(px + nx, py + ny);
  }
  return regression(X, y);
}

/** Playground's six bumps: centre and sign of each. */
const BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * The noiseless target of {@link regressionGaussian} at (x, y): over the six bumps, the
 * value sign·clamp(1 − d/2, 0, 1) (d: distance to the bump's centre) largest in absolute
 * value, the first bump winning ties; 0 farther than 2 from every centre. In [−1, 1].
 */
export function gaussianBumps(x: number, y: number): number {
  let label = 0;
  for (const [cx, cy, sign] of BUMPS) {
    const d = Math.hypot(x - cx, y - cy);
    const value = sign * Math.min(1, Math.max(0, 1 - d / 2));
    if (Math.abs(value) > Math.abs(label)) label = value;
  }
  return label;
}

/**
 * Playground's "multi Gaussian" regression: x, y ~ U(−6, 6), target
 * `gaussianBumps(x + U(−6, 6)·noise, y + U(−6, 6)·noise)`: six cones of height ±1 and
 * radius 2 on a 3×2 grid. Draws per point: x, y, noise x, noise y.
 *
 * @example const { X, y } = regressionGaussian(200); // X: [200, 2], y: [200, 1] float32
 * @throws ValueError unless 1 ≤ n ≤ 2²⁴ is an integer and 0 ≤ noise ≤ 0.5.
 */
export function regressionGaussian(n: number, options: PlaygroundOptions = {}): Dataset<"float32"> {
  return regressionSet("regressionGaussian", n, options, gaussianBumps);
}
