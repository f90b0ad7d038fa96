/** Accuracy, as the book measures it: the fraction of predictions that match the targets. */
import { abs, argmax, eq, fmtShape, lt, mean, type NDArray, ShapeError, std, sub, ValueError } from "@sinapse/tensor";

export abstract class Accuracy {
  /** Prepares from the training targets (the regression precision); a no-op by default. */
  init(_targets: NDArray): void {}

  /** Fraction of `predictions` equal (or close, for regression) to `targets`. */
  calculate(predictions: NDArray, targets: NDArray): number {
    const hits = this.compare(predictions, targets);
    return hits.size === 0 ? Number.NaN : (mean(hits).item() as number);
  }

  protected abstract compare(predictions: NDArray, targets: NDArray): NDArray;
}

/** Class predictions against int32 labels `[N]` or one-hot rows (reduced with argmax). */
export class CategoricalAccuracy extends Accuracy {
  protected compare(predictions: NDArray, targets: NDArray): NDArray {
    const labels = targets.ndim === 2 ? argmax(targets, { axis: 1 }) : targets;
    if (labels.size !== predictions.size) {
      throw new ShapeError(
        "CategoricalAccuracy",
        `predictions ${fmtShape(predictions.shape)} and targets ${fmtShape(targets.shape)} differ in size`,
      );
    }
    return eq(predictions.reshape([-1]), labels.reshape([-1]));
  }
}

/** 0/1 predictions against 0/1 targets of the same shape. */
export class BinaryAccuracy extends Accuracy {
  protected compare(predictions: NDArray, targets: NDArray): NDArray {
    if (predictions.size !== targets.size) {
      throw new ShapeError(
        "BinaryAccuracy",
        `predictions ${fmtShape(predictions.shape)} and targets ${fmtShape(targets.shape)} differ in size`,
      );
    }
    return eq(predictions.reshape([-1]), targets.reshape([-1]));
  }
}

/** A prediction counts when `|pred − y| < precision`, with `precision = std(y) / 250` (the book). */
export class RegressionAccuracy extends Accuracy {
  precision: number | null = null;
  private readonly divisor: number;

  constructor(options: { divisor?: number } = {}) {
    super();
    this.divisor = options.divisor ?? 250;
    if (!(this.divisor > 0)) throw new ValueError("RegressionAccuracy", `divisor must be > 0, got ${this.divisor}`);
  }

  override init(targets: NDArray): void {
    this.precision = (std(targets).item() as number) / this.divisor;
  }

  protected compare(predictions: NDArray, targets: NDArray): NDArray {
    if (this.precision === null) this.init(targets);
    if (predictions.size !== targets.size) {
      throw new ShapeError(
        "RegressionAccuracy",
        `predictions ${fmtShape(predictions.shape)} and targets ${fmtShape(targets.shape)} differ in size`,
      );
    }
    return lt(abs(sub(predictions.reshape([-1]), targets.reshape([-1]))), this.precision as number);
  }
}
