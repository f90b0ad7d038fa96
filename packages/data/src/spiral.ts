/**
 * nnfs' `spiral_data(samples, classes)`: `classes` interleaved spiral arms of `samples`
 * points each, with the book's noise, drawn from the NumPy-compatible generator.
 */
import { NDArray, random } from "@sinapse/tensor";
import { checkCount, checkPoints } from "./checks.js";
import type { Dataset, RandomOptions } from "./dataset.js";

export type { Dataset } from "./dataset.js";

/** Options of {@link spiral}. */
export type SpiralOptions = RandomOptions;

/**
 * For each class c in turn: r = linspace(0, 1, samples), t = linspace(4c, 4(c+1), samples)
 * + 0.2·randn(samples), points (r·sin 2.5t, r·cos 2.5t), label c. Matches nnfs after
 * `nnfs.init()` (float32 noise and points); labels are int32 (nnfs: uint8).
 *
 * @example const { X, y } = spiral(100, 3); // X: [300, 2] float32, y: [300] int32
 * @throws ValueError unless samples ≥ 1 and classes ≥ 1 are integers with at most 2²⁴
 *   points in all.
 */
export function spiral(samples: number, classes: number, options: SpiralOptions = {}): Dataset {
  checkCount("spiral", "samples", samples);
  checkCount("spiral", "classes", classes);
  checkPoints("spiral", samples, classes);
  const rng = options.rng ?? random;
  const n = samples * classes;
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const noiseScale = Math.fround(0.2);
  for (let c = 0; c < classes; c++) {
    const noise = rng.randn([samples]).storage.view();
    for (let i = 0; i < samples; i++) {
      const r = linspaceAt(0, 1, samples, i);
      // float32 noise · float32(0.2) stays float32, then joins the float64 linspace.
      const t = linspaceAt(4 * c, 4 * (c + 1), samples, i) + Math.fround(noise[i] * noiseScale);
      const row = c * samples + i;
      X[2 * row] = r * Math.sin(t * 2.5);
      X[2 * row + 1] = r * Math.cos(t * 2.5);
      y[row] = c;
    }
  }
  return { X: new NDArray(X, [n, 2]) as NDArray<"float32">, y: new NDArray(y, [n]) as NDArray<"int32"> };
}

/** Element i of `np.linspace(start, stop, num)`: start + i·step, the last one exactly stop. */
function linspaceAt(start: number, stop: number, num: number, i: number): number {
  if (num === 1) return start;
  if (i === num - 1) return stop;
  return i * ((stop - start) / (num - 1)) + start;
}
