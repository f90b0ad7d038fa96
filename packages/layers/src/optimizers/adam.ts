/** Adam with bias correction (`lr` 0.001, `epsilon` 1e-7, `beta1` 0.9, `beta2` 0.999 by default). */
import type { Tensor } from "@sinapse/autograd";
import { add, div, experimental_adamUpdate, mul, sqrt, square } from "@sinapse/tensor";
import { checkFraction, checkPositive, gradientOf, Optimizer, type OptimizerOptions } from "./optimizer.js";

export class Adam extends Optimizer {
  readonly epsilon: number;
  readonly beta1: number;
  readonly beta2: number;

  /** @throws ValueError unless lr, decay ≥ 0, ε > 0 (finite) and 0 ≤ β₁, β₂ < 1. */
  constructor(options: OptimizerOptions & { epsilon?: number; beta1?: number; beta2?: number } = {}) {
    super("Adam", { learningRate: 0.001 }, options, ["epsilon", "beta1", "beta2"]);
    this.epsilon = checkPositive("Adam", "epsilon", options.epsilon ?? 1e-7);
    this.beta1 = checkFraction("Adam", "beta1", options.beta1 ?? 0.9);
    this.beta2 = checkFraction("Adam", "beta2", options.beta2 ?? 0.999);
  }

  /**
   * `m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
   *  p += −lr·m̂ / (√v̂ + ε)` with `m̂ = m / (1 − β1^(k+1))`, `v̂ = v / (1 − β2^(k+1))`.
   */
  update(param: Tensor): void {
    const g = gradientOf("Adam", param);
    const m = this.slot(param, "momentum");
    const v = this.slot(param, "cache");
    const p = param.value;
    const float = p.dtype === "float32" || p.dtype === "float64";
    if (float && [g, m, v].every((x) => x.dtype === p.dtype) && [p, m, v].every((x) => x.isContiguous)) {
      // One fused pass, rounding like the op-by-op form below (bit-identical).
      experimental_adamUpdate(p, g, m, v, {
        learningRate: this.currentLearningRate,
        beta1: this.beta1,
        beta2: this.beta2,
        epsilon: this.epsilon,
        step: this.iterations + 1,
      });
      return;
    }
    const a = this.temp(param, 0);
    const b = this.temp(param, 1);
    mul(m, this.beta1, { out: m });
    add(m, mul(g, 1 - this.beta1, { out: a }), { out: m });
    mul(square(g, { out: a }), 1 - this.beta2, { out: a });
    add(mul(v, this.beta2, { out: v }), a, { out: v });
    const mHat = div(m, 1 - this.beta1 ** (this.iterations + 1), { out: a });
    const vHat = div(v, 1 - this.beta2 ** (this.iterations + 1), { out: b });
    const step = mul(mHat, -this.currentLearningRate, { out: a });
    const denominator = add(sqrt(vHat, { out: b }), this.epsilon, { out: b });
    add(p, div(step, denominator, { out: a }), { out: p });
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
