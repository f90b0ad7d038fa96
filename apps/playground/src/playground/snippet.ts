/**
 * TypeScript that rebuilds an experiment's model with @sinapse/layers: its `modelPlan`
 * printed as code (the Trainer builds the same plan), with the generator seeded as the
 * playground seeds it, so the fresh model starts from the same weights.
 */
import type { Experiment } from "../engine/experiment.js";
import { type LayerPlan, modelPlan } from "../engine/plan.js";

/** The code, ready to paste into a file of a project that depends on the Sinapse packages. */
export function modelSnippet(e: Experiment): string {
  const plan = modelPlan(e);
  const reg = plan.l1 || plan.l2 ? `, weightRegularizerL1: ${plan.l1}, weightRegularizerL2: ${plan.l2}` : "";
  const layerCode = (layer: LayerPlan): string => {
    switch (layer.kind) {
      case "Dense":
        return `new Dense(${layer.inputs}, ${layer.units}, { rng, init: "${layer.init}"${reg} })`;
      case "Dropout":
        return `new Dropout(${layer.rate}, { rng })`;
      case "Activation":
        return `new ${layer.name}()`;
    }
  };
  const { name: optimizer, settings } = plan.optimizer;
  const optimizerSettings = Object.entries(settings)
    .map(([key, value]) => `${key}: ${value}`)
    .join(", ");
  const names = new Set(["Model", plan.loss, plan.accuracy, optimizer]);
  for (const layer of plan.layers) names.add(layer.kind === "Activation" ? layer.name : layer.kind);
  return [
    `import { ${[...names].sort().join(", ")} } from "@sinapse/layers";`,
    `import { Random } from "@sinapse/tensor";`,
    "",
    `// Inputs: ${e.features.join(", ")}. The playground draws the first weights from seed ${e.seed} + 1.`,
    `const rng = new Random(${e.seed + 1});`,
    "export const model = new Model()",
    ...plan.layers.map((layer) => `  .add(${layerCode(layer)})`),
    `  .set({ loss: new ${plan.loss}(), accuracy: new ${plan.accuracy}(), optimizer: new ${optimizer}({ ${optimizerSettings} }) })`,
    "  .finalize();",
    "",
    `// Train it: model.train(X, y, { epochs: 100, batchSize: ${e.batchSize} });`,
    `// or load the weights you exported: const trained = await Model.load("model.safetensors");`,
    "",
  ].join("\n");
}
