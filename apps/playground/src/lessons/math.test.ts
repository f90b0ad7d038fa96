import { describe, expect, it } from "vitest";
import { BACKWARD_INPUTS, BACKWARD_START, backwardStep } from "./backward.js";
import { FORWARD_INPUTS, forwardValues } from "./forward.js";
import { ACTIVATIONS, dotBreakdown, layerCounts, neuronLine, neuronOutput, SEED_NETWORK, softmax } from "./math.js";
import { describeList, formatNested, nestedList } from "./shape.js";

describe("neuron", () => {
  it("computes input × weight + bias", () => {
    expect(neuronOutput(2, 0.5, 1)).toBe(2);
    expect(neuronOutput(-1, 3, 0.5)).toBe(-2.5);
  });
  it("samples its line at both ends of the interval", () => {
    const { x, y } = neuronLine(2, 1, -2, 2, 5);
    expect(x).toEqual([-2, -1, 0, 1, 2]);
    expect(y).toEqual([-3, -1, 1, 3, 5]);
  });
});

describe("dotBreakdown", () => {
  it("gives the book's 1·0.2 + 2·0.8 + 3·(−0.5) = 0.3, the same as the library's dot", () => {
    const d = dotBreakdown([1, 2, 3], [0.2, 0.8, -0.5]);
    expect(d.products[0]).toBeCloseTo(0.2);
    expect(d.products[2]).toBeCloseTo(-1.5);
    expect(d.sum).toBeCloseTo(0.3, 12);
    expect(d.fromTensor).toBeCloseTo(d.sum, 12);
  });
  it("throws naming both lengths when the vectors differ", () => {
    expect(() => dotBreakdown([1, 2], [1])).toThrow("lengths differ, got 2 and 1");
  });
});

describe("softmax", () => {
  it("gives probabilities that sum to 1, largest for the largest input", () => {
    const s = softmax([2, 1, 0.1]);
    expect(s.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(s.probabilities[0]).toBeCloseTo(0.659001, 5);
    expect(s.probabilities[1]).toBeCloseTo(0.242433, 5);
    expect(s.probabilities[2]).toBeCloseTo(0.098566, 5);
  });
  it("does not overflow for large inputs (subtracts the max)", () => {
    const s = softmax([1000, 1000]);
    expect(s.probabilities).toEqual([0.5, 0.5]);
  });
});

describe("activations", () => {
  it("step, linear, sigmoid and relu at a few inputs", () => {
    expect([ACTIVATIONS.step(-1), ACTIVATIONS.step(0), ACTIVATIONS.step(0.1)]).toEqual([0, 0, 1]);
    expect(ACTIVATIONS.linear(-2.5)).toBe(-2.5);
    expect(ACTIVATIONS.sigmoid(0)).toBe(0.5);
    expect([ACTIVATIONS.relu(-3), ACTIVATIONS.relu(2)]).toEqual([0, 2]);
  });
});

describe("layerCounts", () => {
  it("counts the seed's example network: 224 weights and 26 biases", () => {
    const c = layerCounts(SEED_NETWORK);
    expect(c.weights).toBe(224);
    expect(c.biases).toBe(26);
    expect(c.layers.map((l) => l.weights)).toEqual([80, 64, 64, 16]);
  });
});

describe("forwardValues", () => {
  it("gives the book's layer outputs [4.8, 1.21, 2.385] for inputs [1, 2, 3, 2.5]", () => {
    const [inputs, layer1, layer2] = forwardValues(FORWARD_INPUTS);
    expect(inputs).toEqual([1, 2, 3, 2.5]);
    expect(layer1?.[0]).toBeCloseTo(4.8, 10);
    expect(layer1?.[1]).toBeCloseTo(1.21, 10);
    expect(layer1?.[2]).toBeCloseTo(2.385, 10);
    // second layer: 0.1·4.8 − 0.14·1.21 + 0.5·2.385 − 1
    expect(layer2?.[0]).toBeCloseTo(0.48 - 0.1694 + 1.1925 - 1, 10);
  });
});

describe("backwardStep", () => {
  it("computes the loss, the gradients by the chain rule and the update", () => {
    const s = backwardStep(BACKWARD_START, BACKWARD_INPUTS, 0, 0.01);
    // z = 1·(−3) + (−2)·(−1) + 3·2 + 1 = 6, loss = 36, ∂L/∂z = 12
    expect(s.z).toBeCloseTo(6, 12);
    expect(s.output).toBeCloseTo(6, 12);
    expect(s.loss).toBeCloseTo(36, 12);
    expect(s.weightGrads).toEqual([12, -24, 36]);
    expect(s.biasGrad).toBeCloseTo(12, 12);
    expect(s.next.weights[0]).toBeCloseTo(-3.12, 12);
    expect(s.next.bias).toBeCloseTo(0.88, 12);
  });
  it("lowers the loss at every iteration", () => {
    let state = BACKWARD_START;
    const losses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = backwardStep(state, BACKWARD_INPUTS, 1, 0.01);
      losses.push(s.loss);
      state = s.next;
    }
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1] as number);
  });
});

describe("shape helpers", () => {
  it("builds nested lists numbered 1, 2, 3, … whose shape the library reports", () => {
    const list = nestedList([2, 3]);
    expect(list).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(describeList(list)).toEqual({ shape: [2, 3], ndim: 2, size: 6 });
    expect(describeList(nestedList([3, 2, 4]))).toEqual({ shape: [3, 2, 4], ndim: 3, size: 24 });
    expect(describeList(nestedList([4]))).toEqual({ shape: [4], ndim: 1, size: 4 });
  });
  it("formats a vector on one line and a matrix one row per line", () => {
    expect(formatNested([1, 2, 3])).toBe("[1, 2, 3]");
    expect(formatNested(nestedList([2, 2]))).toBe("[\n [1, 2],\n [3, 4]\n]");
  });
});
