/**
 * The batches lesson's model: fit `y = w·x + b` to noisy points by minibatch SGD on the
 * mean squared error. Pure and seeded, so both runs (batch 1 and batch 32) are repeatable.
 */
import { Random } from "@sinapse/tensor";

export interface Point {
  x: number;
  y: number;
}

export interface LineFit {
  w: number;
  b: number;
  /** Steps taken so far. */
  step: number;
  /** Where the next batch starts in the data. */
  cursor: number;
}

/** The line the points are drawn around. */
export const TRUE_LINE = { w: 2, b: 1 } as const;

/** `n` points with x uniform in [−1, 1] and y = 2x + 1 + noise·N(0, 1), from `seed`. */
export function makePoints(n: number, seed = 0, noise = 0.6): Point[] {
  const rng = new Random(seed);
  const xs = rng.uniform(-1, 1, [n], { dtype: "float64" }).dataSync();
  const eps = rng.randn([n], { dtype: "float64" }).dataSync();
  return Array.from(xs, (x, i) => ({ x, y: TRUE_LINE.w * x + TRUE_LINE.b + noise * (eps[i] as number) }));
}

export const START_FIT: LineFit = { w: -1, b: -1, step: 0, cursor: 0 };

/** Mean squared error of the line over `points`. */
export function mse(points: readonly Point[], w: number, b: number): number {
  let s = 0;
  for (const p of points) s += (w * p.x + b - p.y) ** 2;
  return s / points.length;
}

/**
 * One SGD step on the next `batchSize` points (taken in order, wrapping around):
 * ∂/∂w = 2·mean((ŷ − y)·x), ∂/∂b = 2·mean(ŷ − y); w −= lr·∂w, b −= lr·∂b.
 */
export function sgdStep(fit: LineFit, points: readonly Point[], batchSize: number, learningRate: number): LineFit {
  if (points.length === 0) throw new Error("sgdStep: no points");
  const size = Math.max(1, Math.min(batchSize, points.length));
  let gw = 0;
  let gb = 0;
  for (let k = 0; k < size; k++) {
    const p = points[(fit.cursor + k) % points.length] as Point;
    const err = fit.w * p.x + fit.b - p.y;
    gw += err * p.x;
    gb += err;
  }
  gw = (2 * gw) / size;
  gb = (2 * gb) / size;
  return {
    w: fit.w - learningRate * gw,
    b: fit.b - learningRate * gb,
    step: fit.step + 1,
    cursor: (fit.cursor + size) % points.length,
  };
}

/** `steps` SGD steps from `start`; every state, the start included. */
export function fitPath(
  start: LineFit,
  points: readonly Point[],
  batchSize: number,
  learningRate: number,
  steps: number,
): LineFit[] {
  const path = [start];
  let fit = start;
  for (let i = 0; i < steps; i++) {
    fit = sgdStep(fit, points, batchSize, learningRate);
    path.push(fit);
  }
  return path;
}
