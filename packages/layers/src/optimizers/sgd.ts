/** SGD with the book's learning-rate decay and momentum (`lr` 1.0 by default). */
import type { Tensor } from "@sinapse/autograd";
import { add, mul, sub } from "@sinapse/tensor";
import { checkFraction, gradientOf, Optimizer, type OptimizerOptions } from "./optimizer.js";

export class SGD extends Optimizer {
  readonly momentum: number;

  /** @throws ValueError unless lr, decay ≥ 0 (finite) and 0 ≤ momentum < 1. */
  constructor(options: OptimizerOptions & { momentum?: number } = {}) {
    super("SGD", { learningRate: 1 }, options, ["momentum"]);
    this.momentum = checkFraction("SGD", "momentum", options.momentum ?? 0);
  }

  /** With momentum: `m = momentum·m − lr·g; p += m`; without: `p −= lr·g`. */
  update(param: Tensor): void {
    const g = gradientOf("SGD", param);
    const p = param.value;
    const a = this.temp(param, 0);
    if (this.momentum) {
      const m = this.slot(param, "momentum");
      sub(mul(m, this.momentum, { out: m }), mul(g, this.currentLearningRate, { out: a }), { out: m });
      add(p, m, { out: p });
    } else {
      add(p, mul(g, -this.currentLearningRate, { out: a }), { out: p });
    }
  }

  config(): Record<string, number | string> {
    return { type: "SGD", learningRate: this.learningRate, decay: this.decay, momentum: this.momentum };
  }
}
