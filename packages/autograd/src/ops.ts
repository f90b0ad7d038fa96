/**
 * The differentiable ops users call. Each runs its rule's forward and, when an operand
 * requires a gradient, records a graph node with the operands in order.
 */

import type { ReduceOptions } from "@sinapse/tensor";
import { NDArray, ValueError } from "@sinapse/tensor";
import { type OpName, type OpParams, type Rule, rules } from "./rules.js";
import { Tensor, type TensorLike } from "./tensor.js";

function asTensor(op: string, x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (x instanceof NDArray) return new Tensor(x);
  if (typeof x === "number") return new Tensor(new NDArray(Float32Array.of(x), []));
  throw new ValueError(op, `operand must be a Tensor, an NDArray or a number, got ${typeof x}`);
}

function apply<Op extends OpName>(op: Op, operands: readonly TensorLike[], params: OpParams[Op]): Tensor {
  const inputs = operands.map((x) => asTensor(op, x));
  const rule: Rule<Op> = rules[op];
  const value = rule.forward(
    inputs.map((t) => t.value),
    params,
  );
  const requiresGrad = inputs.some((t) => t.requiresGrad);
  return new Tensor(value, { requiresGrad }, requiresGrad ? { op, inputs, params } : null);
}

/** `a + b` with broadcasting. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return apply("add", [a, b], {});
}

/** `a · b` elementwise with broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return apply("mul", [a, b], {});
}

/** `[m, k] @ [k, n] → [m, n]`. */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  return apply("matmul", [a, b], {});
}

/** Sum over `axis` (all axes by default), optionally keeping reduced dimensions. */
export function sum(a: TensorLike, options: ReduceOptions = {}): Tensor {
  return apply("sum", [a], { ...options });
}
