/**
 * Activation layers. Each maps `[batch, n] → [batch, n]` and knows how to turn its outputs
 * into predictions, as the book's activation classes do (`predictions()`).
 */
import * as ag from "@sinapse/autograd";
import { asTensor, type Tensor } from "@sinapse/autograd";
import { argmax, gt, type NDArray, ValueError } from "@sinapse/tensor";
import { Module } from "./module.js";

/** An activation: a parameter-free module with a `predictions()` rule. */
export abstract class Activation extends Module {
  /** Turns outputs into predictions: the outputs themselves unless the activation says otherwise. */
  predictions(outputs: NDArray): NDArray {
    return outputs;
  }
}

/** `max(0, x)`; relu'(0) = 0. */
export class ReLU extends Activation {
  forward(x: Tensor | NDArray): Tensor {
    return ag.relu(asTensor(this.describe(), x));
  }
}

/** `σ(x) = 1 / (1 + e⁻ˣ)`; predictions are `output > 0.5` as 0/1 (the book's binary models). */
export class Sigmoid extends Activation {
  forward(x: Tensor | NDArray): Tensor {
    return ag.sigmoid(asTensor(this.describe(), x));
  }
  override predictions(outputs: NDArray): NDArray {
    return gt(outputs, 0.5).astype("int32");
  }
}

/** `tanh x`. */
export class Tanh extends Activation {
  forward(x: Tensor | NDArray): Tensor {
    return ag.tanh(asTensor(this.describe(), x));
  }
}

/** Row-wise softmax, `e^(x − max)` normalised (computed as `e^(x − logsumexp x)`); predictions are the argmax. */
export class Softmax extends Activation {
  forward(x: Tensor | NDArray): Tensor {
    return ag.softmax(asTensor(this.describe(), x), -1);
  }
  override predictions(outputs: NDArray): NDArray {
    return argmax(outputs, { axis: -1 });
  }
}

/** The identity, for regression outputs (the book's `Activation_Linear`). */
export class Linear extends Activation {
  forward(x: Tensor | NDArray): Tensor {
    return asTensor(this.describe(), x);
  }
}

/** `x` for x > 0, else `alpha·x`. */
export class LeakyReLU extends Activation {
  readonly alpha: number;
  /** @throws ValueError unless alpha is a finite number. */
  constructor(alpha = 0.01) {
    super();
    if (typeof alpha !== "number" || !Number.isFinite(alpha))
      throw new ValueError("LeakyReLU", `alpha must be a finite number, got ${alpha}`);
    this.alpha = alpha;
  }
  forward(x: Tensor | NDArray): Tensor {
    const t = asTensor(this.describe(), x);
    return ag.where(gt(t.value, 0), t, ag.mul(t, this.alpha));
  }
}

/**
 * GELU with the tanh approximation, `½x(1 + tanh(√(2/π)(x + 0.044715x³)))` (PyTorch's
 * `approximate="tanh"`; the exact erf form differs by < 1e-3).
 */
export class GELU extends Activation {
  forward(x: Tensor | NDArray): Tensor {
    const t = asTensor(this.describe(), x);
    const inner = ag.mul(ag.add(t, ag.mul(ag.pow(t, 3), 0.044715)), Math.sqrt(2 / Math.PI));
    return ag.mul(ag.mul(t, 0.5), ag.add(ag.tanh(inner), 1));
  }
}
