import * as layers from "@sinapse/layers";
import * as tensor from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPERIMENT, type Experiment, normalize } from "../engine/experiment.js";
import { Trainer } from "../engine/trainer.js";
import { modelSnippet } from "./snippet.js";

/** Runs the snippet (it is plain JavaScript once its imports are bound) and returns its model. */
function runSnippet(code: string): layers.Model {
  const body = code
    .split("\n")
    .filter((line) => !line.startsWith("import "))
    .join("\n")
    .replace("export const model", "const model");
  const run = new Function(
    "layers",
    "tensor",
    `const { ${Object.keys(layers).join(", ")} } = layers; const { Random } = tensor;\n${body}\nreturn model;`,
  );
  return run(layers, tensor) as layers.Model;
}

const cases: Record<string, Partial<Experiment>> = {
  "spiral with dropout and L2, Adam": { dropout: 0.1, l2: 1e-3 },
  "xor with sigmoid output and SGD": {
    dataset: "xor",
    loss: "binary",
    optimizer: "sgd",
    hidden: [{ units: 4, activation: "tanh" }],
  },
  "sine regression with RMSProp": { dataset: "sine", optimizer: "rmsprop", features: ["x1", "sinx1"] },
};

describe("modelSnippet", () => {
  for (const [name, changes] of Object.entries(cases)) {
    it(`rebuilds the playground's model with its initial weights: ${name}`, () => {
      const e = normalize({ ...DEFAULT_EXPERIMENT, ...changes });
      const trainer = new Trainer(e, { grid: 2, thumbnailGrid: 2 });
      const model = runSnippet(modelSnippet(e));
      expect(model.summary()).toBe(trainer.model.summary());
      const ours = model.layers.filter((l) => l instanceof layers.Dense).map((d) => d.weights.value.toArray());
      expect(ours).toEqual(trainer.dense.map((d) => d.weights.value.toArray()));
      expect(model.optimizer?.config()).toEqual(trainer.model.optimizer?.config());
    });
  }
});
