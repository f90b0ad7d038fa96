/**
 * The optimizers' shared shape, in the book's order: `preUpdate()` decays the learning
 * rate (`lr / (1 + decay·iterations)`), `update(param)` changes each parameter in place
 * from its `.grad`, `postUpdate()` counts the iteration. `step(params)` does all three.
 * Updates run in the parameters' dtype (float32), operation by operation like the book's
 * NumPy code, so results follow NumPy's rounding.
 */
import type { Tensor } from "@sinapse/autograd";
import { type NDArray, shapesEqual, ValueError, zerosLike } from "@sinapse/tensor";

export interface OptimizerOptions {
  learningRate?: number;
  /** Learning-rate decay per iteration: `lr / (1 + decay·iterations)`. */
  decay?: number;
}

export abstract class Optimizer {
  readonly learningRate: number;
  readonly decay: number;
  currentLearningRate: number;
  iterations = 0;
  /** Per-parameter state (momentums, caches), created on first update. */
  protected readonly state = new Map<Tensor, Record<string, NDArray>>();
  /** Per-parameter work arrays that updates write their intermediates into (not state: never saved). */
  private readonly work = new WeakMap<Tensor, NDArray[]>();

  /**
   * @param known the option names this optimizer takes beyond `learningRate` and `decay`.
   * @throws ValueError naming the optimizer, the option and the value for an unknown option,
   *   a learning rate or decay that is not a finite number ≥ 0.
   */
  constructor(
    name: string,
    defaults: { learningRate: number },
    options: OptimizerOptions,
    known: readonly string[] = [],
  ) {
    if (typeof options !== "object" || options === null || Array.isArray(options))
      throw new ValueError(name, `options must be an object, got ${options === null ? "null" : typeof options}`);
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined && key !== "learningRate" && key !== "decay" && !known.includes(key))
        throw new ValueError(
          name,
          `unknown option ${JSON.stringify(key)}, expected ${["learningRate", "decay", ...known].join(", ")}`,
        );
    }
    this.learningRate = checkRate(name, "learningRate", options.learningRate ?? defaults.learningRate);
    this.decay = checkRate(name, "decay", options.decay ?? 0);
    this.currentLearningRate = this.learningRate;
  }

  /**
   * Whether a compiled step (recorded once and replayed, `Model.compiledStep`) updates
   * exactly as this optimizer does eagerly: where nothing that feeds the update changes
   * between steps (no decay), or where what changes reaches it as arrays (Adam).
   */
  get replayable(): boolean {
    return this.decay === 0;
  }

  preUpdate(): void {
    if (this.decay) this.currentLearningRate = this.learningRate * (1 / (1 + this.decay * this.iterations));
  }

  /** Updates `param.value` in place from `param.grad`. */
  abstract update(param: Tensor): void;

  postUpdate(): void {
    this.iterations += 1;
  }

  /** `preUpdate`, `update` of every parameter that has a gradient, `postUpdate`. */
  step(params: readonly Tensor[]): void {
    this.preUpdate();
    for (const p of params) if (p.grad) this.update(p);
    this.postUpdate();
  }

  /** The hyper-parameters that recreate this optimizer (for saving a model). */
  abstract config(): Record<string, number | string>;

  /** Per-parameter state arrays (momentums, caches) of `param`, for saving; empty before the first update. */
  stateOf(param: Tensor): Record<string, NDArray> {
    return { ...(this.state.get(param) ?? {}) };
  }

  /** Restores state saved with `stateOf` (arrays are used as they are). */
  restoreState(param: Tensor, slots: Record<string, NDArray>): void {
    this.state.set(param, { ...slots });
  }

  /**
   * Work array `index` of `param`'s shape and dtype, reused from update to update so that
   * an update allocates no arrays of the parameter's size: updates run op by op with
   * `{ out }` (the same ops, so the same rounding, as the book's NumPy expressions).
   */
  protected temp(param: Tensor, index: number): NDArray {
    let list = this.work.get(param);
    if (!list) {
      list = [];
      this.work.set(param, list);
    }
    const t = list[index];
    if (t && t.dtype === param.value.dtype && shapesEqual(t.shape, param.value.shape)) return t;
    const fresh = zerosLike(param.value);
    list[index] = fresh;
    return fresh;
  }

  /** The named state array of `param` (zeros of its shape at first). */
  protected slot(param: Tensor, name: string): NDArray {
    let s = this.state.get(param);
    if (!s) {
      s = {};
      this.state.set(param, s);
    }
    s[name] ??= zerosLike(param.value);
    return s[name];
  }
}

/** Throws ValueError unless `value` is a finite number ≥ 0. */
export function checkRate(op: string, name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValueError(op, `${name} must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}

/** Throws ValueError unless `value` is a finite number > 0 (ε: dividing by √v + 0 can give NaN). */
export function checkPositive(op: string, name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(op, `${name} must be a finite number > 0, got ${value}`);
  }
  return value;
}

/**
 * Throws ValueError unless 0 ≤ `value` < 1: a decay rate of a running average (β₁, β₂, ρ,
 * momentum). At 1 the average never moves (Adam's bias correction divides by 0 and every
 * weight becomes NaN); PyTorch rejects the same values.
 */
export function checkFraction(op: string, name: string, value: number): number {
  if (typeof value !== "number" || !(value >= 0 && value < 1)) {
    throw new ValueError(op, `${name} must be in [0, 1), got ${value}`);
  }
  return value;
}

/** `param.grad.value`, or a ValueError naming the parameter's shape. */
export function gradientOf(op: string, param: Tensor): NDArray {
  if (!param.grad)
    throw new ValueError(op, `parameter of shape [${param.shape}] has no gradient; call backward() first`);
  return param.grad.value;
}
