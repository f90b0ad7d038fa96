/**
 * What an experiment's model is, as data: a `ModelSpec` of @sinapse/layers (the layers in
 * order, the task head, the optimizer with its settings). The Trainer builds it with
 * `buildModel` and the export prints it, so both always agree.
 */
import type { ActivationName, LayerSpec, ModelSpec, OptimizerSpec } from "@sinapse/layers";
import { classCount, type Experiment, taskOf } from "./experiment.js";

const ACTIVATION_CLASS = {
  relu: "ReLU",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: "Linear",
  leakyRelu: "LeakyReLU",
  gelu: "GELU",
} as const satisfies Record<Experiment["hidden"][number]["activation"], ActivationName | "LeakyReLU">;

function optimizerSpec(e: Experiment): OptimizerSpec {
  const common = { learningRate: e.learningRate, decay: e.decay };
  switch (e.optimizer) {
    case "sgd":
      return { type: "SGD", ...common, momentum: e.momentum };
    case "adagrad":
      return { type: "Adagrad", ...common };
    case "rmsprop":
      return { type: "RMSprop", ...common, rho: e.rho };
    case "adam":
      return { type: "Adam", ...common, beta1: e.beta1, beta2: e.beta2 };
  }
}

/**
 * Hidden Dense layers (He initialisation before ReLU-like activations, Glorot otherwise),
 * each followed by its activation and dropout, then the output Dense layer (Glorot) and the
 * head the task and loss need: multiclass (softmax + cross-entropy, or squared error on
 * one-hot rows), binary (sigmoid + binary cross-entropy), regression (linear + MSE or MAE).
 * L1 and L2 apply to every Dense layer's weights.
 */
export function modelSpec(e: Experiment): ModelSpec {
  const penalty = {
    ...(e.l1 > 0 ? { weightRegularizerL1: e.l1 } : {}),
    ...(e.l2 > 0 ? { weightRegularizerL2: e.l2 } : {}),
  };
  const layers: LayerSpec[] = [];
  let inputs = e.features.length;
  for (const h of e.hidden) {
    const init = h.activation === "relu" || h.activation === "leakyRelu" ? "he" : "glorot";
    layers.push(
      { type: "Dense", nInputs: inputs, nNeurons: h.units, init, ...penalty },
      { type: ACTIVATION_CLASS[h.activation] },
    );
    if (e.dropout > 0) layers.push({ type: "Dropout", rate: e.dropout });
    inputs = h.units;
  }
  const task = taskOf(e.dataset);
  const binary = task === "classification" && e.loss === "binary";
  const units = task === "regression" || binary ? 1 : classCount(e);
  layers.push({ type: "Dense", nInputs: inputs, nNeurons: units, init: "glorot", ...penalty });
  const head: ModelSpec["head"] =
    task === "regression"
      ? e.loss === "mae"
        ? { type: "regression", loss: "mae" }
        : { type: "regression" }
      : binary
        ? { type: "binary" }
        : e.loss === "mse"
          ? { type: "multiclass", loss: "mse" }
          : { type: "multiclass" };
  return { layers, head, optimizer: optimizerSpec(e) };
}
