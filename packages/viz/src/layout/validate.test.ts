import { describe, expect, it } from "vitest";
import { describeValue, firstNonFinite, validateNetwork, validateSizes } from "./validate.js";

const w1 = [
  [0.5, -0.2, 0.1, 0],
  [-1, 0.3, 0.05, 0.2],
];
const w2 = [
  [0.1, 0.2, -0.3],
  [0.4, -0.5, 0.6],
  [0.7, 0.8, -0.9],
  [1.0, -0.1, 0.2],
];

describe("validateNetwork", () => {
  it("accepts matching weights, biases and gradients", () => {
    expect(validateNetwork({ sizes: [2, 4, 3] })).toBeNull();
    expect(
      validateNetwork({
        sizes: [2, 4, 3],
        weights: [w1, w2],
        biases: [
          [0, 0, 0, 0],
          [1, 2, 3],
        ],
        gradients: {
          weights: [w1, w2],
          biases: [
            [0, 0, 0, 0],
            [1, 2, 3],
          ],
        },
      }),
    ).toBeNull();
  });

  it("names empty and too-short size lists", () => {
    expect(validateNetwork({ sizes: [] })).toBe("no layers to draw (sizes is empty)");
    expect(validateSizes([3])).toBe("needs at least an input and an output layer, got [3]");
    expect(validateSizes([2, 0, 3])).toBe("layer sizes must be positive integers, got [2,0,3]");
    expect(validateSizes([2, 1.5])).toBe("layer sizes must be positive integers, got [2,1.5]");
  });

  it("names a wrong number of weight matrices, an empty list included", () => {
    expect(validateNetwork({ sizes: [2, 4, 3], weights: [] })).toBe(
      "weights has 0 matrices, expected 2 for 3 layers [2,4,3]",
    );
    expect(validateNetwork({ sizes: [2, 4, 3], weights: [w1] })).toBe(
      "weights has 1 matrix, expected 2 for 3 layers [2,4,3]",
    );
  });

  it("names a transposed matrix by both shapes", () => {
    expect(validateNetwork({ sizes: [2, 4, 3], weights: [w1, w2.map((r) => r.slice(0, 2))] })).toBe(
      "weights[1] must be [4,3], but row 0 has 2 values",
    );
    expect(validateNetwork({ sizes: [2, 4, 3], weights: [w2, w1] })).toBe("weights[0] must be [2,4], got [4,3]");
  });

  it("names the layer and index of a NaN or an Infinity", () => {
    const bad = w2.map((r) => [...r]);
    (bad[2] as number[])[1] = Number.NaN;
    expect(validateNetwork({ sizes: [2, 4, 3], weights: [w1, bad] })).toBe(
      "weights[1][2][1] is NaN (layer 1, neuron 2 → neuron 1)",
    );
    expect(
      validateNetwork({
        sizes: [2, 4, 3],
        biases: [
          [0, 0, 0, 0],
          [0, Number.POSITIVE_INFINITY, 0],
        ],
      }),
    ).toBe("biases[1][1] is Infinity (layer 2, neuron 1)");
  });

  it("checks biases and gradients as carefully as weights", () => {
    expect(validateNetwork({ sizes: [2, 4, 3], biases: [[0, 0, 0, 0]] })).toBe(
      "biases has 1 vector, expected 2 for 3 layers [2,4,3]",
    );
    expect(
      validateNetwork({
        sizes: [2, 4, 3],
        biases: [
          [0, 0, 0, 0],
          [0, 0],
        ],
      }),
    ).toBe("biases[1] must have 3 values, got 2");
    expect(validateNetwork({ sizes: [2, 4, 3], gradients: { weights: [w1] } })).toBe(
      "gradients.weights has 1 matrix, expected 2 for 3 layers [2,4,3]",
    );
  });
});

describe("firstNonFinite and describeValue", () => {
  it("find the first NaN or ±Infinity and say what it is", () => {
    expect(firstNonFinite([1, 2, 3])).toBe(-1);
    expect(firstNonFinite(new Float32Array([1, Number.NaN, Number.POSITIVE_INFINITY]))).toBe(1);
    expect(describeValue(Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(null)).toBe("null");
  });
});
