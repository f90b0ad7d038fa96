/**
 * `Model`: the book's model class. Layers are added in order, `set()` chooses the loss,
 * optimizer and accuracy, `finalize()` checks that the layers fit together. `trainStep(x, y)`
 * is one optimizer step on one batch; `fit(X, y, options)` is the book's training loop
 * (batches, the partial last batch, printing, validation) built from `trainStep`, and
 * returns a history. A model whose last layer, loss and accuracy make a task `Head`
 * (softmax + categorical cross-entropy, sigmoid + binary cross-entropy, linear + squared
 * error) trains through the head: softmax + cross-entropy is computed fused, from the logits.
 * `Module.train(mode)` / `eval()` only switch dropout on and off, as in PyTorch.
 */
import { add, asTensor, hasNonFinite, noGrad, type Tensor, tensor } from "@sinapse/autograd";
import {
  compile,
  concat,
  fmtShape,
  getBackend,
  NDArray,
  type Random,
  random,
  ShapeError,
  slice,
  stack,
  take,
  ValueError,
} from "@sinapse/tensor";
import { type Accuracy, RegressionAccuracy } from "./accuracy.js";
import { Activation } from "./activations.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import { type Head, type HeadLoss, recognizeHead } from "./heads.js";
import type { Loss } from "./losses.js";
import { Module } from "./module.js";
import type { Optimizer } from "./optimizers/optimizer.js";
import { loadModel, modelFromBytes, modelToBytes, saveModel, type ToBytesOptions } from "./serialize.js";
import { type ModelSpec, specOf } from "./spec.js";

export interface BatchInfo {
  epoch: number;
  step: number;
  steps: number;
  loss: number;
  accuracy: number;
  learningRate: number;
}

export interface EpochInfo {
  epoch: number;
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  accuracy: number;
  learningRate: number;
  validationLoss?: number;
  validationAccuracy?: number;
}

export interface FitOptions {
  epochs?: number;
  /** Samples per step; the whole set at once when omitted. The last batch may be smaller. */
  batchSize?: number;
  /**
   * Print the book's lines: every this many epochs with full batches (numbered from 0, as
   * the book's chapters 11-17 print their iterations), or every this many steps with batches
   * (epochs numbered from 1, as the book's `Model`); silent when omitted.
   */
  printEvery?: number;
  /** Where printed lines go (console.log by default). */
  log?: (line: string) => void;
  validationData?: [NDArray, NDArray];
  /** Reshuffle the samples every epoch with `rng`. */
  shuffle?: boolean;
  rng?: Random;
  /** Checked after every step: once `aborted` is true, training stops after that step. */
  signal?: { readonly aborted: boolean };
  /**
   * Record the step once and replay it (`compiledStep`) where a replay is exact: true by
   * default; `false` runs every step eagerly through `trainStep`.
   */
  compile?: boolean;
  callbacks?: {
    /** After every step; reading its loss and accuracy back costs a sync per step. */
    onBatchEnd?: (info: BatchInfo) => void;
    /** After every complete epoch (an epoch cut short by a stop is not reported). */
    onEpochEnd?: (info: EpochInfo) => void;
  };
}

export type History = EpochInfo[];

/**
 * A computation that stops where it needs values back from the backend: it yields the
 * arrays and resumes with their values (`readSync` reads with `dataSync`, `readAsync` with
 * `await data()`), so one loop serves the CPU backends and the webgpu one.
 */
type Reads<T> = Generator<readonly NDArray[], T, ArrayLike<number>[]>;

function readSync<T>(steps: Reads<T>): T {
  let next = steps.next();
  while (!next.done) next = steps.next(next.value.map((a) => a.dataSync() as ArrayLike<number>));
  return next.value;
}

async function readAsync<T>(steps: Reads<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    const values = await Promise.all(next.value.map((a) => a.data() as Promise<ArrayLike<number>>));
    next = steps.next(values);
  }
  return next.value;
}

/** `Model.compiledStep()`: one training step, replayed after its first call. */
export interface CompiledStep {
  (x: NDArray, y: NDArray, metrics?: StepMetrics): NDArray;
  /** Why steps run eagerly instead (dropout, a host-side rate, a read-back), or null. */
  readonly reason: string | null;
  /** Kernels the latest batch shape's recording holds, and what one replay runs after fusion. */
  readonly kernels: { readonly recorded: number; readonly replayed: number };
}

export interface ModelSettings {
  loss?: Loss;
  optimizer?: Optimizer;
  accuracy?: Accuracy;
}

/**
 * Device-side sums of a run of training steps: each step's data loss, accuracy hits and
 * sample count are kept as arrays and read back together, once, by `read()`.
 */
export class StepMetrics {
  private readonly losses: NDArray[] = [];
  private readonly hits: NDArray[] = [];
  private readonly counts: number[] = [];
  private penalty: NDArray | null = null;

  /** Steps recorded so far. */
  get steps(): number {
    return this.losses.length;
  }

  /** Adds one step's scalar data loss, scalar hit count, batch size and penalty (if any). */
  record(loss: NDArray, hits: NDArray, count: number, penalty: NDArray | null): void {
    this.losses.push(loss);
    this.hits.push(hits);
    this.counts.push(count);
    this.penalty = penalty;
  }

  /** The arrays `last()` reads: the last step's loss and hits (and penalty). */
  lastArrays(): NDArray[] {
    const i = this.losses.length - 1;
    if (i < 0) throw new ValueError("StepMetrics.last", "no step has been recorded");
    const list = [this.losses[i] as NDArray, this.hits[i] as NDArray];
    if (this.penalty) list.push(this.penalty);
    return list;
  }

  /** `last()` from the values of `lastArrays()`. */
  lastFrom(values: readonly ArrayLike<number>[]): { loss: number; accuracy: number; regularizationLoss: number } {
    const count = this.counts[this.counts.length - 1] as number;
    return {
      loss: Number(values[0]?.[0]),
      accuracy: Number(values[1]?.[0]) / count,
      regularizationLoss: this.penalty ? Number(values[2]?.[0]) : 0,
    };
  }

  /** The last step alone (one read). */
  last(): { loss: number; accuracy: number; regularizationLoss: number } {
    return this.lastFrom(this.lastArrays().map((a) => a.dataSync() as ArrayLike<number>));
  }

  /** The arrays `read()` reads: every step's loss and hits, stacked (and the penalty). */
  arrays(): NDArray[] {
    if (this.losses.length === 0) throw new ValueError("StepMetrics.read", "no step has been recorded");
    const list = [stack(this.losses), stack(this.hits)];
    if (this.penalty) list.push(this.penalty);
    return list;
  }

  /** `read()` from the values of `arrays()`. */
  summary(values: readonly ArrayLike<number>[]): {
    losses: number[];
    loss: number;
    accuracy: number;
    regularizationLoss: number;
  } {
    const losses = Array.from(values[0] as ArrayLike<number>, Number);
    const hits = values[1] as ArrayLike<number>;
    let lossSum = 0;
    let hitSum = 0;
    let seen = 0;
    losses.forEach((l, i) => {
      const count = this.counts[i] as number;
      lossSum += l * count;
      hitSum += Number(hits[i]);
      seen += count;
    });
    return {
      losses,
      loss: lossSum / seen,
      accuracy: hitSum / seen,
      regularizationLoss: this.penalty ? Number(values[2]?.[0]) : 0,
    };
  }

  /**
   * Every step's loss, the sample-weighted mean loss and accuracy, and the last step's
   * penalty, from one read of the losses and one of the hits.
   */
  read(): { losses: number[]; loss: number; accuracy: number; regularizationLoss: number } {
    return this.summary(this.arrays().map((a) => a.dataSync() as ArrayLike<number>));
  }

  /** `read()` for arrays on a GPU (`await data()`; works on every backend). */
  async readAsync(): Promise<{ losses: number[]; loss: number; accuracy: number; regularizationLoss: number }> {
    return this.summary(await Promise.all(this.arrays().map((a) => a.data() as Promise<ArrayLike<number>>)));
  }
}

/** How a model without a task head computes its loss: on the last layer's outputs. */
interface Objective {
  /** The head, whose activation (the last layer) the loss works around; null: the whole forward. */
  head: Head | null;
  loss: Loss;
  lossOf(outputs: Tensor, targets: NDArray): HeadLoss;
}

const fmt3 = (v: number) => v.toFixed(3);

function checkBatchSize(op: string, batchSize: unknown, n: number): number {
  if (batchSize === undefined) return n;
  if (!Number.isSafeInteger(batchSize) || (batchSize as number) < 1)
    throw new ValueError(op, `batchSize must be a positive integer, got ${batchSize}`);
  return batchSize as number;
}

export class Model extends Module {
  readonly layers: Module[] = [];
  loss: Loss | null = null;
  optimizer: Optimizer | null = null;
  accuracy: Accuracy | null = null;
  /** Set to true (e.g. from a callback) to stop `fit` after the current step. */
  stopTraining = false;
  private finalized = false;
  private cachedHead: { key: [unknown, Loss | null, Accuracy | null]; head: Head | null } | null = null;
  /** The step `fit` replays, kept across calls while what it was recorded from is unchanged. */
  private cachedStep: { key: unknown[]; step: CompiledStep } | null = null;

  /** Appends a layer; returns the model. */
  add(layer: Module): this {
    if (!(layer instanceof Module))
      throw new ValueError("Model.add", `expected a layer (a Module), got ${typeof layer}`);
    this.layers.push(layer);
    this.finalized = false;
    return this;
  }

  /** Chooses the loss, optimizer and accuracy (any subset); returns the model. */
  set(settings: ModelSettings): this {
    if (settings.loss) this.loss = settings.loss;
    if (settings.optimizer) this.optimizer = settings.optimizer;
    if (settings.accuracy) this.accuracy = settings.accuracy;
    return this;
  }

  override children(): Module[] {
    return this.layers;
  }

  /**
   * Checks that consecutive Dense layers agree on sizes (activations and dropout pass
   * shapes through).
   * @throws ShapeError naming both layers and their sizes.
   */
  finalize(): this {
    if (this.layers.length === 0) throw new ValueError("Model.finalize", "the model has no layers");
    let previous: { index: number; layer: Dense } | null = null;
    this.layers.forEach((layer, index) => {
      if (!(layer instanceof Dense)) return;
      if (previous && previous.layer.nNeurons !== layer.nInputs) {
        throw new ShapeError(
          "Model.finalize",
          `layer ${previous.index} (${previous.layer.describe()}) outputs ${previous.layer.nNeurons} values but layer ${index} (${layer.describe()}) expects ${layer.nInputs}`,
        );
      }
      previous = { index, layer };
    });
    this.finalized = true;
    return this;
  }

  /**
   * The task head this model's last layer, loss and accuracy make (sharing those objects),
   * or `null` when they make none (or are not set).
   */
  get head(): Head | null {
    const key: [unknown, Loss | null, Accuracy | null] = [this.layers.at(-1), this.loss, this.accuracy];
    const c = this.cachedHead;
    if (c?.key.every((k, i) => k === key[i])) return c.head;
    const head = recognizeHead(key[0], key[1], key[2]);
    this.cachedHead = { key, head };
    return head;
  }

  /** Width of the model's output: the last Dense layer's neurons (activations keep widths). */
  get outputs(): number {
    const dense = this.layers.filter((l): l is Dense => l instanceof Dense);
    const last = dense.at(-1);
    if (!last) throw new ValueError("Model.outputs", "the model has no Dense layer to give its output width");
    return last.nNeurons;
  }

  /**
   * `labels` as this model's head trains on them: class indices (or one-hot rows), 0/1
   * columns or value columns, checked against the output width.
   * @throws ValueError when the model has no task head; the head's errors for bad labels.
   */
  targetsFor(labels: NDArray): NDArray {
    const head = this.head;
    if (!head) throw new ValueError("Model.targetsFor", "the model has no task head (see Model.head)");
    return head.targetsFor(labels, this.outputs);
  }

  /** The spec that rebuilds this model with `buildModel` (see `ModelSpec`). */
  spec(): ModelSpec {
    return specOf(this);
  }

  /** The last layer, when it is an activation (it turns outputs into predictions). */
  private get outputActivation(): Activation | null {
    const last = this.layers[this.layers.length - 1];
    return last instanceof Activation ? last : null;
  }

  /** Runs every layer in order. */
  forward(inputs: Tensor | NDArray): Tensor {
    if (!this.finalized) this.finalize();
    let h = asTensor("Model.forward", inputs);
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /** Predictions from outputs, by the output activation's rule (argmax, > 0.5, identity). */
  predictions(outputs: NDArray): NDArray {
    return this.outputActivation ? this.outputActivation.predictions(outputs) : outputs;
  }

  private objective(op: string): Objective {
    const head = this.head;
    if (head) return { head, loss: head.loss, lossOf: (z, t) => head.lossOf(z, t) };
    const loss = this.loss;
    if (!loss) throw new ValueError(op, "call set({ loss, optimizer, accuracy }) first");
    return {
      head: null,
      loss,
      lossOf: (outputs, targets) => ({
        loss: loss.calculate(outputs, targets),
        predictions: () => this.predictions(outputs.value),
      }),
    };
  }

  /**
   * The data loss of one batch and the outputs predictions are read from. With a head, the
   * layers before its activation give the logits (the input itself for a model that is only
   * the activation) and the head takes it from there.
   */
  private forwardLoss(objective: Objective, x: NDArray, y: NDArray): HeadLoss & { layerOutputs: Tensor[] } {
    const run = objective.head ? this.layers.slice(0, -1) : this.layers;
    const layerOutputs: Tensor[] = [];
    let h: Tensor = tensor(x);
    for (const layer of run) {
      h = layer.forward(h);
      layerOutputs.push(h);
    }
    return { ...objective.lossOf(h, y), layerOutputs };
  }

  private requireSet(op: string): { loss: Loss; optimizer: Optimizer; accuracy: Accuracy } {
    if (!this.loss || !this.optimizer || !this.accuracy) {
      throw new ValueError(op, "call set({ loss, optimizer, accuracy }) first");
    }
    return { loss: this.loss, optimizer: this.optimizer, accuracy: this.accuracy };
  }

  /**
   * One optimizer step on one batch, in training mode: forward, the data loss (through the
   * head), the regularisation penalty when a layer has one, backward, the optimizer's update,
   * gradients cleared. Returns the batch's data loss as a scalar Tensor, not read back; with
   * `metrics`, the loss, the accuracy hits and the penalty are added to it, also unread.
   * @example
   * for (const [bx, by] of batches) model.trainStep(bx, by);
   * @throws ValueError before anything changes when the loss or optimizer is not set, or
   *   `metrics` is given without an accuracy; ShapeError for x and y of different lengths.
   */
  trainStep(x: NDArray, y: NDArray, metrics?: StepMetrics): Tensor {
    const op = "Model.trainStep";
    const optimizer = this.optimizer;
    if (!optimizer) throw new ValueError(op, "call set({ optimizer }) first");
    const objective = this.objective(op);
    const accuracy = this.accuracy;
    if (metrics && !accuracy) throw new ValueError(op, "metrics need an accuracy: call set({ accuracy }) first");
    checkData(op, x, y);
    if (!this.finalized) this.finalize();
    if (!this.training) this.train(true);
    optimizer.preUpdate();
    const { loss, hits, penalty } = this.stepUpdates(
      objective,
      optimizer,
      this.parameters(),
      x,
      y,
      metrics ? accuracy : null,
    );
    optimizer.postUpdate();
    this.zeroGrad();
    if (metrics && hits) metrics.record(loss.value, hits, x.shape[0] as number, penalty ? penalty.value : null);
    return loss;
  }

  /**
   * The part of a step between the optimizer's `preUpdate` and `postUpdate`, shared by
   * `trainStep` and the compiled step: forward, the head's loss, the penalty when a layer has
   * one, the hit count when `accuracy` is given, backward, and every parameter's update.
   */
  private stepUpdates(
    objective: Objective,
    optimizer: Optimizer,
    params: readonly Tensor[],
    x: NDArray,
    y: NDArray,
    accuracy: Accuracy | null,
  ): { loss: Tensor; hits: NDArray | null; penalty: Tensor | null } {
    const { loss, predictions } = this.forwardLoss(objective, x, y);
    const penalty = this.regularizationLoss();
    const hits = accuracy ? accuracy.count(predictions(), y) : null;
    const total = penalty ? add(loss, penalty) : loss;
    // A model without parameters (only an activation) has nothing to differentiate.
    if (total.requiresGrad) total.backward();
    for (const p of params) if (p.grad) optimizer.update(p);
    return { loss, hits, penalty };
  }

  /**
   * Why a replayed step would differ from `trainStep` here, or null when it would not:
   * dropout draws new masks every step, and an optimizer whose decayed rate is a number
   * in its update (SGD, AdaGrad, RMSProp with decay) would keep its first value.
   */
  private replayBlocker(optimizer: Optimizer): string | null {
    if (!optimizer.replayable) return `${optimizer.constructor.name} with decay computes its rate on the host`;
    const dropout = this.layers.find((l) => l instanceof Dropout && l.rate > 0);
    if (dropout) return "Dropout draws new masks every step";
    return null;
  }

  /**
   * `compiledStep()` for `fit`, reused by later fits (a loop of `fit({ epochs: 1 })` records
   * once) while the layers, parameters, optimizer, loss, accuracy, regression precision and
   * dropout rates it was recorded from stay the same.
   */
  private fitStep(): CompiledStep {
    const accuracy = this.accuracy;
    const key: unknown[] = [
      this.optimizer,
      this.loss,
      accuracy,
      accuracy instanceof RegressionAccuracy ? accuracy.precision : null,
      ...this.layers,
      ...this.layers.map((l) => (l instanceof Dropout ? l.rate : null)),
      ...this.parameters(),
    ];
    const known = this.cachedStep;
    if (known && known.key.length === key.length && known.key.every((k, i) => k === key[i])) return known.step;
    const step = this.compiledStep();
    this.cachedStep = { key, step };
    return step;
  }

  /**
   * `trainStep` recorded once and replayed (`compile` from @sinapse/tensor, as
   * `torch.compile`/`jax.jit` do for a step): the first call of each batch shape runs the
   * step eagerly while its kernels are written down; later calls run only those kernels
   * (fused where elementwise ops chain), without rebuilding the graph or reading anything
   * back, and give the eager step's results (bit for bit on the js and wasm backends).
   * Where a replay would not be exact (see `FitOptions.compile`) the function runs
   * `trainStep`. Returns the step's data loss (a new array each call).
   * @example const step = model.compiledStep(); for (const [bx, by] of batches) step(bx, by);
   * @throws ValueError when the loss or optimizer is not set (as `trainStep`).
   */
  compiledStep(): CompiledStep {
    const op = "Model.compiledStep";
    const optimizer = this.optimizer;
    if (!optimizer) throw new ValueError(op, "call set({ optimizer }) first");
    const objective = this.objective(op);
    const accuracy = this.accuracy;
    if (!this.finalized) this.finalize();
    const blocker = this.replayBlocker(optimizer);
    if (blocker) {
      const eager = (x: NDArray, y: NDArray, metrics?: StepMetrics) => this.trainStep(x, y, metrics).value;
      return Object.assign(eager, { reason: blocker, kernels: { recorded: 0, replayed: 0 } });
    }
    const params = this.parameters();
    let penalized = false;
    const core = compile((x: NDArray, y: NDArray): NDArray[] => {
      const { loss, hits, penalty } = this.stepUpdates(objective, optimizer, params, x, y, accuracy);
      penalized = penalty !== null;
      const outputs = [loss.value];
      if (hits) outputs.push(hits);
      if (penalty) outputs.push(penalty.value);
      return outputs;
    });
    const step = (x: NDArray, y: NDArray, metrics?: StepMetrics): NDArray => {
      if (metrics && !accuracy) throw new ValueError(op, "metrics need an accuracy: call set({ accuracy }) first");
      checkData(op, x, y);
      if (!this.training) this.train(true);
      optimizer.preUpdate();
      const outputs = core(x, y);
      optimizer.postUpdate();
      this.zeroGrad();
      const loss = outputs[0] as NDArray;
      if (metrics) {
        const penalty = penalized ? (outputs[accuracy ? 2 : 1] as NDArray) : null;
        metrics.record(loss, outputs[1] as NDArray, x.shape[0] as number, penalty);
      }
      return loss;
    };
    return Object.defineProperties(step, {
      reason: { get: () => core.reason },
      kernels: { get: () => core.kernels },
    }) as CompiledStep;
  }

  /**
   * The book's training loop, a loop of `trainStep` (replayed through `compiledStep` where
   * exact, see `FitOptions.compile`) over batches and epochs; see `FitOptions`. Everything
   * is checked before the first update. Losses and accuracies are read back once per epoch
   * (and per step only for `onBatchEnd` or printed steps). Returns one entry per complete
   * epoch. On the webgpu backend, where arrays are read back asynchronously, use `fitAsync`.
   * @throws ValueError on the webgpu backend (pointing to `fitAsync`), and for bad options.
   */
  fit(X: NDArray, y: NDArray, options: FitOptions = {}): History {
    if (getBackend().name === "webgpu") {
      throw new ValueError(
        "Model.fit",
        "the webgpu backend reads losses back asynchronously: use `await model.fitAsync(X, y, options)`",
      );
    }
    return readSync(this.fitSteps(X, y, options));
  }

  /** `fit` on every backend, the webgpu one included: the same loop, reading back with `await data()`. */
  fitAsync(X: NDArray, y: NDArray, options: FitOptions = {}): Promise<History> {
    return readAsync(this.fitSteps(X, y, options));
  }

  private *fitSteps(X: NDArray, y: NDArray, options: FitOptions): Reads<History> {
    const op = "Model.fit";
    const { optimizer, accuracy } = this.requireSet(op);
    this.objective(op);
    this.finalize();
    checkData(op, X, y);
    const epochs = options.epochs ?? 1;
    if (!Number.isSafeInteger(epochs) || epochs < 1)
      throw new ValueError(op, `epochs must be a positive integer, got ${epochs}`);
    const n = X.shape[0] as number;
    const batchSize = checkBatchSize(op, options.batchSize, n);
    const printEvery = options.printEvery;
    if (printEvery !== undefined && (!Number.isSafeInteger(printEvery) || printEvery < 1))
      throw new ValueError(op, `printEvery must be a positive integer, got ${printEvery}`);
    if (options.validationData !== undefined) checkValidation(op, X, y, options.validationData);
    const steps = Math.ceil(n / batchSize);
    const log = options.log ?? ((line: string) => console.log(line));
    const rng = options.rng ?? random;
    const callbacks = options.callbacks ?? {};
    const stopped = () => this.stopTraining || options.signal?.aborted === true;
    // The regression precision is the whole training set's, fixed for this fit.
    accuracy.init(y);
    const history: History = [];
    this.stopTraining = false;
    this.train(true);
    const compiled = options.compile === false ? null : this.fitStep();

    for (let epoch = 1; epoch <= epochs && !stopped(); epoch++) {
      const order: NDArray | null = options.shuffle ? rng.permutation(n) : null;
      const metrics = new StepMetrics();
      // The book's chapters print each iteration's line before its update: the rate then is
      // the one the previous update used.
      const rateBefore = optimizer.currentLearningRate;
      if (printEvery && steps > 1) log(`epoch: ${epoch}`);
      let complete = true;
      for (let step = 0; step < steps; step++) {
        if (stopped()) {
          complete = false;
          break;
        }
        const [bx, by] = batchOf(X, y, step, batchSize, order);
        if (compiled) compiled(bx, by, metrics);
        else this.trainStep(bx, by, metrics);
        const printing = printEvery !== undefined && steps > 1 && (step % printEvery === 0 || step === steps - 1);
        if (callbacks.onBatchEnd || printing) {
          const last = metrics.lastFrom(yield metrics.lastArrays());
          this.checkFinite(op, last.loss, epoch, step);
          callbacks.onBatchEnd?.({
            epoch,
            step,
            steps,
            loss: last.loss,
            accuracy: last.accuracy,
            learningRate: optimizer.currentLearningRate,
          });
          if (printing)
            log(
              `step: ${step}, acc: ${fmt3(last.accuracy)}, loss: ${fmt3(last.loss + last.regularizationLoss)} (data_loss: ${fmt3(last.loss)}, reg_loss: ${fmt3(last.regularizationLoss)}), lr: ${optimizer.currentLearningRate}`,
            );
        }
      }
      if (!complete || metrics.steps < steps) break;
      const read = metrics.summary(yield metrics.arrays());
      read.losses.forEach((l, step) => {
        this.checkFinite(op, l, epoch, step);
      });
      // One step per epoch: the penalty as that step saw it (the book's chapters 14-16 print
      // it before the update); several steps: the penalty after the epoch (the book's Model).
      let regularizationLoss = read.regularizationLoss;
      if (steps !== 1) {
        const penalty = noGrad(() => this.regularizationLoss());
        regularizationLoss = penalty ? Number((yield [penalty.value])[0]?.[0]) : 0;
      }
      const info: EpochInfo = {
        epoch,
        loss: read.loss + regularizationLoss,
        dataLoss: read.loss,
        regularizationLoss,
        accuracy: read.accuracy,
        learningRate: optimizer.currentLearningRate,
      };
      if (options.validationData) {
        const [vx, vy] = options.validationData;
        const v = yield* this.evaluateSteps(vx, vy, { batchSize: options.batchSize });
        info.validationLoss = v.loss;
        info.validationAccuracy = v.accuracy;
        this.train(true);
      }
      history.push(info);
      callbacks.onEpochEnd?.(info);
      if (printEvery) this.printEpoch(log, info, steps, printEvery, rateBefore);
    }
    return history;
  }

  /**
   * The book's epoch lines. Full batch (chapters 11-17): iterations counted from 0, each
   * line with the loss of its forward pass and the learning rate before its update; batches
   * (the book's `Model`): `epoch: n` from 1, step lines, then the epoch's totals.
   */
  private printEpoch(
    log: (line: string) => void,
    info: EpochInfo,
    steps: number,
    every: number,
    rateBefore: number,
  ): void {
    const rate = steps > 1 ? info.learningRate : rateBefore;
    const losses = `loss: ${fmt3(info.loss)} (data_loss: ${fmt3(info.dataLoss)}, reg_loss: ${fmt3(info.regularizationLoss)}), lr: ${rate}`;
    const validation =
      info.validationLoss !== undefined
        ? `validation, acc: ${fmt3(info.validationAccuracy as number)}, loss: ${fmt3(info.validationLoss)}`
        : null;
    if (steps > 1) {
      log(`training, acc: ${fmt3(info.accuracy)}, ${losses}`);
      if (validation) log(validation);
      return;
    }
    const iteration = info.epoch - 1;
    if (iteration % every !== 0) return;
    log(`epoch: ${iteration}, acc: ${fmt3(info.accuracy)}, ${losses}${validation ? `, ${validation}` : ""}`);
  }

  /** Throws when a step's loss is not finite, naming the first layer that holds non-finite parameters now. */
  private checkFinite(op: string, loss: number, epoch: number, step: number): void {
    if (Number.isFinite(loss)) return;
    const bad = this.layers.findIndex((layer) => layer.parameters().some((p) => hasNonFinite(p.value)));
    const where =
      bad >= 0 ? `; layer ${bad} (${(this.layers[bad] as Module).describe()}) holds non-finite parameters` : "";
    throw new ValueError(op, `the loss became ${loss} at epoch ${epoch}, step ${step}${where}`);
  }

  /**
   * Mean data loss and accuracy on `(X, y)` in evaluation mode (no dropout, no graph), read
   * back once. A regression accuracy not fitted yet takes its precision from the whole `y`.
   * @throws ValueError for a batchSize that is not a positive integer.
   */
  evaluate(X: NDArray, y: NDArray, options: { batchSize?: number } = {}): { loss: number; accuracy: number } {
    return readSync(this.evaluateSteps(X, y, options));
  }

  /** `evaluate` on every backend, the webgpu one included (reads back with `await data()`). */
  evaluateAsync(
    X: NDArray,
    y: NDArray,
    options: { batchSize?: number } = {},
  ): Promise<{ loss: number; accuracy: number }> {
    return readAsync(this.evaluateSteps(X, y, options));
  }

  private *evaluateSteps(
    X: NDArray,
    y: NDArray,
    options: { batchSize?: number },
  ): Reads<{ loss: number; accuracy: number }> {
    const op = "Model.evaluate";
    const objective = this.objective(op);
    const accuracy = this.accuracy;
    if (!accuracy) throw new ValueError(op, "call set({ accuracy }) first");
    checkData(op, X, y);
    const n = X.shape[0] as number;
    const batchSize = checkBatchSize(op, options.batchSize, n);
    if (!this.finalized) this.finalize();
    if (accuracy instanceof RegressionAccuracy && accuracy.precision === null) accuracy.init(y);
    const wasTraining = this.training;
    this.train(false);
    try {
      const metrics = noGrad(() => {
        const m = new StepMetrics();
        for (let step = 0; step < Math.ceil(n / batchSize); step++) {
          const [bx, by] = batchOf(X, y, step, batchSize, null);
          const { loss, predictions } = this.forwardLoss(objective, bx, by);
          m.record(loss.value, accuracy.count(predictions(), by), bx.shape[0] as number, null);
        }
        return m;
      });
      const { loss, accuracy: acc } = metrics.summary(yield metrics.arrays());
      return { loss, accuracy: acc };
    } finally {
      this.train(wasTraining);
    }
  }

  /**
   * The model's outputs for `X`, in evaluation mode, batch by batch.
   * @throws ValueError for a batchSize that is not a positive integer; ShapeError for no samples.
   */
  predict(X: NDArray, options: { batchSize?: number } = {}): NDArray {
    const op = "Model.predict";
    if (!(X instanceof NDArray)) throw new ValueError(op, `X must be an NDArray, got ${typeof X}`);
    if (X.ndim < 1 || (X.shape[0] as number) < 1)
      throw new ShapeError(op, `X must hold at least one sample, got ${fmtShape(X.shape)}`);
    const n = X.shape[0] as number;
    const batchSize = checkBatchSize(op, options.batchSize, n);
    const wasTraining = this.training;
    this.train(false);
    try {
      return noGrad(() => {
        const parts: NDArray[] = [];
        for (let step = 0; step < Math.ceil(n / batchSize); step++) {
          parts.push(this.forward(slice(X, `${step * batchSize}:${(step + 1) * batchSize}`)).value);
        }
        return parts.length === 1 ? (parts[0] as NDArray) : concat(parts, 0);
      });
    } finally {
      this.train(wasTraining);
    }
  }

  override describe(): string {
    return `Model(${this.layers.length} layers)`;
  }

  /**
   * The model as bytes (safetensors layout, its spec and optimizer state in the metadata),
   * with any extra string `metadata` entries (read back with `modelMetadata`).
   */
  toBytes(options: ToBytesOptions = {}): Uint8Array {
    return modelToBytes(this, options);
  }

  /** A model from `toBytes()` output. @throws FormatError for damaged bytes. */
  static fromBytes(bytes: Uint8Array): Model {
    return modelFromBytes(bytes);
  }

  /** Saves to `path` (Node) atomically: a failed save leaves any earlier file intact. */
  save(path: string, options: ToBytesOptions = {}): Promise<void> {
    return saveModel(this, path, options);
  }

  /** Loads a model saved with `save()` (Node). @throws FormatError for a damaged file. */
  static load(path: string): Promise<Model> {
    return loadModel(path);
  }
}

function checkData(op: string, X: NDArray, y: NDArray): void {
  if (!(X instanceof NDArray)) throw new ValueError(op, `X must be an NDArray, got ${typeof X}`);
  if (!(y instanceof NDArray)) throw new ValueError(op, `y must be an NDArray, got ${typeof y}`);
  if (X.ndim < 2) throw new ShapeError(op, `X must be [samples, features], got ${fmtShape(X.shape)}`);
  if (y.shape[0] !== X.shape[0])
    throw new ShapeError(
      op,
      `X has ${X.shape[0]} samples but y has ${y.shape[0]} (${fmtShape(X.shape)} vs ${fmtShape(y.shape)})`,
    );
}

/** `validationData` must be an `[X, y]` pair shaped like the training data (checked before any update). */
function checkValidation(op: string, X: NDArray, y: NDArray, data: unknown): void {
  if (!Array.isArray(data) || data.length !== 2)
    throw new ValueError(op, `validationData must be a pair [X, y], got ${typeof data}`);
  const [vx, vy] = data as [NDArray, NDArray];
  checkData(`${op} (validationData)`, vx, vy);
  const rest = (a: NDArray) => fmtShape(a.shape.slice(1));
  if (rest(vx) !== rest(X))
    throw new ShapeError(
      op,
      `validationData X is ${fmtShape(vx.shape)} but the training X is ${fmtShape(X.shape)}: samples differ in width`,
    );
  if (rest(vy) !== rest(y) || vy.ndim !== y.ndim)
    throw new ShapeError(
      op,
      `validationData y is ${fmtShape(vy.shape)} but the training y is ${fmtShape(y.shape)}: targets differ in form`,
    );
  if ((vy.dtype === "int32") !== (y.dtype === "int32"))
    throw new ValueError(op, `validationData y is ${vy.dtype} but the training y is ${y.dtype}`);
}

/** Rows `[step·size, (step+1)·size)` of X and y, through `order` when shuffling. */
function batchOf(X: NDArray, y: NDArray, step: number, size: number, order: NDArray | null): [NDArray, NDArray] {
  const range = `${step * size}:${(step + 1) * size}`;
  if (!order) return [slice(X, range), slice(y, range)];
  const idx = slice(order, range);
  return [take(X, idx, 0), take(y, idx, 0)];
}
