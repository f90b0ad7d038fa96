/**
 * Model files. The layers' format (safetensors: an 8-byte header length, a JSON header with
 * a `__metadata__` map of strings, then the tensors) already stores the architecture, loss,
 * accuracy and optimizer. The CLI adds one more metadata entry (`toBytes({ metadata })`),
 * `sinapse.cli`, with what
 * `evaluate` and `predict` need beyond the layers — the task, the class names, the input
 * preprocessing and the dataset — so that they work without repeating training's flags.
 * Files written elsewhere (without the entry) still load: the task is the model's head's.
 * Every write goes through the library's `writeFileAtomic` (a flushed temporary file, then a rename).
 */
import { readFileSync } from "node:fs";
import { MAX_NOISE, MAX_POINTS } from "@sinapse/data";
import { Dense, type Task as HeadTask, Model, modelMetadata, Sigmoid, Softmax } from "@sinapse/layers";
import { FormatError } from "@sinapse/tensor";
import { DATASET_NAMES, DATASETS, type DatasetSource, MAX_CLASSES, TASKS, type Task } from "./datasets.js";
import { CliError } from "./errors.js";
import type { Preprocess } from "./preprocess.js";

export const METADATA_KEY = "sinapse.cli";

export interface CliMetadata {
  task: Task;
  /** Input width: values per sample. */
  features: number;
  /** Output width: classes, 1 for binary, values for regression. */
  outputs: number;
  classNames: string[] | null;
  preprocess: Preprocess;
  /** The named dataset it was trained on, to draw evaluation data the same way. */
  dataset: DatasetSource | null;
}

/** The saved file: the model's bytes with the CLI's metadata as one more entry. */
export function modelFileBytes(model: Model, meta: CliMetadata): Uint8Array {
  return model.toBytes({ metadata: { [METADATA_KEY]: JSON.stringify(meta) } });
}

/**
 * Loads a model file and its CLI metadata (or what can be inferred without it).
 * @throws CliError naming the file for a missing, damaged or foreign file.
 */
export function readModelFile(path: string): { model: Model; meta: CliMetadata } {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new CliError(`${path}: no such model file`);
    if (code === "EISDIR") throw new CliError(`${path}: is a directory, not a model file`);
    throw error;
  }
  let model: Model;
  try {
    model = Model.fromBytes(bytes);
  } catch (error) {
    if (error instanceof FormatError)
      throw new CliError(`${path}: not a usable model file: ${error.message.slice(error.op.length + 2)}`);
    throw error;
  }
  const stored = modelMetadata(bytes)[METADATA_KEY];
  const meta = stored === undefined ? inferMetadata(model, path) : checkMetadata(stored, model, path);
  return { model, meta };
}

function denseLayers(model: Model, path: string): [Dense, Dense] {
  const dense = model.layers.filter((l): l is Dense => l instanceof Dense);
  if (dense.length === 0) throw new CliError(`${path}: the model has no Dense layer`);
  return [dense[0] as Dense, dense[dense.length - 1] as Dense];
}

const TASK_OF_HEAD: Record<HeadTask, Task> = {
  multiclass: "classification",
  binary: "binary",
  regression: "regression",
};

/**
 * For files saved by the library: the task of the model's head; a model without one (bare
 * layers, no loss) can still predict, by its output activation.
 */
function inferMetadata(model: Model, path: string): CliMetadata {
  const [first, last] = denseLayers(model, path);
  const head = model.head;
  const output = model.layers[model.layers.length - 1];
  const task: Task = head
    ? TASK_OF_HEAD[head.task]
    : output instanceof Softmax
      ? "classification"
      : output instanceof Sigmoid
        ? "binary"
        : "regression";
  return {
    task,
    features: first.nInputs,
    outputs: last.nNeurons,
    classNames: null,
    preprocess: { type: "none" },
    dataset: null,
  };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isNumberList = (x: unknown, n: number): x is number[] =>
  Array.isArray(x) && x.length === n && x.every((v) => typeof v === "number" && Number.isFinite(v));

/** The stored entry, checked against itself and the model. */
function checkMetadata(stored: unknown, model: Model, path: string): CliMetadata {
  const bad = (problem: string) => new CliError(`${path}: damaged ${METADATA_KEY} metadata: ${problem}`);
  let m: unknown;
  try {
    m = JSON.parse(String(stored));
  } catch {
    throw bad("not JSON");
  }
  if (!isRecord(m)) throw bad("not an object");
  const [first, last] = denseLayers(model, path);
  if (!TASKS.includes(m.task as Task)) throw bad(`unknown task ${JSON.stringify(m.task)}`);
  if (m.features !== first.nInputs) throw bad(`features ${m.features} but the first layer takes ${first.nInputs}`);
  if (m.outputs !== last.nNeurons) throw bad(`outputs ${m.outputs} but the last layer gives ${last.nNeurons}`);
  const names = m.classNames;
  if (
    names !== null &&
    !(Array.isArray(names) && names.length === m.outputs && names.every((s) => typeof s === "string"))
  )
    throw bad(`classNames must be null or ${m.outputs} strings`);
  const p = m.preprocess;
  const features = m.features as number;
  const preprocessOk =
    isRecord(p) &&
    (p.type === "none" ||
      (p.type === "scale" && isNumberList(p.from, 2) && isNumberList(p.to, 2)) ||
      (p.type === "standardize" && isNumberList(p.mean, features) && isNumberList(p.std, features)));
  if (!preprocessOk) throw bad("unknown or malformed preprocess");
  checkDatasetEntry(m.dataset, bad);
  return m as unknown as CliMetadata;
}

/**
 * The dataset entry, range-checked as the flags are, so that `evaluate` never draws what
 * the command line could not have asked for (regression: `samples: 5e7` drew 1.97 GiB).
 */
function checkDatasetEntry(d: unknown, bad: (problem: string) => CliError): void {
  if (d === null) return;
  if (!isRecord(d) || typeof d.name !== "string" || !Object.hasOwn(DATASETS, d.name))
    throw bad(`dataset must be null or { name, … } naming one of ${DATASET_NAMES.join(", ")}`);
  for (const key of Object.keys(d))
    if (!["name", "samples", "classes", "noise", "dataDir"].includes(key))
      throw bad(`dataset has an unknown field ${JSON.stringify(key)}`);
  const count = (key: "samples" | "classes", max: number) => {
    const v = d[key];
    if (v !== undefined && !(Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max))
      throw bad(`dataset ${key} must be an integer from 1 to ${max}, got ${JSON.stringify(v)}`);
    return (v as number | undefined) ?? 1;
  };
  const points = count("samples", MAX_POINTS) * count("classes", MAX_CLASSES);
  if (points > MAX_POINTS) throw bad(`dataset samples × classes must be at most ${MAX_POINTS}, got ${points}`);
  if (d.noise !== undefined && !(typeof d.noise === "number" && d.noise >= 0 && d.noise <= MAX_NOISE))
    throw bad(`dataset noise must be a number from 0 to ${MAX_NOISE}, got ${JSON.stringify(d.noise)}`);
  if (d.dataDir !== undefined && typeof d.dataDir !== "string") throw bad("dataset dataDir must be a string");
}
