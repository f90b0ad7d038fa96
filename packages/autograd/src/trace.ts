/**
 * `traceGraph(output)`: the computation graph behind a tensor as plain data — nodes with
 * their op, shape, dtype and value/gradient summaries, and edges in operand order — for
 * the graph view and step-through of backpropagation.
 */
import { type NDArray, ValueError } from "@sinapse/tensor";
import { Tensor } from "./tensor.js";

export interface Summary {
  size: number;
  min: number;
  max: number;
  mean: number;
  /** The first few elements in row-major order. */
  preview: number[];
}

export interface TraceNode {
  id: number;
  /** The op that made the tensor, or `"input"` for a leaf. */
  op: string;
  name: string | undefined;
  shape: number[];
  dtype: string;
  requiresGrad: boolean;
  isLeaf: boolean;
  value: Summary;
  /** Summary of `.grad` (leaves after backward), or null. */
  grad: Summary | null;
}

export interface TraceEdge {
  /** The operand's node id. */
  from: number;
  /** The consuming node's id. */
  to: number;
  /** Position of the operand in the op's argument list. */
  operand: number;
}

export interface Trace {
  /** Inputs before the ops that use them; the output last. */
  nodes: TraceNode[];
  edges: TraceEdge[];
}

const PREVIEW = 6;

/** min, max, mean and the first elements of an array. */
export function summarize(a: NDArray): Summary {
  const v = a.dataSync();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
    total += x;
  }
  const size = v.length;
  return {
    size,
    min: size ? min : Number.NaN,
    max: size ? max : Number.NaN,
    mean: size ? total / size : Number.NaN,
    preview: Array.from(v.subarray(0, PREVIEW) as ArrayLike<number>),
  };
}

/**
 * Every tensor that `output` was computed from (constants included) and `output` itself,
 * inputs before the ops that use them (depth-first, operands in order); `traceGraph`'s
 * node ids are positions in this list. Walks iteratively, so deep graphs are fine.
 * @throws ValueError unless `output` is a Tensor.
 */
export function traceOrder(output: Tensor): Tensor[] {
  if (!(output instanceof Tensor)) {
    throw new ValueError("traceOrder", `expected a Tensor, got ${output === null ? "null" : typeof output}`);
  }
  const order: Tensor[] = [];
  const stack: { t: Tensor; next: number }[] = [{ t: output, next: 0 }];
  const seen = new Set<Tensor>([output]);
  while (stack.length) {
    const frame = stack[stack.length - 1] as { t: Tensor; next: number };
    const inputs = frame.t.node?.inputs ?? [];
    if (frame.next < inputs.length) {
      const input = inputs[frame.next++] as Tensor;
      if (!seen.has(input)) {
        seen.add(input);
        stack.push({ t: input, next: 0 });
      }
    } else {
      stack.pop();
      order.push(frame.t);
    }
  }
  return order;
}

/**
 * Every tensor that `output` was computed from (constants included), in topological
 * order (`traceOrder`), with one edge per operand. NOTE: a backward without `retainGraph`
 * frees the graph (only the output remains): trace before backward, or pass
 * `{ retainGraph: true }` to see gradients on the graph.
 * @throws ValueError unless `output` is a Tensor.
 */
export function traceGraph(output: Tensor): Trace {
  const order = traceOrder(output);
  const ids = new Map(order.map((t, id) => [t, id]));
  const nodes = order.map((t, id) => ({
    id,
    op: t.node ? t.node.op : "input",
    name: t.name,
    shape: [...t.shape],
    dtype: t.dtype,
    requiresGrad: t.requiresGrad,
    isLeaf: t.isLeaf,
    value: summarize(t.value),
    grad: t.grad ? summarize(t.grad.value) : null,
  }));
  const edges: TraceEdge[] = [];
  for (const t of order) {
    (t.node?.inputs ?? []).forEach((input, operand) => {
      edges.push({ from: ids.get(input) as number, to: ids.get(t) as number, operand });
    });
  }
  return { nodes, edges };
}
