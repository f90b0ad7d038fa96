/**
 * Saving and loading models. The bytes follow the safetensors layout — an 8-byte
 * little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the raw little-endian data — with the model's spec (`ModelSpec`: layers and
 * head as `architecture`; the optimizer's hyper-parameters with its iteration count and
 * learning rate as `optimizer`) as JSON strings in `__metadata__`,
 * beside a format name and version. Loading validates everything before allocating, so a
 * damaged or hostile file fails with `FormatError`, never a crash or a huge allocation.
 */
import { array, type DType, FormatError, type NDArray, ValueError } from "@sinapse/tensor";
import type { Model } from "./model.js";
import { buildFromSpec, specOf } from "./spec.js";

export const FORMAT = "sinapse.model";
/** Version 2: the architecture is a `ModelSpec` (layers and head; the optimizer in its own entry). */
export const VERSION = "2";
/** Largest header accepted (the JSON, not the tensors). */
const MAX_HEADER = 16 * 2 ** 20;

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
  const spec = specOf(model, "Model.toBytes");
  const metadata = {
    ...extra,
    format: FORMAT,
    version: VERSION,
    architecture: JSON.stringify({ layers: spec.layers, head: spec.head }),
    optimizer: JSON.stringify(
      optimizer && spec.optimizer
        ? {
            ...spec.optimizer,
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
  if (!isRecord(architecture)) throw fail("the architecture is not an object");

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

  let state: { iterations: unknown; currentLearningRate: unknown } | null = null;
  let optimizer: unknown = null;
  if (optimizerSpec !== null) {
    if (!isRecord(optimizerSpec))
      throw fail(`the optimizer entry is not an object, got ${JSON.stringify(optimizerSpec)}`);
    const { iterations, currentLearningRate, ...hyper } = optimizerSpec;
    state = { iterations, currentLearningRate };
    optimizer = hyper;
  }
  // The spec is checked whole (names, sizes, limits) before any layer is built; the weights
  // come from the file instead of being drawn.
  let model: Model;
  try {
    model = buildFromSpec(
      { layers: architecture.layers, head: architecture.head, optimizer },
      "Model.fromBytes",
      {},
      (i, name, shape) => tensorAt(`layers.${i}.${name}`, shape),
    );
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw fail(`the architecture is not usable: ${(error as Error).message.replace(/^Model\.fromBytes: /, "")}`);
  }

  const opt = model.optimizer;
  if (opt && state) {
    opt.iterations =
      Number.isSafeInteger(state.iterations) && (state.iterations as number) >= 0 ? (state.iterations as number) : 0;
    opt.currentLearningRate = finiteNumber(state.currentLearningRate, "currentLearningRate");
    model.parameters().forEach((p, i) => {
      const slots: Record<string, NDArray> = {};
      const prefix = `optimizer.${i}.`;
      for (const name of entries.keys()) {
        if (name.startsWith(prefix)) slots[name.slice(prefix.length)] = tensorAt(name, p.shape);
      }
      if (Object.keys(slots).length) opt.restoreState(p, slots);
    });
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
