/**
 * Datasets by name (the book's spiral, vertical and sine, TensorFlow Playground's sets,
 * Fashion-MNIST) or from a CSV file (features, then a label column), as `LabeledData`,
 * and the targets each task trains on.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import {
  circle,
  FASHION_MNIST_DIR,
  fashionMnist,
  gaussian,
  MAX_POINTS,
  regressionGaussian,
  regressionPlane,
  shuffleTogether,
  sine,
  spiral,
  twoSpiral,
  vertical,
  xor,
} from "@sinapse/data";
import { NDArray, random, slice, ValueError } from "@sinapse/tensor";
import { isNumber, numericColumns, parseCsv } from "./csv.js";
import { CliError, UsageError } from "./errors.js";
import { suggestion } from "./options.js";
import type { Preprocess } from "./preprocess.js";

/** The task a model is trained for: it picks the head (see model-spec.ts). */
export type Task = "classification" | "binary" | "regression";
export const TASKS: readonly Task[] = ["classification", "binary", "regression"];

/** What a named dataset is drawn with; flags override a dataset's defaults. */
export interface DatasetOptions {
  samples?: number;
  classes?: number;
  noise?: number;
  dataDir?: string;
}

/** Where data came from, as a model file remembers it. */
export type DatasetSource = { name: string } & DatasetOptions;

export interface LabeledData {
  /** Inputs `[n, features]`. */
  X: NDArray<"float32">;
  /** Class indices int32 `[n]` (`kind: "classes"`) or float32 values `[n, outputs]` (`kind: "values"`). */
  y: NDArray;
  kind: "classes" | "values";
  /** Number of classes (`kind: "classes"`), 0 otherwise. */
  classes: number;
  /** Names of the classes when the labels were words (or negative numbers), in index order. */
  classNames: string[] | null;
  /** Preprocessing that belongs to the data (Fashion-MNIST's pixel scaling). */
  preprocess: Preprocess;
  /** For messages: the dataset's name or the CSV's path. */
  label: string;
}

interface Named {
  summary: string;
  /** Defaults of the options this set takes (the others are rejected). */
  defaults: DatasetOptions;
  load(
    options: Required<Pick<DatasetOptions, "samples">> & DatasetOptions,
    split: "train" | "test",
  ): Promise<LabeledData>;
}

const none: Preprocess = { type: "none" };

function classes(label: string, d: { X: NDArray<"float32">; y: NDArray<"int32"> }, count: number): LabeledData {
  return { X: d.X, y: d.y, kind: "classes", classes: count, classNames: null, preprocess: none, label };
}

function values(label: string, d: { X: NDArray<"float32">; y: NDArray<"float32"> }): LabeledData {
  return { X: d.X, y: d.y, kind: "values", classes: 0, classNames: null, preprocess: none, label };
}

const playground = (name: string, make: typeof circle): Named => ({
  summary: `TensorFlow Playground's ${name} set, 2 classes`,
  defaults: { samples: 500, noise: 0 },
  load: async (o) => classes(name, make(o.samples, { noise: o.noise ?? 0 }), 2),
});

const playgroundRegression = (name: string, make: typeof regressionPlane): Named => ({
  summary: `TensorFlow Playground's ${name} set, regression`,
  defaults: { samples: 1200, noise: 0 },
  load: async (o) => values(name, make(o.samples, { noise: o.noise ?? 0 })),
});

export const DATASETS: Record<string, Named> = {
  spiral: {
    summary: "the book's spiral arms (samples per class, classes)",
    defaults: { samples: 100, classes: 3 },
    load: async (o) => classes("spiral", spiral(o.samples, o.classes ?? 3), o.classes ?? 3),
  },
  vertical: {
    summary: "the book's vertical stripes (samples per class, classes)",
    defaults: { samples: 100, classes: 3 },
    load: async (o) => classes("vertical", vertical(o.samples, o.classes ?? 3), o.classes ?? 3),
  },
  sine: {
    summary: "the book's sine wave, regression",
    defaults: { samples: 1000 },
    load: async (o) => values("sine", sine(o.samples)),
  },
  circle: playground("circle", circle),
  xor: playground("xor", xor),
  gaussian: playground("gaussian", gaussian),
  "two-spiral": playground("two-spiral", twoSpiral),
  "regression-plane": playgroundRegression("regression-plane", regressionPlane),
  "regression-gaussian": playgroundRegression("regression-gaussian", regressionGaussian),
  "fashion-mnist": {
    summary: "Fashion-MNIST, 28×28 images of 10 clothes (train: training split, evaluate: test split)",
    defaults: { samples: 60_000, dataDir: process.env.FASHION_MNIST_DIR ?? FASHION_MNIST_DIR },
    load: loadFashionMnist,
  },
};

export const DATASET_NAMES = Object.keys(DATASETS);

/** The one-line list for `--help`. */
export function datasetHelp(): string {
  const width = Math.max(...DATASET_NAMES.map((n) => n.length));
  return [
    ...DATASET_NAMES.map((n) => `  ${n.padEnd(width)}  ${DATASETS[n]?.summary}`),
    `  ${"<file.csv>".padEnd(width)}  features, then a label column; header line optional`,
  ].join("\n");
}

/** A name or a path: a path has a slash or a dot, or names an existing file. */
export function isCsvPath(argument: string): boolean {
  if (Object.hasOwn(DATASETS, argument)) return false;
  return /[/\\.]/.test(argument) || existsSync(argument);
}

/**
 * Checks a dataset argument before any work: a known name, or a readable file.
 * @throws UsageError for an unknown name (suggesting the closest) or an option the set does not take.
 */
export function checkDataset(argument: string, options: DatasetOptions): void {
  if (isCsvPath(argument)) {
    if (!existsSync(argument)) throw new CliError(`${argument}: no such file`);
    if (!statSync(argument).isFile()) throw new CliError(`${argument}: not a file`);
    for (const key of ["samples", "classes", "noise", "dataDir"] as const) {
      if (options[key] !== undefined) throw new UsageError(`${flagOf(key)} does not apply to a CSV file`);
    }
    return;
  }
  const named = Object.hasOwn(DATASETS, argument) ? DATASETS[argument] : undefined;
  if (!named) {
    throw new UsageError(
      `unknown dataset ${JSON.stringify(argument)}${suggestion(argument, DATASET_NAMES)}; expected one of ${DATASET_NAMES.join(", ")} or a .csv file`,
    );
  }
  for (const key of ["classes", "noise", "dataDir"] as const) {
    if (options[key] !== undefined && !Object.hasOwn(named.defaults, key))
      throw new UsageError(`${flagOf(key)} does not apply to the ${argument} dataset`);
  }
  // Per class for spiral and vertical: the points drawn in all must stay within the data's limit.
  const samples = options.samples ?? named.defaults.samples ?? 1;
  const perClass = Object.hasOwn(named.defaults, "classes") ? (options.classes ?? named.defaults.classes ?? 1) : 1;
  if (samples * perClass > MAX_POINTS)
    throw new UsageError(
      `--samples ${samples} × --classes ${perClass} would draw ${samples * perClass} points, more than ${MAX_POINTS}`,
    );
}

function flagOf(key: keyof DatasetOptions): string {
  return key === "dataDir" ? "--data-dir" : `--${key}`;
}

/**
 * Draws or reads a named dataset. Random sets draw from the shared generator (seed it
 * first, as the book's `nnfs.init()`).
 */
export async function loadNamed(name: string, options: DatasetOptions, split: "train" | "test"): Promise<LabeledData> {
  const named = Object.hasOwn(DATASETS, name) ? DATASETS[name] : undefined;
  if (!named) throw new UsageError(`unknown dataset ${JSON.stringify(name)}${suggestion(name, DATASET_NAMES)}`);
  const merged = { ...named.defaults, ...definedOnly(options) };
  return named.load({ ...merged, samples: merged.samples ?? 1 }, split);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function loadFashionMnist(
  o: DatasetOptions & { samples: number },
  split: "train" | "test",
): Promise<LabeledData> {
  const dir = o.dataDir ?? FASHION_MNIST_DIR;
  let sets: Awaited<ReturnType<typeof fashionMnist>>;
  try {
    sets = await fashionMnist(dir);
  } catch (error) {
    if (error instanceof ValueError && error.message.includes("not found")) {
      throw new CliError(
        `Fashion-MNIST is not installed in ${dir}: install it with \`sudo apt-get install dataset-fashion-mnist\` (Debian/Ubuntu), or download the four IDX files and pass --data-dir <folder>`,
      );
    }
    throw error;
  }
  let { X, y } = sets[split];
  // The book's chapter 19 shuffles the training set once, from the seeded generator.
  if (split === "train") ({ X, y } = shuffleTogether(X, y, random));
  const n = Math.min(o.samples, X.shape[0] as number);
  const flat = slice(X, `:${n}`).reshape([n, -1]) as NDArray<"float32">;
  return {
    ...classes("fashion-mnist", { X: flat, y: slice(y, `:${n}`) as NDArray<"int32"> }, 10),
    preprocess: { type: "scale", from: [0, 255], to: [-1, 1] },
  };
}

/**
 * Reads a CSV of features then one label column. Labels that are all integers ≥ 0 are
 * classes `0..max`; other numbers are regression values; words (or negative integers) are
 * class names, sorted — or, with `classNames` (a model's), looked up there.
 * @throws CliError naming the file and line of the first bad field.
 */
export function readLabeledCsv(path: string, options: { classNames?: string[] | null } = {}): LabeledData {
  const table = parseCsv(readFileSync(path, "utf8"), path, { labelColumn: true });
  const width = (table.rows[0] as string[]).length;
  if (width < 2)
    throw new CliError(`${path}: needs at least one feature column and a label column, got ${width} column`);
  const n = table.rows.length;
  const X = new NDArray(numericColumns(table, path, 0, width - 1), [n, width - 1]) as NDArray<"float32">;
  const raw = table.rows.map((row) => row[width - 1] as string);
  raw.forEach((label, r) => {
    if (label === "") throw new CliError(`${path}:${table.lines[r]}: the label (column ${width}) is empty`);
  });
  const base = { X, preprocess: none, label: path };
  const names = options.classNames ?? null;
  if (names) {
    const index = new Map(names.map((name, i) => [name, i]));
    const y = new Int32Array(n);
    raw.forEach((label, r) => {
      const i = index.get(label);
      if (i === undefined)
        throw new CliError(
          `${path}:${table.lines[r]}: label ${JSON.stringify(label)} is not one of the model's classes (${names.join(", ")})`,
        );
      y[r] = i;
    });
    return { ...base, y: new NDArray(y, [n]), kind: "classes", classes: names.length, classNames: names };
  }
  if (raw.every(isNumber)) {
    const numbers = raw.map(Number);
    if (numbers.every((v) => Number.isInteger(v) && v >= 0)) {
      const y = Int32Array.from(numbers);
      return {
        ...base,
        y: new NDArray(y, [n]),
        kind: "classes",
        classes: numbers.reduce((a, b) => Math.max(a, b), 0) + 1,
        classNames: null,
      };
    }
    if (!numbers.every(Number.isInteger)) {
      return {
        ...base,
        y: new NDArray(Float32Array.from(numbers), [n, 1]),
        kind: "values",
        classes: 0,
        classNames: null,
      };
    }
  }
  const sorted = [...new Set(raw)].sort((a, b) =>
    isNumber(a) && isNumber(b) ? Number(a) - Number(b) : a < b ? -1 : 1,
  );
  const index = new Map(sorted.map((name, i) => [name, i]));
  const y = Int32Array.from(raw, (label) => index.get(label) as number);
  return { ...base, y: new NDArray(y, [n]), kind: "classes", classes: sorted.length, classNames: sorted };
}

/** Reads a dataset argument: a name (drawn or loaded) or a CSV path. */
export async function loadDataset(
  argument: string,
  options: DatasetOptions,
  split: "train" | "test",
  classNames?: string[] | null,
): Promise<LabeledData> {
  checkDataset(argument, options);
  return isCsvPath(argument) ? readLabeledCsv(argument, { classNames }) : loadNamed(argument, options, split);
}

/** Most classes a classification may have; more usually means the labels are values. */
export const MAX_CLASSES = 1000;

/**
 * The output width of a model for `task` on `data` (classes, 1 for binary, values for
 * regression), after checking that the labels fit the task. The head of the model built for
 * it encodes the labels (`model.targetsFor`).
 * @throws CliError when the labels do not fit the task.
 */
export function outputsFor(data: LabeledData, task: Task): number {
  if (task === "regression") {
    if (data.kind === "values") return data.y.shape[1] as number;
    if (data.classNames)
      throw new CliError(`${data.label}: the labels are words, they cannot be fitted as values (--task regression)`);
    return 1;
  }
  if (data.kind === "values")
    throw new CliError(
      `${data.label}: the labels are not whole numbers, so they cannot be classes; train with --task regression`,
    );
  if (task === "binary") {
    if (data.classes > 2)
      throw new CliError(`${data.label}: --task binary needs labels 0 and 1, the data has ${data.classes} classes`);
    return 1;
  }
  if (data.classes < 2) throw new CliError(`${data.label}: classification needs at least 2 classes, the data has 1`);
  if (data.classes > MAX_CLASSES)
    throw new CliError(
      `${data.label}: labels up to ${data.classes - 1} would make ${data.classes} classes; if they are values, train with --task regression`,
    );
  return data.classes;
}
