/**
 * Reverse-mode differentiation: order the graph topologically without recursion (deep
 * graphs must not overflow the stack), walk it from the output back, and accumulate
 * gradients (`b = a + a` gives `a.grad = 2`). Gradients are summed back to each operand's
 * shape here, in one place, whatever broadcasting the forward did.
 */
import { fmtShape, full, NDArray, ShapeError, shapesEqual, ValueError } from "@sinapse/tensor";
import { AnomalyError } from "./errors.js";
import { isAnomalyEnabled, withAnomalyMode, withGradMode } from "./graph.js";
import * as ops from "./ops.js";
import { hasNonFinite } from "./ops.js";
import { type OpName, type Rule, rules } from "./rules.js";
import { type Node, Tensor } from "./tensor.js";

export interface BackwardOptions {
  /** Keep the graph so that backward can run through it again (freed by default). */
  retainGraph?: boolean;
  /** Record the backward pass itself, so gradients can be differentiated (implies retainGraph). */
  createGraph?: boolean;
}

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
export function sumToShape(grad: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad;
  const lead = grad.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  return ops.reshape(ops.sum(grad, { axis: axes, keepdims: true }), shape);
}

function seedGradient(root: Tensor, gradient: NDArray | Tensor | number | undefined): Tensor {
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new ValueError(
        "backward",
        `a gradient must be given for a non-scalar output of shape ${fmtShape(root.shape)}`,
      );
    }
    return new Tensor(full(root.shape, 1, { dtype: root.dtype }));
  }
  let g: Tensor;
  if (gradient instanceof Tensor) g = gradient;
  else if (typeof gradient === "number") g = new Tensor(full(root.shape, gradient, { dtype: root.dtype }));
  else if (gradient instanceof NDArray) g = new Tensor(gradient);
  else
    throw new ValueError(
      "backward",
      `gradient must be a Tensor, an NDArray or a number, got ${gradient === null ? "null" : typeof gradient}`,
    );
  if (!shapesEqual(g.shape, root.shape)) {
    throw new ShapeError(
      "backward",
      `gradient of shape ${fmtShape(g.shape)} does not match the output shape ${fmtShape(root.shape)}`,
    );
  }
  return g;
}

function gradientsOf<Op extends OpName>(node: Node<Op>, grad: Tensor, output: Tensor): (Tensor | null)[] {
  const rule: Rule<Op> = rules[node.op];
  const needs = node.inputs.map((x) => x.requiresGrad);
  return rule.backward(grad, node.inputs, output, node.params, needs);
}

/**
 * Runs reverse-mode differentiation from `root`. Without `targets`, gradients of leaves
 * that require grad are added to their `.grad`; with `targets`, the gradients of exactly
 * those tensors are returned and no `.grad` is touched (the functional `grad()`).
 */
export function runBackward(
  root: Tensor,
  gradient: NDArray | Tensor | number | undefined,
  options: BackwardOptions & { targets?: readonly Tensor[]; checkAnomaly?: boolean } = {},
): Map<Tensor, Tensor> {
  if (!(root instanceof Tensor)) throw new ValueError("backward", `expected a Tensor, got ${typeof root}`);
  if (!root.requiresGrad) {
    throw new ValueError(
      "backward",
      "the output does not require grad: no input has requiresGrad (or it was computed under noGrad)",
    );
  }
  const createGraph = options.createGraph ?? false;
  const retain = options.retainGraph ?? createGraph;
  const targets = options.targets ? new Set(options.targets) : null;
  const checkAnomaly = options.checkAnomaly ?? isAnomalyEnabled();
  const grads = new Map<Tensor, Tensor>([[root, seedGradient(root, gradient)]]);
  const order = topologicalOrder(root);
  // With targets, only the part of the graph that leads to them runs (as torch.autograd.grad).
  const relevant = targets ? reaching(order, targets) : null;
  // Check before computing anything, so a refused call changes nothing. NOTE: every node a
  // backward passes through is freed, even ops that keep no tensors (PyTorch frees only
  // saved tensors), so reusing any part of a freed graph needs retainGraph.
  for (const t of order) {
    if (t.node?.freed && (!relevant || relevant.has(t))) {
      throw new ValueError(
        "backward",
        `the graph through ${t.node.op} (output ${fmtShape(t.shape)}) was freed by an earlier backward(); pass { retainGraph: true } to the first call to run backward twice`,
      );
    }
  }
  // Results are written only once the whole pass has succeeded: a throw (a hook, an
  // anomaly) leaves every .grad and the graph as they were.
  const result = new Map<Tensor, Tensor>();
  const leafGrads = new Map<Tensor, Tensor>();
  const visited: Node[] = [];
  withGradMode(createGraph, () => {
    for (let k = order.length - 1; k >= 0; k--) {
      const t = order[k] as Tensor;
      let g = grads.get(t);
      if (!g || (relevant && !relevant.has(t))) continue;
      grads.delete(t);
      for (const hook of t.hooks) {
        const replaced = hook(g);
        if (replaced !== undefined && replaced !== null) {
          if (!(replaced instanceof Tensor) || !shapesEqual(replaced.shape, t.shape)) {
            throw new ShapeError(
              "backward",
              `a hook on a tensor of shape ${fmtShape(t.shape)} returned ${replaced instanceof Tensor ? `shape ${fmtShape(replaced.shape)}` : typeof replaced}; it must return a Tensor of the same shape or nothing`,
            );
          }
          g = replaced;
        }
      }
      if (targets?.has(t)) result.set(t, g);
      const node = t.node;
      if (node === null) {
        if (!targets) leafGrads.set(t, g);
        continue;
      }
      // The ops inside a rule are checked as one backward step (below), not one by one.
      const upstream = g;
      const inputGrads = checkAnomaly
        ? withAnomalyMode(() => gradientsOf(node, upstream, t), false)
        : gradientsOf(node, upstream, t);
      node.inputs.forEach((input, i) => {
        const gi = inputGrads[i];
        if (!input.requiresGrad || !gi) return;
        const shaped = sumToShape(gi, input.shape);
        if (checkAnomaly && hasNonFinite(shaped.value) && !hasNonFinite(upstream.value)) {
          throw new AnomalyError(
            node.op,
            `backward produced NaN or Infinity for operand ${i} of shape ${fmtShape(input.shape)} from a finite gradient of shape ${fmtShape(t.shape)}`,
          );
        }
        const prev = grads.get(input);
        grads.set(input, prev ? ops.add(prev, shaped) : shaped);
      });
      visited.push(node);
    }
    for (const [leaf, g] of leafGrads) accumulateLeaf(leaf, g, createGraph);
  });
  if (!retain) {
    for (const node of visited) {
      node.inputs = [];
      node.freed = true;
    }
  }
  return result;
}

/** The tensors of `order` (inputs first) from which some target can be reached. */
function reaching(order: readonly Tensor[], targets: ReadonlySet<Tensor>): Set<Tensor> {
  const found = new Set<Tensor>();
  for (const t of order) {
    if (targets.has(t) || (t.node?.inputs ?? []).some((x) => found.has(x))) found.add(t);
  }
  return found;
}

function accumulateLeaf(t: Tensor, g: Tensor, createGraph: boolean): void {
  if (createGraph) {
    // A fresh tensor per leaf: two leaves fed the same gradient must not share one .grad.
    t.grad = t.grad ? ops.add(t.grad, g) : ops.mul(g, 1);
    return;
  }
  // NOTE: copy on first store: `g` may be a broadcast view or shared with another leaf.
  const value = t.grad ? ops.add(t.grad, g).value : g.value.copy();
  t.grad = new Tensor(value);
}

/** `tensor.backward()`: see `Tensor.backward`. */
export function backward(root: Tensor, gradient?: NDArray | Tensor | number, options: BackwardOptions = {}): void {
  runBackward(root, gradient, options);
}
