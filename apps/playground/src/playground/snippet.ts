/**
 * TypeScript that rebuilds an experiment's model with @sinapse/layers — the same layers,
 * initialisers, regularisation, loss, accuracy and optimizer as the playground, the
 * generator seeded the same way, so the fresh model starts from the same weights.
 */
import { classCount, type Experiment, taskOf } from "../engine/experiment.js";

const ACTIVATION_CLASS = {
  relu: "ReLU",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: "Linear",
  leakyRelu: "LeakyReLU",
  gelu: "GELU",
} as const;

function optimizerCode(e: Experiment): string {
  const common = `learningRate: ${e.learningRate}, decay: ${e.decay}`;
  switch (e.optimizer) {
    case "sgd":
      return `new SGD({ ${common}, momentum: ${e.momentum} })`;
    case "adagrad":
      return `new Adagrad({ ${common} })`;
    case "rmsprop":
      return `new RMSprop({ ${common}, rho: ${e.rho} })`;
    case "adam":
      return `new Adam({ ${common}, beta1: ${e.beta1}, beta2: ${e.beta2} })`;
  }
}

/** The code, ready to paste into a file of a project that depends on the Sinapse packages. */
export function modelSnippet(e: Experiment): string {
  const task = taskOf(e.dataset);
  const binary = task === "classification" && e.loss === "binary";
  const outputs = task === "regression" || binary ? 1 : classCount(e);
  const reg = e.l1 || e.l2 ? `, weightRegularizerL1: ${e.l1}, weightRegularizerL2: ${e.l2}` : "";
  const names = new Set<string>(["Model", "Dense"]);
  const lines: string[] = [];
  let inputs = e.features.length;
  for (const h of e.hidden) {
    const init = h.activation === "relu" || h.activation === "leakyRelu" ? "he" : "glorot";
    const act = ACTIVATION_CLASS[h.activation];
    names.add(act);
    lines.push(`  .add(new Dense(${inputs}, ${h.units}, { rng, init: "${init}"${reg} }))`);
    lines.push(`  .add(new ${act}())`);
    if (e.dropout > 0) {
      names.add("Dropout");
      lines.push(`  .add(new Dropout(${e.dropout}, { rng }))`);
    }
    inputs = h.units;
  }
  lines.push(`  .add(new Dense(${inputs}, ${outputs}, { rng, init: "glorot"${reg} }))`);
  let head: string;
  let loss: string;
  let accuracy: string;
  if (task === "regression") {
    head = "Linear";
    loss = e.loss === "mae" ? "MeanAbsoluteError" : "MeanSquaredError";
    accuracy = "RegressionAccuracy";
  } else if (binary) {
    head = "Sigmoid";
    loss = "BinaryCrossentropy";
    accuracy = "BinaryAccuracy";
  } else {
    head = "Softmax";
    loss = e.loss === "mse" ? "MeanSquaredError" : "CategoricalCrossentropy";
    accuracy = "CategoricalAccuracy";
  }
  const optimizer = optimizerCode(e);
  const optimizerName = optimizer.slice(4, optimizer.indexOf("("));
  for (const n of [head, loss, accuracy, optimizerName]) names.add(n);
  lines.push(`  .add(new ${head}())`);
  return [
    `import { ${[...names].sort().join(", ")} } from "@sinapse/layers";`,
    `import { Random } from "@sinapse/tensor";`,
    "",
    `// Inputs: ${e.features.join(", ")}. The playground draws the first weights from seed ${e.seed} + 1.`,
    `const rng = new Random(${e.seed + 1});`,
    "export const model = new Model()",
    ...lines,
    `  .set({ loss: new ${loss}(), accuracy: new ${accuracy}(), optimizer: ${optimizer} })`,
    "  .finalize();",
    "",
    `// Train it: model.train(X, y, { epochs: 100, batchSize: ${e.batchSize} });`,
    `// or load the weights you exported: const trained = await Model.load("model.safetensors");`,
    "",
  ].join("\n");
}
