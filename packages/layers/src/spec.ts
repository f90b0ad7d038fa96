/**
 * `ModelSpec`: a model as JSON — its layers, its task head and its optimizer — and the two
 * directions, `buildModel(spec)` and `specOf(model)` (`model.spec()`). Saving and loading,
 * the CLI and the playground all build their models here.
 *
 * `buildModel` checks the whole spec before it builds a layer or allocates an array: every
 * field's type and range, unknown fields, that consecutive Dense layers fit, the number of
 * layers and of parameters; class names are looked up as own properties of fixed tables,
 * so `"constructor"` or `"__proto__"` is an unknown name like any other.
 */
import { type NDArray, type Random, ValueError } from "@sinapse/tensor";
import { GELU, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from "./activations.js";
import { Dense, type Initializer } from "./dense.js";
import { Dropout } from "./dropout.js";
import { BinaryHead, type Head, type HeadSpec, MulticlassHead, RegressionHead } from "./heads.js";
import { Model } from "./model.js";
import type { Module } from "./module.js";
import { Adagrad } from "./optimizers/adagrad.js";
import { Adam } from "./optimizers/adam.js";
import type { Optimizer, OptimizerOptions } from "./optimizers/optimizer.js";
import { RMSprop } from "./optimizers/rmsprop.js";
import { SGD } from "./optimizers/sgd.js";

/** Parameter-free activation layers, by class name. */
export type ActivationName = "ReLU" | "Sigmoid" | "Tanh" | "Softmax" | "Linear" | "GELU";

export interface DenseSpec {
  type: "Dense";
  nInputs: number;
  nNeurons: number;
  /** `"nnfs"` (0.01·randn, the default), `"he"`, `"glorot"` or a scale `s` for `s·randn`. */
  init?: "nnfs" | "he" | "glorot" | number;
  /** One initial bias for every neuron (0 by default). */
  initialBiases?: number;
  weightRegularizerL1?: number;
  weightRegularizerL2?: number;
  biasRegularizerL1?: number;
  biasRegularizerL2?: number;
}

export type LayerSpec =
  | DenseSpec
  | { type: ActivationName }
  | { type: "LeakyReLU"; alpha?: number }
  | { type: "Dropout"; rate: number };

export type OptimizerSpec = OptimizerOptions &
  (
    | { type: "SGD"; momentum?: number }
    | { type: "Adagrad"; epsilon?: number }
    | { type: "RMSprop"; epsilon?: number; rho?: number }
    | { type: "Adam"; epsilon?: number; beta1?: number; beta2?: number }
  );

/**
 * A model as JSON: the layers before the output, the task head (which adds the output
 * activation, the loss and the accuracy; `null` for bare layers) and the optimizer.
 * @example
 * const model = buildModel({
 *   layers: [{ type: "Dense", nInputs: 2, nNeurons: 64 }, { type: "ReLU" }, { type: "Dense", nInputs: 64, nNeurons: 3 }],
 *   head: { type: "multiclass" },
 *   optimizer: { type: "Adam", learningRate: 0.05, decay: 5e-7 },
 * });
 */
export interface ModelSpec {
  layers: LayerSpec[];
  head: HeadSpec | null;
  optimizer: OptimizerSpec | null;
}

/** The most a spec may ask for (a model file's architecture is held to the same). */
export const SPEC_LIMITS = {
  layers: 10_000,
  /** Inputs or neurons of one Dense layer. */
  units: 2 ** 24,
  /** Weights and biases of all layers together (512 MiB of float32). */
  parameters: 2 ** 27,
} as const;

export interface BuildOptions {
  /** Generator for the initial weights and the dropout masks; the shared `random` by default. */
  rng?: Random;
}

/** Internal: where a loaded model's weights come from instead of drawing them. */
export type WeightSource = (layer: number, name: "weights" | "biases", shape: readonly [number, number]) => NDArray;

const ACTIVATIONS: Readonly<Record<ActivationName, new () => Module>> = { ReLU, Sigmoid, Tanh, Softmax, Linear, GELU };
const OPTIMIZERS = { SGD, Adagrad, RMSprop, Adam } as const;
const OPTIMIZER_KEYS: Readonly<Record<keyof typeof OPTIMIZERS, readonly string[]>> = {
  SGD: ["momentum"],
  Adagrad: ["epsilon"],
  RMSprop: ["epsilon", "rho"],
  Adam: ["epsilon", "beta1", "beta2"],
};
const HEAD_KEYS: Readonly<Record<HeadSpec["type"], readonly string[]>> = {
  multiclass: ["loss"],
  binary: [],
  regression: ["loss", "precision"],
};
const DENSE_KEYS = [
  "nInputs",
  "nNeurons",
  "init",
  "initialBiases",
  "weightRegularizerL1",
  "weightRegularizerL2",
  "biasRegularizerL1",
  "biasRegularizerL2",
] as const;
/** The activation each head puts last, so a spec cannot add it twice. */
const HEAD_ACTIVATION: Readonly<Record<HeadSpec["type"], ActivationName>> = {
  multiclass: "Softmax",
  binary: "Sigmoid",
  regression: "Linear",
};

/** `table[name]` when `name` is one of its own keys (never an inherited `constructor` or `__proto__`). */
function own<T>(table: Readonly<Record<string, T>>, name: unknown): T | undefined {
  return typeof name === "string" && Object.hasOwn(table, name) ? table[name] : undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const show = (v: unknown): string => {
  if (typeof v === "number") return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** Checks a spec; every problem is a ValueError of `op` naming the field and the value. */
class Checker {
  constructor(readonly op: string) {}

  fail(problem: string): ValueError {
    return new ValueError(this.op, problem);
  }

  record(x: unknown, what: string): Record<string, unknown> {
    if (!isRecord(x)) throw this.fail(`${what} must be an object, got ${show(x)}`);
    return x;
  }

  keys(x: Record<string, unknown>, allowed: readonly string[], what: string): void {
    for (const key of Object.keys(x)) {
      if (key !== "type" && !allowed.includes(key))
        throw this.fail(
          `${what} has an unknown field ${show(key)}${allowed.length ? ` (expected ${allowed.join(", ")})` : ""}`,
        );
    }
  }

  size(x: unknown, what: string): number {
    if (!Number.isSafeInteger(x) || (x as number) < 1 || (x as number) > SPEC_LIMITS.units)
      throw this.fail(`${what} must be a whole number from 1 to ${SPEC_LIMITS.units}, got ${show(x)}`);
    return x as number;
  }

  number(x: unknown, what: string, test: (v: number) => boolean, range: string): number {
    if (typeof x !== "number" || !Number.isFinite(x) || !test(x))
      throw this.fail(`${what} must be ${range}, got ${show(x)}`);
    return x;
  }
}

function checkLayer(c: Checker, raw: unknown, i: number): LayerSpec {
  const what = `layers[${i}]`;
  const x = c.record(raw, what);
  const type = x.type;
  if (type === "Dense") {
    c.keys(x, DENSE_KEYS, what);
    const spec: DenseSpec = {
      type,
      nInputs: c.size(x.nInputs, `${what}.nInputs`),
      nNeurons: c.size(x.nNeurons, `${what}.nNeurons`),
    };
    if (x.init !== undefined) {
      if (typeof x.init === "number") spec.init = c.number(x.init, `${what}.init`, (v) => v > 0, "a scale > 0");
      else if (x.init === "nnfs" || x.init === "he" || x.init === "glorot") spec.init = x.init;
      else throw c.fail(`${what}.init must be "nnfs", "he", "glorot" or a scale > 0, got ${show(x.init)}`);
    }
    if (x.initialBiases !== undefined)
      spec.initialBiases = c.number(x.initialBiases, `${what}.initialBiases`, () => true, "a finite number");
    for (const key of [
      "weightRegularizerL1",
      "weightRegularizerL2",
      "biasRegularizerL1",
      "biasRegularizerL2",
    ] as const) {
      if (x[key] !== undefined) spec[key] = c.number(x[key], `${what}.${key}`, (v) => v >= 0, "a finite number ≥ 0");
    }
    return spec;
  }
  if (type === "LeakyReLU") {
    c.keys(x, ["alpha"], what);
    return x.alpha === undefined
      ? { type }
      : { type, alpha: c.number(x.alpha, `${what}.alpha`, () => true, "a finite number") };
  }
  if (type === "Dropout") {
    c.keys(x, ["rate"], what);
    return { type, rate: c.number(x.rate, `${what}.rate`, (v) => v >= 0 && v < 1, "in [0, 1)") };
  }
  if (own(ACTIVATIONS, type)) {
    c.keys(x, [], what);
    return { type: type as ActivationName };
  }
  throw c.fail(
    `${what} has unknown type ${show(type)}, expected Dense, Dropout, LeakyReLU or ${Object.keys(ACTIVATIONS).join(", ")}`,
  );
}

function checkHead(c: Checker, raw: unknown): HeadSpec | null {
  if (raw === null) return null;
  const x = c.record(raw, "head");
  const allowed = own(HEAD_KEYS, x.type);
  if (!allowed) throw c.fail(`head has unknown type ${show(x.type)}, expected multiclass, binary or regression`);
  c.keys(x, allowed, "head");
  if (x.type === "binary") return { type: "binary" };
  if (x.type === "multiclass") {
    if (x.loss !== undefined && x.loss !== "crossentropy" && x.loss !== "mse")
      throw c.fail(`head.loss of a multiclass head must be "crossentropy" or "mse", got ${show(x.loss)}`);
    return x.loss === "mse" ? { type: "multiclass", loss: "mse" } : { type: "multiclass" };
  }
  if (x.loss !== undefined && x.loss !== "mse" && x.loss !== "mae")
    throw c.fail(`head.loss of a regression head must be "mse" or "mae", got ${show(x.loss)}`);
  const spec: HeadSpec = { type: "regression" };
  if (x.loss !== undefined) spec.loss = x.loss;
  if (x.precision !== undefined && x.precision !== null)
    spec.precision = c.number(x.precision, "head.precision", (v) => v >= 0, "a finite number ≥ 0 or null");
  return spec;
}

function checkOptimizer(c: Checker, raw: unknown): OptimizerSpec | null {
  if (raw === null) return null;
  const x = c.record(raw, "optimizer");
  const keys = own(OPTIMIZER_KEYS, x.type);
  if (!keys) throw c.fail(`optimizer has unknown type ${show(x.type)}, expected ${Object.keys(OPTIMIZERS).join(", ")}`);
  c.keys(x, ["learningRate", "decay", ...keys], "optimizer");
  return { ...x } as unknown as OptimizerSpec;
}

/**
 * The spec, checked whole: a copy holding only known fields, or a ValueError of `op` naming
 * the first problem. Nothing is built and nothing allocated.
 */
export function checkSpec(spec: unknown, op = "buildModel"): ModelSpec {
  const c = new Checker(op);
  const x = c.record(spec, "the spec");
  c.keys(x, ["layers", "head", "optimizer"], "the spec");
  if (!Array.isArray(x.layers)) throw c.fail(`layers must be a list, got ${show(x.layers)}`);
  if (x.layers.length > SPEC_LIMITS.layers)
    throw c.fail(`${x.layers.length} layers is more than the ${SPEC_LIMITS.layers} a model may have`);
  const layers = x.layers.map((raw, i) => checkLayer(c, raw, i));
  let previous: { index: number; spec: DenseSpec } | null = null;
  let parameters = 0;
  layers.forEach((layer, i) => {
    if (layer.type !== "Dense") return;
    if (previous && previous.spec.nNeurons !== layer.nInputs)
      throw c.fail(
        `layers[${previous.index}] outputs ${previous.spec.nNeurons} values but layers[${i}] (Dense) expects ${layer.nInputs}`,
      );
    parameters += (layer.nInputs + 1) * layer.nNeurons;
    if (parameters > SPEC_LIMITS.parameters)
      throw c.fail(
        `the layers up to layers[${i}] hold ${parameters} parameters, more than the limit ${SPEC_LIMITS.parameters}`,
      );
    previous = { index: i, spec: layer };
  });
  if (x.head === undefined) throw c.fail("head is missing (use null for bare layers)");
  if (x.optimizer === undefined) throw c.fail("optimizer is missing (use null for none)");
  const head = checkHead(c, x.head);
  const last = layers[layers.length - 1];
  if (head && last && last.type === HEAD_ACTIVATION[head.type])
    throw c.fail(
      `layers[${layers.length - 1}] is ${last.type}, which the ${head.type} head adds itself; leave it out of layers`,
    );
  if (!head && layers.length === 0) throw c.fail("a model without a head needs at least one layer");
  return { layers, head, optimizer: checkOptimizer(c, x.optimizer) };
}

function headFromSpec(spec: HeadSpec): Head {
  switch (spec.type) {
    case "multiclass":
      return new MulticlassHead({ loss: spec.loss });
    case "binary":
      return new BinaryHead();
    case "regression":
      return new RegressionHead({ loss: spec.loss, precision: spec.precision });
  }
}

function optimizerFromSpec(spec: OptimizerSpec, op: string): Optimizer {
  const { type, ...options } = spec;
  const cls = own<new (o: never) => Optimizer>(OPTIMIZERS, type);
  if (!cls) throw new ValueError(op, `optimizer has unknown type ${show(type)}`);
  return new cls(options as never);
}

/** Internal: `buildModel` with the op named in errors and, for loading, the weights given. */
export function buildFromSpec(spec: unknown, op: string, options: BuildOptions = {}, weights?: WeightSource): Model {
  const checked = checkSpec(spec, op);
  // The optimizer and the head first: their constructors check the hyper-parameters, and
  // neither allocates, so a bad value fails before any layer exists.
  const optimizer = checked.optimizer ? optimizerFromSpec(checked.optimizer, op) : null;
  const head = checked.head ? headFromSpec(checked.head) : null;
  const model = new Model();
  checked.layers.forEach((layer, i) => {
    switch (layer.type) {
      case "Dense": {
        const shape = [layer.nInputs, layer.nNeurons] as const;
        model.add(
          new Dense(layer.nInputs, layer.nNeurons, {
            rng: options.rng,
            init: layer.init,
            initialWeights: weights?.(i, "weights", shape),
            initialBiases: weights ? weights(i, "biases", [1, layer.nNeurons]) : layer.initialBiases,
            weightRegularizerL1: layer.weightRegularizerL1,
            weightRegularizerL2: layer.weightRegularizerL2,
            biasRegularizerL1: layer.biasRegularizerL1,
            biasRegularizerL2: layer.biasRegularizerL2,
          }),
        );
        if (weights && layer.initialBiases !== undefined) (model.layers[i] as Dense).initialBias = layer.initialBiases;
        break;
      }
      case "LeakyReLU":
        model.add(new LeakyReLU(layer.alpha));
        break;
      case "Dropout":
        model.add(new Dropout(layer.rate, { rng: options.rng }));
        break;
      default:
        model.add(new ACTIVATIONS[layer.type]());
    }
  });
  if (head) model.add(head.activation).set({ loss: head.loss, accuracy: head.accuracy });
  if (optimizer) model.set({ optimizer });
  return model.finalize();
}

/**
 * A model from its spec: the layers in order (weights drawn from `options.rng`, or the
 * shared `random`, layer by layer as the book draws them), then the head's output
 * activation, loss and accuracy, and the optimizer.
 * @throws ValueError naming the field and the value for anything wrong in the spec, before
 *   any layer is built.
 */
export function buildModel(spec: ModelSpec, options: BuildOptions = {}): Model {
  return buildFromSpec(spec, "buildModel", options);
}

function denseSpec(layer: Dense): DenseSpec {
  const spec: DenseSpec = { type: "Dense", nInputs: layer.nInputs, nNeurons: layer.nNeurons };
  const init: Initializer = layer.init;
  if (typeof init !== "function" && init !== "nnfs") spec.init = init;
  if (layer.initialBias !== undefined && layer.initialBias !== 0) spec.initialBiases = layer.initialBias;
  for (const key of ["weightRegularizerL1", "weightRegularizerL2", "biasRegularizerL1", "biasRegularizerL2"] as const)
    if (layer[key] !== 0) spec[key] = layer[key];
  return spec;
}

function layerSpec(layer: Module, i: number, op: string): LayerSpec {
  if (layer instanceof Dense) return denseSpec(layer);
  if (layer instanceof LeakyReLU) return { type: "LeakyReLU", alpha: layer.alpha };
  if (layer instanceof Dropout) return { type: "Dropout", rate: layer.rate };
  for (const type of Object.keys(ACTIVATIONS) as ActivationName[]) {
    // The exact class: a subclass of ReLU is not a ReLU to rebuild.
    if (layer.constructor === ACTIVATIONS[type]) return { type };
  }
  throw new ValueError(op, `cannot describe layer ${i}, a ${layer.constructor.name}: not one of the built-in layers`);
}

/**
 * The spec that rebuilds `model` (`model.spec()`): its layers before the head's activation,
 * the head, the optimizer's hyper-parameters.
 * @throws ValueError for a custom layer, or a loss and accuracy that make none of the heads.
 */
export function specOf(model: Model, op = "Model.spec"): ModelSpec {
  const head = model.head;
  if (!head && (model.loss || model.accuracy)) {
    const name = (x: object | null | undefined) => (x ? x.constructor.name : "none");
    throw new ValueError(
      op,
      `the output ${name(model.layers.at(-1))} with loss ${name(model.loss)} and accuracy ${name(model.accuracy)} is not a task head (Softmax + CategoricalCrossentropy or MeanSquaredError + CategoricalAccuracy, Sigmoid + BinaryCrossentropy + BinaryAccuracy, Linear + MeanSquaredError or MeanAbsoluteError + RegressionAccuracy)`,
    );
  }
  const layers = head ? model.layers.slice(0, -1) : model.layers;
  const optimizer = model.optimizer;
  return {
    layers: layers.map((layer, i) => layerSpec(layer, i, op)),
    head: head ? head.spec() : null,
    optimizer: optimizer ? (optimizer.config() as unknown as OptimizerSpec) : null,
  };
}
