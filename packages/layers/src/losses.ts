/**
 * Losses, as the book defines them: each returns the mean over samples of a per-sample
 * loss as a differentiable scalar. Predictions are clipped to [1e-7, 1 − 1e-7] before a
 * log, as the book does. Regularisation is reported separately (`regularizationLoss`).
 */
import * as ag from "@sinapse/autograd";
import { asTensor, noGrad, Tensor, tensor } from "@sinapse/autograd";
import * as nd from "@sinapse/tensor";
import { fmtShape, IndexError, NDArray, ShapeError, ValueError } from "@sinapse/tensor";
import type { Module } from "./module.js";

const EPS = 1e-7;
/**
 * The per-sample cross-entropy the book's clipping allows, `−log(1 − 1e-7)` to `−log(1e-7)`,
 * with the bounds rounded to float32 first for float32 outputs (as NumPy clips them).
 */
function crossEntropyRange(dtype: nd.DType): [number, number] {
  const round = dtype === "float64" ? (v: number) => v : Math.fround;
  return [-Math.log(round(1 - EPS)), -Math.log(round(EPS))];
}

/** Targets must be an NDArray: a Tensor or a plain list is a type mistake, named as one. */
function checkTargets(op: string, targets: unknown): asserts targets is NDArray {
  if (targets instanceof NDArray) return;
  const what =
    targets instanceof Tensor
      ? "a Tensor (pass its .value)"
      : Array.isArray(targets)
        ? "a plain list (wrap it with array())"
        : targets === null
          ? "null"
          : typeof targets;
  throw new ValueError(op, `targets must be an NDArray, got ${what}`);
}

/** A loss: `calculate(outputs, targets)` → mean data loss. */
export abstract class Loss {
  abstract calculate(outputs: Tensor | NDArray, targets: NDArray): Tensor;

  /** Σ of the regularisation penalties of `modules` (0 when none), as the book's `regularization_loss`. */
  regularizationLoss(modules: readonly Module[]): Tensor {
    // NOTE: Model no longer calls this (it adds no `+ 0` node when there is no penalty); kept
    // for code written against the book's `loss.regularization_loss()`.
    const terms = modules.map((m) => m.regularizationLoss()).filter((t): t is Tensor => t !== null);
    return terms.length ? terms.reduce((a, b) => ag.add(a, b)) : tensor(0);
  }
}

/** Class indices (int32 `[N]`) or one-hot rows (`[N, C]`) checked against `C` classes. */
function checkClassTargets(op: string, outputs: Tensor, targets: NDArray): void {
  checkTargets(op, targets);
  if (outputs.ndim !== 2) throw new ShapeError(op, `outputs must be [batch, classes], got ${fmtShape(outputs.shape)}`);
  const [n, c] = outputs.shape as [number, number];
  if (targets.dtype === "int32" || targets.ndim === 1) {
    if (targets.ndim !== 1 || targets.shape[0] !== n) {
      throw new ShapeError(
        op,
        `class targets must be [${n}] for outputs ${fmtShape(outputs.shape)}, got ${fmtShape(targets.shape)}`,
      );
    }
    if (targets.dtype !== "int32")
      throw new ValueError(op, `class targets must be int32 indices, got ${targets.dtype}`);
    // Inside a compiled step, or for labels on a GPU, the range is not read back (a replay
    // could not repeat the check; a GPU read is asynchronous): `fit` checks every label
    // before the first step.
    if (n > 0 && !nd.isCompiling() && targets.storage.read === undefined) {
      const labels = targets.dataSync();
      for (const label of labels) {
        if (label < 0 || label >= c) throw new IndexError(op, `label ${label} is out of range for ${c} classes`);
      }
    }
  } else if (!nd.shapesEqual(targets.shape, outputs.shape)) {
    throw new ShapeError(
      op,
      `one-hot targets must match outputs ${fmtShape(outputs.shape)}, got ${fmtShape(targets.shape)}`,
    );
  }
}

/** Targets as one-hot rows in the outputs' dtype, built on the backend (labels already checked to be in range). */
function oneHotRows(targets: NDArray, classes: number, dtype: nd.DType): NDArray {
  return targets.dtype === "int32" ? nd.oneHot(targets, classes, { dtype, check: false }) : targets.astype(dtype);
}

/** Categorical cross-entropy on probabilities (after Softmax): `mean −log clip(p[target])`. */
export class CategoricalCrossentropy extends Loss {
  calculate(outputs: Tensor | NDArray, targets: NDArray): Tensor {
    const p = asTensor(this.constructor.name, outputs);
    checkClassTargets("CategoricalCrossentropy", p, targets);
    const clipped = ag.clip(p, EPS, 1 - EPS);
    const confidences = ag.sum(ag.mul(clipped, oneHotRows(targets, p.shape[1] as number, p.dtype)), { axis: -1 });
    return ag.mean(ag.neg(ag.log(confidences)));
  }
}

/**
 * Softmax and categorical cross-entropy fused, on logits (the book's
 * `Activation_Softmax_Loss_CategoricalCrossentropy`): the gradient is `(ŷ − y) / N`.
 * The value is the book's: each sample's `−log p` with `p` clipped to [1e-7, 1 − 1e-7]
 * (logits [20, 0, −20] with true class 2 give 16.118, not 40), while the gradient stays
 * the fused `(ŷ − y) / N` unclipped, as the book's combined class computes it.
 */
export class SoftmaxCrossentropy extends Loss {
  calculate(outputs: Tensor | NDArray, targets: NDArray): Tensor {
    const z = asTensor(this.constructor.name, outputs);
    checkClassTargets("SoftmaxCrossentropy", z, targets);
    // One-hot rows made once, for the fused op and the clipped value (rows of exact 0/1
    // give the fused op the same value and gradient as class indices).
    const rows = oneHotRows(targets, z.shape[1] as number, z.dtype);
    const fused = ag.softmaxCrossEntropy(z, rows);
    // The clipped mean as a constant shift of the fused loss (its gradient is unchanged).
    // The per-sample terms repeat the fused rule's ops, so with nothing clipped the shift
    // is exactly 0 and the value is the fused value bit for bit.
    const shift = noGrad(() => {
      const v = z.value;
      const logp = nd.sub(v, nd.logsumexp(v, { axis: -1, keepdims: true }));
      const picked = nd.sum(nd.mul(logp, rows), { axis: -1 });
      const [lo, hi] = crossEntropyRange(v.dtype);
      const clipped = nd.mean(nd.clip(nd.neg(picked), lo, hi));
      return nd.sub(clipped, fused.value);
    });
    return ag.add(fused, shift);
  }
}

function sameShape(op: string, outputs: Tensor, targets: NDArray): Tensor {
  checkTargets(op, targets);
  if (!nd.shapesEqual(outputs.shape, targets.shape)) {
    throw new ShapeError(op, `targets ${fmtShape(targets.shape)} must match outputs ${fmtShape(outputs.shape)}`);
  }
  return tensor(targets.astype(outputs.dtype));
}

/** Binary cross-entropy on sigmoid outputs: mean over outputs, then samples, of `−(y log p + (1−y) log(1−p))`. */
export class BinaryCrossentropy extends Loss {
  calculate(outputs: Tensor | NDArray, targets: NDArray): Tensor {
    const p = ag.clip(asTensor(this.constructor.name, outputs), EPS, 1 - EPS);
    const y = sameShape("BinaryCrossentropy", p, targets);
    const perOutput = ag.neg(ag.add(ag.mul(y, ag.log(p)), ag.mul(ag.sub(1, y), ag.log(ag.sub(1, p)))));
    return ag.mean(perOutput);
  }
}

/** Mean squared error: mean over outputs, then samples, of `(y − ŷ)²`. */
export class MeanSquaredError extends Loss {
  calculate(outputs: Tensor | NDArray, targets: NDArray): Tensor {
    const p = asTensor(this.constructor.name, outputs);
    return ag.mean(ag.square(ag.sub(sameShape("MeanSquaredError", p, targets), p)));
  }
}

/** Mean absolute error: mean over outputs, then samples, of `|y − ŷ|`. */
export class MeanAbsoluteError extends Loss {
  calculate(outputs: Tensor | NDArray, targets: NDArray): Tensor {
    const p = asTensor(this.constructor.name, outputs);
    return ag.mean(ag.abs(ag.sub(sameShape("MeanAbsoluteError", p, targets), p)));
  }
}
