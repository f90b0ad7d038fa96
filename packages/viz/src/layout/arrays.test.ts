import { tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import { array, Random, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { toMatrix, toVector } from "./arrays.js";
import { validateNetwork } from "./validate.js";

describe("toMatrix and toVector", () => {
  it("turn a Dense layer's weights and biases into what validateNetwork takes, without a cast", () => {
    const dense = new Dense(2, 3, { rng: new Random(0) });
    const weights = toMatrix(dense.weights);
    const biases = toVector(dense.biases);
    expect(weights).toHaveLength(2);
    expect(weights[0]).toHaveLength(3);
    expect(biases).toEqual([0, 0, 0]);
    expect(validateNetwork({ sizes: [2, 3], weights: [weights], biases: [biases] })).toBeNull();
  });

  it("read NDArrays and autograd Tensors alike", () => {
    expect(toMatrix(array([[1, 2]]))).toEqual([[1, 2]]);
    expect(toVector(tensor([1, 2, 3]))).toEqual([1, 2, 3]);
  });

  it.each([
    ["toMatrix of a vector", () => toMatrix(array([1, 2])), "toMatrix: expected a 2-D array, got shape [2]"],
    [
      "toVector of [2,2]",
      () =>
        toVector(
          array([
            [1, 2],
            [3, 4],
          ]),
        ),
      "toVector: expected shape [n] or [1, n], got shape [2,2]",
    ],
    [
      "toMatrix of a plain list",
      () => toMatrix([[1]] as never),
      "toMatrix: expected an NDArray or a Tensor, got object",
    ],
  ])("throw ValueError naming the shape: %s", (_name, call, message) => {
    expect(call).toThrow(ValueError);
    expect(call).toThrow(message);
  });
});
