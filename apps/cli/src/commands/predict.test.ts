import { array } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import type { CliMetadata } from "../model-file.js";
import { asText, predictionsOf } from "./predict.js";

const meta = (task: CliMetadata["task"], classNames: string[] | null = null): CliMetadata => ({
  task,
  features: 2,
  outputs: 2,
  classNames,
  preprocess: { type: "none" },
  dataset: null,
});

describe("predictions", () => {
  it("print the class index, or its name, and the probabilities on request", () => {
    const outputs = array([
      [0.9, 0.1],
      [0.2, 0.8],
    ]);
    const classes = array(new Int32Array([0, 1]));
    expect(asText(predictionsOf(meta("classification"), outputs, classes, false))).toBe("0\n1\n");
    expect(asText(predictionsOf(meta("classification", ["cat", "dog"]), outputs, classes, true))).toBe(
      "cat,0.9000,0.1000\ndog,0.2000,0.8000\n",
    );
  });

  it("print a binary model's 0/1 with the probability of class 1", () => {
    const p = predictionsOf(meta("binary"), array([[0.25], [0.75]]), array(new Int32Array([0, 1]), [2, 1]), true);
    expect(p).toEqual({ predictions: [0, 1], probabilities: [0.25, 0.75] });
    expect(asText(p)).toBe("0,0.2500\n1,0.7500\n");
  });

  it("print regression values to float32 precision, comma-separated for several outputs", () => {
    const one = predictionsOf(meta("regression"), array([[0.1], [-2.5]]), array([[0.1], [-2.5]]), false);
    expect(one.predictions).toEqual([0.1, -2.5]);
    const two = predictionsOf(meta("regression"), array([[1, 2]]), array([[1, 2]]), false);
    expect(asText(two)).toBe("1,2\n");
  });
});
