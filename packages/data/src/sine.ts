/** nnfs' `sine_data(samples)`: one period of a sine, the book's regression set (chapter 17). */
import { NDArray } from "@sinapse/tensor";
import { checkCount } from "./checks.js";
import type { Dataset } from "./dataset.js";

/**
 * X = arange(samples) / samples as a column `[samples, 1]`, y = sin(2π·X) `[samples, 1]`.
 * Computed in float64 as nnfs does, then rounded to float32. No randomness.
 *
 * @example const { X, y } = sine(); // X: [1000, 1], y: [1000, 1], both float32
 * @throws ValueError unless 1 ≤ samples ≤ 2²⁴ is an integer.
 */
export function sine(samples = 1000): Dataset<"float32"> {
  checkCount("sine", "samples", samples);
  const X = new Float32Array(samples);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = i / samples;
    X[i] = x;
    y[i] = Math.sin(2 * Math.PI * x);
  }
  return {
    X: new NDArray(X, [samples, 1]) as NDArray<"float32">,
    y: new NDArray(y, [samples, 1]) as NDArray<"float32">,
  };
}
