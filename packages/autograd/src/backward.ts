/**
 * Reverse-mode differentiation: order the graph topologically without recursion (deep
 * graphs must not overflow the stack), then walk it from the output back to the leaves,
 * accumulating gradients (`b = a + a` gives `a.grad = 2`).
 */
import { add, fmtShape, full, NDArray, reshape, ShapeError, shapesEqual, sum, ValueError } from "@sinapse/tensor";
import { type OpName, type Rule, rules } from "./rules.js";
import type { Node, Tensor } from "./tensor.js";

/** Tensors reachable from `root` through tensors that require grad, inputs before outputs. */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>([root]);
  const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { tensor: Tensor; next: number };
    const inputs = frame.tensor.node?.inputs ?? [];
    if (frame.next < inputs.length) {
      const input = inputs[frame.next++] as Tensor;
      if (input.requiresGrad && !visited.has(input)) {
        visited.add(input);
        stack.push({ tensor: input, next: 0 });
      }
    } else {
      stack.pop();
      order.push(frame.tensor);
    }
  }
  return order;
}

/**
 * Sums a gradient of the broadcast shape back to `shape`: over leading dimensions that
 * broadcasting added, and over dimensions where `shape` has 1.
 */
export function sumToShape(grad: NDArray, shape: readonly number[]): NDArray {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  return reshape(sum(grad, { axis: axes, keepdims: true }), shape);
}

function seedGradient(root: Tensor, gradient: NDArray | number | undefined): NDArray {
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new ValueError(
        "backward",
        `a gradient must be given for a non-scalar output of shape ${fmtShape(root.shape)}`,
      );
    }
    return full(root.shape, 1);
  }
  const g = typeof gradient === "number" ? full(root.shape, gradient) : gradient;
  if (!shapesEqual(g.shape, root.shape)) {
    throw new ShapeError(
      "backward",
      `gradient of shape ${fmtShape(g.shape)} does not match the output shape ${fmtShape(root.shape)}`,
    );
  }
  return g;
}

function gradientsOf<Op extends OpName>(node: Node<Op>, grad: NDArray): NDArray[] {
  const rule: Rule<Op> = rules[node.op];
  return rule.backward(
    grad,
    node.inputs.map((x) => x.value),
    node.params,
  );
}

/** Runs reverse-mode differentiation from `root`; see `Tensor.backward`. */
export function backward(root: Tensor, gradient?: NDArray | number): void {
  if (!root.requiresGrad) {
    throw new ValueError("backward", "the output does not require grad: no input has requiresGrad");
  }
  const grads = new Map<Tensor, NDArray>([[root, seedGradient(root, gradient)]]);
  const order = topologicalOrder(root);
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k] as Tensor;
    const g = grads.get(t);
    if (!g) continue;
    grads.delete(t);
    if (t.node === null) {
      // NOTE: copy on first store: `g` may be a broadcast view or shared with another leaf.
      t.grad = t.grad ? add(t.grad, g) : new NDArray(g.dataSync(), g.shape);
      continue;
    }
    const node = t.node;
    const inputGrads = gradientsOf(node, g);
    node.inputs.forEach((input, i) => {
      if (!input.requiresGrad) return;
      const gi = sumToShape(inputGrads[i] as NDArray, input.shape);
      const prev = grads.get(input);
      grads.set(input, prev ? add(prev, gi) : gi);
    });
  }
}
