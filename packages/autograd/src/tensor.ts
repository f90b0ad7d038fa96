/**
 * `Tensor`: an `NDArray` value that can take part in differentiation. A tensor made by an
 * op remembers that op and its operands (in order), which is the computation graph
 * `backward()` walks.
 */
import { array, type NDArray, type NestedArray, type ReduceOptions } from "@sinapse/tensor";
import { backward } from "./backward.js";
import { add, matmul, mul, sum } from "./ops.js";
import type { OpName, OpParams } from "./rules.js";

/** The op that produced a tensor, with its operands in order. */
export interface Node<Op extends OpName = OpName> {
  readonly op: Op;
  readonly inputs: readonly Tensor[];
  readonly params: OpParams[Op];
}

export interface TensorOptions {
  /** Track operations on this tensor so that `backward()` fills its `.grad`. */
  requiresGrad?: boolean;
}

/** What the ops accept: tensors, plain arrays (constants) and numbers. */
export type TensorLike = Tensor | NDArray | number;

export class Tensor {
  readonly value: NDArray;
  readonly requiresGrad: boolean;
  /** ∂L/∂this after `backward()`, accumulated across calls; `null` before. */
  grad: NDArray | null = null;
  /** The op that made this tensor, or `null` for a leaf (an input or a parameter). */
  readonly node: Node | null;

  constructor(value: NDArray, options: TensorOptions = {}, node: Node | null = null) {
    this.value = value;
    this.requiresGrad = options.requiresGrad ?? false;
    this.node = node;
  }

  get shape(): readonly number[] {
    return this.value.shape;
  }

  get ndim(): number {
    return this.value.ndim;
  }

  get size(): number {
    return this.value.size;
  }

  /** True for tensors not produced by a recorded op. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  add(other: TensorLike): Tensor {
    return add(this, other);
  }

  mul(other: TensorLike): Tensor {
    return mul(this, other);
  }

  matmul(other: TensorLike): Tensor {
    return matmul(this, other);
  }

  sum(options?: ReduceOptions): Tensor {
    return sum(this, options);
  }

  /**
   * Computes ∂this/∂x for every leaf x with `requiresGrad` and adds it to `x.grad`.
   * `gradient` (∂L/∂this) defaults to 1 and is required unless this has one element.
   */
  backward(gradient?: NDArray | number): void {
    backward(this, gradient);
  }

  toArray(): NestedArray {
    return this.value.toArray();
  }

  item(): number {
    return Number(this.value.item());
  }

  toString(): string {
    const grad = this.requiresGrad ? ", requiresGrad" : "";
    const op = this.node ? `, op=${this.node.op}` : "";
    // Continuation lines line up under the first element, as PyTorch prints.
    const body = this.value.toString().replaceAll("\n", `\n${" ".repeat("tensor(".length)}`);
    return `tensor(${body}${grad}${op})`;
  }
}

/**
 * A leaf tensor from nested lists, a number or an `NDArray` (shared, not copied).
 *
 * @example const w = tensor([[0.1, -0.2]], { requiresGrad: true });
 */
export function tensor(data: NestedArray | NDArray, options: TensorOptions = {}): Tensor {
  const value = typeof data === "number" || Array.isArray(data) ? array(data as NestedArray) : (data as NDArray);
  return new Tensor(value, options);
}
