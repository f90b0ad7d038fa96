/**
 * `Dropout(rate)`: in training, zeroes a `rate` fraction of the inputs and scales the rest by
 * `1 / (1 − rate)` (inverted dropout, as the book); in evaluation mode it is the identity.
 */
import { asTensor, mul, type Tensor } from "@sinapse/autograd";
import { NDArray, type Random, random, ValueError } from "@sinapse/tensor";
import { Module } from "./module.js";

export class Dropout extends Module {
  /** Fraction of inputs dropped (the book's meaning of `rate`). */
  readonly rate: number;
  private readonly rng: Random;

  /** @throws ValueError unless 0 ≤ rate < 1. */
  constructor(rate: number, options: { rng?: Random } = {}) {
    super();
    if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) {
      throw new ValueError("Dropout", `rate must be in [0, 1), got ${rate}`);
    }
    this.rate = rate;
    this.rng = options.rng ?? random;
  }

  /** Mask `binomial(1, 1 − rate, shape) / (1 − rate)` drawn from the shared RNG, as the book. */
  forward(inputs: Tensor | NDArray): Tensor {
    const x = asTensor("Dropout.forward", inputs);
    if (!this.training || this.rate === 0) return x;
    const keep = 1 - this.rate;
    // A fresh contiguous array: read its storage directly (dataSync would copy it).
    const kept = this.rng.binomial(1, keep, [...x.shape]).storage.view();
    // One pass from the 0/1 draws to the scaled mask; the scale is 1 / keep in x's dtype,
    // as `binomial(…).astype(dtype) / keep` would compute it.
    const float64 = x.dtype === "float64";
    const scale = float64 ? 1 / keep : Math.fround(1 / Math.fround(keep));
    const values = float64 ? new Float64Array(kept.length) : new Float32Array(kept.length);
    for (let i = 0; i < kept.length; i++) values[i] = kept[i] ? scale : 0;
    return mul(x, new NDArray(values, [...x.shape]));
  }

  override describe(): string {
    return `Dropout(${this.rate})`;
  }
}
