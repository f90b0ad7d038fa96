import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import traces from "./__fixtures__/traces.json";
import { GraphView } from "./GraphView.js";
import type { GraphTrace } from "./layout/graph.js";

afterEach(cleanup);

// Real traceGraph outputs of @sinapse/autograd (see __fixtures__/make-traces.mjs).
const { dense, aMinusB, sumOfSquares } = traces as Record<string, GraphTrace>;

const nodes = (c: HTMLElement) => [...c.querySelectorAll("[data-role=graph-node]")];
const byId = (c: HTMLElement, id: number) => c.querySelector(`[data-role=graph-node][data-id='${id}']`) as Element;

describe("GraphView", () => {
  it("draws one box per node and one edge per operand, with a title", () => {
    const { container } = render(<GraphView trace={dense} />);
    expect(nodes(container)).toHaveLength(9);
    expect(container.querySelectorAll("[data-role=graph-edge]")).toHaveLength(8);
    const svg = container.querySelector("svg");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.getAttribute("aria-label")).toBe("computation graph: 9 nodes, 8 edges");
    expect(svg?.querySelector(":scope > title")?.textContent).toBe("computation graph: 9 nodes, 8 edges");
  });

  it("shows each op with its shape and value and gradient summaries", () => {
    const { container } = render(<GraphView trace={dense} />);
    const w = byId(container, 1);
    expect(w.getAttribute("data-op")).toBe("input");
    expect(w.textContent).toContain("input W");
    expect(w.textContent).toContain("[2, 3] float32");
    expect(w.textContent).toContain("v μ 0.0833 [-0.6, 0.5]");
    expect(w.textContent).toContain("∇ μ 0.167");
    expect(byId(container, 8).textContent).toContain("v = ");
    expect(byId(container, 2).textContent).toContain("∇ —"); // intermediate: no .grad kept
    expect(w.getAttribute("aria-label")).toContain("input W #1 [2, 3] float32");
  });

  it("labels the operands of a two-operand op in order", () => {
    const { container } = render(<GraphView trace={aMinusB} />);
    const edges = [...container.querySelectorAll("[data-role=graph-edge]")];
    expect(edges.map((e) => [e.getAttribute("data-from"), e.getAttribute("data-operand")])).toEqual([
      ["0", "0"],
      ["1", "1"],
    ]);
    expect(edges.map((e) => e.querySelector("text")?.textContent)).toEqual(["0", "1"]);
    expect(edges[0]?.querySelector("title")?.textContent).toBe("#0 → #2, operand 0");
  });

  it("highlights a node's path on click and on Enter, and clears it on a second click", () => {
    const onSelect = vi.fn();
    const { container } = render(<GraphView trace={dense} onSelect={onSelect} />);
    fireEvent.click(byId(container, 2));
    expect(onSelect).toHaveBeenLastCalledWith(2);
    expect(byId(container, 2).getAttribute("aria-pressed")).toBe("true");
    const faded = nodes(container)
      .filter((n) => n.getAttribute("opacity") === "0.35")
      .map((n) => n.getAttribute("data-id"));
    expect(faded.sort()).toEqual(["3", "7"]);
    fireEvent.click(byId(container, 2));
    expect(onSelect).toHaveBeenLastCalledWith(null);
    expect(nodes(container).every((n) => n.getAttribute("opacity") === "1")).toBe(true);
    fireEvent.keyDown(byId(container, 3), { key: "Enter" });
    expect(onSelect).toHaveBeenLastCalledWith(3);
    expect(byId(container, 1).getAttribute("opacity")).toBe("0.35");
  });

  it("follows a controlled highlight prop", () => {
    const { container, rerender } = render(<GraphView trace={dense} highlight={3} />);
    expect(byId(container, 3).getAttribute("aria-pressed")).toBe("true");
    rerender(<GraphView trace={dense} highlight={null} />);
    expect(byId(container, 3).getAttribute("aria-pressed")).toBe("false");
  });

  it("marks which nodes have received their gradient at backward step k", () => {
    const { container, rerender } = render(<GraphView trace={dense} backwardStep={0} />);
    const states = () =>
      Object.fromEntries(nodes(container).map((n) => [n.getAttribute("data-id"), n.getAttribute("data-state")]));
    expect(states()).toEqual({
      0: "none",
      1: "waiting",
      2: "waiting",
      3: "waiting",
      4: "waiting",
      5: "waiting",
      6: "waiting",
      7: "none",
      8: "waiting",
    });
    rerender(<GraphView trace={dense} backwardStep={3} />);
    expect(states()).toMatchObject({ 8: "done", 6: "done", 5: "current", 4: "received", 2: "waiting" });
    expect(container.querySelector("[data-role=legend]")?.textContent).toContain("gradient complete");
    rerender(<GraphView trace={dense} />);
    expect(nodes(container).every((n) => !n.hasAttribute("data-state"))).toBe(true);
  });

  it("shows a node's full summary on focus, for keyboard users", () => {
    const { container } = render(<GraphView trace={sumOfSquares} backwardStep={1} />);
    fireEvent.focus(byId(container, 0));
    expect(container.querySelector("[data-role=info]")?.textContent).toBe(
      "input w #0 [3] — value: size 3, min 1.0000, max 3.0000, mean 2.0000, first [1.0000, 2.0000, 3.0000]; gradient: size 3, min 2.0000, max 6.0000, mean 4.0000, first [2.0000, 4.0000, 6.0000]; waiting for gradient",
    );
  });

  it("outlines nodes whose values are NaN instead of refusing to draw them", () => {
    const t: GraphTrace = {
      nodes: [{ id: 0, op: "log", shape: [2], value: { size: 2, min: Number.NaN, max: Number.NaN, mean: Number.NaN } }],
      edges: [],
    };
    const { container } = render(<GraphView trace={t} />);
    expect(byId(container, 0).getAttribute("data-nan")).toBe("true");
    expect(byId(container, 0).textContent).toContain("μ NaN");
  });

  it("says why it cannot draw a trace with a cycle or an edge to a missing node", () => {
    const cyclic: GraphTrace = {
      nodes: [
        { id: 0, op: "input", shape: [1] },
        { id: 1, op: "add", shape: [1] },
        { id: 2, op: "mul", shape: [1] },
      ],
      edges: [
        { from: 0, to: 1, operand: 0 },
        { from: 2, to: 1, operand: 1 },
        { from: 1, to: 2, operand: 0 },
      ],
    };
    expect(render(<GraphView trace={cyclic} />).getByRole("alert").textContent).toBe(
      "cannot draw: the trace has a cycle: 1 → 2 → 1",
    );
    cleanup();
    const missing: GraphTrace = { nodes: [{ id: 0, op: "input", shape: [] }], edges: [{ from: 0, to: 5, operand: 0 }] };
    expect(render(<GraphView trace={missing} />).getByRole("alert").textContent).toBe(
      "cannot draw: edge 0 goes to node 5, which is not in the trace",
    );
  });
});
