/** RMSProp (`lr` 0.001, `epsilon` 1e-7, `rho` 0.9 by default). */
import type { Tensor } from "@sinapse/autograd";
import { add, div, mul, sqrt, square } from "@sinapse/tensor";
import { checkFraction, checkPositive, gradientOf, Optimizer, type OptimizerOptions } from "./optimizer.js";

export class RMSprop extends Optimizer {
  readonly epsilon: number;
  readonly rho: number;

  /** @throws ValueError unless lr, decay ≥ 0, ε > 0 (finite) and 0 ≤ ρ < 1. */
  constructor(options: OptimizerOptions & { epsilon?: number; rho?: number } = {}) {
    super("RMSprop", { learningRate: 0.001 }, options, ["epsilon", "rho"]);
    this.epsilon = checkPositive("RMSprop", "epsilon", options.epsilon ?? 1e-7);
    this.rho = checkFraction("RMSprop", "rho", options.rho ?? 0.9);
  }

  /** `c = ρ·c + (1 − ρ)·g²; p += −lr·g / (√c + ε)`. */
  update(param: Tensor): void {
    const g = gradientOf("RMSprop", param);
    const cache = this.slot(param, "cache");
    const a = this.temp(param, 0);
    const b = this.temp(param, 1);
    mul(square(g, { out: a }), 1 - this.rho, { out: a });
    add(mul(cache, this.rho, { out: cache }), a, { out: cache });
    const step = mul(g, -this.currentLearningRate, { out: a });
    const denominator = add(sqrt(cache, { out: b }), this.epsilon, { out: b });
    const p = param.value;
    add(p, div(step, denominator, { out: a }), { out: p });
  }

  config(): Record<string, number | string> {
    return {
      type: "RMSprop",
      learningRate: this.learningRate,
      decay: this.decay,
      epsilon: this.epsilon,
      rho: this.rho,
    };
  }
}
