/**
 * What a model file's metadata must say before anything is built from it: the architecture
 * (`{ layers, loss, accuracy, precision }` with the LayerSpec format of `serialize.ts`) and
 * the optimizer settings, each checked against a fixed schema — known field names only,
 * class names looked up in own-property tables, sizes and counts within limits — and the
 * tensors those imply (names and shapes), to be matched against the file's tensor table.
 * Nothing here allocates more than the metadata text itself.
 */
import { FormatError } from "@sinapse/tensor";
import { preview } from "./safetensors.js";

/** Most layers a model file may declare. */
export const MAX_LAYERS = 10_000;
/** Largest `nInputs` or `nNeurons` of a Dense layer in a file. */
export const MAX_UNITS = 2 ** 24;

export const ACTIVATION_TYPES = ["ReLU", "Sigmoid", "Tanh", "Softmax", "Linear", "GELU"] as const;
export type ActivationType = (typeof ACTIVATION_TYPES)[number];

export type LayerSpec =
  | { type: "Dense"; nInputs: number; nNeurons: number; l1w: number; l2w: number; l1b: number; l2b: number }
  | { type: ActivationType }
  | { type: "LeakyReLU"; alpha: number }
  | { type: "Dropout"; rate: number };

export const LOSS_NAMES = [
  "CategoricalCrossentropy",
  "SoftmaxCrossentropy",
  "BinaryCrossentropy",
  "MeanSquaredError",
  "MeanAbsoluteError",
] as const;
export const ACCURACY_NAMES = ["CategoricalAccuracy", "BinaryAccuracy", "RegressionAccuracy"] as const;

/** The optimizers a file may name, with the state slots each keeps per parameter. */
export const OPTIMIZER_SLOTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  SGD: ["momentum"],
  Adagrad: ["cache"],
  RMSprop: ["cache"],
  Adam: ["momentum", "cache"],
});

export interface CheckedArchitecture {
  layers: LayerSpec[];
  loss: (typeof LOSS_NAMES)[number] | null;
  accuracy: (typeof ACCURACY_NAMES)[number] | null;
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

const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (list as readonly string[]).includes(value);

function onlyKeys(op: string, what: string, record: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of Object.keys(record))
    if (!keys.includes(key)) throw new FormatError(op, `${what} has an unknown field ${preview(key)}`);
}

function finite(op: string, what: string, x: unknown, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY) {
  if (typeof x !== "number" || !Number.isFinite(x) || x < min || x > max) {
    const range =
      max === Number.POSITIVE_INFINITY ? (min === Number.NEGATIVE_INFINITY ? "" : ` ≥ ${min}`) : ` in [${min}, ${max})`;
    throw new FormatError(op, `${what} must be a finite number${range}, got ${preview(x)}`);
  }
  return x;
}

function layerSpec(op: string, raw: unknown, i: number): LayerSpec {
  const what = `layer ${i}`;
  if (!isRecord(raw) || typeof raw.type !== "string")
    throw new FormatError(op, `${what} is not a layer description, got ${preview(raw)}`);
  const type = raw.type;
  if (type === "Dense") {
    onlyKeys(op, what, raw, ["type", "nInputs", "nNeurons", "l1w", "l2w", "l1b", "l2b"]);
    const size = (key: "nInputs" | "nNeurons") => {
      const v = raw[key];
      if (!Number.isSafeInteger(v) || (v as number) < 1 || (v as number) > MAX_UNITS)
        throw new FormatError(op, `${what}: ${key} must be an integer in [1, ${MAX_UNITS}], got ${preview(v)}`);
      return v as number;
    };
    const lambda = (key: "l1w" | "l2w" | "l1b" | "l2b") => finite(op, `${what}: ${key}`, raw[key], 0);
    return {
      type,
      nInputs: size("nInputs"),
      nNeurons: size("nNeurons"),
      l1w: lambda("l1w"),
      l2w: lambda("l2w"),
      l1b: lambda("l1b"),
      l2b: lambda("l2b"),
    };
  }
  if (type === "LeakyReLU") {
    onlyKeys(op, what, raw, ["type", "alpha"]);
    return { type, alpha: finite(op, `${what}: alpha`, raw.alpha) };
  }
  if (type === "Dropout") {
    onlyKeys(op, what, raw, ["type", "rate"]);
    const rate = finite(op, `${what}: rate`, raw.rate, 0);
    if (rate >= 1) throw new FormatError(op, `${what}: rate must be in [0, 1), got ${rate}`);
    return { type, rate };
  }
  if (oneOf(ACTIVATION_TYPES, type)) {
    onlyKeys(op, what, raw, ["type"]);
    return { type };
  }
  throw new FormatError(op, `${what} has unknown type ${preview(type)}`);
}

/** The architecture metadata, checked whole; builds nothing. */
export function checkArchitecture(op: string, raw: unknown): CheckedArchitecture {
  if (!isRecord(raw) || !Array.isArray(raw.layers))
    throw new FormatError(op, `the architecture has no list of layers, got ${preview(raw)}`);
  onlyKeys(op, "the architecture", raw, ["layers", "loss", "accuracy", "precision"]);
  if (raw.layers.length > MAX_LAYERS)
    throw new FormatError(
      op,
      `the architecture declares ${raw.layers.length} layers, more than the ${MAX_LAYERS} a model file may hold`,
    );
  const layers = raw.layers.map((spec, i) => layerSpec(op, spec, i));
  const loss = raw.loss ?? null;
  if (loss !== null && !oneOf(LOSS_NAMES, loss))
    throw new FormatError(op, `unknown loss ${preview(loss)}, expected one of ${LOSS_NAMES.join(", ")}`);
  const accuracy = raw.accuracy ?? null;
  if (accuracy !== null && !oneOf(ACCURACY_NAMES, accuracy))
    throw new FormatError(op, `unknown accuracy ${preview(accuracy)}, expected one of ${ACCURACY_NAMES.join(", ")}`);
  const precision = raw.precision ?? null;
  if (precision !== null) {
    finite(op, "precision", precision, 0);
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
    throw new FormatError(
      op,
      `unknown optimizer ${preview(type)}, expected one of ${Object.keys(OPTIMIZER_SLOTS).join(", ")}`,
    );
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
    currentLearningRate: finite(op, "optimizer currentLearningRate", currentLearningRate, 0),
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

const list = (names: string[]): string => {
  const shown = names.slice(0, 5).map((n) => preview(n, 40));
  return names.length > 5 ? `${shown.join(", ")} and ${names.length - 5} more` : shown.join(", ");
};

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
