/**
 * `Module`: the base of every layer. A module maps inputs to outputs with `forward()` and
 * exposes the tensors an optimizer updates through `parameters()`.
 */
import type { Tensor } from "@sinapse/autograd";

export abstract class Module {
  /** Computes this module's output for a batch of inputs. */
  abstract forward(inputs: Tensor): Tensor;

  /** Named trainable tensors of this module, in a stable order. */
  abstract namedParameters(): [string, Tensor][];

  /** Trainable tensors of this module, in the order of `namedParameters()`. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }
}
