/**
 * An experiment: everything the playground needs to replay a run exactly — the data
 * (set, size, noise, split, seed, points added by hand), the network, the loss and the
 * optimizer. It lives in the URL (`toQuery` / `fromQuery`), so a link replays it.
 */

export const DATASETS = [
  "spiral",
  "vertical",
  "sine",
  "circle",
  "xor",
  "gaussian",
  "twoSpiral",
  "regressionPlane",
  "regressionGaussian",
] as const;
export type DatasetName = (typeof DATASETS)[number];

export const ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear", "leakyRelu", "gelu"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const OPTIMIZERS = ["sgd", "adagrad", "rmsprop", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Input features: the two coordinates and TensorFlow Playground's crosses. */
export const FEATURES = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"] as const;
export type FeatureName = (typeof FEATURES)[number];

/** Classification: softmax + cross-entropy, sigmoid + binary cross-entropy (2 classes), or MSE. */
export const LOSSES = ["crossentropy", "binary", "mse", "mae"] as const;
export type LossName = (typeof LOSSES)[number];

export type Task = "classification" | "regression";

export interface HiddenLayer {
  units: number;
  activation: ActivationName;
}

/** A point added by clicking the canvas: coordinates and a class (or a target value). */
export interface AddedPoint {
  x: number;
  y: number;
  label: number;
}

export interface Experiment {
  dataset: DatasetName;
  /** Classes of `spiral` and `vertical` (2–5); the Playground sets have 2. */
  classes: number;
  /** Points generated (before the split). */
  samples: number;
  noise: number;
  /** Fraction of the points used for training, in (0, 1). */
  trainRatio: number;
  seed: number;
  points: AddedPoint[];
  features: FeatureName[];
  hidden: HiddenLayer[];
  dropout: number;
  l1: number;
  l2: number;
  loss: LossName;
  optimizer: OptimizerName;
  learningRate: number;
  decay: number;
  /** SGD momentum. */
  momentum: number;
  /** RMSProp's ρ. */
  rho: number;
  beta1: number;
  beta2: number;
  batchSize: number;
}

export const LIMITS = {
  classes: [2, 5],
  samples: [10, 2000],
  noise: [0, 0.5],
  hiddenLayers: 8,
  units: [1, 64],
  batchSize: [1, 2000],
} as const;

export const DEFAULT_EXPERIMENT: Experiment = {
  dataset: "spiral",
  classes: 3,
  samples: 300,
  noise: 0,
  trainRatio: 0.7,
  seed: 0,
  points: [],
  features: ["x1", "x2"],
  hidden: [
    { units: 16, activation: "relu" },
    { units: 16, activation: "relu" },
  ],
  dropout: 0,
  l1: 0,
  l2: 0,
  loss: "crossentropy",
  optimizer: "adam",
  learningRate: 0.02,
  decay: 0,
  momentum: 0.9,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  batchSize: 32,
};

/** Regression sets have one target value; the others are classification. */
export function taskOf(dataset: DatasetName): Task {
  return dataset === "sine" || dataset === "regressionPlane" || dataset === "regressionGaussian"
    ? "regression"
    : "classification";
}

/** How many classes the set has (1 output for regression). */
export function classCount(e: Pick<Experiment, "dataset" | "classes">): number {
  if (taskOf(e.dataset) === "regression") return 1;
  return e.dataset === "spiral" || e.dataset === "vertical" ? e.classes : 2;
}

/** Sine has one input coordinate; every other set has two. */
export function inputDims(dataset: DatasetName): 1 | 2 {
  return dataset === "sine" ? 1 : 2;
}

/** The losses that make sense for the experiment's task and class count. */
export function lossesFor(e: Pick<Experiment, "dataset" | "classes">): LossName[] {
  if (taskOf(e.dataset) === "regression") return ["mse", "mae"];
  return classCount(e) === 2 ? ["crossentropy", "binary", "mse"] : ["crossentropy", "mse"];
}

/** Features available for the set: sine has only x₁ and its crosses. */
export function featuresFor(dataset: DatasetName): FeatureName[] {
  return inputDims(dataset) === 1 ? ["x1", "x1sq", "sinx1"] : [...FEATURES];
}

/** What a fresh experiment on `dataset` starts with: its coordinates as features, the task's first loss. */
export function datasetDefaults(dataset: DatasetName): Pick<Experiment, "features" | "loss"> {
  return {
    features: inputDims(dataset) === 1 ? ["x1"] : ["x1", "x2"],
    loss: taskOf(dataset) === "regression" ? "mse" : "crossentropy",
  };
}

/**
 * The experiment with another data set, as a fresh start on it (TensorFlow Playground's
 * behaviour): the set's own features and loss, no added points. Settings of the network
 * and the optimizer stay.
 */
export function withDataset(e: Experiment, dataset: DatasetName): Experiment {
  return normalize({ ...e, dataset, points: [], ...datasetDefaults(dataset) });
}

/** A number setting's allowed range: `[lo, hi]`, `lo` excluded when `open`, whole numbers when `integer`. */
export interface NumberRange {
  lo: number;
  hi: number;
  open?: boolean;
  integer?: boolean;
}

/** The range of every number setting; a link or a field with a value outside it is refused. */
export const RANGES = {
  classes: { lo: LIMITS.classes[0], hi: LIMITS.classes[1], integer: true },
  samples: { lo: LIMITS.samples[0], hi: LIMITS.samples[1], integer: true },
  noise: { lo: LIMITS.noise[0], hi: LIMITS.noise[1] },
  trainRatio: { lo: 0.1, hi: 0.9 },
  seed: { lo: 0, hi: 2 ** 32 - 1, integer: true },
  dropout: { lo: 0, hi: 0.9 },
  l1: { lo: 0, hi: 10 },
  l2: { lo: 0, hi: 10 },
  learningRate: { lo: 0, hi: 10, open: true },
  decay: { lo: 0, hi: 10 },
  momentum: { lo: 0, hi: 0.999 },
  rho: { lo: 0, hi: 0.999 },
  beta1: { lo: 0, hi: 0.999 },
  beta2: { lo: 0, hi: 0.9999 },
  batchSize: { lo: LIMITS.batchSize[0], hi: LIMITS.batchSize[1], integer: true },
} as const satisfies Record<NumberField, NumberRange>;

/** Whether `v` lies in `range`. */
export function inRange(v: number, range: NumberRange): boolean {
  if (!Number.isFinite(v) || v > range.hi) return false;
  if (range.open ? v <= range.lo : v < range.lo) return false;
  return !range.integer || Number.isInteger(v);
}

/** The range as text, e.g. `0 < lr ≤ 10` or `1 ≤ bs ≤ 2000 (whole numbers)`. */
export function rangeText(name: string, range: NumberRange): string {
  return `${range.lo} ${range.open ? "<" : "≤"} ${name} ≤ ${range.hi}`;
}

const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
/** `v` when it is in range, else `fallback`: what a setting that cannot be used falls back to. */
const valid = (v: number, range: NumberRange, fallback: number) => (inRange(v, range) ? v : fallback);

/**
 * Makes an experiment consistent: counts and rates inside their ranges, a loss and
 * features the dataset supports, at least one feature. Returns a new object.
 */
export function normalize(e: Experiment): Experiment {
  const classes = Math.round(clamp(e.classes, LIMITS.classes));
  const losses = lossesFor({ dataset: e.dataset, classes });
  const allowed = featuresFor(e.dataset);
  const features = FEATURES.filter((f) => e.features.includes(f) && allowed.includes(f));
  return {
    ...e,
    classes,
    samples: Math.round(clamp(e.samples, LIMITS.samples)),
    noise: clamp(e.noise, LIMITS.noise),
    trainRatio: clamp(e.trainRatio, [0.1, 0.9]),
    seed: Math.max(0, Math.floor(e.seed)) % 2 ** 32,
    features: features.length > 0 ? features : ["x1"],
    hidden: e.hidden.slice(0, LIMITS.hiddenLayers).map((h) => ({
      units: Math.round(clamp(h.units, LIMITS.units)),
      activation: h.activation,
    })),
    dropout: clamp(e.dropout, [0, 0.9]),
    l1: valid(e.l1, RANGES.l1, 0),
    l2: valid(e.l2, RANGES.l2, 0),
    // An optimizer refuses these outside their ranges; the defaults keep the page working.
    learningRate: valid(e.learningRate, RANGES.learningRate, DEFAULT_EXPERIMENT.learningRate),
    decay: valid(e.decay, RANGES.decay, 0),
    momentum: valid(e.momentum, RANGES.momentum, DEFAULT_EXPERIMENT.momentum),
    rho: valid(e.rho, RANGES.rho, DEFAULT_EXPERIMENT.rho),
    beta1: valid(e.beta1, RANGES.beta1, DEFAULT_EXPERIMENT.beta1),
    beta2: valid(e.beta2, RANGES.beta2, DEFAULT_EXPERIMENT.beta2),
    loss: losses.includes(e.loss) ? e.loss : (losses[0] as LossName),
    batchSize: Math.round(clamp(e.batchSize, LIMITS.batchSize)),
    points: e.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && Number.isFinite(p.label)),
  };
}

// ---- URL form ---------------------------------------------------------------------------

const NUMBER_KEYS = {
  classes: "c",
  samples: "n",
  noise: "noise",
  trainRatio: "split",
  seed: "seed",
  dropout: "drop",
  l1: "l1",
  l2: "l2",
  learningRate: "lr",
  decay: "decay",
  momentum: "mom",
  rho: "rho",
  beta1: "b1",
  beta2: "b2",
  batchSize: "bs",
} as const satisfies Partial<Record<keyof Experiment, string>>;

/** The experiment's number settings. */
export type NumberField = keyof typeof NUMBER_KEYS;

/** Shortest text that reads back as the same double, so a link replays exactly. */
const num = (v: number) => String(v);

/** The experiment as a query string (without `?`); only values that differ from the defaults. */
export function toQuery(e: Experiment): string {
  const q = new URLSearchParams();
  const d = DEFAULT_EXPERIMENT;
  if (e.dataset !== d.dataset) q.set("data", e.dataset);
  for (const [field, key] of Object.entries(NUMBER_KEYS) as [keyof typeof NUMBER_KEYS, string][]) {
    if (e[field] !== d[field]) q.set(key, num(e[field]));
  }
  // Features and loss are written when they differ from the data set's own (see `datasetDefaults`).
  const own = datasetDefaults(e.dataset);
  if (e.loss !== own.loss) q.set("loss", e.loss);
  if (e.optimizer !== d.optimizer) q.set("opt", e.optimizer);
  const features = e.features.join(",");
  if (features !== own.features.join(",")) q.set("f", features);
  const hidden = e.hidden.map((h) => `${h.units}${h.activation}`).join(",");
  if (hidden !== d.hidden.map((h) => `${h.units}${h.activation}`).join(",")) q.set("net", hidden || "none");
  if (e.points.length > 0) q.set("pts", e.points.map((p) => `${num(p.x)}_${num(p.y)}_${num(p.label)}`).join(","));
  return q.toString();
}

/** A part of a link that could not be used; the page words it in its language (see `problemText`). */
export type LinkProblem =
  | { key: string; kind: "unknown"; value: string }
  | { key: string; kind: "notNumber"; value: string }
  | { key: string; kind: "outOfRange"; value: string; range: string }
  | { key: string; kind: "unknownFeature"; value: string }
  | { key: string; kind: "badLayer"; value: string }
  | { key: string; kind: "badPoint"; value: string };

/** A problem in English, e.g. `lr: -1 is outside 0 < lr ≤ 10`. */
export function problemText(p: LinkProblem): string {
  switch (p.kind) {
    case "unknown":
      return `${p.key}: unknown value "${p.value}"`;
    case "notNumber":
      return `${p.key}: not a number "${p.value}"`;
    case "outOfRange":
      return `${p.key}: ${p.value} is outside ${p.range}`;
    case "unknownFeature":
      return `${p.key}: unknown feature ${p.value}`;
    case "badLayer":
      return `${p.key}: cannot read layer "${p.value}"`;
    case "badPoint":
      return `${p.key}: cannot read "${p.value}"`;
  }
}

function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Reads an experiment from a query string. Missing keys keep their defaults; values that
 * cannot be read are reported in `problems` and replaced by the default, so a damaged link
 * still opens.
 */
export function fromQuery(query: string): { experiment: Experiment; problems: LinkProblem[] } {
  const q = new URLSearchParams(query);
  const problems: LinkProblem[] = [];
  const e: Experiment = structuredClone(DEFAULT_EXPERIMENT);
  const pick = <T extends string>(key: string, list: readonly T[], fallback: T): T => {
    const value = q.get(key);
    const chosen = oneOf(list, value, fallback);
    if (value !== null && chosen !== value) problems.push({ key, kind: "unknown", value });
    return chosen;
  };
  e.dataset = pick("data", DATASETS, e.dataset);
  Object.assign(e, datasetDefaults(e.dataset));
  e.loss = pick("loss", LOSSES, e.loss);
  e.optimizer = pick("opt", OPTIMIZERS, e.optimizer);
  for (const [field, key] of Object.entries(NUMBER_KEYS) as [keyof typeof NUMBER_KEYS, string][]) {
    const raw = q.get(key);
    if (raw === null) continue;
    const value = Number(raw);
    const range: NumberRange = RANGES[field];
    if (raw.trim() === "" || !Number.isFinite(value)) problems.push({ key, kind: "notNumber", value: raw });
    else if (!inRange(value, range))
      problems.push({ key, kind: "outOfRange", value: raw, range: rangeText(key, range) });
    else e[field] = value;
  }
  const f = q.get("f");
  if (f !== null) {
    const names = f.split(",").filter((x) => x !== "");
    const bad = names.filter((x) => !(FEATURES as readonly string[]).includes(x));
    if (bad.length > 0) problems.push({ key: "f", kind: "unknownFeature", value: bad.map((b) => `"${b}"`).join(", ") });
    e.features = names.filter((x): x is FeatureName => (FEATURES as readonly string[]).includes(x));
  }
  const net = q.get("net");
  if (net !== null) {
    e.hidden = [];
    for (const part of net === "none" ? [] : net.split(",")) {
      const m = /^(\d+)([a-zA-Z]+)$/.exec(part);
      const activation = m ? oneOf(ACTIVATIONS, m[2] ?? null, "relu") : null;
      const units = Number(m?.[1]);
      if (!m || activation !== m[2] || units < LIMITS.units[0] || units > LIMITS.units[1])
        problems.push({ key: "net", kind: "badLayer", value: part });
      else e.hidden.push({ units, activation: activation as ActivationName });
    }
  }
  const pts = q.get("pts");
  if (pts !== null) {
    for (const part of pts.split(",")) {
      const values = part.split("_").map(Number);
      if (values.length !== 3 || values.some((v) => !Number.isFinite(v)))
        problems.push({ key: "pts", kind: "badPoint", value: part });
      else e.points.push({ x: values[0] as number, y: values[1] as number, label: values[2] as number });
    }
  }
  return { experiment: normalize(e), problems };
}
