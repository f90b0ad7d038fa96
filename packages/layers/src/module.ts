/**
 * `Module`: the base of every layer. A module maps inputs to outputs with `forward()`,
 * exposes the tensors an optimizer updates through `parameters()`, and switches between
 * training and evaluation behaviour (dropout) with `train()` / `eval()`.
 */
import { add, type Tensor } from "@sinapse/autograd";
import type { NDArray } from "@sinapse/tensor";

export abstract class Module {
  /** True in training mode (the default); `eval()` turns it off, e.g. to disable dropout. */
  training = true;

  /** Computes this module's output for a batch of inputs. */
  abstract forward(inputs: Tensor | NDArray): Tensor;

  /** Modules inside this one (containers override). */
  children(): Module[] {
    return [];
  }

  /** This module's own trainable tensors, named (layers with weights override). */
  protected ownParameters(): [string, Tensor][] {
    return [];
  }

  /** Every trainable tensor, named `"<child index>.<name>"` for children, in a stable order. */
  namedParameters(): [string, Tensor][] {
    const own = this.ownParameters();
    const nested = this.children().flatMap((child, i) =>
      child.namedParameters().map(([name, p]) => [`${i}.${name}`, p] as [string, Tensor]),
    );
    return [...own, ...nested];
  }

  /** Trainable tensors, in the order of `namedParameters()`. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Sets training mode (on by default) here and in every child; returns this. */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** Evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's `.grad`. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /**
   * The regularisation penalty of this module and its children (L1/L2 on weights and
   * biases), a differentiable scalar, or `null` when there is none.
   */
  regularizationLoss(): Tensor | null {
    const terms = this.children()
      .map((c) => c.regularizationLoss())
      .filter((t): t is Tensor => t !== null);
    return terms.length ? terms.reduce((a, b) => add(a, b)) : null;
  }

  /** A short description for summaries, e.g. `Dense(2 → 64)`. */
  describe(): string {
    return this.constructor.name;
  }

  /** Number of trainable values. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** One line per module with its parameter count, and the total. */
  summary(): string {
    const rows: [string, number][] = this.children().length
      ? this.children().map((c) => [c.describe(), c.parameterCount()])
      : [[this.describe(), this.parameterCount()]];
    const width = Math.max(5, ...rows.map(([d]) => d.length));
    const lines = rows.map(([d, n]) => `${d.padEnd(width)}  ${String(n).padStart(8)}`);
    const total = rows.reduce((acc, [, n]) => acc + n, 0);
    return [
      `${"layer".padEnd(width)}  ${"params".padStart(8)}`,
      ...lines,
      `${"total".padEnd(width)}  ${String(total).padStart(8)}`,
    ].join("\n");
  }
}
