/**
 * What a model file's metadata must say before anything is built from it: the architecture
 * (`{ layers, loss, accuracy, precision }` with the LayerSpec format of `serialize.ts`) and
 * the optimizer settings, each checked against a fixed schema — known field names only,
 * class names looked up in own-property tables, sizes and counts within limits — and the
 * tensors those imply (names and shapes), to be matched against the file's tensor table.
 * Nothing here builds a layer or allocates more than the metadata text itself.
 */
import { FormatError } from "@sinapse/tensor";
import { BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { GELU, Linear, ReLU, Sigmoid, Softmax, Tanh } from "./activations.js";
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  MeanAbsoluteError,
  MeanSquaredError,
  SoftmaxCrossentropy,
} from "./losses.js";
import { Adagrad } from "./optimizers/adagrad.js";
import { Adam } from "./optimizers/adam.js";
import { RMSprop } from "./optimizers/rmsprop.js";
import { SGD } from "./optimizers/sgd.js";
import { preview } from "./safetensors.js";

/** Most layers a model file may declare. */
export const MAX_LAYERS = 10_000;
/** Largest `nInputs` or `nNeurons` of a Dense layer in a file. */
export const MAX_UNITS = 2 ** 24;

/** The activation layers (no settings of their own), by class name. */
export const ACTIVATIONS = { ReLU, Sigmoid, Tanh, Softmax, Linear, GELU };
export type ActivationType = keyof typeof ACTIVATIONS;

export type LayerSpec =
  | { type: "Dense"; nInputs: number; nNeurons: number; l1w: number; l2w: number; l1b: number; l2b: number }
  | { type: ActivationType }
  | { type: "LeakyReLU"; alpha: number }
  | { type: "Dropout"; rate: number };

/** The losses, accuracies and optimizers a file may name, by class name (looked up as own properties only). */
export const LOSSES = {
  CategoricalCrossentropy,
  SoftmaxCrossentropy,
  BinaryCrossentropy,
  MeanSquaredError,
  MeanAbsoluteError,
};
export const ACCURACIES = { CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy };
export const OPTIMIZERS = { SGD, Adagrad, RMSprop, Adam };

/** The optimizers a file may name, with the state slots each keeps per parameter. */
export const OPTIMIZER_SLOTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  SGD: ["momentum"],
  Adagrad: ["cache"],
  RMSprop: ["cache"],
  Adam: ["momentum", "cache"],
});

export interface CheckedArchitecture {
  layers: LayerSpec[];
  loss: keyof typeof LOSSES | null;
  accuracy: keyof typeof ACCURACIES | null;
  precision: number | null;
}

export interface CheckedOptimizer {
  type: string;
  /** The hyper-parameters, as `config()` wrote them (without `type`). */
  hyper: Record<string, number | string>;
  iterations: number;
  currentLearningRate: number;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

const oneOf = <T extends object>(table: T, value: unknown): value is keyof T & string =>
  typeof value === "string" && Object.hasOwn(table, value);

/** The kinds of number a field holds: [min, max (excluded for rates), integer, in words]. */
const KINDS = {
  units: [1, MAX_UNITS, true, `an integer in [1, ${MAX_UNITS}]`],
  lambda: [0, Number.POSITIVE_INFINITY, false, "a finite number ≥ 0"],
  finite: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, false, "a finite number"],
  rate: [0, 1, false, "a number in [0, 1)"],
} as const;
type Kind = keyof typeof KINDS;

/** Each layer type with its fields (besides `type`), as `layerSpec` in serialize.ts writes them. */
const LAYER_FIELDS: Readonly<Record<string, Readonly<Record<string, Kind>>>> = Object.freeze({
  Dense: { nInputs: "units", nNeurons: "units", l1w: "lambda", l2w: "lambda", l1b: "lambda", l2b: "lambda" },
  LeakyReLU: { alpha: "finite" },
  Dropout: { rate: "rate" },
  ...Object.fromEntries(Object.keys(ACTIVATIONS).map((type) => [type, {}])),
});

/** `x` if it is a number of `kind`, else a FormatError naming `what`. */
function number(op: string, what: string, kind: Kind, x: unknown): number {
  const [min, max, integer, words] = KINDS[kind];
  const ok =
    typeof x === "number" &&
    Number.isFinite(x) &&
    x >= min &&
    (kind === "rate" ? x < max : x <= max) &&
    (!integer || Number.isInteger(x));
  if (!ok) throw new FormatError(op, `${what} must be ${words}, got ${preview(x)}`);
  return x as number;
}

function layerSpec(op: string, raw: unknown, i: number): LayerSpec {
  const type = isRecord(raw) ? raw.type : undefined;
  if (typeof type !== "string" || !Object.hasOwn(LAYER_FIELDS, type))
    throw new FormatError(op, `layer ${i} has unknown type ${preview(type)}`);
  const fields = LAYER_FIELDS[type] as Record<string, Kind>;
  const spec = raw as Record<string, unknown>;
  for (const key of Object.keys(spec))
    if (key !== "type" && !Object.hasOwn(fields, key))
      throw new FormatError(op, `layer ${i} has an unknown field ${preview(key)}`);
  for (const [key, kind] of Object.entries(fields)) number(op, `layer ${i}: ${key}`, kind, spec[key]);
  return spec as LayerSpec;
}

/** The architecture metadata, checked whole; builds nothing. */
export function checkArchitecture(op: string, raw: unknown): CheckedArchitecture {
  if (!isRecord(raw) || !Array.isArray(raw.layers))
    throw new FormatError(op, `the architecture has no list of layers, got ${preview(raw)}`);
  for (const key of Object.keys(raw))
    if (!["layers", "loss", "accuracy", "precision"].includes(key))
      throw new FormatError(op, `the architecture has an unknown field ${preview(key)}`);
  if (raw.layers.length > MAX_LAYERS)
    throw new FormatError(op, `the architecture has ${raw.layers.length} layers, more than ${MAX_LAYERS}`);
  const layers = raw.layers.map((spec, i) => layerSpec(op, spec, i));
  const loss = raw.loss ?? null;
  if (loss !== null && !oneOf(LOSSES, loss)) throw new FormatError(op, `unknown loss ${preview(loss)}`);
  const accuracy = raw.accuracy ?? null;
  if (accuracy !== null && !oneOf(ACCURACIES, accuracy))
    throw new FormatError(op, `unknown accuracy ${preview(accuracy)}`);
  const precision = raw.precision ?? null;
  if (precision !== null) {
    number(op, "precision", "lambda", precision);
    if (accuracy !== "RegressionAccuracy")
      throw new FormatError(
        op,
        `precision ${precision} is given for accuracy ${preview(accuracy)}; only RegressionAccuracy has one`,
      );
  }
  return { layers, loss, accuracy, precision: precision as number | null };
}

/** The optimizer metadata (null: none), checked against the optimizers' own table. */
export function checkOptimizer(op: string, raw: unknown): CheckedOptimizer | null {
  if (raw === null) return null;
  if (!isRecord(raw) || typeof raw.type !== "string" || !Object.hasOwn(OPTIMIZER_SLOTS, raw.type)) {
    const type = isRecord(raw) ? raw.type : raw;
    throw new FormatError(op, `unknown optimizer ${preview(type)}`);
  }
  const { type, iterations, currentLearningRate, ...hyper } = raw;
  if (!Number.isSafeInteger(iterations) || (iterations as number) < 0)
    throw new FormatError(op, `optimizer iterations must be an integer ≥ 0, got ${preview(iterations)}`);
  for (const [key, value] of Object.entries(hyper))
    if (typeof value !== "number" && typeof value !== "string")
      throw new FormatError(op, `optimizer setting ${preview(key)} must be a number, got ${preview(value)}`);
  return {
    type,
    hyper: hyper as Record<string, number | string>,
    iterations: iterations as number,
    currentLearningRate: number(op, "optimizer currentLearningRate", "lambda", currentLearningRate),
  };
}

/** The parameter tensors of the layers, in the order the model lists its parameters. */
export function parameterTensors(architecture: CheckedArchitecture): { name: string; shape: number[] }[] {
  const out: { name: string; shape: number[] }[] = [];
  architecture.layers.forEach((spec, i) => {
    if (spec.type === "Dense") {
      out.push({ name: `layers.${i}.weights`, shape: [spec.nInputs, spec.nNeurons] });
      out.push({ name: `layers.${i}.biases`, shape: [1, spec.nNeurons] });
    }
  });
  return out;
}

const list = (names: string[]): string =>
  names
    .slice(0, 5)
    .map((n) => preview(n, 40))
    .join(", ") + (names.length > 5 ? `, … (${names.length} in all)` : "");

/**
 * Matches the file's tensor table against what the architecture and optimizer need: every
 * parameter present with its shape, optimizer state for all parameters or none, nothing
 * else. Returns the optimizer slots present (empty: no saved state).
 * @throws FormatError naming the unknown, missing or misshapen tensors.
 */
export function matchTensors(
  op: string,
  table: ReadonlyMap<string, { dtype: string; shape: readonly number[] }>,
  architecture: CheckedArchitecture,
  optimizer: CheckedOptimizer | null,
): readonly string[] {
  const params = parameterTensors(architecture);
  const expected = new Map<string, number[]>(params.map((p) => [p.name, p.shape]));
  const slots = optimizer ? (OPTIMIZER_SLOTS[optimizer.type] as readonly string[]) : [];
  const stateNames: string[] = [];
  params.forEach((p, i) => {
    for (const slot of slots) {
      stateNames.push(`optimizer.${i}.${slot}`);
      expected.set(`optimizer.${i}.${slot}`, p.shape);
    }
  });
  const unknown = [...table.keys()].filter((name) => !expected.has(name));
  if (unknown.length) throw new FormatError(op, `the file holds tensors the model does not have: ${list(unknown)}`);
  const hasState = stateNames.some((name) => table.has(name));
  const missing = [...expected.keys()].filter(
    (name) => !table.has(name) && (hasState || !name.startsWith("optimizer.")),
  );
  if (missing.length) throw new FormatError(op, `the file lacks tensors the model needs: ${list(missing)}`);
  for (const [name, entry] of table) {
    const shape = expected.get(name) as number[];
    if (entry.dtype !== "F32" && entry.dtype !== "F64")
      throw new FormatError(op, `tensor ${preview(name)} has dtype ${preview(entry.dtype)}, expected "F32" or "F64"`);
    if (entry.shape.length !== shape.length || entry.shape.some((d, k) => d !== shape[k]))
      throw new FormatError(
        op,
        `tensor ${preview(name)} has shape [${entry.shape}], the architecture needs [${shape}]`,
      );
  }
  return hasState ? slots : [];
}
