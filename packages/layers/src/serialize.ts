/**
 * Saving and loading models. The bytes follow the safetensors layout (`safetensors.ts`) with
 * the architecture, the loss, the accuracy and the optimizer (hyper-parameters, iteration
 * count) as JSON strings in `__metadata__`, beside a format name, a version and a checksum.
 * Loading checks everything (`safetensors.ts`, `file-checks.ts`) before building a layer or
 * allocating an array, so a damaged or hostile file fails with `FormatError`, never a crash
 * or a huge allocation. Saving writes through `writeFileAtomic` (`atomic-write.ts`).
 */
import { FormatError, NDArray, ValueError } from "@sinapse/tensor";
import { type Accuracy, RegressionAccuracy } from "./accuracy.js";
import { LeakyReLU } from "./activations.js";
import { builtin, FileError, writeFileAtomic } from "./atomic-write.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import {
  ACCURACIES,
  ACTIVATIONS,
  checkArchitecture,
  checkOptimizer,
  type LayerSpec,
  LOSSES,
  matchTensors,
  OPTIMIZERS,
} from "./file-checks.js";
import type { Loss } from "./losses.js";
import { Model } from "./model.js";
import type { Module } from "./module.js";
import type { Optimizer } from "./optimizers/optimizer.js";
import {
  fnv1a,
  parseJson,
  preview,
  readSafetensorsHeader,
  type SafetensorsEntry,
  type SafetensorsHeader,
  type SafetensorsTensor,
  writeSafetensors,
} from "./safetensors.js";

export const FORMAT = "sinapse.model";
export const VERSION = "1";

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
  const type = nameOf(ACTIVATIONS, layer);
  if (type) return { type } as LayerSpec;
  throw new ValueError("Model.toBytes", `cannot save a layer of type ${layer.constructor.name}`);
}

function nameOf<T extends object>(table: Record<string, new () => T>, value: T | null): string | null {
  if (!value) return null;
  const entry = Object.entries(table).find(([, cls]) => value instanceof cls);
  return entry ? entry[0] : null;
}

/** The metadata keys the format itself uses; `metadata` entries may not take them. */
const RESERVED = new Set(["format", "version", "architecture", "optimizer", "checksum"]);

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

/**
 * The checksum a file stores in `__metadata__.checksum`: FNV-1a over the other metadata
 * entries and the tensor table (as JSON, in header order), then the data. It catches a
 * damaged header that still parses — a changed digit in a hyper-parameter — as well as
 * damaged data; safetensors' own checks catch everything structural. Exported for tests, not
 * from the package.
 */
export function checksumOf(
  metadata: Record<string, string>,
  entries: readonly { name: string; dtype: string; shape: readonly number[]; begin: number; end: number }[],
  data: readonly Uint8Array[],
): string {
  const meta = Object.entries(metadata).filter(([key]) => key !== "checksum");
  const table = entries.map((e) => [e.name, e.dtype, e.shape, e.begin, e.end]);
  let hash = fnv1a(new TextEncoder().encode(JSON.stringify([meta, table])));
  for (const bytes of data) hash = fnv1a(bytes, hash);
  return hash.toString(16).padStart(8, "0");
}

/** The model as bytes in the safetensors layout (see the file header). */
export function modelToBytes(model: Model, options: ToBytesOptions = {}): Uint8Array {
  if (!(model instanceof Model))
    throw new ValueError("Model.toBytes", `expected a Model, got ${preview(typeof model)}`);
  const extra = options.metadata ?? {};
  checkMetadata(extra);
  const arrays: [string, NDArray][] = [];
  model.layers.forEach((layer, i) => {
    for (const [name, p] of layer.namedParameters()) arrays.push([`layers.${i}.${name}`, p.value]);
  });
  const optimizer = model.optimizer;
  if (optimizer) {
    model.parameters().forEach((p, i) => {
      for (const [slot, value] of Object.entries(optimizer.stateOf(p))) arrays.push([`optimizer.${i}.${slot}`, value]);
    });
  }
  const accuracy = model.accuracy;
  const metadata: Record<string, string> = {
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
  const tensors: SafetensorsTensor[] = arrays.map(([name, value]) => {
    const data = value.dataSync();
    const typed =
      value.dtype === "float64" ? Float64Array.from(data as Float64Array) : Float32Array.from(data as Float32Array);
    return {
      name,
      dtype: value.dtype === "float64" ? "F64" : "F32",
      shape: value.shape,
      bytes: new Uint8Array(typed.buffer),
    };
  });
  return writeSafetensors(metadata, tensors, (entries) => {
    metadata.checksum = checksumOf(
      metadata,
      entries,
      tensors.map((t) => t.bytes),
    );
  });
}

interface ModelFile {
  metadata: Record<string, string>;
  header: SafetensorsHeader;
}

/**
 * The checked container of a model file: safetensors' rules, then this format's name,
 * version and checksum. Reads no tensor into an array.
 */
function readModelFile(bytes: Uint8Array, op: string): ModelFile {
  const header = readSafetensorsHeader(bytes, op);
  const fail = (problem: string) => new FormatError(op, problem);
  const metadata = header.metadata;
  if (metadata === null) throw fail("the header has no __metadata__ object");
  if (metadata.format !== FORMAT)
    throw fail(`not a Sinapse model: format is ${preview(metadata.format ?? null)}, expected "${FORMAT}"`);
  if (metadata.version !== VERSION)
    throw fail(`unsupported version ${preview(metadata.version ?? null)}, this build reads version ${VERSION}`);
  const stored = metadata.checksum;
  const actual = checksumOf(metadata, header.entries, [bytes.subarray(header.dataStart)]);
  if (stored !== actual)
    throw fail(`the checksum is ${preview(stored ?? null)} but the contents give "${actual}": the file is damaged`);
  return { metadata, header };
}

/**
 * The extra `metadata` entries a model file was written with (`modelToBytes(model, {
 * metadata })`), without loading its tensors.
 * @throws FormatError for bytes that are not an intact model file of this format and version.
 */
export function modelMetadata(bytes: Uint8Array): Record<string, string> {
  const { metadata } = readModelFile(bytes, "modelMetadata");
  // fromEntries: a key like "__proto__" stays an entry of its own.
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !RESERVED.has(key)));
}

function buildLayer(spec: LayerSpec, weights: () => NDArray): Module {
  switch (spec.type) {
    case "Dense":
      return new Dense(spec.nInputs, spec.nNeurons, {
        weightRegularizerL1: spec.l1w,
        weightRegularizerL2: spec.l2w,
        biasRegularizerL1: spec.l1b,
        biasRegularizerL2: spec.l2b,
        init: weights,
      });
    case "LeakyReLU":
      return new LeakyReLU(spec.alpha);
    case "Dropout":
      return new Dropout(spec.rate);
    default:
      return new ACTIVATIONS[spec.type]();
  }
}

/**
 * A model from bytes written by `modelToBytes`. The whole file is checked — the container
 * by safetensors' rules, the checksum, the architecture and optimizer against their
 * schemas, the tensor table against what they need — before any layer is built or any
 * array allocated, so a hostile file costs no more memory than its own size.
 * @throws FormatError for anything damaged, truncated, of another format or version, or
 *   whose tensors do not fit the architecture (naming unknown or missing tensors).
 */
export function modelFromBytes(bytes: Uint8Array): Model {
  const op = "Model.fromBytes";
  const { metadata, header } = readModelFile(bytes, op);
  const fail = (problem: string) => new FormatError(op, problem);
  if (typeof metadata.architecture !== "string" || typeof metadata.optimizer !== "string")
    throw fail("the metadata lacks the architecture or the optimizer entry");
  const architecture = checkArchitecture(op, parseJson(op, metadata.architecture, "the architecture"));
  const optimizerSpec = checkOptimizer(op, parseJson(op, metadata.optimizer, "the optimizer settings"));
  const table = new Map(header.entries.map((e) => [e.name, e]));
  const slots = matchTensors(op, table, architecture, optimizerSpec);

  // Everything is checked: from here on, arrays are as large as the file's own tensors.
  const tensorAt = (name: string): NDArray => {
    const e = table.get(name) as SafetensorsEntry;
    const copy = bytes.slice(header.dataStart + e.begin, header.dataStart + e.end); // aligned copy
    const typed = e.dtype === "F64" ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
    const value = new NDArray(typed, e.shape);
    return e.dtype === "F64" ? value.astype("float32") : value;
  };
  const model = new Model();
  architecture.layers.forEach((spec, i) => {
    model.add(buildLayer(spec, () => tensorAt(`layers.${i}.weights`)));
  });
  model.layers.forEach((layer, i) => {
    for (const [name, p] of layer.namedParameters()) {
      if (name !== "weights") p.value.set("...", tensorAt(`layers.${i}.${name}`));
    }
  });
  try {
    model.finalize();
  } catch (error) {
    throw fail(`the layers do not fit together: ${(error as Error).message}`);
  }
  if (architecture.loss !== null) model.set({ loss: new LOSSES[architecture.loss]() as Loss });
  if (architecture.accuracy !== null) {
    const accuracy = new ACCURACIES[architecture.accuracy]() as Accuracy;
    if (accuracy instanceof RegressionAccuracy) accuracy.precision = architecture.precision;
    model.set({ accuracy });
  }
  if (optimizerSpec !== null) {
    const cls = OPTIMIZERS[optimizerSpec.type as keyof typeof OPTIMIZERS];
    let optimizer: Optimizer;
    try {
      optimizer = new cls(optimizerSpec.hyper as never);
    } catch (error) {
      throw fail(`bad optimizer settings: ${(error as Error).message}`);
    }
    // The settings must be exactly what the optimizer reads back: nothing unknown, nothing defaulted.
    const reads = JSON.stringify(optimizer.config());
    const stored = JSON.stringify({ type: optimizerSpec.type, ...optimizerSpec.hyper });
    if (reads !== stored)
      throw fail(`optimizer settings ${stored.slice(0, 300)} are not what ${optimizerSpec.type} reads: ${reads}`);
    optimizer.iterations = optimizerSpec.iterations;
    optimizer.currentLearningRate = optimizerSpec.currentLearningRate;
    if (slots.length) {
      model.parameters().forEach((p, i) => {
        const state: Record<string, NDArray> = {};
        for (const slot of slots) state[slot] = tensorAt(`optimizer.${i}.${slot}`);
        optimizer.restoreState(p, state);
      });
    }
    model.set({ optimizer });
  }
  return model;
}

/** Writes the model to `path` atomically (`writeFileAtomic`): the target is the old file or the new one, whole. */
export async function saveModel(model: Model, path: string, options: ToBytesOptions = {}): Promise<void> {
  const bytes = modelToBytes(model, options);
  await writeFileAtomic(path, bytes, { op: "Model.save" });
}

/**
 * Reads a model written by `saveModel`.
 * @throws ValueError for an empty path; FileError naming it when it cannot be read;
 *   FormatError for a damaged file.
 */
export async function loadModel(path: string): Promise<Model> {
  const op = "Model.load";
  if (typeof path !== "string" || path === "")
    throw new ValueError(op, `path must be a non-empty string, got ${preview(path)}`);
  const fs = builtin<typeof import("node:fs/promises")>(op, "node:fs/promises");
  const bytes = await fs.readFile(path).catch((error: Error & { code?: string }) => {
    throw new FileError(op, path, error.code, error.message, "read");
  });
  return modelFromBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
