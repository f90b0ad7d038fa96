/**
 * nnfs' `vertical_data(samples, classes)`: one vertical band of points per class, drawn
 * from the NumPy-compatible generator.
 */
import { NDArray, random } from "@sinapse/tensor";
import { checkCount, checkPoints } from "./checks.js";
import type { Dataset, RandomOptions } from "./dataset.js";

/** Options of {@link vertical}. */
export type VerticalOptions = RandomOptions;

/**
 * For each class c in turn: x = 0.1·randn(samples) + c/3, then y = 0.1·randn(samples) + 0.5
 * (two calls, x first), label c. Float32 throughout, as nnfs after `nnfs.init()`;
 * labels are int32 (nnfs: uint8).
 *
 * @example const { X, y } = vertical(100, 3); // X: [300, 2] float32, y: [300] int32
 * @throws ValueError unless samples ≥ 1 and classes ≥ 1 are integers with at most 2²⁴
 *   points in all.
 */
export function vertical(samples: number, classes: number, options: VerticalOptions = {}): Dataset {
  checkCount("vertical", "samples", samples);
  checkCount("vertical", "classes", classes);
  checkPoints("vertical", samples, classes);
  const rng = options.rng ?? random;
  const n = samples * classes;
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  const scale = Math.fround(0.1);
  const yCenter = Math.fround(0.5);
  for (let c = 0; c < classes; c++) {
    const xs = rng.randn([samples]).storage.view();
    const ys = rng.randn([samples]).storage.view();
    // NumPy float32 ⊕ Python float: the scalar becomes float32, each step rounds to float32.
    const xCenter = Math.fround(c / 3);
    for (let i = 0; i < samples; i++) {
      const row = c * samples + i;
      X[2 * row] = Math.fround(xs[i] * scale) + xCenter;
      X[2 * row + 1] = Math.fround(ys[i] * scale) + yCenter;
      y[row] = c;
    }
  }
  return { X: new NDArray(X, [n, 2]) as NDArray<"float32">, y: new NDArray(y, [n]) as NDArray<"int32"> };
}
