/** AdaGrad (`lr` 1.0, `epsilon` 1e-7 by default). */
import type { Tensor } from "@sinapse/autograd";
import { add, div, mul, sqrt, square } from "@sinapse/tensor";
import { checkPositive, gradientOf, Optimizer, type OptimizerOptions } from "./optimizer.js";

export class Adagrad extends Optimizer {
  readonly epsilon: number;

  /** @throws ValueError unless lr, decay ≥ 0 and ε > 0 (finite). */
  constructor(options: OptimizerOptions & { epsilon?: number } = {}) {
    super("Adagrad", { learningRate: 1 }, options, ["epsilon"]);
    this.epsilon = checkPositive("Adagrad", "epsilon", options.epsilon ?? 1e-7);
  }

  /** `c += g²; p += −lr·g / (√c + ε)`. */
  update(param: Tensor): void {
    const g = gradientOf("Adagrad", param);
    const cache = this.slot(param, "cache");
    const a = this.temp(param, 0);
    const b = this.temp(param, 1);
    add(cache, square(g, { out: a }), { out: cache });
    const step = mul(g, -this.currentLearningRate, { out: a });
    const denominator = add(sqrt(cache, { out: b }), this.epsilon, { out: b });
    const p = param.value;
    add(p, div(step, denominator, { out: a }), { out: p });
  }

  config(): Record<string, number | string> {
    return { type: "Adagrad", learningRate: this.learningRate, decay: this.decay, epsilon: this.epsilon };
  }
}
