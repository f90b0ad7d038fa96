/**
 * Saving and loading models. The bytes follow the safetensors layout — an 8-byte
 * little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the raw little-endian data — with the architecture, the loss, the accuracy
 * and the optimizer (hyper-parameters, iteration count) as JSON strings in `__metadata__`,
 * beside a format name and version. Loading validates everything before allocating, so a
 * damaged or hostile file fails with `FormatError`, never a crash or a huge allocation.
 */
import { array, type DType, FormatError, NDArray, ValueError } from "@sinapse/tensor";
import { type Accuracy, BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { GELU, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from "./activations.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  type Loss,
  MeanAbsoluteError,
  MeanSquaredError,
  SoftmaxCrossentropy,
} from "./losses.js";
import { Model } from "./model.js";
import type { Module } from "./module.js";
import { Adagrad } from "./optimizers/adagrad.js";
import { Adam } from "./optimizers/adam.js";
import type { Optimizer } from "./optimizers/optimizer.js";
import { RMSprop } from "./optimizers/rmsprop.js";
import { SGD } from "./optimizers/sgd.js";

export const FORMAT = "sinapse.model";
export const VERSION = "1";
/** Largest header accepted (the JSON, not the tensors). */
const MAX_HEADER = 16 * 2 ** 20;

type LayerSpec =
  | { type: "Dense"; nInputs: number; nNeurons: number; l1w: number; l2w: number; l1b: number; l2b: number }
  | { type: "ReLU" | "Sigmoid" | "Tanh" | "Softmax" | "Linear" | "GELU" }
  | { type: "LeakyReLU"; alpha: number }
  | { type: "Dropout"; rate: number };

function layerSpec(layer: Module): LayerSpec {
  if (layer instanceof Dense) {
    return {
      type: "Dense",
      nInputs: layer.nInputs,
      nNeurons: layer.nNeurons,
      l1w: layer.weightRegularizerL1,
      l2w: layer.weightRegularizerL2,
      l1b: layer.biasRegularizerL1,
      l2b: layer.biasRegularizerL2,
    };
  }
  if (layer instanceof LeakyReLU) return { type: "LeakyReLU", alpha: layer.alpha };
  if (layer instanceof Dropout) return { type: "Dropout", rate: layer.rate };
  for (const [type, cls] of [
    ["ReLU", ReLU],
    ["Sigmoid", Sigmoid],
    ["Tanh", Tanh],
    ["Softmax", Softmax],
    ["Linear", Linear],
    ["GELU", GELU],
  ] as const) {
    if (layer instanceof cls) return { type };
  }
  throw new ValueError("Model.toBytes", `cannot save a layer of type ${layer.constructor.name}`);
}

const LOSSES = {
  CategoricalCrossentropy,
  SoftmaxCrossentropy,
  BinaryCrossentropy,
  MeanSquaredError,
  MeanAbsoluteError,
};
const ACCURACIES = { CategoricalAccuracy, BinaryAccuracy, RegressionAccuracy };
const OPTIMIZERS = { SGD, Adagrad, RMSprop, Adam };

function nameOf<T extends object>(table: Record<string, new () => T>, value: T | null): string | null {
  if (!value) return null;
  const entry = Object.entries(table).find(([, cls]) => value instanceof cls);
  return entry ? entry[0] : null;
}

/** The metadata keys the format itself uses; `metadata` entries may not take them. */
const RESERVED = new Set(["format", "version", "architecture", "optimizer"]);

/** Options of {@link modelToBytes}. */
export interface ToBytesOptions {
  /**
   * Extra string entries for the header's `__metadata__` (e.g. what an app needs to use the
   * model later); read them back with {@link modelMetadata}.
   */
  metadata?: Record<string, string>;
}

function checkMetadata(metadata: Record<string, string>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (RESERVED.has(key)) throw new ValueError("Model.toBytes", `metadata key "${key}" is reserved by the format`);
    if (typeof value !== "string")
      throw new ValueError("Model.toBytes", `metadata "${key}" must be a string, got ${typeof value}`);
  }
}

/** The model as bytes in the safetensors layout (see the file header). */
export function modelToBytes(model: Model, options: ToBytesOptions = {}): Uint8Array {
  const extra = options.metadata ?? {};
  checkMetadata(extra);
  const tensors: [string, NDArray][] = [];
  model.layers.forEach((layer, i) => {
    for (const [name, p] of layer.namedParameters()) tensors.push([`layers.${i}.${name}`, p.value]);
  });
  const optimizer = model.optimizer;
  if (optimizer) {
    model.parameters().forEach((p, i) => {
      for (const [slot, value] of Object.entries(optimizer.stateOf(p))) tensors.push([`optimizer.${i}.${slot}`, value]);
    });
  }
  const accuracy = model.accuracy;
  const metadata = {
    ...extra,
    format: FORMAT,
    version: VERSION,
    architecture: JSON.stringify({
      layers: model.layers.map(layerSpec),
      loss: nameOf(LOSSES, model.loss),
      accuracy: nameOf(ACCURACIES, accuracy),
      precision: accuracy instanceof RegressionAccuracy ? accuracy.precision : null,
    }),
    optimizer: JSON.stringify(
      optimizer
        ? {
            ...optimizer.config(),
            iterations: optimizer.iterations,
            currentLearningRate: optimizer.currentLearningRate,
          }
        : null,
    ),
  };
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  const blobs: Uint8Array[] = [];
  for (const [name, value] of tensors) {
    const data = value.dataSync();
    const dtype = value.dtype === "float64" ? "F64" : "F32";
    const typed =
      value.dtype === "float64" ? Float64Array.from(data as Float64Array) : Float32Array.from(data as Float32Array);
    const bytes = new Uint8Array(typed.buffer);
    header[name] = { dtype, shape: [...value.shape], data_offsets: [offset, offset + bytes.length] };
    blobs.push(bytes);
    offset += bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces so the data starts 8-byte aligned, as safetensors does.
  const padded = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.fill(0x20, 8, 8 + padded);
  out.set(json, 8);
  let pos = 8 + padded;
  for (const b of blobs) {
    out.set(b, pos);
    pos += b.length;
  }
  return out;
}

const fail = (problem: string): FormatError => new FormatError("Model.fromBytes", problem);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function finiteNumber(x: unknown, what: string, min = 0): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < min)
    throw fail(`${what} must be a number ≥ ${min}, got ${JSON.stringify(x)}`);
  return x;
}

function buildLayer(spec: unknown, i: number): Module {
  if (!isRecord(spec) || typeof spec.type !== "string") throw fail(`layer ${i} is not a layer description`);
  switch (spec.type) {
    case "Dense": {
      const size = (v: unknown, what: string) => {
        if (!Number.isSafeInteger(v) || (v as number) < 1 || (v as number) > 2 ** 24)
          throw fail(`layer ${i}: ${what} must be a positive integer, got ${JSON.stringify(v)}`);
        return v as number;
      };
      return new Dense(size(spec.nInputs, "nInputs"), size(spec.nNeurons, "nNeurons"), {
        weightRegularizerL1: finiteNumber(spec.l1w, `layer ${i}: l1w`),
        weightRegularizerL2: finiteNumber(spec.l2w, `layer ${i}: l2w`),
        biasRegularizerL1: finiteNumber(spec.l1b, `layer ${i}: l1b`),
        biasRegularizerL2: finiteNumber(spec.l2b, `layer ${i}: l2b`),
        init: (n, m) => new NDArray(new Float32Array(n * m), [n, m]), // overwritten from the file
      });
    }
    case "ReLU":
      return new ReLU();
    case "Sigmoid":
      return new Sigmoid();
    case "Tanh":
      return new Tanh();
    case "Softmax":
      return new Softmax();
    case "Linear":
      return new Linear();
    case "GELU":
      return new GELU();
    case "LeakyReLU":
      return new LeakyReLU(finiteNumber(spec.alpha, `layer ${i}: alpha`, Number.NEGATIVE_INFINITY));
    case "Dropout": {
      const rate = finiteNumber(spec.rate, `layer ${i}: rate`);
      if (rate >= 1) throw fail(`layer ${i}: rate must be < 1, got ${rate}`);
      return new Dropout(rate);
    }
    default:
      throw fail(`layer ${i} has unknown type ${JSON.stringify(spec.type)}`);
  }
}

interface TensorEntry {
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, raw: unknown, dataLength: number): TensorEntry {
  if (!isRecord(raw)) throw fail(`tensor ${name} has no description`);
  const dtype = raw.dtype === "F32" ? "float32" : raw.dtype === "F64" ? "float64" : null;
  if (!dtype) throw fail(`tensor ${name} has dtype ${JSON.stringify(raw.dtype)}, expected "F32" or "F64"`);
  const shape = raw.shape;
  if (!Array.isArray(shape) || shape.length > 8 || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw fail(`tensor ${name} has an invalid shape ${JSON.stringify(shape)}`);
  }
  const offsets = raw.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw fail(`tensor ${name} has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) {
    throw fail(`tensor ${name} claims bytes ${begin}-${end} but the file holds ${dataLength} bytes of data`);
  }
  let count = 1;
  for (const d of shape as number[]) count *= d;
  if (count * (dtype === "float64" ? 8 : 4) !== end - begin) {
    throw fail(
      `tensor ${name} of shape [${shape}] needs ${count * (dtype === "float64" ? 8 : 4)} bytes but has ${end - begin}`,
    );
  }
  return { dtype, shape: shape as number[], begin, end };
}

/** The checked header of a model file: its JSON and its length (the tensors follow it). */
function readHeader(bytes: Uint8Array, op: string): { header: Record<string, unknown>; headerLength: number } {
  if (!(bytes instanceof Uint8Array)) throw new ValueError(op, `expected a Uint8Array, got ${typeof bytes}`);
  const fail = (problem: string) => new FormatError(op, problem);
  if (bytes.length < 8) throw fail(`the file is ${bytes.length} bytes long, too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
    throw fail(
      `the header claims ${declared} bytes but the file has ${bytes.length - 8} after the length (limit ${MAX_HEADER})`,
    );
  }
  const headerLength = Number(declared);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw fail("the header is not valid UTF-8 JSON");
  }
  if (!isRecord(header) || !isRecord(header.__metadata__)) throw fail("the header has no __metadata__ object");
  const meta = header.__metadata__;
  if (meta.format !== FORMAT)
    throw fail(`not a Sinapse model: format is ${JSON.stringify(meta.format)}, expected "${FORMAT}"`);
  if (meta.version !== VERSION)
    throw fail(`unsupported version ${JSON.stringify(meta.version)}, this build reads version ${VERSION}`);
  return { header, headerLength };
}

/**
 * The extra `metadata` entries a model file was written with (`modelToBytes(model, {
 * metadata })`), without loading its tensors. Non-string entries are left out.
 * @throws FormatError for bytes that are not a model file of this format and version.
 */
export function modelMetadata(bytes: Uint8Array): Record<string, string> {
  const meta = readHeader(bytes, "modelMetadata").header.__metadata__ as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(meta))
    if (!RESERVED.has(key) && typeof value === "string") out[key] = value;
  return out;
}

/**
 * A model from bytes written by `modelToBytes`.
 * @throws FormatError for anything damaged, truncated, of another format or version, or
 *   whose tensors do not fit the architecture.
 */
export function modelFromBytes(bytes: Uint8Array): Model {
  const { header, headerLength } = readHeader(bytes, "Model.fromBytes");
  const meta = header.__metadata__ as Record<string, unknown>;
  let architecture: unknown;
  let optimizerSpec: unknown;
  try {
    architecture = JSON.parse(String(meta.architecture));
    optimizerSpec = JSON.parse(String(meta.optimizer));
  } catch {
    throw fail("the architecture or optimizer metadata is not JSON");
  }
  if (!isRecord(architecture) || !Array.isArray(architecture.layers))
    throw fail("the architecture has no list of layers");
  if (architecture.layers.length > 10_000)
    throw fail(`${architecture.layers.length} layers is more than a model file may hold`);

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const entries = new Map<string, TensorEntry>();
  for (const [name, raw] of Object.entries(header)) {
    if (name !== "__metadata__") entries.set(name, readEntry(name, raw, dataLength));
  }
  const tensorAt = (name: string, shape: readonly number[]): NDArray => {
    const e = entries.get(name);
    if (!e) throw fail(`tensor ${name} is missing`);
    if (e.shape.length !== shape.length || e.shape.some((d, k) => d !== shape[k])) {
      throw fail(`tensor ${name} has shape [${e.shape}], the architecture needs [${shape}]`);
    }
    const copy = bytes.slice(dataStart + e.begin, dataStart + e.end); // aligned copy
    const typed = e.dtype === "float64" ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
    return array(typed, e.shape).astype("float32");
  };

  const model = new Model();
  architecture.layers.forEach((spec, i) => {
    model.add(buildLayer(spec, i));
  });
  model.layers.forEach((layer, i) => {
    for (const [name, p] of layer.namedParameters()) p.value.set("...", tensorAt(`layers.${i}.${name}`, p.shape));
  });
  try {
    model.finalize();
  } catch (error) {
    throw fail(`the layers do not fit together: ${(error as Error).message}`);
  }

  const lossName = architecture.loss;
  if (lossName !== null && lossName !== undefined) {
    const cls = LOSSES[lossName as keyof typeof LOSSES];
    if (!cls) throw fail(`unknown loss ${JSON.stringify(lossName)}`);
    model.set({ loss: new cls() as Loss });
  }
  const accName = architecture.accuracy;
  if (accName !== null && accName !== undefined) {
    const cls = ACCURACIES[accName as keyof typeof ACCURACIES];
    if (!cls) throw fail(`unknown accuracy ${JSON.stringify(accName)}`);
    const acc = new cls() as Accuracy;
    if (acc instanceof RegressionAccuracy && typeof architecture.precision === "number")
      acc.precision = architecture.precision;
    model.set({ accuracy: acc });
  }
  if (optimizerSpec !== null) {
    if (!isRecord(optimizerSpec) || typeof optimizerSpec.type !== "string" || !(optimizerSpec.type in OPTIMIZERS)) {
      throw fail(`unknown optimizer ${JSON.stringify(isRecord(optimizerSpec) ? optimizerSpec.type : optimizerSpec)}`);
    }
    const { type, iterations, currentLearningRate, ...hyper } = optimizerSpec;
    let optimizer: Optimizer;
    try {
      optimizer = new OPTIMIZERS[type as keyof typeof OPTIMIZERS](hyper as never);
    } catch (error) {
      throw fail(`bad optimizer settings: ${(error as Error).message}`);
    }
    optimizer.iterations = Number.isSafeInteger(iterations) && (iterations as number) >= 0 ? (iterations as number) : 0;
    optimizer.currentLearningRate = finiteNumber(currentLearningRate, "currentLearningRate");
    model.parameters().forEach((p, i) => {
      const slots: Record<string, NDArray> = {};
      for (const name of entries.keys()) {
        const prefix = `optimizer.${i}.`;
        if (name.startsWith(prefix)) slots[name.slice(prefix.length)] = tensorAt(name, p.shape);
      }
      if (Object.keys(slots).length) optimizer.restoreState(p, slots);
    });
    model.set({ optimizer });
  }
  return model;
}

type FsPromises = typeof import("node:fs/promises");

function nodeFs(op: string): FsPromises {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs/promises") as FsPromises | undefined;
  if (!fs) throw new ValueError(op, "needs Node.js ≥ 20.16 (file access); in a browser use toBytes() / fromBytes()");
  return fs;
}

/** Writes the model to `path` atomically: a temporary file in the same folder, then a rename. */
export async function saveModel(model: Model, path: string, options: ToBytesOptions = {}): Promise<void> {
  const fs = nodeFs("Model.save");
  const bytes = modelToBytes(model, options);
  const temporary = `${path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Reads a model written by `saveModel`. @throws FormatError for a damaged file. */
export async function loadModel(path: string): Promise<Model> {
  const fs = nodeFs("Model.load");
  return modelFromBytes(new Uint8Array(await fs.readFile(path)));
}
