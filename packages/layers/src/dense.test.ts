import { sum, tensor } from "@sinapse/autograd";
import { array, NDArray, Random, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { Dense } from "./dense.js";

describe("Dense", () => {
  it("stores weights [nInputs, nNeurons] and biases [1, nNeurons]", () => {
    const layer = new Dense(2, 3, { rng: new Random(0) });
    expect(layer.weights.shape).toEqual([2, 3]);
    expect(layer.biases.shape).toEqual([1, 3]);
    expect(layer.biases.toArray()).toEqual([[0, 0, 0]]);
    expect(layer.parameters()).toEqual([layer.weights, layer.biases]);
  });

  it("initialises weights to 0.01 · randn from seed 0, as nnfs", () => {
    const layer = new Dense(2, 3, { rng: new Random(0) });
    // np.random.seed(0); 0.01 * np.random.randn(2, 3)
    expect(layer.weights.value).toBeAllclose(
      [
        [0.0176405235, 0.0040015721, 0.0097873798],
        [0.022408932, 0.0186755799, -0.0097727788],
      ],
      { rtol: 1e-6, atol: 0 },
    );
  });

  it("computes inputs · weights + biases for a batch", () => {
    const layer = new Dense(2, 3, { rng: new Random(0) });
    const x = array([
      [1, 2],
      [-1, 0.5],
    ]);
    const W = layer.weights.value.toArray() as number[][];
    const expected = [
      [0, 1, 2].map((j) => 1 * (W[0]?.[j] ?? 0) + 2 * (W[1]?.[j] ?? 0)),
      [0, 1, 2].map((j) => -1 * (W[0]?.[j] ?? 0) + 0.5 * (W[1]?.[j] ?? 0)),
    ];
    expect(layer.forward(x)).toBeAllclose(expected, { rtol: 1e-6 });
  });

  it("propagates gradients to weights and biases", () => {
    const layer = new Dense(2, 2, { rng: new Random(0) });
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    sum(layer.forward(x)).backward();
    // ∂Σ(xW + b)/∂W = xᵀ·1 (column sums of x per weight row), ∂/∂b = batch size
    expect(layer.weights.grad?.toArray()).toEqual([
      [9, 9],
      [12, 12],
    ]);
    expect(layer.biases.grad?.toArray()).toEqual([[3, 3]]);
  });

  it("draws from the shared generator in construction order", () => {
    const a = new Dense(2, 4, { rng: new Random(0) });
    const rng = new Random(0);
    const first = new Dense(2, 4, { rng });
    const second = new Dense(4, 3, { rng });
    expect(first.weights.toArray()).toEqual(a.weights.toArray());
    expect(second.weights.toArray()).not.toEqual(first.weights.toArray());
  });

  it("throws ValueError for zero, negative or fractional sizes", () => {
    expect(() => new Dense(0, 3)).toThrow(ValueError);
    expect(() => new Dense(0, 3)).toThrow("Dense: nInputs must be a positive integer, got 0");
    expect(() => new Dense(2, 1.5)).toThrow("Dense: nNeurons must be a positive integer, got 1.5");
    expect(() => new Dense(2, -1)).toThrow(ValueError);
  });

  it("throws ShapeError naming the expected input shape", () => {
    const layer = new Dense(2, 3);
    expect(() => layer.forward(new NDArray(new Float32Array(6), [2, 3]))).toThrow(ShapeError);
    expect(() => layer.forward(new NDArray(new Float32Array(6), [2, 3]))).toThrow(
      "Dense.forward: expected inputs of shape [batch, 2], got [2,3]",
    );
  });
});
