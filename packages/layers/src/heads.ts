/**
 * Task heads: what a model's outputs mean. A head owns, for one task, the output activation
 * (the model's last layer), the loss, the accuracy and how labels become targets:
 * - `MulticlassHead`: softmax + categorical cross-entropy, trained fused from the logits
 *   (or squared error on one-hot rows, `loss: "mse"`), categorical accuracy;
 * - `BinaryHead`: sigmoid + binary cross-entropy on 0/1 targets, binary accuracy;
 * - `RegressionHead`: linear output + mean squared (or absolute, `loss: "mae"`) error,
 *   regression accuracy with its precision fixed per dataset.
 * `Model.head` recognises a head in a model built the book's way (`add` + `set`), and
 * `buildModel` builds one from its `HeadSpec`, so the task is decided in this file only.
 */
import { noGrad, type Tensor } from "@sinapse/autograd";
import * as nd from "@sinapse/tensor";
import { fmtShape, IndexError, NDArray, ShapeError, ValueError } from "@sinapse/tensor";
import { type Accuracy, BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { type Activation, Linear, Sigmoid, Softmax } from "./activations.js";
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  type Loss,
  MeanAbsoluteError,
  MeanSquaredError,
  SoftmaxCrossentropy,
} from "./losses.js";

/** The three tasks a head knows. */
export type Task = "multiclass" | "binary" | "regression";

/** A head as JSON (part of a `ModelSpec`). */
export type HeadSpec =
  | { type: "multiclass"; loss?: "crossentropy" | "mse" }
  | { type: "binary" }
  | {
      type: "regression";
      loss?: "mse" | "mae";
      /** The regression accuracy's precision, once fitted (`null` before). */
      precision?: number | null;
    };

/** What training reads off a batch: the data loss, and its predictions when asked for. */
export interface HeadLoss {
  /** Mean data loss, a differentiable scalar. */
  loss: Tensor;
  /** The batch's predictions (computed only when called: metrics need them, a bare step does not). */
  predictions: () => NDArray;
}

function checkLabels(op: string, labels: unknown): asserts labels is NDArray {
  if (!(labels instanceof NDArray))
    throw new ValueError(op, `labels must be an NDArray, got ${labels === null ? "null" : typeof labels}`);
  if (labels.ndim < 1 || labels.ndim > 2)
    throw new ShapeError(op, `labels must be [samples] or [samples, outputs], got ${fmtShape(labels.shape)}`);
}

function checkOutputs(op: string, outputs: number): void {
  if (!Number.isSafeInteger(outputs) || outputs < 1)
    throw new ValueError(op, `outputs must be a positive integer, got ${outputs}`);
}

/** Labels as float32 `[n, outputs]`: `[n]` becomes a column when there is one output. */
function columns(op: string, labels: NDArray, outputs: number): NDArray {
  const n = labels.shape[0] as number;
  if (labels.ndim === 1 && outputs === 1) return labels.astype("float32").reshape([n, 1]);
  if (labels.ndim === 2 && labels.shape[1] === outputs) return labels.astype("float32");
  throw new ShapeError(op, `labels must be [${n}, ${outputs}] for ${outputs} outputs, got ${fmtShape(labels.shape)}`);
}

export abstract class Head {
  abstract readonly task: Task;
  /** The output activation, the model's last layer. */
  readonly activation: Activation;
  readonly loss: Loss;
  readonly accuracy: Accuracy;

  protected constructor(activation: Activation, loss: Loss, accuracy: Accuracy) {
    this.activation = activation;
    this.loss = loss;
    this.accuracy = accuracy;
  }

  /**
   * The data loss of a batch from the logits — the output of the layers before this head's
   * activation, `[batch, outputs]`. Heads whose loss needs the activation run it here.
   */
  abstract lossOf(logits: Tensor, targets: NDArray): HeadLoss;

  /** Predictions from the model's outputs (argmax, > 0.5 as 0/1, the values). */
  predictions(outputs: NDArray): NDArray {
    return this.activation.predictions(outputs);
  }

  /**
   * Labels in the form this head's loss trains on, for a model of `outputs` output values:
   * class indices or one-hot rows, 0/1 columns, or value columns.
   * @throws ShapeError or ValueError (IndexError for a class out of range) naming the labels.
   */
  abstract targetsFor(labels: NDArray, outputs: number): NDArray;

  /** The head as JSON. */
  abstract spec(): HeadSpec;
}

/** Softmax over classes; categorical cross-entropy (fused, from the logits) or squared error on one-hot rows. */
export class MulticlassHead extends Head {
  readonly task = "multiclass" as const;
  private readonly fused = new SoftmaxCrossentropy();

  constructor(
    options: { loss?: "crossentropy" | "mse" } = {},
    parts?: { activation: Softmax; loss: Loss; accuracy: Accuracy },
  ) {
    const kind = options.loss ?? "crossentropy";
    if (kind !== "crossentropy" && kind !== "mse")
      throw new ValueError("MulticlassHead", `loss must be "crossentropy" or "mse", got ${JSON.stringify(kind)}`);
    super(
      parts?.activation ?? new Softmax(),
      parts?.loss ?? (kind === "mse" ? new MeanSquaredError() : new CategoricalCrossentropy()),
      parts?.accuracy ?? new CategoricalAccuracy(),
    );
  }

  private get crossEntropy(): boolean {
    return this.loss instanceof CategoricalCrossentropy;
  }

  lossOf(logits: Tensor, targets: NDArray): HeadLoss {
    if (this.crossEntropy) {
      // NOTE: predictions are the argmax of the probabilities, not of the logits: where
      // float32 softmax rounds two close logits to one probability, the first wins, as in the book.
      const predictions = () => this.predictions(noGrad(() => this.activation.forward(logits.value).value));
      return { loss: this.fused.calculate(logits, targets), predictions };
    }
    const outputs = this.activation.forward(logits);
    return { loss: this.loss.calculate(outputs, targets), predictions: () => this.predictions(outputs.value) };
  }

  /** Class indices int32 `[n]` for cross-entropy, one-hot float32 `[n, classes]` for squared error. */
  targetsFor(labels: NDArray, outputs: number): NDArray {
    const op = "MulticlassHead.targetsFor";
    checkLabels(op, labels);
    checkOutputs(op, outputs);
    const n = labels.shape[0] as number;
    if (labels.ndim === 2 && labels.shape[1] === outputs && outputs > 1) {
      return labels.astype("float32"); // one-hot (or soft) rows, as given
    }
    if (labels.ndim === 2 && labels.shape[1] !== 1)
      throw new ShapeError(
        op,
        `labels must be class indices [${n}] or one-hot rows [${n}, ${outputs}], got ${fmtShape(labels.shape)}`,
      );
    const values = labels.dataSync();
    const indices = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = Number(values[i]);
      if (!Number.isInteger(v)) throw new ValueError(op, `labels must be whole class numbers, got ${v} at ${i}`);
      if (v < 0 || v >= outputs) throw new IndexError(op, `label ${v} at ${i} is out of range for ${outputs} classes`);
      indices[i] = v;
    }
    const classes = new NDArray(indices, [n]);
    return this.crossEntropy ? classes : nd.oneHot(classes, outputs, { dtype: "float32" });
  }

  spec(): HeadSpec {
    return this.crossEntropy ? { type: "multiclass" } : { type: "multiclass", loss: "mse" };
  }
}

/** Sigmoid outputs, binary cross-entropy on 0/1 targets (one column per output). */
export class BinaryHead extends Head {
  readonly task = "binary" as const;

  constructor(parts?: { activation: Sigmoid; loss: BinaryCrossentropy; accuracy: Accuracy }) {
    super(
      parts?.activation ?? new Sigmoid(),
      parts?.loss ?? new BinaryCrossentropy(),
      parts?.accuracy ?? new BinaryAccuracy(),
    );
  }

  lossOf(logits: Tensor, targets: NDArray): HeadLoss {
    const outputs = this.activation.forward(logits);
    return { loss: this.loss.calculate(outputs, targets), predictions: () => this.predictions(outputs.value) };
  }

  /** 0/1 labels as float32 `[n, outputs]` (`[n]` for one output becomes a column). */
  targetsFor(labels: NDArray, outputs: number): NDArray {
    const op = "BinaryHead.targetsFor";
    checkLabels(op, labels);
    checkOutputs(op, outputs);
    const out = columns(op, labels, outputs);
    const values = out.dataSync();
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v !== 0 && v !== 1) throw new ValueError(op, `binary labels must be 0 or 1, got ${v} at ${i}`);
    }
    return out;
  }

  spec(): HeadSpec {
    return { type: "binary" };
  }
}

/** Linear outputs, mean squared (or absolute) error, regression accuracy. */
export class RegressionHead extends Head {
  readonly task = "regression" as const;

  constructor(
    options: { loss?: "mse" | "mae"; precision?: number | null } = {},
    parts?: { activation: Linear; loss: Loss; accuracy: RegressionAccuracy },
  ) {
    const kind = options.loss ?? "mse";
    if (kind !== "mse" && kind !== "mae")
      throw new ValueError("RegressionHead", `loss must be "mse" or "mae", got ${JSON.stringify(kind)}`);
    const precision = options.precision ?? null;
    if (precision !== null && !(typeof precision === "number" && Number.isFinite(precision) && precision >= 0))
      throw new ValueError("RegressionHead", `precision must be a finite number ≥ 0 or null, got ${precision}`);
    const accuracy = parts?.accuracy ?? new RegressionAccuracy();
    if (!parts) accuracy.precision = precision;
    super(
      parts?.activation ?? new Linear(),
      parts?.loss ?? (kind === "mae" ? new MeanAbsoluteError() : new MeanSquaredError()),
      accuracy,
    );
  }

  lossOf(logits: Tensor, targets: NDArray): HeadLoss {
    // Linear is the identity: the logits are the outputs.
    return { loss: this.loss.calculate(logits, targets), predictions: () => this.predictions(logits.value) };
  }

  /** Values as float32 `[n, outputs]` (`[n]` for one output becomes a column). */
  targetsFor(labels: NDArray, outputs: number): NDArray {
    const op = "RegressionHead.targetsFor";
    checkLabels(op, labels);
    checkOutputs(op, outputs);
    return columns(op, labels, outputs);
  }

  spec(): HeadSpec {
    const precision = (this.accuracy as RegressionAccuracy).precision;
    return {
      type: "regression",
      ...(this.loss instanceof MeanAbsoluteError ? { loss: "mae" as const } : {}),
      ...(precision !== null ? { precision } : {}),
    };
  }
}

/**
 * The head a model built the book's way has: its last layer, loss and accuracy when they
 * make one of the three tasks (the same objects, so state such as the regression precision
 * is shared), else `null`.
 */
export function recognizeHead(last: unknown, loss: Loss | null, accuracy: Accuracy | null): Head | null {
  if (!loss || !accuracy) return null;
  if (last instanceof Softmax && accuracy instanceof CategoricalAccuracy) {
    if (loss instanceof CategoricalCrossentropy || loss instanceof MeanSquaredError)
      return new MulticlassHead({}, { activation: last, loss, accuracy });
  }
  if (last instanceof Sigmoid && loss instanceof BinaryCrossentropy && accuracy instanceof BinaryAccuracy)
    return new BinaryHead({ activation: last, loss, accuracy });
  if (
    last instanceof Linear &&
    (loss instanceof MeanSquaredError || loss instanceof MeanAbsoluteError) &&
    accuracy instanceof RegressionAccuracy
  )
    return new RegressionHead({}, { activation: last, loss, accuracy });
  return null;
}
