/**
 * What an experiment's model is, as data: the layers in order, the loss, the accuracy and
 * the optimizer with its settings, by their @sinapse/layers class names. The Trainer
 * builds objects from it and the export prints it as TypeScript, so both always agree.
 */
import { classCount, type Experiment, taskOf } from "./experiment.js";

export type ActivationClass = "ReLU" | "Tanh" | "Sigmoid" | "Linear" | "LeakyReLU" | "GELU" | "Softmax";

export type LayerPlan =
  | { kind: "Dense"; inputs: number; units: number; init: "he" | "glorot" }
  | { kind: "Activation"; name: ActivationClass }
  | { kind: "Dropout"; rate: number };

export interface ModelPlan {
  layers: LayerPlan[];
  /** λ of L1 and L2 on every Dense layer's weights. */
  l1: number;
  l2: number;
  loss: "CategoricalCrossentropy" | "BinaryCrossentropy" | "MeanSquaredError" | "MeanAbsoluteError";
  accuracy: "CategoricalAccuracy" | "BinaryAccuracy" | "RegressionAccuracy";
  optimizer: { name: "SGD" | "Adagrad" | "RMSprop" | "Adam"; settings: Record<string, number> };
}

const ACTIVATION_CLASS = {
  relu: "ReLU",
  tanh: "Tanh",
  sigmoid: "Sigmoid",
  linear: "Linear",
  leakyRelu: "LeakyReLU",
  gelu: "GELU",
} as const satisfies Record<Experiment["hidden"][number]["activation"], ActivationClass>;

function optimizerPlan(e: Experiment): ModelPlan["optimizer"] {
  const common = { learningRate: e.learningRate, decay: e.decay };
  switch (e.optimizer) {
    case "sgd":
      return { name: "SGD", settings: { ...common, momentum: e.momentum } };
    case "adagrad":
      return { name: "Adagrad", settings: common };
    case "rmsprop":
      return { name: "RMSprop", settings: { ...common, rho: e.rho } };
    case "adam":
      return { name: "Adam", settings: { ...common, beta1: e.beta1, beta2: e.beta2 } };
  }
}

/**
 * Hidden Dense layers (He initialisation before ReLU-like activations, Glorot otherwise),
 * each followed by its activation and dropout, then the output layer the task and loss
 * need: softmax for classes, sigmoid for binary cross-entropy, linear for regression.
 */
export function modelPlan(e: Experiment): ModelPlan {
  const layers: LayerPlan[] = [];
  let inputs = e.features.length;
  for (const h of e.hidden) {
    const init = h.activation === "relu" || h.activation === "leakyRelu" ? "he" : "glorot";
    layers.push(
      { kind: "Dense", inputs, units: h.units, init },
      { kind: "Activation", name: ACTIVATION_CLASS[h.activation] },
    );
    if (e.dropout > 0) layers.push({ kind: "Dropout", rate: e.dropout });
    inputs = h.units;
  }
  const task = taskOf(e.dataset);
  const binary = task === "classification" && e.loss === "binary";
  const units = task === "regression" || binary ? 1 : classCount(e);
  layers.push({ kind: "Dense", inputs, units, init: "glorot" });
  const head: Pick<ModelPlan, "loss" | "accuracy"> & { name: ActivationClass } =
    task === "regression"
      ? {
          name: "Linear",
          loss: e.loss === "mae" ? "MeanAbsoluteError" : "MeanSquaredError",
          accuracy: "RegressionAccuracy",
        }
      : binary
        ? { name: "Sigmoid", loss: "BinaryCrossentropy", accuracy: "BinaryAccuracy" }
        : {
            name: "Softmax",
            loss: e.loss === "mse" ? "MeanSquaredError" : "CategoricalCrossentropy",
            accuracy: "CategoricalAccuracy",
          };
  layers.push({ kind: "Activation", name: head.name });
  return { layers, l1: e.l1, l2: e.l2, loss: head.loss, accuracy: head.accuracy, optimizer: optimizerPlan(e) };
}
