/**
 * Flags → `Model`: Dense layers of the hidden sizes, each followed by the activation (and
 * dropout), then the output layer the task needs — softmax + categorical cross-entropy for
 * classes, sigmoid + binary cross-entropy for two classes as 0/1, linear + mean squared error
 * for values — and the optimizer with its hyper-parameters.
 */
import {
  type Accuracy,
  Adagrad,
  Adam,
  BinaryAccuracy,
  BinaryCrossentropy,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  type DenseOptions,
  Dropout,
  GELU,
  LeakyReLU,
  Linear,
  type Loss,
  MeanSquaredError,
  Model,
  type Module,
  type Optimizer,
  RegressionAccuracy,
  ReLU,
  RMSprop,
  SGD,
  Sigmoid,
  Softmax,
  Tanh,
} from "@sinapse/layers";
import { mul } from "@sinapse/tensor";
import type { Task } from "./datasets.js";

export const ACTIVATIONS = { relu: ReLU, sigmoid: Sigmoid, tanh: Tanh, "leaky-relu": LeakyReLU, gelu: GELU } as const;
export type ActivationName = keyof typeof ACTIVATIONS;
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

export const OPTIMIZER_NAMES = ["adam", "sgd", "adagrad", "rmsprop"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** The book's initial weights `0.01·randn` (nnfs), He, Glorot, or `scale·randn`. */
export type InitName = "nnfs" | "he" | "glorot" | number;

export interface Architecture {
  features: number;
  outputs: number;
  task: Task;
  hidden: number[];
  activation: ActivationName;
  init: InitName;
  /** Dropout rate after each hidden activation; 0 for none. */
  dropout: number;
  /** λ of L1 and L2 on the weights and biases of the hidden layers (the book's chapter 14). */
  l1: number;
  l2: number;
}

export interface OptimizerSettings {
  name: OptimizerName;
  learningRate?: number;
  decay?: number;
  momentum?: number;
  epsilon?: number;
  beta1?: number;
  beta2?: number;
  rho?: number;
}

function denseOptions(a: Architecture, hidden: boolean): DenseOptions {
  const init: DenseOptions["init"] =
    typeof a.init === "number" ? (n, m, rng) => mul(rng.randn([n, m]), a.init as number) : a.init;
  if (!hidden) return { init };
  return {
    init,
    weightRegularizerL1: a.l1,
    weightRegularizerL2: a.l2,
    biasRegularizerL1: a.l1,
    biasRegularizerL2: a.l2,
  };
}

function outputLayer(task: Task): { activation: Module; loss: Loss; accuracy: Accuracy } {
  switch (task) {
    case "classification":
      return { activation: new Softmax(), loss: new CategoricalCrossentropy(), accuracy: new CategoricalAccuracy() };
    case "binary":
      return { activation: new Sigmoid(), loss: new BinaryCrossentropy(), accuracy: new BinaryAccuracy() };
    case "regression":
      return { activation: new Linear(), loss: new MeanSquaredError(), accuracy: new RegressionAccuracy() };
  }
}

export function buildOptimizer(s: OptimizerSettings): Optimizer {
  const common = { learningRate: s.learningRate, decay: s.decay };
  switch (s.name) {
    case "adam":
      return new Adam({ ...common, epsilon: s.epsilon, beta1: s.beta1, beta2: s.beta2 });
    case "sgd":
      return new SGD({ ...common, momentum: s.momentum });
    case "adagrad":
      return new Adagrad({ ...common, epsilon: s.epsilon });
    case "rmsprop":
      return new RMSprop({ ...common, epsilon: s.epsilon, rho: s.rho });
  }
}

/**
 * `features → hidden… → outputs`. Weights are drawn from the shared generator in layer
 * order, as the book's code does, so a seeded run repeats exactly.
 */
export function buildModel(a: Architecture, optimizer: OptimizerSettings): Model {
  const model = new Model();
  let inputs = a.features;
  for (const size of a.hidden) {
    model.add(new Dense(inputs, size, denseOptions(a, true)));
    model.add(new ACTIVATIONS[a.activation]());
    if (a.dropout > 0) model.add(new Dropout(a.dropout));
    inputs = size;
  }
  const out = outputLayer(a.task);
  model.add(new Dense(inputs, a.outputs, denseOptions(a, false)));
  model.add(out.activation);
  return model.set({ loss: out.loss, accuracy: out.accuracy, optimizer: buildOptimizer(optimizer) }).finalize();
}
