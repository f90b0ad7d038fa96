import fc from "fast-check";
import { describe, expect, it } from "vitest";
import traces from "../__fixtures__/traces.json";
import {
  backwardOrder,
  backwardStates,
  findCycle,
  type GraphEdge,
  type GraphNode,
  type GraphNodeBox,
  type GraphTrace,
  graphPath,
  layoutGraph,
  validateTrace,
} from "./graph.js";

// Real traceGraph outputs of @sinapse/autograd (see __fixtures__/make-traces.mjs).
const { sumOfSquares, aPlusA, aMinusB, dense } = traces as Record<string, GraphTrace>;

const node = (id: number, op = "add") => ({ id, op, shape: [1] });

/** A random DAG: edges only from lower to higher ids, operands numbered per target. */
const dagArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 20 })
    .map((pairs): GraphTrace => {
      const operands = new Map<number, number>();
      const edges = pairs
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
        .map(([from, to]) => {
          const operand = operands.get(to) ?? 0;
          operands.set(to, operand + 1);
          return { from, to, operand };
        });
      return { nodes: Array.from({ length: n }, (_, i) => node(i)), edges };
    }),
);

describe("validateTrace", () => {
  it("accepts traces from autograd", () => {
    for (const t of [sumOfSquares, aPlusA, aMinusB, dense]) expect(validateTrace(t as GraphTrace)).toBeNull();
  });

  it("names a cycle by its nodes", () => {
    const t = {
      nodes: [node(0), node(1), node(2)],
      edges: [
        { from: 0, to: 1, operand: 0 },
        { from: 1, to: 2, operand: 0 },
        { from: 2, to: 1, operand: 1 },
      ],
    };
    expect(validateTrace(t)).toBe("the trace has a cycle: 1 → 2 → 1");
    expect(findCycle({ nodes: [node(0)], edges: [{ from: 0, to: 0, operand: 0 }] })).toEqual([0, 0]);
  });

  it("names edges to or from missing nodes, duplicate ids and empty traces", () => {
    expect(validateTrace({ nodes: [node(0)], edges: [{ from: 0, to: 9, operand: 0 }] })).toBe(
      "edge 0 goes to node 9, which is not in the trace",
    );
    expect(validateTrace({ nodes: [node(0)], edges: [{ from: 4, to: 0, operand: 0 }] })).toBe(
      "edge 0 comes from node 4, which is not in the trace",
    );
    expect(validateTrace({ nodes: [node(0), node(0)], edges: [] })).toBe("node id 0 appears twice");
    expect(validateTrace({ nodes: [], edges: [] })).toBe("the trace has no nodes");
    expect(validateTrace(null)).toBe("expected a trace { nodes, edges }, got null");
    expect(
      validateTrace({
        nodes: [node(0), node(1)],
        edges: [
          { from: 0, to: 1, operand: 0 },
          { from: 0, to: 1, operand: 0 },
        ],
      }),
    ).toBe("node 1 has two edges for operand 0");
  });
});

describe("layoutGraph", () => {
  it("lays out every node once, inputs above the ops that use them", () => {
    const layout = layoutGraph(dense);
    expect(layout.nodes.map((n) => n.id)).toEqual(dense.nodes.map((n) => n.id));
    const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
    for (const e of dense.edges) expect(y.get(e.from)).toBeLessThan(y.get(e.to) as number);
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
  });

  it("keeps operand order: sub(a, b) lists a then b, and a enters left of b", () => {
    const { edges } = layoutGraph(aMinusB);
    expect(edges.map((e) => [e.from, e.to, e.operand])).toEqual([
      [0, 2, 0],
      [1, 2, 1],
    ]);
    const ends = edges.map((e) => e.points[e.points.length - 1]?.x as number);
    expect(ends[0]).toBeLessThan(ends[1] as number);
  });

  it("draws both edges of a + a (one node used twice)", () => {
    const { edges } = layoutGraph(aPlusA);
    expect(edges.map((e) => [e.from, e.to, e.operand, e.operands])).toEqual([
      [0, 1, 0, 2],
      [0, 1, 1, 2],
    ]);
  });

  it("lists the edges of the dense trace by target, each in operand order", () => {
    expect(layoutGraph(dense).edges.map((e) => `${e.from}→${e.to}:${e.operand}`)).toEqual([
      "0→2:0",
      "1→2:1",
      "2→4:0",
      "3→4:1",
      "4→5:0",
      "5→6:0",
      "6→8:0",
      "7→8:1",
    ]);
  });

  it("starts and ends every edge on the boxes it joins, for any DAG", () => {
    fc.assert(
      fc.property(dagArb, (trace) => {
        const layout = layoutGraph(trace, { nodeWidth: 100, nodeHeight: 40 });
        const box = new Map(layout.nodes.map((b) => [b.id, b]));
        expect(layout.edges).toHaveLength(trace.edges.length);
        for (const e of layout.edges) {
          const src = box.get(e.from);
          const dst = box.get(e.to);
          expect(src).toBeDefined();
          expect(dst).toBeDefined();
          const first = e.points[0];
          const last = e.points[e.points.length - 1];
          expect(first).toEqual({ x: src?.x, y: (src?.y as number) + 20 });
          expect(last?.y).toBe((dst?.y as number) - 20);
          expect(Math.abs((last?.x as number) - (dst?.x as number))).toBeLessThanOrEqual(50);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("throws on a trace validateTrace refuses", () => {
    expect(() => layoutGraph({ nodes: [node(0)], edges: [{ from: 0, to: 3, operand: 0 }] })).toThrow(
      "layoutGraph: edge 0 goes to node 3, which is not in the trace",
    );
  });
});

describe("graphPath", () => {
  it("collects what a node depends on and what depends on it", () => {
    const path = graphPath(dense, 2); // matmul(x, W)
    expect([...path.nodes].sort()).toEqual([0, 1, 2, 4, 5, 6, 8]);
    expect(path.nodes.has(3)).toBe(false); // b only meets the path at add
    expect(path.nodes.has(7)).toBe(false);
    expect([...path.edges].sort()).toEqual([0, 1, 2, 4, 5, 6]);
  });
});

describe("backwardOrder and backwardStates", () => {
  it("visits nodes as autograd's backward does: output first, skipping what needs no gradient", () => {
    expect(backwardOrder(dense)).toEqual([8, 6, 5, 4, 3, 2, 1]);
    expect(backwardOrder(sumOfSquares)).toEqual([2, 1, 0]);
    expect(backwardOrder(aPlusA)).toEqual([1, 0]);
  });

  it("marks nothing before backward starts, and the constant inputs as never reached", () => {
    const states = backwardStates(dense, 0);
    expect(states.get(8)).toBe("waiting");
    expect(states.get(0)).toBe("none"); // x has no requiresGrad
    expect(states.get(7)).toBe("none"); // the mean's divisor
  });

  it("step k: k nodes done, the k-th current, their operands receiving", () => {
    const states = backwardStates(dense, 3); // div, sum, relu
    expect([...states.entries()].sort(([a], [b]) => a - b)).toEqual([
      [0, "none"],
      [1, "waiting"],
      [2, "waiting"],
      [3, "waiting"],
      [4, "received"],
      [5, "current"],
      [6, "done"],
      [7, "none"],
      [8, "done"],
    ]);
  });

  it("clamps the step and ends with every reachable node done", () => {
    const end = backwardStates(dense, 99);
    expect(end.get(1)).toBe("current");
    expect([...end.values()].filter((s) => s === "done")).toHaveLength(6);
    expect(backwardStates(dense, -3).get(8)).toBe("waiting");
  });

  it("a node used twice has received (not finished) its gradient until its own turn", () => {
    expect(backwardStates(sumOfSquares, 2).get(0)).toBe("received");
    expect(backwardStates(sumOfSquares, 3).get(0)).toBe("current");
  });
});

describe("layoutGraph on big traces", () => {
  /** x0 + x1 + … + x(n−1) as a trace: n leaves, n − 1 adds. */
  function sumTrace(n: number): GraphTrace {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    let prev = -1;
    for (let i = 0; i < n; i++) {
      const leaf = nodes.length;
      nodes.push({ id: leaf, op: "input", name: `x${i}`, shape: [] });
      if (prev < 0) prev = leaf;
      else {
        const add = nodes.length;
        nodes.push({ id: add, op: "add", shape: [] });
        edges.push({ from: prev, to: add, operand: 0 }, { from: leaf, to: add, operand: 1 });
        prev = add;
      }
    }
    return { nodes, edges };
  }

  it("lays out a 150-term sum (299 nodes) with every edge going down and no boxes overlapping", () => {
    const layout = layoutGraph(sumTrace(150));
    expect(layout.nodes).toHaveLength(299);
    const box = new Map(layout.nodes.map((b) => [b.id, b]));
    for (const e of layout.edges) expect((box.get(e.to)?.y ?? 0) > (box.get(e.from)?.y ?? 0)).toBe(true);
    const byRow = new Map<number, GraphNodeBox[]>();
    for (const b of layout.nodes) byRow.set(b.y, [...(byRow.get(b.y) ?? []), b]);
    for (const row of byRow.values()) {
      row.sort((a, b) => a.x - b.x);
      for (let i = 1; i < row.length; i++) {
        const a = row[i - 1] as GraphNodeBox;
        const b = row[i] as GraphNodeBox;
        expect(b.x - b.width / 2).toBeGreaterThanOrEqual(a.x + a.width / 2);
      }
    }
    for (const b of layout.nodes) {
      expect(b.x - b.width / 2).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width / 2).toBeLessThanOrEqual(layout.width);
      expect(b.y + b.height / 2).toBeLessThanOrEqual(layout.height);
    }
  });
});
