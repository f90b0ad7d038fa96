import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ActivationName, activationCurve, activations } from "./activation.js";

describe("activationCurve", () => {
  it("samples f and f′ at evenly spaced points, both ends included", () => {
    expect(activationCurve("relu", { from: -1, to: 1, samples: 3 })).toEqual({
      x: [-1, 0, 1],
      y: [0, 0, 1],
      dy: [0, 0, 1],
    });
    expect(activationCurve("sigmoid").x).toHaveLength(161);
  });

  it("takes a custom { f, df }", () => {
    const square = { f: (x: number) => x * x, df: (x: number) => 2 * x, formula: "x²" };
    expect(activationCurve(square, { from: 0, to: 2, samples: 3 })).toEqual({
      x: [0, 1, 2],
      y: [0, 1, 4],
      dy: [0, 2, 4],
    });
  });
});

describe("activations", () => {
  it("match known values", () => {
    expect(activations.sigmoid.f(0)).toBe(0.5);
    expect(activations.sigmoid.df(0)).toBe(0.25);
    expect(activations.tanh.df(0)).toBe(1);
    expect(activations.leakyRelu.f(-2)).toBe(-0.02);
    expect(activations.gelu.f(1)).toBeCloseTo(0.841192, 6); // PyTorch gelu(1, approximate="tanh")
  });

  it("have derivatives that agree with central differences away from kinks", () => {
    const names: ActivationName[] = ["relu", "leakyRelu", "sigmoid", "tanh", "linear", "gelu", "step"];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.double({ min: -5, max: 5, noNaN: true }), (name, x) => {
        fc.pre(Math.abs(x) > 1e-3);
        const { f, df } = activations[name];
        const h = 1e-5;
        expect(df(x)).toBeCloseTo((f(x + h) - f(x - h)) / (2 * h), 4);
      }),
    );
  });
});
