/** Adam with bias correction (`lr` 0.001, `epsilon` 1e-7, `beta1` 0.9, `beta2` 0.999 by default). */
import type { Tensor } from "@sinapse/autograd";
import { add, div, mul, sqrt, square } from "@sinapse/tensor";
import { checkRate, gradientOf, Optimizer, type OptimizerOptions } from "./optimizer.js";

export class Adam extends Optimizer {
  readonly epsilon: number;
  readonly beta1: number;
  readonly beta2: number;

  constructor(options: OptimizerOptions & { epsilon?: number; beta1?: number; beta2?: number } = {}) {
    super("Adam", { learningRate: 0.001 }, options);
    this.epsilon = checkRate("Adam", "epsilon", options.epsilon ?? 1e-7);
    this.beta1 = checkRate("Adam", "beta1", options.beta1 ?? 0.9);
    this.beta2 = checkRate("Adam", "beta2", options.beta2 ?? 0.999);
  }

  /**
   * `m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
   *  p += −lr·m̂ / (√v̂ + ε)` with `m̂ = m / (1 − β1^(k+1))`, `v̂ = v / (1 − β2^(k+1))`.
   */
  update(param: Tensor): void {
    const g = gradientOf("Adam", param);
    const m = this.slot(param, "momentum");
    const v = this.slot(param, "cache");
    add(mul(m, this.beta1), mul(g, 1 - this.beta1), { out: m });
    const mHat = div(m, 1 - this.beta1 ** (this.iterations + 1));
    add(mul(v, this.beta2), mul(square(g), 1 - this.beta2), { out: v });
    const vHat = div(v, 1 - this.beta2 ** (this.iterations + 1));
    const p = param.value;
    add(p, div(mul(mHat, -this.currentLearningRate), add(sqrt(vHat), this.epsilon)), { out: p });
  }

  config(): Record<string, number | string> {
    return {
      type: "Adam",
      learningRate: this.learningRate,
      decay: this.decay,
      epsilon: this.epsilon,
      beta1: this.beta1,
      beta2: this.beta2,
    };
  }
}
