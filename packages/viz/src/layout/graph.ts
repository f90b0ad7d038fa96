/**
 * Computation-graph layout: the plain data of autograd's `traceGraph(output)` → boxes and
 * edge paths laid out by dagre (layered, top to bottom), plus the graph questions the
 * view asks — which nodes lie on a chosen node's path, and which nodes have received
 * their gradient after k steps of backward. Operand order is kept: edges are listed per
 * node in operand order, and operand i enters its op's box at the i-th port from the left.
 */
import { layout as dagreLayout, graphlib } from "@dagrejs/dagre";
import { ValueError } from "@sinapse/tensor/errors";
import { describeValue } from "./validate.js";

/** min / max / mean (and the first values) of a tensor, as in autograd's `Summary`. */
export interface GraphSummary {
  size: number;
  min: number;
  max: number;
  mean: number;
  preview?: readonly number[] | undefined;
}

/** One tensor of the trace: a leaf (`op: "input"`) or the result of an op. */
export interface GraphNode {
  id: number;
  op: string;
  name?: string | undefined;
  shape: readonly number[];
  dtype?: string | undefined;
  /** Whether backward reaches it (default true). */
  requiresGrad?: boolean | undefined;
  isLeaf?: boolean | undefined;
  value?: GraphSummary | null | undefined;
  grad?: GraphSummary | null | undefined;
}

/** Operand `operand` of node `to` is node `from`. */
export interface GraphEdge {
  from: number;
  to: number;
  operand: number;
}

/**
 * What `traceGraph` from @sinapse/autograd returns (its `Trace` is assignable to this):
 * nodes with inputs before the ops that use them, and one edge per operand.
 */
export interface GraphTrace {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export interface GraphNodeBox {
  id: number;
  node: GraphNode;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdgePath {
  /** Index into the trace's `edges`. */
  index: number;
  from: number;
  to: number;
  operand: number;
  /** How many operands the target op has (edges into it). */
  operands: number;
  /** From the bottom of the operand's box to the operand's port on top of the op's box. */
  points: { x: number; y: number }[];
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNodeBox[];
  /** Grouped by target node in trace order, each group in operand order. */
  edges: GraphEdgePath[];
}

export interface GraphLayoutOptions {
  /** Smallest box width (default 156); boxes widen for long op names. */
  nodeWidth?: number;
  nodeHeight?: number;
  /** Horizontal gap between boxes of one rank (default 28). */
  nodeSep?: number;
  /** Vertical gap between ranks (default 40). */
  rankSep?: number;
  margin?: number;
  /**
   * Above this many nodes the boxes are placed by a linear-time layered layout (ranks by
   * longest path, one barycentre sweep) instead of dagre, whose crossing reduction took
   * seconds on a 300-node sum (default 120).
   */
  fastAbove?: number;
}

/**
 * Centres of the boxes in a layered top-to-bottom layout computed in linear time: an op's
 * rank is one below its deepest operand, a leaf sits just above its first consumer, and
 * each rank is ordered by the mean position of the operands (one sweep), then centred.
 */
function layeredPositions(
  trace: GraphTrace,
  widthOf: (n: GraphNode) => number,
  nodeHeight: number,
  nodeSep: number,
  rankSep: number,
  margin: number,
): { centres: Map<number, { x: number; y: number }>; width: number; height: number } {
  const operands = new Map<number, number[]>();
  const consumers = new Map<number, number[]>();
  for (const e of trace.edges) {
    operands.set(e.to, [...(operands.get(e.to) ?? []), e.from]);
    consumers.set(e.from, [...(consumers.get(e.from) ?? []), e.to]);
  }
  const rank = new Map<number, number>();
  // Trace order puts operands before the ops that use them.
  for (const n of trace.nodes) {
    const ins = operands.get(n.id) ?? [];
    rank.set(n.id, ins.length ? 1 + Math.max(...ins.map((i) => rank.get(i) ?? 0)) : 0);
  }
  for (const n of trace.nodes) {
    const outs = consumers.get(n.id);
    if ((operands.get(n.id) ?? []).length === 0 && outs?.length) {
      rank.set(n.id, Math.max(0, Math.min(...outs.map((o) => rank.get(o) ?? 1)) - 1));
    }
  }
  const ranks: GraphNode[][] = [];
  for (const n of trace.nodes) {
    const r = rank.get(n.id) as number;
    const row = ranks[r] ?? [];
    row.push(n);
    ranks[r] = row;
  }
  const slot = new Map<number, number>();
  const rows = Array.from(ranks, (row) => row ?? []);
  for (const row of rows) {
    const key = (n: GraphNode) => {
      const ins = (operands.get(n.id) ?? []).map((i) => slot.get(i) ?? 0);
      return ins.length ? ins.reduce((a, b) => a + b, 0) / ins.length : (slot.size + row.indexOf(n)) * 1e-6;
    };
    const keyed = row.map((n, k) => ({ n, k: key(n), i: k }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    for (const [i, { n }] of keyed.entries()) slot.set(n.id, i);
    row.splice(0, row.length, ...keyed.map(({ n }) => n));
  }
  const rowWidth = (row: GraphNode[]) =>
    row.reduce((w, n) => w + widthOf(n), 0) + nodeSep * Math.max(0, row.length - 1);
  const width = Math.max(...rows.map(rowWidth)) + 2 * margin;
  const centres = new Map<number, { x: number; y: number }>();
  rows.forEach((row, r) => {
    let x = margin + (width - 2 * margin - rowWidth(row)) / 2;
    for (const n of row) {
      const w = widthOf(n);
      centres.set(n.id, { x: x + w / 2, y: margin + r * (nodeHeight + rankSep) + nodeHeight / 2 });
      x += w + nodeSep;
    }
  });
  return { centres, width, height: 2 * margin + rows.length * nodeHeight + Math.max(0, rows.length - 1) * rankSep };
}

/**
 * Why a trace cannot be drawn, or null: no nodes, duplicate ids, an edge to or from a
 * node that is not in the trace, two edges for one operand, or a cycle (named by its nodes).
 */
export function validateTrace(trace: GraphTrace | null | undefined): string | null {
  if (!trace || !Array.isArray(trace.nodes) || !Array.isArray(trace.edges)) {
    return `expected a trace { nodes, edges }, got ${describeValue(trace)}`;
  }
  if (trace.nodes.length === 0) return "the trace has no nodes";
  const ids = new Set<number>();
  for (const n of trace.nodes) {
    if (!n || !Number.isFinite(n.id)) return `a node has no numeric id (${describeValue(n?.id)})`;
    if (ids.has(n.id)) return `node id ${n.id} appears twice`;
    if (!Array.isArray(n.shape) || n.shape.some((d: number) => !Number.isSafeInteger(d) || d < 0)) {
      return `node ${n.id} (${n.op}) has an invalid shape ${JSON.stringify(n.shape)}`;
    }
    ids.add(n.id);
  }
  const operands = new Set<string>();
  for (const [i, e] of trace.edges.entries()) {
    if (!ids.has(e.from)) return `edge ${i} comes from node ${e.from}, which is not in the trace`;
    if (!ids.has(e.to)) return `edge ${i} goes to node ${e.to}, which is not in the trace`;
    const key = `${e.to}:${e.operand}`;
    if (operands.has(key)) return `node ${e.to} has two edges for operand ${e.operand}`;
    operands.add(key);
  }
  const cycle = findCycle(trace);
  return cycle ? `the trace has a cycle: ${cycle.join(" → ")}` : null;
}

/** Node ids of one cycle (first repeated at the end), or null for a DAG. Iterative DFS. */
export function findCycle(trace: GraphTrace): number[] | null {
  const out = new Map<number, number[]>();
  for (const n of trace.nodes) out.set(n.id, []);
  for (const e of trace.edges) out.get(e.from)?.push(e.to);
  const state = new Map<number, 1 | 2>(); // 1: on the stack, 2: finished
  for (const start of trace.nodes) {
    if (state.has(start.id)) continue;
    const stack: { id: number; next: number }[] = [{ id: start.id, next: 0 }];
    state.set(start.id, 1);
    while (stack.length) {
      const top = stack[stack.length - 1] as { id: number; next: number };
      const succ = out.get(top.id) ?? [];
      if (top.next < succ.length) {
        const v = succ[top.next++] as number;
        if (state.get(v) === 1) {
          const from = stack.findIndex((f) => f.id === v);
          return [...stack.slice(from).map((f) => f.id), v];
        }
        if (!state.has(v)) {
          state.set(v, 1);
          stack.push({ id: v, next: 0 });
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
      }
    }
  }
  return null;
}

/**
 * Boxes and edge paths for a trace (validate it first: this throws on a bad one).
 *
 * @example layoutGraph(traceGraph(sum(mul(w, w)))).edges.map((e) => e.operand) // [0, 1, 0]
 */
export function layoutGraph(trace: GraphTrace, options: GraphLayoutOptions = {}): GraphLayout {
  const reason = validateTrace(trace);
  if (reason) throw new ValueError("layoutGraph", reason);
  const nodeWidth = options.nodeWidth ?? 156;
  const nodeHeight = options.nodeHeight ?? 64;
  const margin = options.margin ?? 16;
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: "TB",
    nodesep: options.nodeSep ?? 28,
    ranksep: options.rankSep ?? 40,
    marginx: margin,
    marginy: margin,
  });
  g.setDefaultEdgeLabel(() => ({}));
  // Wider boxes for long op names ("softmaxCrossEntropy weights"): about 7.5 units a character plus the id.
  const widthOf = (n: GraphNode): number =>
    Math.max(nodeWidth, 7.5 * (n.op.length + (n.name ? n.name.length + 1 : 0)) + 60);
  if (trace.nodes.length > (options.fastAbove ?? 120)) {
    return fastLayout(trace, widthOf, nodeHeight, options.nodeSep ?? 28, options.rankSep ?? 40, margin);
  }
  for (const n of trace.nodes) g.setNode(String(n.id), { width: widthOf(n), height: nodeHeight });
  trace.edges.forEach((e, i) => {
    g.setEdge(String(e.from), String(e.to), {}, String(i));
  });
  dagreLayout(g);

  const nodes: GraphNodeBox[] = trace.nodes.map((node) => {
    const laid = g.node(String(node.id));
    return { id: node.id, node, x: laid.x, y: laid.y, width: widthOf(node), height: nodeHeight };
  });
  const boxOf = new Map(nodes.map((b) => [b.id, b]));
  const position = new Map(trace.nodes.map((n, i) => [n.id, i]));
  const operandCount = new Map<number, number>();
  for (const e of trace.edges) operandCount.set(e.to, (operandCount.get(e.to) ?? 0) + 1);

  const order = trace.edges
    .map((e, index) => ({ e, index }))
    .sort((a, b) => (position.get(a.e.to) as number) - (position.get(b.e.to) as number) || a.e.operand - b.e.operand);
  let rank = 0;
  const edges = order.map(({ e, index }, k): GraphEdgePath => {
    const src = boxOf.get(e.from) as GraphNodeBox;
    const dst = boxOf.get(e.to) as GraphNodeBox;
    const operands = operandCount.get(e.to) ?? 1;
    // Edges into one node are consecutive in `order`: count them for the port position.
    rank = k > 0 && order[k - 1]?.e.to === e.to ? rank + 1 : 0;
    const port = dst.x + ((rank + 1) / (operands + 1) - 0.5) * dst.width;
    const middle = (g.edge(String(e.from), String(e.to), String(index))?.points ?? []).slice(1, -1);
    return {
      index,
      from: e.from,
      to: e.to,
      operand: e.operand,
      operands,
      points: [{ x: src.x, y: src.y + src.height / 2 }, ...middle, { x: port, y: dst.y - dst.height / 2 }],
    };
  });
  const info = g.graph();
  return { width: info.width ?? 0, height: info.height ?? 0, nodes, edges };
}

/** {@link layoutGraph} for big traces: {@link layeredPositions} and straight edges to the ports. */
function fastLayout(
  trace: GraphTrace,
  widthOf: (n: GraphNode) => number,
  nodeHeight: number,
  nodeSep: number,
  rankSep: number,
  margin: number,
): GraphLayout {
  const { centres, width, height } = layeredPositions(trace, widthOf, nodeHeight, nodeSep, rankSep, margin);
  const nodes: GraphNodeBox[] = trace.nodes.map((node) => {
    const c = centres.get(node.id) as { x: number; y: number };
    return { id: node.id, node, x: c.x, y: c.y, width: widthOf(node), height: nodeHeight };
  });
  const boxOf = new Map(nodes.map((b) => [b.id, b]));
  const position = new Map(trace.nodes.map((n, i) => [n.id, i]));
  const operandCount = new Map<number, number>();
  for (const e of trace.edges) operandCount.set(e.to, (operandCount.get(e.to) ?? 0) + 1);
  const order = trace.edges
    .map((e, index) => ({ e, index }))
    .sort((a, b) => (position.get(a.e.to) as number) - (position.get(b.e.to) as number) || a.e.operand - b.e.operand);
  let rank = 0;
  const edges = order.map(({ e, index }, k): GraphEdgePath => {
    const src = boxOf.get(e.from) as GraphNodeBox;
    const dst = boxOf.get(e.to) as GraphNodeBox;
    const operands = operandCount.get(e.to) ?? 1;
    rank = k > 0 && order[k - 1]?.e.to === e.to ? rank + 1 : 0;
    const port = dst.x + ((rank + 1) / (operands + 1) - 0.5) * dst.width;
    return {
      index,
      from: e.from,
      to: e.to,
      operand: e.operand,
      operands,
      points: [
        { x: src.x, y: src.y + src.height / 2 },
        { x: port, y: dst.y - dst.height / 2 },
      ],
    };
  });
  return { width, height, nodes, edges };
}

/** Nodes and edge indices on the path of `id`: everything it depends on and everything that depends on it. */
export function graphPath(trace: GraphTrace, id: number): { nodes: Set<number>; edges: Set<number> } {
  const nodes = new Set<number>([id]);
  const edges = new Set<number>();
  for (const direction of ["up", "down"] as const) {
    const seen = new Set<number>([id]);
    const todo = [id];
    while (todo.length) {
      const v = todo.pop() as number;
      trace.edges.forEach((e, i) => {
        const [near, far] = direction === "up" ? [e.to, e.from] : [e.from, e.to];
        if (near !== v) return;
        edges.add(i);
        nodes.add(far);
        if (!seen.has(far)) {
          seen.add(far);
          todo.push(far);
        }
      });
    }
  }
  return { nodes, edges };
}

/**
 * The order in which backward gives nodes their gradient, output first: autograd's own
 * order (an iterative depth-first post-order from the output over operands in operand
 * order, through nodes that require grad), reversed. `output` defaults to the last node
 * that no edge leaves.
 */
export function backwardOrder(trace: GraphTrace, output?: number): number[] {
  const root = output ?? [...trace.nodes].reverse().find((n) => !trace.edges.some((e) => e.from === n.id))?.id;
  const byId = new Map(trace.nodes.map((n) => [n.id, n]));
  if (root === undefined || !byId.has(root) || byId.get(root)?.requiresGrad === false) return [];
  const operands = new Map<number, number[]>();
  for (const e of [...trace.edges].sort((a, b) => a.operand - b.operand)) {
    const list = operands.get(e.to) ?? [];
    list.push(e.from);
    operands.set(e.to, list);
  }
  const order: number[] = [];
  const visited = new Set<number>([root]);
  const stack: { id: number; next: number }[] = [{ id: root, next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1] as { id: number; next: number };
    const inputs = operands.get(top.id) ?? [];
    if (top.next < inputs.length) {
      const v = inputs[top.next++] as number;
      if (byId.get(v)?.requiresGrad !== false && !visited.has(v)) {
        visited.add(v);
        stack.push({ id: v, next: 0 });
      }
    } else {
      stack.pop();
      order.push(top.id);
    }
  }
  return order.reverse();
}

/**
 * Where a node stands after `step` steps of backward (step 0: none yet; step k: the first
 * k nodes of {@link backwardOrder} have their full gradient and have passed it on):
 * `done`, `current` (the k-th, whose rule just ran), `received` (a consumer has passed it
 * part of its gradient), `waiting`, or `none` (backward never reaches it).
 */
export type BackwardState = "done" | "current" | "received" | "waiting" | "none";

/** {@link BackwardState} of every node after `step` steps; see {@link backwardOrder}. */
export function backwardStates(trace: GraphTrace, step: number, output?: number): Map<number, BackwardState> {
  const order = backwardOrder(trace, output);
  const k = Math.max(0, Math.min(order.length, Math.floor(step)));
  const states = new Map<number, BackwardState>(trace.nodes.map((n) => [n.id, "none"]));
  for (const id of order) states.set(id, "waiting");
  const done = new Set(order.slice(0, k));
  for (const e of trace.edges) {
    if (done.has(e.to) && states.get(e.from) === "waiting") states.set(e.from, "received");
  }
  for (const id of done) states.set(id, "done");
  if (k > 0) states.set(order[k - 1] as number, "current");
  return states;
}
