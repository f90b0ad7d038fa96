/**
 * Backpropagation one node at a time, for the step-through: the trace of an output, the
 * tensor behind each trace node, and for every step of backward (in the order the graph
 * view marks, {@link backwardOrder}) the node's full gradient, each operand's local rule
 * and contribution, and every gradient accumulated so far. Contributions come from
 * autograd's own rule table (`rules[op].backward`), summed back to the operand's shape
 * as the engine does, so the last step's leaf gradients are autograd's.
 */
import {
  type Node,
  noGrad,
  type OpName,
  type Rule,
  rules,
  summarize,
  sumToShape,
  type Tensor,
  type Trace,
  tensor,
  traceGraph,
  traceOrder,
} from "@sinapse/autograd";
import { add, type NDArray, ones } from "@sinapse/tensor";
import { backwardOrder } from "@sinapse/viz";

/** What one operand receives when its consumer's rule runs. */
export interface OperandStep {
  operand: number;
  /** Trace id of the operand. */
  from: number;
  /** The local derivative, elementwise (∂out/∂operand), for elementwise ops; null otherwise. */
  local: NDArray | null;
  /** ∂L/∂operand from this consumer alone (summed back to the operand's shape). */
  contribution: NDArray;
  /** The operand's gradient accumulated so far, this contribution included. */
  total: NDArray;
  /** True when the contribution was summed over broadcast axes. */
  reduced: boolean;
}

export interface BackwardStep {
  /** Trace id of the node whose gradient is complete at this step. */
  id: number;
  op: string;
  /** ∂L/∂node, complete. */
  grad: NDArray;
  /** One entry per operand that requires grad, in operand order (none for a leaf). */
  operands: OperandStep[];
}

export interface Walkthrough {
  trace: Trace;
  tensors: Tensor[];
  /** Trace ids in backward order, output first. */
  order: number[];
  steps: BackwardStep[];
  /** gradients[k]: every gradient known (complete or partial) after k steps; gradients[0] holds the seed. */
  gradients: Map<number, NDArray>[];
}

/** Ops whose local derivative is elementwise, so it can be shown as numbers. */
const ELEMENTWISE = new Set<string>([
  "add",
  "sub",
  "mul",
  "div",
  "pow",
  "maximum",
  "minimum",
  "neg",
  "abs",
  "exp",
  "log",
  "log1p",
  "sqrt",
  "square",
  "sin",
  "cos",
  "tanh",
  "sigmoid",
  "relu",
  "clip",
]);

function runRule<Op extends OpName>(node: Node<Op>, grad: Tensor, output: Tensor): (Tensor | null)[] {
  const rule: Rule<Op> = rules[node.op];
  const needs = node.inputs.map((x) => x.requiresGrad);
  return rule.backward(grad, node.inputs, output, node.params, needs);
}

/**
 * The step-by-step backward pass from `output`, seeded with ∂L/∂output = 1 (every
 * element, for a non-scalar output). Does not touch any `.grad` nor free the graph.
 */
export function walkBackward(output: Tensor): Walkthrough {
  const trace = traceGraph(output);
  const tensors = traceOrder(output);
  const ids = new Map(tensors.map((t, i) => [t, i]));
  const root = tensors.length - 1;
  const order = output.requiresGrad ? backwardOrder(trace, root) : [];
  const acc = new Map<number, NDArray>();
  if (order.length) acc.set(root, ones(output.shape, { dtype: output.dtype }));
  const gradients: Map<number, NDArray>[] = [new Map(acc)];
  const steps: BackwardStep[] = [];
  noGrad(() => {
    for (const id of order) {
      const t = tensors[id] as Tensor;
      const g = acc.get(id) ?? ones(t.shape, { dtype: t.dtype });
      const operands: OperandStep[] = [];
      const node = t.node;
      if (node) {
        const upstream = tensor(g);
        const parts = runRule(node, upstream, t);
        const locals = ELEMENTWISE.has(node.op) ? runRule(node, tensor(ones(t.shape, { dtype: t.dtype })), t) : null;
        node.inputs.forEach((input, operand) => {
          const part = parts[operand];
          const from = ids.get(input);
          if (!input.requiresGrad || !part || from === undefined) return;
          const shaped = sumToShape(part, input.shape).value;
          const prev = acc.get(from);
          const total = prev ? add(prev, shaped) : shaped.copy();
          acc.set(from, total);
          operands.push({
            operand,
            from,
            local: locals?.[operand]?.value ?? null,
            contribution: shaped,
            total,
            reduced: part.shape.length !== input.shape.length || part.shape.some((d, i) => d !== input.shape[i]),
          });
        });
      }
      steps.push({ id, op: t.node ? t.node.op : "input", grad: g, operands });
      gradients.push(new Map(acc));
    }
  });
  return { trace, tensors, order, steps, gradients };
}

/** The trace with each node's gradient as known after `step` steps (null where none yet). */
export function traceAtStep(w: Walkthrough, step: number | null): Trace {
  const known = step === null ? null : w.gradients[Math.max(0, Math.min(step, w.steps.length))];
  return {
    nodes: w.trace.nodes.map((n) => {
      const g = known?.get(n.id);
      return { ...n, grad: g ? summarize(g) : null };
    }),
    edges: w.trace.edges,
  };
}
