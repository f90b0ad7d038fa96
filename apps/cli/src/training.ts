/**
 * One training run, from a plain `TrainConfig` (what the flags say) to a trained model:
 * seed, draw or read the data, split off validation, preprocess, build the model, train.
 * It runs inside the training worker (train-worker.ts); nothing here touches the terminal.
 */
import { trainTestSplit } from "@sinapse/data";
import { type BatchInfo, buildModel, type EpochInfo, type Model } from "@sinapse/layers";
import { type NDArray, Random, random } from "@sinapse/tensor";
import { type DatasetOptions, isCsvPath, loadDataset, outputsFor, type Task } from "./datasets.js";
import { UsageError } from "./errors.js";
import type { CliMetadata } from "./model-file.js";
import { type Architecture, modelSpec, type OptimizerSettings } from "./model-spec.js";
import { applyPreprocess, fitStandardize } from "./preprocess.js";

export interface TrainConfig {
  /** A dataset name or a CSV path. */
  dataset: string;
  datasetOptions: DatasetOptions;
  /** The task asked for; read off the labels when absent. */
  task?: Task;
  architecture: Omit<Architecture, "features" | "outputs" | "task">;
  optimizer: OptimizerSettings;
  epochs: number;
  /** Samples per step; the whole set when absent (the book's chapters 11-17). */
  batchSize?: number;
  shuffle: boolean;
  seed: number;
  /** Fraction of the samples held out for validation after every epoch. */
  validationSplit?: number;
  /** Standardize each feature with the training set's mean and std (instead of the dataset's own scaling). */
  standardize: boolean;
}

export interface Session {
  model: Model;
  X: NDArray;
  y: NDArray;
  validation?: [NDArray, NDArray];
  meta: CliMetadata;
  /** Batches per epoch. */
  steps: number;
}

/** Most parameters a model trained here may have: 2²⁶ (256 MiB of float32, four times that with Adam's state). */
export const MAX_PARAMETERS = 2 ** 26;

/**
 * Refuses, before any weight is drawn, a network of more than {@link MAX_PARAMETERS}.
 * @throws UsageError naming the sizes, e.g. for `--hidden 65536,65536`.
 */
export function checkModelSize(hidden: readonly number[], features: number, outputs: number): void {
  const sizes = [features, ...hidden, outputs];
  let parameters = 0;
  for (let i = 1; i < sizes.length; i++) parameters += ((sizes[i - 1] as number) + 1) * (sizes[i] as number);
  if (parameters > MAX_PARAMETERS)
    throw new UsageError(
      `--hidden ${hidden.join(",")}: a ${sizes.join("-")} network has ${parameters} parameters, more than ${MAX_PARAMETERS}`,
    );
}

/** Data and model, in the book's order: seed, draw the data, then the weights. */
export async function prepare(config: TrainConfig): Promise<Session> {
  random.seed(config.seed);
  const data = await loadDataset(config.dataset, config.datasetOptions, "train");
  const task = config.task ?? (data.kind === "classes" ? "classification" : "regression");
  const outputs = outputsFor(data, task);
  let train: { X: NDArray<"float32">; y: NDArray } = { X: data.X, y: data.y };
  let held: { X: NDArray<"float32">; y: NDArray } | undefined;
  if (config.validationSplit !== undefined) {
    // A generator of its own, so that the weights are drawn as without a split.
    const split = trainTestSplit(data.X, data.y, { testSize: config.validationSplit, rng: new Random(config.seed) });
    train = split.train;
    held = split.test;
  }
  const preprocess = config.standardize ? fitStandardize(train.X) : data.preprocess;
  const X = applyPreprocess(preprocess, train.X);
  const features = X.shape[1] as number;
  checkModelSize(config.architecture.hidden, features, outputs);
  const model = buildModel(modelSpec({ ...config.architecture, features, outputs, task }, config.optimizer));
  const n = X.shape[0] as number;
  return {
    model,
    X,
    // The head encodes the labels: class indices, 0/1 columns or value columns.
    y: model.targetsFor(train.y),
    validation: held ? [applyPreprocess(preprocess, held.X), model.targetsFor(held.y)] : undefined,
    meta: {
      task,
      features,
      outputs,
      classNames: data.classNames,
      preprocess,
      dataset: isCsvPath(config.dataset) ? null : { name: config.dataset, ...config.datasetOptions },
    },
    steps: Math.ceil(n / (config.batchSize ?? n)),
  };
}

export interface TrainHooks {
  onBatchEnd?: (info: BatchInfo) => void;
  /** Called for every complete epoch (not for one cut short by a stop). */
  onEpochEnd?: (info: EpochInfo) => void;
  /** Polled after every batch: true stops training there. */
  shouldStop?: () => boolean;
}

/** Trains the session's model with `fit`; returns the complete epochs and whether a stop cut it short. */
export function train(
  session: Session,
  config: TrainConfig,
  hooks: TrainHooks = {},
): {
  history: EpochInfo[];
  stopped: boolean;
} {
  let stopped = false;
  const signal = {
    get aborted(): boolean {
      stopped ||= hooks.shouldStop?.() === true;
      return stopped;
    },
  };
  const history = session.model.fit(session.X, session.y, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    shuffle: config.shuffle,
    validationData: session.validation,
    signal,
    callbacks: { onBatchEnd: hooks.onBatchEnd, onEpochEnd: hooks.onEpochEnd },
  });
  return { history, stopped };
}
