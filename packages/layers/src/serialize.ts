/**
 * Saving and loading models. The bytes follow the safetensors layout (`safetensors.ts`) with
 * the model's spec (`ModelSpec`: layers and head as `architecture`; the optimizer's
 * hyper-parameters with its iteration count and learning rate as `optimizer`) as JSON
 * strings in `__metadata__`, beside a format name, a version and a checksum. Loading checks
 * everything — the container by safetensors' rules, the checksum, the spec (`checkSpec`),
 * the tensor table against it (`file-checks.ts`) — before building a layer or allocating an
 * array, so a damaged or hostile file fails with `FormatError`, never a crash or a huge
 * allocation. Saving writes through `writeFileAtomic` (`atomic-write.ts`).
 */
import { FormatError, NDArray, ValueError } from "@sinapse/tensor";
import { builtin, FileError, writeFileAtomic } from "./atomic-write.js";
import { matchTensors } from "./file-checks.js";
import { Model } from "./model.js";
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
import { buildFromSpec, checkSpec, specOf } from "./spec.js";

export const FORMAT = "sinapse.model";
/** Version 2: the architecture is a `ModelSpec` (layers and head; the optimizer in its own entry). */
export const VERSION = "2";

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
  const spec = specOf(model, "Model.toBytes");
  const metadata: Record<string, string> = {
    ...extra,
    format: FORMAT,
    version: VERSION,
    architecture: JSON.stringify({ layers: spec.layers, head: spec.head }),
    optimizer: JSON.stringify(
      optimizer && spec.optimizer
        ? { ...spec.optimizer, iterations: optimizer.iterations, currentLearningRate: optimizer.currentLearningRate }
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

/**
 * A model from bytes written by `modelToBytes`. The whole file is checked — the container
 * by safetensors' rules, the checksum, the spec (`checkSpec`: names, sizes, limits), the
 * tensor table against what the spec needs — before any layer is built or any array
 * allocated, so a hostile file costs no more memory than a few times its own size.
 * @throws FormatError for anything damaged, truncated, of another format or version, or
 *   whose tensors do not fit the architecture (naming unknown or missing tensors).
 */
export function modelFromBytes(bytes: Uint8Array): Model {
  const op = "Model.fromBytes";
  const { metadata, header } = readModelFile(bytes, op);
  const fail = (problem: string) => new FormatError(op, problem);
  if (typeof metadata.architecture !== "string" || typeof metadata.optimizer !== "string")
    throw fail("the metadata lacks the architecture or the optimizer entry");
  const architecture = parseJson(op, metadata.architecture, "the architecture");
  const optimizerEntry = parseJson(op, metadata.optimizer, "the optimizer settings");
  if (typeof architecture !== "object" || architecture === null || Array.isArray(architecture))
    throw fail(`the architecture is not an object, got ${preview(architecture)}`);
  for (const key of Object.keys(architecture))
    if (key !== "layers" && key !== "head") throw fail(`the architecture has an unknown field ${preview(key)}`);
  let optimizer: Record<string, unknown> | null = null;
  let iterations = 0;
  let currentLearningRate = 0;
  if (optimizerEntry !== null) {
    if (typeof optimizerEntry !== "object" || Array.isArray(optimizerEntry))
      throw fail(`the optimizer entry is not an object, got ${preview(optimizerEntry)}`);
    const { iterations: n, currentLearningRate: lr, ...hyper } = optimizerEntry as Record<string, unknown>;
    if (!Number.isSafeInteger(n) || (n as number) < 0)
      throw fail(`optimizer iterations must be an integer ≥ 0, got ${preview(n)}`);
    if (typeof lr !== "number" || !Number.isFinite(lr) || lr < 0)
      throw fail(`optimizer currentLearningRate must be a finite number ≥ 0, got ${preview(lr)}`);
    [optimizer, iterations, currentLearningRate] = [hyper, n as number, lr];
  }
  const { layers, head } = architecture as { layers?: unknown; head?: unknown };
  let spec: ReturnType<typeof checkSpec>;
  try {
    spec = checkSpec({ layers, head, optimizer }, op);
  } catch (error) {
    throw fail(`the architecture is not usable: ${(error as Error).message.slice(op.length + 2)}`);
  }
  const table = new Map(header.entries.map((e) => [e.name, e]));
  const slots = matchTensors(op, table, spec);

  // Everything is checked: from here on, arrays are as large as the file's own tensors.
  const tensorAt = (name: string): NDArray => {
    const e = table.get(name) as SafetensorsEntry;
    const copy = bytes.slice(header.dataStart + e.begin, header.dataStart + e.end); // aligned copy
    const typed = e.dtype === "F64" ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
    const value = new NDArray(typed, e.shape);
    return e.dtype === "F64" ? value.astype("float32") : value;
  };
  let model: Model;
  try {
    model = buildFromSpec(spec, op, {}, (i, name) => tensorAt(`layers.${i}.${name}`));
  } catch (error) {
    throw fail(`the architecture is not usable: ${(error as Error).message.replace(/^Model\.fromBytes: /, "")}`);
  }
  const opt = model.optimizer;
  if (opt) {
    opt.iterations = iterations;
    opt.currentLearningRate = currentLearningRate;
    if (slots.length) {
      model.parameters().forEach((p, i) => {
        const state: Record<string, NDArray> = {};
        for (const slot of slots) state[slot] = tensorAt(`optimizer.${i}.${slot}`);
        opt.restoreState(p, state);
      });
    }
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
