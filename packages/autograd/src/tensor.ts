/**
 * `Tensor`: an `NDArray` value that takes part in differentiation. A tensor made by an op
 * remembers that op and its operands in order (its `node`): that is the computation graph
 * `backward()` walks. Leaves (inputs, parameters) have no node.
 */
import { array, DTypeError, type NDArray, type NestedArray, type ReduceOptions, ValueError } from "@sinapse/tensor";
import type { BackwardOptions } from "./backward.js";
import { backward } from "./backward.js";
import * as ops from "./ops.js";
import type { OpName, OpParams } from "./rules.js";

/** The op that produced a tensor, with its operands in order. */
export interface Node<Op extends OpName = OpName> {
  readonly op: Op;
  /** Operands in order; emptied when backward frees the graph. */
  inputs: readonly Tensor[];
  readonly params: OpParams[Op];
  /** True once a backward without `retainGraph` has released this node. */
  freed: boolean;
}

export interface TensorOptions {
  /** Track operations on this tensor so that `backward()` fills its `.grad` (float dtypes only). */
  requiresGrad?: boolean;
  /** A label for graph pictures and error messages, e.g. `"w"`. */
  name?: string;
}

/** What the ops accept: tensors, plain arrays (constants) and numbers. */
export type TensorLike = Tensor | NDArray | number;

/** Called with ∂L/∂tensor during backward; may return a replacement gradient. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook may simply return nothing
export type GradHook = (grad: Tensor) => Tensor | undefined | void;

export class Tensor {
  readonly value: NDArray;
  /** ∂L/∂this after `backward()`, accumulated across calls; `null` before (leaves only). */
  grad: Tensor | null = null;
  /** The op that made this tensor, or `null` for a leaf. */
  readonly node: Node | null;
  name: string | undefined;
  /** @internal hooks run on this tensor's gradient during backward. */
  hooks: GradHook[] = [];
  private _requiresGrad: boolean;

  constructor(value: NDArray, options: TensorOptions = {}, node: Node | null = null) {
    this.value = value;
    this.node = node;
    this.name = options.name;
    this._requiresGrad = false;
    if (options.requiresGrad) this.requiresGrad_(true);
  }

  /** Whether gradients flow to (or through) this tensor. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  /**
   * Sets `requiresGrad` on a leaf in place and returns it (as `torch.Tensor.requires_grad_`).
   * @throws DTypeError for int32/bool tensors; ValueError for a non-leaf.
   */
  requiresGrad_(flag = true): this {
    if (flag && this.value.dtype !== "float32" && this.value.dtype !== "float64") {
      throw new DTypeError("requiresGrad", `only float tensors can require gradients, got ${this.value.dtype}`);
    }
    if (this.node !== null && !flag) {
      throw new ValueError("requiresGrad", "cannot turn off gradients of a non-leaf tensor; use detach()");
    }
    this._requiresGrad = flag;
    return this;
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
  get dtype(): NDArray["dtype"] {
    return this.value.dtype;
  }
  /** True for tensors not produced by a recorded op. */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /** The same value cut from the graph: no node, no gradient. */
  detach(): Tensor {
    return new Tensor(this.value, { name: this.name });
  }

  /**
   * Registers `hook`, called with ∂L/∂this during backward before it is used; returning a
   * tensor replaces the gradient. Returns a function that removes the hook.
   */
  registerHook(hook: GradHook): () => void {
    if (!this.requiresGrad) {
      throw new ValueError("registerHook", "the tensor does not require grad, so no gradient will reach the hook");
    }
    if (typeof hook !== "function") throw new ValueError("registerHook", `hook must be a function, got ${typeof hook}`);
    this.hooks.push(hook);
    return () => {
      this.hooks = this.hooks.filter((h) => h !== hook);
    };
  }

  /**
   * Computes ∂this/∂x for every leaf x with `requiresGrad` and adds it to `x.grad`.
   * `gradient` (∂L/∂this) defaults to 1 and is required unless this has one element.
   * The graph is freed afterwards unless `retainGraph`; `createGraph` records the backward
   * pass itself, so the gradients can be differentiated again.
   */
  backward(gradient?: NDArray | Tensor | number, options?: BackwardOptions): void {
    backward(this, gradient, options);
  }

  add(other: TensorLike): Tensor {
    return ops.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return ops.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return ops.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return ops.div(this, other);
  }
  pow(other: TensorLike): Tensor {
    return ops.pow(this, other);
  }
  neg(): Tensor {
    return ops.neg(this);
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  log(): Tensor {
    return ops.log(this);
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  matmul(other: TensorLike): Tensor {
    return ops.matmul(this, other);
  }
  sum(options?: ReduceOptions): Tensor {
    return ops.sum(this, options);
  }
  mean(options?: ReduceOptions): Tensor {
    return ops.mean(this, options);
  }
  reshape(shape: readonly number[]): Tensor {
    return ops.reshape(this, shape);
  }
  transpose(axes?: readonly number[]): Tensor {
    return ops.transpose(this, axes);
  }
  /** Transposed view: `[m, n] → [n, m]`. */
  get T(): Tensor {
    return ops.transpose(this);
  }

  toArray(): ReturnType<NDArray["toArray"]> {
    return this.value.toArray();
  }

  item(): number {
    return Number(this.value.item());
  }

  /** The values as a flat typed array in row-major order (a copy; `value.dataSync()`). */
  dataSync(): ReturnType<NDArray["dataSync"]> {
    return this.value.dataSync();
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
 * @example const w = tensor([[0.1, -0.2]], { requiresGrad: true, name: "w" });
 */
export function tensor(data: NestedArray | NDArray, options: TensorOptions = {}): Tensor {
  if ((data as unknown) instanceof Tensor) {
    throw new ValueError("tensor", "data is already a Tensor; use detach() for a copy without the graph, or .value");
  }
  const value =
    typeof data === "number" || typeof data === "boolean" || Array.isArray(data)
      ? array(data as NestedArray)
      : (data as NDArray);
  return new Tensor(value, options);
}

/** Clears `.grad` of every tensor given (as `optimizer.zero_grad(set_to_none=True)`). */
export function zeroGrad(tensors: Iterable<Tensor>): void {
  for (const t of tensors) t.grad = null;
}
