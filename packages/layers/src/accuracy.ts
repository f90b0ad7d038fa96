/** Accuracy, as the book measures it: the fraction of predictions that match the targets. */
import { abs, argmax, eq, fmtShape, lt, type NDArray, ShapeError, std, sub, sum, ValueError } from "@sinapse/tensor";

export abstract class Accuracy {
  /** Prepares from the training targets (the regression precision); a no-op by default. */
  init(_targets: NDArray): void {}

  /**
   * Fraction of `predictions` equal (or close, for regression) to `targets`.
   * @throws ShapeError when predictions and targets differ in size.
   */
  calculate(predictions: NDArray, targets: NDArray): number {
    const hits = this.count(predictions, targets);
    const n = this.truth(targets).size;
    return n === 0 ? Number.NaN : (hits.item() as number) / n;
  }

  /**
   * How many of `predictions` match `targets`, as a scalar array (not read back, so a
   * training loop can add counts up and read them once per epoch).
   * @throws ShapeError when predictions and targets differ in size.
   */
  count(predictions: NDArray, targets: NDArray): NDArray {
    const truth = this.truth(targets);
    if (truth.size !== predictions.size) {
      throw new ShapeError(
        this.constructor.name,
        `predictions ${fmtShape(predictions.shape)} and targets ${fmtShape(targets.shape)} differ in size`,
      );
    }
    return sum(this.compare(predictions.reshape([-1]), truth.reshape([-1])).astype("int32"));
  }

  /** The targets in the predictions' form (one per prediction); as given by default. */
  protected truth(targets: NDArray): NDArray {
    return targets;
  }

  /** Bool hits of flat predictions against flat targets of the same size. */
  protected abstract compare(predictions: NDArray, targets: NDArray): NDArray;
}

/** Class predictions against int32 labels `[N]` or one-hot rows (reduced with argmax). */
export class CategoricalAccuracy extends Accuracy {
  protected override truth(targets: NDArray): NDArray {
    return targets.ndim === 2 ? argmax(targets, { axis: 1 }) : targets;
  }

  protected compare(predictions: NDArray, targets: NDArray): NDArray {
    return eq(predictions, targets);
  }
}

/** 0/1 predictions against 0/1 targets of the same shape. */
export class BinaryAccuracy extends Accuracy {
  protected compare(predictions: NDArray, targets: NDArray): NDArray {
    return eq(predictions, targets);
  }
}

/**
 * A prediction counts when `|pred − y| < precision`, with `precision = std(y) / 250` (the
 * book). The precision belongs to a dataset: `Model.fit` sets it once from the whole training
 * targets (`init`), and it stays fixed for evaluation, whatever the batches.
 */
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
    return lt(abs(sub(predictions, targets)), this.precision as number);
  }
}
