/**
 * `Model`: the book's model class. Layers are added in order, `set()` chooses the loss,
 * optimizer and accuracy, `finalize()` checks that the layers fit together, and
 * `train(X, y, options)` runs the book's training loop (batches, the partial last batch,
 * printing, validation) and returns a history. Softmax followed by categorical
 * cross-entropy trains through the fused softmax cross-entropy, as the book's combined class.
 */
import { add, asTensor, hasNonFinite, noGrad, type Tensor, tensor } from "@sinapse/autograd";
import {
  concat,
  fmtShape,
  type NDArray,
  type Random,
  random,
  ShapeError,
  slice,
  take,
  ValueError,
} from "@sinapse/tensor";
import type { Accuracy } from "./accuracy.js";
import { Activation, Softmax } from "./activations.js";
import { Dense } from "./dense.js";
import { CategoricalCrossentropy, type Loss, SoftmaxCrossentropy } from "./losses.js";
import { Module } from "./module.js";
import type { Optimizer } from "./optimizers/optimizer.js";
import { loadModel, modelFromBytes, modelToBytes, saveModel, type ToBytesOptions } from "./serialize.js";

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

export interface TrainOptions {
  epochs?: number;
  /** Samples per step; the whole set at once when omitted. The last batch may be smaller. */
  batchSize?: number;
  /** Print a line every this many steps (batched) or epochs (full batch); silent when omitted. */
  printEvery?: number;
  /** Where printed lines go (console.log by default). */
  log?: (line: string) => void;
  validationData?: [NDArray, NDArray];
  /** Reshuffle the samples every epoch with `rng`. */
  shuffle?: boolean;
  rng?: Random;
  callbacks?: {
    onBatchEnd?: (info: BatchInfo) => void;
    onEpochEnd?: (info: EpochInfo) => void;
  };
}

export type History = EpochInfo[];

export interface ModelSettings {
  loss?: Loss;
  optimizer?: Optimizer;
  accuracy?: Accuracy;
}

const fmt3 = (v: number) => v.toFixed(3);
const fusedLoss = new SoftmaxCrossentropy();

export class Model extends Module {
  readonly layers: Module[] = [];
  loss: Loss | null = null;
  optimizer: Optimizer | null = null;
  accuracy: Accuracy | null = null;
  /** Set to true (e.g. from a callback or a signal handler) to stop after the current batch. */
  stopTraining = false;
  private finalized = false;

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

  /** The last layer, when it is an activation (it turns outputs into predictions). */
  private get outputActivation(): Activation | null {
    const last = this.layers[this.layers.length - 1];
    return last instanceof Activation ? last : null;
  }

  /** Softmax + categorical cross-entropy train through the fused softmax cross-entropy. */
  private get fused(): boolean {
    return this.outputActivation instanceof Softmax && this.loss instanceof CategoricalCrossentropy;
  }

  /** Runs every layer in order. */
  forward(inputs: Tensor | NDArray): Tensor {
    if (!this.finalized) this.finalize();
    let h = asTensor("Model.forward", inputs);
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /** Outputs of every layer but the last (the logits, for the fused loss), and the last. */
  private forwardParts(x: NDArray): { outputs: Tensor[]; final: Tensor } {
    const outputs: Tensor[] = [];
    let h: Tensor = tensor(x);
    for (const layer of this.layers) {
      h = layer.forward(h);
      outputs.push(h);
    }
    return { outputs, final: h };
  }

  /** Predictions from outputs, by the output activation's rule (argmax, > 0.5, identity). */
  predictions(outputs: NDArray): NDArray {
    return this.outputActivation ? this.outputActivation.predictions(outputs) : outputs;
  }

  /**
   * The data loss of a forward pass given every layer's output: softmax followed by
   * categorical cross-entropy is computed fused, from the logits before the softmax.
   */
  private dataLoss(loss: Loss, outputs: readonly Tensor[], targets: NDArray): Tensor {
    if (this.fused) return fusedLoss.calculate(outputs[outputs.length - 2] as Tensor, targets);
    return loss.calculate(outputs[outputs.length - 1] as Tensor, targets);
  }

  private requireSet(op: string): { loss: Loss; optimizer: Optimizer; accuracy: Accuracy } {
    if (!this.loss || !this.optimizer || !this.accuracy) {
      throw new ValueError(op, "call set({ loss, optimizer, accuracy }) first");
    }
    return { loss: this.loss, optimizer: this.optimizer, accuracy: this.accuracy };
  }

  /** Sets training mode (`train()` / `train(false)`), or trains: `train(X, y, options)`. */
  override train(mode?: boolean): this;
  override train(X: NDArray, y: NDArray, options?: TrainOptions): History;
  override train(X?: boolean | NDArray, y?: NDArray, options?: TrainOptions): this | History {
    if (X === undefined || typeof X === "boolean") return super.train(X ?? true);
    if (y === undefined) throw new ValueError("Model.train", "targets y are required with X");
    return this.fit(X, y, options);
  }

  /** The book's training loop; see `TrainOptions`. Returns one entry per epoch. */
  fit(X: NDArray, y: NDArray, options: TrainOptions = {}): History {
    const { loss, optimizer, accuracy } = this.requireSet("Model.train");
    this.finalize();
    checkData("Model.train", X, y);
    const epochs = options.epochs ?? 1;
    if (!Number.isSafeInteger(epochs) || epochs < 1)
      throw new ValueError("Model.train", `epochs must be a positive integer, got ${epochs}`);
    const n = X.shape[0] as number;
    const batchSize = options.batchSize ?? n;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1)
      throw new ValueError("Model.train", `batchSize must be a positive integer, got ${batchSize}`);
    const steps = Math.ceil(n / batchSize);
    const log = options.log ?? ((line: string) => console.log(line));
    const rng = options.rng ?? random;
    accuracy.init(y);
    const history: History = [];
    this.stopTraining = false;
    super.train(true);

    for (let epoch = 1; epoch <= epochs && !this.stopTraining; epoch++) {
      const order: NDArray | null = options.shuffle ? rng.permutation(n) : null;
      let lossSum = 0;
      let stepRegularization = 0;
      let accSum = 0;
      let seen = 0;
      for (let step = 0; step < steps && !this.stopTraining; step++) {
        const [bx, by] = batchOf(X, y, step, batchSize, order);
        const { outputs, final } = this.forwardParts(bx);
        const dataLoss = this.dataLoss(loss, outputs, by);
        const reg = loss.regularizationLoss(this.layers);
        stepRegularization = reg.item();
        const total = add(dataLoss, reg);
        const lossValue = dataLoss.item();
        if (!Number.isFinite(lossValue)) {
          const bad = outputs.findIndex((o) => hasNonFinite(o.value));
          const where =
            bad >= 0
              ? `; the first non-finite output came from layer ${bad} (${(this.layers[bad] as Module).describe()})`
              : "";
          throw new ValueError("Model.train", `the loss became ${lossValue} at epoch ${epoch}, step ${step}${where}`);
        }
        const acc = accuracy.calculate(this.predictions(final.value), by);
        total.backward();
        optimizer.step(this.parameters());
        this.zeroGrad();
        const count = bx.shape[0] as number;
        lossSum += lossValue * count;
        accSum += acc * count;
        seen += count;
        const info = {
          epoch,
          step,
          steps,
          loss: lossValue,
          accuracy: acc,
          learningRate: optimizer.currentLearningRate,
        };
        options.callbacks?.onBatchEnd?.(info);
        if (options.printEvery && steps > 1 && (step % options.printEvery === 0 || step === steps - 1)) {
          log(`step: ${step}, acc: ${fmt3(acc)}, loss: ${fmt3(lossValue)}, lr: ${optimizer.currentLearningRate}`);
        }
      }
      const dataLoss = lossSum / seen;
      // One step per epoch: the penalty as that step saw it (the book's chapters 14-16 print
      // it before the update); several steps: the penalty after the epoch (the book's Model).
      const regularizationLoss =
        steps === 1 ? stepRegularization : noGrad(() => loss.regularizationLoss(this.layers).item());
      const info: EpochInfo = {
        epoch,
        loss: dataLoss + regularizationLoss,
        dataLoss,
        regularizationLoss,
        accuracy: accSum / seen,
        learningRate: optimizer.currentLearningRate,
      };
      if (options.validationData) {
        const [vx, vy] = options.validationData;
        const v = this.evaluate(vx, vy, { batchSize: options.batchSize });
        info.validationLoss = v.loss;
        info.validationAccuracy = v.accuracy;
        super.train(true);
      }
      history.push(info);
      options.callbacks?.onEpochEnd?.(info);
      if (options.printEvery && (steps > 1 || epoch % options.printEvery === 0 || epoch === epochs)) {
        log(
          `epoch: ${epoch}, acc: ${fmt3(info.accuracy)}, loss: ${fmt3(info.loss)} (data_loss: ${fmt3(dataLoss)}, reg_loss: ${fmt3(regularizationLoss)}), lr: ${info.learningRate}` +
            (info.validationLoss !== undefined
              ? `, validation acc: ${fmt3(info.validationAccuracy as number)}, loss: ${fmt3(info.validationLoss)}`
              : ""),
        );
      }
    }
    return history;
  }

  /** Mean data loss and accuracy on `(X, y)` in evaluation mode (no dropout, no graph). */
  evaluate(X: NDArray, y: NDArray, options: { batchSize?: number } = {}): { loss: number; accuracy: number } {
    const { loss, accuracy } = this.requireSet("Model.evaluate");
    checkData("Model.evaluate", X, y);
    const n = X.shape[0] as number;
    const batchSize = options.batchSize ?? n;
    super.train(false);
    try {
      return noGrad(() => {
        let lossSum = 0;
        let accSum = 0;
        for (let step = 0; step < Math.ceil(n / batchSize); step++) {
          const [bx, by] = batchOf(X, y, step, batchSize, null);
          const { outputs, final } = this.forwardParts(bx);
          const dataLoss = this.dataLoss(loss, outputs, by);
          const count = bx.shape[0] as number;
          lossSum += dataLoss.item() * count;
          accSum += accuracy.calculate(this.predictions(final.value), by) * count;
        }
        return { loss: lossSum / n, accuracy: accSum / n };
      });
    } finally {
      super.train(true);
    }
  }

  /** The model's outputs for `X`, in evaluation mode, batch by batch. */
  predict(X: NDArray, options: { batchSize?: number } = {}): NDArray {
    if (X.ndim < 1 || (X.shape[0] as number) < 1)
      throw new ShapeError("Model.predict", `X must hold at least one sample, got ${fmtShape(X.shape)}`);
    const n = X.shape[0] as number;
    const batchSize = options.batchSize ?? n;
    super.train(false);
    try {
      return noGrad(() => {
        const parts: NDArray[] = [];
        for (let step = 0; step < Math.ceil(n / batchSize); step++) {
          parts.push(this.forward(slice(X, `${step * batchSize}:${(step + 1) * batchSize}`)).value);
        }
        return parts.length === 1 ? (parts[0] as NDArray) : concat(parts, 0);
      });
    } finally {
      super.train(true);
    }
  }

  override describe(): string {
    return `Model(${this.layers.length} layers)`;
  }

  /**
   * The model as bytes (safetensors layout, architecture and optimizer in the metadata),
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
  if (X.ndim < 2) throw new ShapeError(op, `X must be [samples, features], got ${fmtShape(X.shape)}`);
  if (y.shape[0] !== X.shape[0])
    throw new ShapeError(
      op,
      `X has ${X.shape[0]} samples but y has ${y.shape[0]} (${fmtShape(X.shape)} vs ${fmtShape(y.shape)})`,
    );
}

/** Rows `[step·size, (step+1)·size)` of X and y, through `order` when shuffling. */
function batchOf(X: NDArray, y: NDArray, step: number, size: number, order: NDArray | null): [NDArray, NDArray] {
  const range = `${step * size}:${(step + 1) * size}`;
  if (!order) return [slice(X, range), slice(y, range)];
  const idx = slice(order, range);
  return [take(X, idx, 0), take(y, idx, 0)];
}
