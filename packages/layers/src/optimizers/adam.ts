/** Adam with bias correction (`lr` 0.001, `epsilon` 1e-7, `beta1` 0.9, `beta2` 0.999 by default). */
import type { Tensor } from "@sinapse/autograd";
import { type DType, E, type Expr, full, mapMany, type NDArray, set } from "@sinapse/tensor";
import { checkFraction, checkPositive, gradientOf, Optimizer, type OptimizerOptions } from "./optimizer.js";

/**
 * Adam's update of one parameter, written once as one fused expression that every backend
 * runs in a single pass: from `p, g, m, v` and the step's scalars to the new `p, m, v`,
 *   `m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²;
 *    p = p + (m / (1 − β1ᵗ))·(−lr) / (√(v / (1 − β2ᵗ)) + ε)`,
 * each operation rounded to the parameter's dtype, as the op-by-op form rounds it.
 */
export function adamStep(
  p: Expr,
  g: Expr,
  m: Expr,
  v: Expr,
  beta1: Expr,
  oneMinusBeta1: Expr,
  beta2: Expr,
  oneMinusBeta2: Expr,
  correction1: Expr,
  correction2: Expr,
  negLearningRate: Expr,
  epsilon: Expr,
): Expr[] {
  const m2 = E.add(E.mul(m, beta1), E.mul(g, oneMinusBeta1));
  const v2 = E.add(E.mul(v, beta2), E.mul(E.square(g), oneMinusBeta2));
  const step = E.mul(E.div(m2, correction1), negLearningRate);
  const p2 = E.add(p, E.div(step, E.add(E.sqrt(E.div(v2, correction2)), epsilon)));
  return [p2, m2, v2];
}

export class Adam extends Optimizer {
  readonly epsilon: number;
  readonly beta1: number;
  readonly beta2: number;
  /**
   * The step's scalars as 0-d arrays per dtype: operands of the fused update, not constants
   * baked into it, refreshed in place (so a compiled step that reads them stays exact).
   */
  private readonly scalars = new Map<DType, { key: string; values: NDArray[] }>();

  /** @throws ValueError unless lr, decay ≥ 0, ε > 0 (finite) and 0 ≤ β₁, β₂ < 1. */
  constructor(options: OptimizerOptions & { epsilon?: number; beta1?: number; beta2?: number } = {}) {
    super("Adam", { learningRate: 0.001 }, options, ["epsilon", "beta1", "beta2"]);
    this.epsilon = checkPositive("Adam", "epsilon", options.epsilon ?? 1e-7);
    this.beta1 = checkFraction("Adam", "beta1", options.beta1 ?? 0.9);
    this.beta2 = checkFraction("Adam", "beta2", options.beta2 ?? 0.999);
  }

  private scalarValues(): { key: string; values: number[] } {
    const t = this.iterations + 1;
    const values = [
      this.beta1,
      1 - this.beta1,
      this.beta2,
      1 - this.beta2,
      1 - this.beta1 ** t,
      1 - this.beta2 ** t,
      -this.currentLearningRate,
      this.epsilon,
    ];
    return { key: `${t}:${this.currentLearningRate}`, values };
  }

  /** Adam's changing scalars are arrays that `preUpdate` refreshes: always replayable. */
  override get replayable(): boolean {
    return true;
  }

  /** Decays the rate, then writes this step's scalars into their arrays (before any update reads them). */
  override preUpdate(): void {
    super.preUpdate();
    for (const dtype of this.scalars.keys()) this.stepScalars(dtype);
  }

  private stepScalars(dtype: DType): NDArray[] {
    const { key, values } = this.scalarValues();
    const held = this.scalars.get(dtype);
    if (!held) {
      const arrays = values.map((x) => full([], x, { dtype }));
      this.scalars.set(dtype, { key, values: arrays });
      return arrays;
    }
    if (held.key !== key) {
      held.values.forEach((a, i) => {
        set(a, [], values[i] as number);
      });
      held.key = key;
    }
    return held.values;
  }

  /** One fused pass (`adamStep`) updates `p`, `m` and `v` in place. */
  update(param: Tensor): void {
    const g = gradientOf("Adam", param);
    const m = this.slot(param, "momentum");
    const v = this.slot(param, "cache");
    const p = param.value;
    mapMany(adamStep, [p, g, m, v, ...this.stepScalars(p.dtype)], { out: [p, m, v], dtype: p.dtype });
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
