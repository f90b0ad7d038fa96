/**
 * TypeScript that rebuilds an experiment's model with @sinapse/layers: its `ModelSpec`
 * printed as code for `buildModel` (the Trainer builds the same spec), with the generator
 * seeded as the playground seeds it, so the fresh model starts from the same weights.
 */
import type { Experiment } from "../engine/experiment.js";
import { modelSpec } from "../engine/plan.js";

/** The code, ready to paste into a file of a project that depends on the Sinapse packages. */
export function modelSnippet(e: Experiment): string {
  const { layers, head, optimizer } = modelSpec(e);
  const json = (x: unknown) => JSON.stringify(x).replaceAll(",", ", ").replaceAll(":", ": ");
  return [
    `import { buildModel } from "@sinapse/layers";`,
    `import { Random } from "@sinapse/tensor";`,
    "",
    `// Inputs: ${e.features.join(", ")}. The playground draws the first weights from seed ${e.seed} + 1.`,
    "export const model = buildModel(",
    "  {",
    "    layers: [",
    ...layers.map((layer) => `      ${json(layer)},`),
    "    ],",
    `    head: ${json(head)},`,
    `    optimizer: ${json(optimizer)},`,
    "  },",
    `  { rng: new Random(${e.seed + 1}) },`,
    ");",
    "",
    `// Train it: model.fit(X, model.targetsFor(y), { epochs: 100, batchSize: ${e.batchSize} });`,
    "// or one mini-batch at a time: model.trainStep(bx, by);",
    `// or load the weights you exported: const trained = await Model.load("model.safetensors");`,
    "",
  ].join("\n");
}
