/**
 * Forward propagation through a small fixed network with @sinapse/tensor: the book's
 * first layer (4 inputs → 3 neurons) and second layer (3 → 3), `output = inputs · Wᵀ + b`.
 */
import { add, array, matmul, transpose } from "@sinapse/tensor";

/** Weights as the book writes them: one row per neuron, one column per input. */
export const LAYER1 = {
  weights: [
    [0.2, 0.8, -0.5, 1.0],
    [0.5, -0.91, 0.26, -0.5],
    [-0.26, -0.27, 0.17, 0.87],
  ],
  biases: [2.0, 3.0, 0.5],
};
export const LAYER2 = {
  weights: [
    [0.1, -0.14, 0.5],
    [-0.5, 0.12, -0.33],
    [-0.44, 0.73, -0.13],
  ],
  biases: [-1, 2, -0.5],
};
export const FORWARD_INPUTS: readonly number[] = [1, 2, 3, 2.5];

/** One layer: `inputs · Wᵀ + b` (`[n] → [neurons]`). */
export function layerForward(inputs: readonly number[], layer: { weights: number[][]; biases: number[] }): number[] {
  const x = array([[...inputs]], { dtype: "float64" });
  const w = array(layer.weights, { dtype: "float64" });
  const b = array([layer.biases], { dtype: "float64" });
  const out = add(matmul(x, transpose(w)), b);
  return Array.from(out.dataSync() as Float64Array);
}

/** ReLU, the activation of step 4: `max(0, x)`. */
export const relu = (x: number): number => Math.max(0, x);

/**
 * The values of every layer, inputs first: `[inputs, layer 1, layer 2]`. With `activate`,
 * the seed's step 4: layer 1's sums pass through ReLU before they feed layer 2 (the book's
 * numbers are the sums without it).
 */
export function forwardValues(inputs: readonly number[], activate = false): number[][] {
  const sums = layerForward(inputs, LAYER1);
  const h = activate ? sums.map(relu) : sums;
  return [[...inputs], h, layerForward(h, LAYER2)];
}
