/**
 * The computation graph behind a tensor as plain data, for `<GraphView>`. NOTE: this
 * mirrors `traceGraph` of @sinapse/autograd (same depth-first order, same summaries)
 * because the playground depends on @sinapse/layers but not on @sinapse/autograd, and
 * layers does not re-export it; once the app depends on autograd, use `traceGraph`.
 */
import type { Dense } from "@sinapse/layers";
import type { GraphEdge, GraphNode, GraphSummary, GraphTrace } from "@sinapse/viz";

/** autograd's Tensor, reached through the type of a Dense layer's weights. */
export type Tensor = Dense["weights"];

const PREVIEW = 6;

function summarize(values: ArrayLike<number>): GraphSummary {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    total += v;
  }
  const size = values.length;
  return {
    size,
    min: size ? min : Number.NaN,
    max: size ? max : Number.NaN,
    mean: size ? total / size : Number.NaN,
    preview: Array.from(values).slice(0, PREVIEW),
  };
}

/** Every tensor `output` was computed from, inputs before the ops that use them; one edge per operand. */
export function traceOf(output: Tensor): GraphTrace {
  const ids = new Map<Tensor, number>();
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
      ids.set(frame.t, order.length);
      order.push(frame.t);
    }
  }
  const nodes: GraphNode[] = order.map((t, id) => ({
    id,
    op: t.node ? t.node.op : "input",
    name: t.name,
    shape: [...t.shape],
    dtype: t.dtype,
    requiresGrad: t.requiresGrad,
    isLeaf: t.isLeaf,
    value: summarize(t.value.dataSync()),
    grad: t.grad ? summarize(t.grad.value.dataSync()) : null,
  }));
  const edges: GraphEdge[] = [];
  for (const t of order) {
    (t.node?.inputs ?? []).forEach((input, operand) => {
      edges.push({ from: ids.get(input) as number, to: ids.get(t) as number, operand });
    });
  }
  return { nodes, edges };
}
