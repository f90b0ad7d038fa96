/**
 * Flags → `ModelSpec`: Dense layers of the hidden sizes, each followed by the activation (and
 * dropout), then the output layer of the task's width and the task's head — `multiclass`
 * for classes, `binary` for two classes as 0/1, `regression` for values — and the optimizer
 * with its hyper-parameters. `buildModel` from @sinapse/layers builds (and checks) it.
 */
import type { ActivationName as LayerActivation, LayerSpec, ModelSpec, OptimizerSpec } from "@sinapse/layers";
import type { Task } from "./datasets.js";

const ACTIVATIONS = {
  relu: "ReLU",
  sigmoid: "Sigmoid",
  tanh: "Tanh",
  "leaky-relu": "LeakyReLU",
  gelu: "GELU",
} as const satisfies Record<string, LayerActivation | "LeakyReLU">;
export type ActivationName = keyof typeof ACTIVATIONS;
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

const OPTIMIZERS = { adam: "Adam", sgd: "SGD", adagrad: "Adagrad", rmsprop: "RMSprop" } as const;
export const OPTIMIZER_NAMES = ["adam", "sgd", "adagrad", "rmsprop"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** The book's initial weights `0.01·randn` (nnfs), He, Glorot, or `scale·randn`. */
export type InitName = "nnfs" | "he" | "glorot" | number;

/** The head each task trains with. */
const HEADS = { classification: "multiclass", binary: "binary", regression: "regression" } as const satisfies Record<
  Task,
  string
>;

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

/** Which hyper-parameters each optimizer takes (the others stay out of its spec). */
const TAKES: Record<OptimizerName, readonly (keyof OptimizerSettings)[]> = {
  adam: ["epsilon", "beta1", "beta2"],
  sgd: ["momentum"],
  adagrad: ["epsilon"],
  rmsprop: ["epsilon", "rho"],
};

export function optimizerSpec(s: OptimizerSettings): OptimizerSpec {
  const spec: Record<string, number | string> = { type: OPTIMIZERS[s.name] };
  for (const key of ["learningRate", "decay", ...TAKES[s.name]] as const) {
    const value = s[key];
    if (typeof value === "number") spec[key] = value;
  }
  return spec as unknown as OptimizerSpec;
}

/**
 * `features → hidden… → outputs` and the task's head. Weights are drawn from the shared
 * generator in layer order, as the book's code does, so a seeded run repeats exactly.
 */
export function modelSpec(a: Architecture, optimizer: OptimizerSettings): ModelSpec {
  const init = a.init === "nnfs" ? {} : { init: a.init };
  const penalty =
    a.l1 > 0 || a.l2 > 0
      ? { weightRegularizerL1: a.l1, weightRegularizerL2: a.l2, biasRegularizerL1: a.l1, biasRegularizerL2: a.l2 }
      : {};
  const layers: LayerSpec[] = [];
  let inputs = a.features;
  for (const size of a.hidden) {
    layers.push({ type: "Dense", nInputs: inputs, nNeurons: size, ...init, ...penalty });
    layers.push({ type: ACTIVATIONS[a.activation] });
    if (a.dropout > 0) layers.push({ type: "Dropout", rate: a.dropout });
    inputs = size;
  }
  layers.push({ type: "Dense", nInputs: inputs, nNeurons: a.outputs, ...init });
  return { layers, head: { type: HEADS[a.task] }, optimizer: optimizerSpec(optimizer) };
}
