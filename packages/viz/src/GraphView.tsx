/**
 * `<GraphView>`: an autograd trace (`traceGraph(output)`) as a directed graph laid out by
 * dagre — op boxes with shape, value and gradient summaries, edges entering in operand
 * order. Selecting a node (click, Enter) highlights its path; `backwardStep` marks which
 * nodes have received their gradient after that many steps of backward, the building
 * block of a step-through of backpropagation.
 */
import { curveBasis, line } from "d3-shape";
import {
  type FocusEvent,
  type KeyboardEvent,
  memo,
  type ReactElement,
  type SyntheticEvent,
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { formatNumber, formatShape, formatShort } from "./format.js";
import { NEGATIVE, POSITIVE } from "./layout/color.js";
import {
  type BackwardState,
  backwardStates,
  type GraphLayout,
  type GraphNode,
  type GraphSummary,
  type GraphTrace,
  graphPath,
  layoutGraph,
  validateTrace,
} from "./layout/graph.js";

export interface GraphViewLabels {
  /** The picture's title, e.g. "computation graph: 5 nodes, 4 edges". */
  title: (nodes: number, edges: number) => string;
  value: string;
  gradient: string;
  operand: string;
  /** Names of the backward states, for the legend and the info line. */
  states: Record<BackwardState, string>;
  cannotDraw: string;
  hint: string;
}

/** English defaults of {@link GraphViewLabels}. */
export const defaultGraphLabels: GraphViewLabels = {
  title: (nodes, edges) => `computation graph: ${nodes} nodes, ${edges} edges`,
  value: "value",
  gradient: "gradient",
  operand: "operand",
  states: {
    done: "gradient complete",
    current: "backward step",
    received: "gradient arriving",
    waiting: "waiting for gradient",
    none: "no gradient",
  },
  cannotDraw: "cannot draw",
  hint: "Hover or focus a node for its values; click or press Enter to highlight its path.",
};

export interface GraphViewProps {
  trace: GraphTrace;
  /** The node whose path is highlighted. Leave undefined to let clicks choose it. */
  highlight?: number | null | undefined;
  /** Called when a node is clicked or chosen with Enter (null: cleared). */
  onSelect?: ((id: number | null) => void) | undefined;
  /** Steps of backward taken so far (0…number of nodes that need a gradient); off when undefined. */
  backwardStep?: number | undefined;
  labels?: Partial<GraphViewLabels> | undefined;
  /** Smallest box width (default 184: room for the value line at 11 px). */
  nodeWidth?: number | undefined;
  nodeHeight?: number | undefined;
}

const STATE_STYLE: Record<BackwardState, { fill: string; stroke: string; dash?: string }> = {
  done: { fill: "#bee3f8", stroke: POSITIVE },
  current: { fill: "#90cdf4", stroke: "#1a365d" },
  received: { fill: "#feebc8", stroke: NEGATIVE, dash: "4 2" },
  waiting: { fill: "#ffffff", stroke: "#718096" },
  none: { fill: "#f7fafc", stroke: "#cbd5e0" },
};

function summaryLine(s: GraphSummary | null | undefined): string {
  if (!s) return "—";
  if (s.size === 1) return `= ${formatShort(s.mean)}`;
  return `μ ${formatShort(s.mean)} [${formatShort(s.min)}, ${formatShort(s.max)}]`;
}

function summaryText(s: GraphSummary | null | undefined): string {
  if (!s) return "—";
  const preview = s.preview?.length ? `, first [${s.preview.map(formatNumber).join(", ")}]` : "";
  return `size ${s.size}, min ${formatNumber(s.min)}, max ${formatNumber(s.max)}, mean ${formatNumber(s.mean)}${preview}`;
}

function hasNaN(s: GraphSummary | null | undefined): boolean {
  return !!s && s.size > 0 && [s.min, s.max, s.mean].some((v) => !Number.isFinite(v));
}

function nodeTitle(n: GraphNode): string {
  return `${n.op}${n.name ? ` ${n.name}` : ""} #${n.id}`;
}

interface NodeBoxProps {
  node: GraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
  state: BackwardState | null;
  faded: boolean;
  selected: boolean;
  text: string;
}

const NodeBox = /* @__PURE__ */ memo(function NodeBox(p: NodeBoxProps): ReactElement {
  const { node, width, height } = p;
  const style = p.state ? STATE_STYLE[p.state] : { fill: "#ffffff", stroke: "#4a5568" };
  const nan = hasNaN(node.value) || hasNaN(node.grad);
  const left = p.x - width / 2;
  const top = p.y - height / 2;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; Enter and Space select it
    <g
      data-role="graph-node"
      data-key={`n:${node.id}`}
      data-id={node.id}
      data-op={node.op}
      data-state={p.state ?? undefined}
      data-nan={nan || undefined}
      tabIndex={0}
      role="button"
      aria-pressed={p.selected}
      aria-label={p.text}
      opacity={p.faded ? 0.35 : 1}
      style={{ cursor: "pointer" }}
    >
      <title>{p.text}</title>
      <rect
        x={left}
        y={top}
        width={width}
        height={height}
        rx={6}
        fill={style.fill}
        stroke={nan ? NEGATIVE : p.selected ? "#1a202c" : style.stroke}
        strokeWidth={p.selected || p.state === "current" || nan ? 3 : 1.2}
        strokeDasharray={style.dash}
      />
      <text x={left + 8} y={top + 15} fontSize={12} fontWeight={600} fill="#1a202c">
        {node.op}
        {node.name ? <tspan fontWeight={400}>{` ${node.name}`}</tspan> : null}
      </text>
      <text x={left + width - 8} y={top + 15} fontSize={11} fill="#4a5568" textAnchor="end">
        {`#${node.id}`}
      </text>
      <g fontSize={11} fill="#2d3748">
        <text x={left + 8} y={top + 29}>
          {`${formatShape(node.shape)}${node.dtype ? ` ${node.dtype}` : ""}`}
        </text>
        <text x={left + 8} y={top + 43}>{`v ${summaryLine(node.value)}`}</text>
        <text x={left + 8} y={top + 57} fill={node.grad ? "#2c5282" : "#5a6b80"}>
          {`∇ ${summaryLine(node.grad)}`}
        </text>
      </g>
    </g>
  );
});

/** Ids, ops, names, shapes and edges: what the layout depends on. */
function structureKey(trace: GraphTrace): string {
  const nodes = trace.nodes.map((n) => `${n.id}:${n.op}:${n.name ?? ""}:${n.shape.join("x")}`).join(",");
  const edges = trace.edges.map((e) => `${e.from}>${e.to}.${e.operand}`).join(",");
  return `${nodes}|${edges}`;
}

/** An edge's SVG path through its dagre points (a smooth B-spline); built on first draw, not at import. */
let edgeLine: ((points: { x: number; y: number }[]) => string | null) | undefined;
function edgePath(points: { x: number; y: number }[]): string | null {
  edgeLine ??= line<{ x: number; y: number }>()
    .x((p) => p.x)
    .y((p) => p.y)
    .curve(curveBasis);
  return edgeLine(points);
}

function GraphViewInner(props: GraphViewProps): ReactElement {
  const { trace, backwardStep, onSelect, nodeWidth = 184, nodeHeight } = props;
  const labels = {
    ...defaultGraphLabels,
    ...props.labels,
    states: { ...defaultGraphLabels.states, ...props.labels?.states },
  };
  const marker = `sinapse-arrow-${useId().replace(/[^\w-]/g, "")}`;
  const [chosen, setChosen] = useState<number | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const reason = useMemo(() => validateTrace(trace), [trace]);
  // The layout depends on the graph's structure only: a new trace with new values (the next
  // step of backward) keeps the boxes where they are, and the values are read from `trace`.
  const structure = reason ? "" : structureKey(trace);
  const traceRef = useRef(trace);
  traceRef.current = trace;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` stands for the trace's shape; the trace itself is read through the ref
  const layout = useMemo<GraphLayout | null>(
    () => (reason ? null : layoutGraph(traceRef.current, { nodeWidth, nodeHeight })),
    [structure, reason === null, nodeWidth, nodeHeight],
  );
  const current = useMemo(() => new Map(trace.nodes.map((n) => [n.id, n])), [trace]);
  const selected = props.highlight !== undefined ? props.highlight : chosen;
  const path = useMemo(
    () =>
      reason || selected === null || !trace.nodes.some((n) => n.id === selected) ? null : graphPath(trace, selected),
    [trace, reason, selected],
  );
  const states = useMemo(
    () => (reason || backwardStep === undefined ? null : backwardStates(trace, backwardStep)),
    [trace, reason, backwardStep],
  );

  const select = useCallback(
    (id: number) => {
      const next = selected === id ? null : id;
      setChosen(next);
      onSelect?.(next);
    },
    [selected, onSelect],
  );
  const idOf = (e: SyntheticEvent): number | null => {
    const key = (e.target as Element | null)?.closest?.("[data-role=graph-node]")?.getAttribute("data-id");
    return key == null ? null : Number(key);
  };
  const onClick = (e: SyntheticEvent) => {
    const id = idOf(e);
    if (id !== null) select(id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const id = idOf(e);
    if (id !== null && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      select(id);
    }
  };
  const onBlur = (e: FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(null);
  };

  if (reason || !layout) return <CannotDraw reason={reason ?? "no layout"} label={labels.cannotDraw} />;
  const title = labels.title(trace.nodes.length, trace.edges.length);
  const textOf = (n: GraphNode): string => {
    const state = states?.get(n.id);
    return [
      `${nodeTitle(n)} ${formatShape(n.shape)}${n.dtype ? ` ${n.dtype}` : ""}`,
      `${labels.value} ${summaryLine(n.value)}`,
      `${labels.gradient} ${summaryLine(n.grad)}`,
      ...(state ? [labels.states[state]] : []),
    ].join(", ");
  };
  const activeNode = active === null ? undefined : trace.nodes.find((n) => n.id === active);
  const info = activeNode
    ? `${nodeTitle(activeNode)} ${formatShape(activeNode.shape)} — ${labels.value}: ${summaryText(activeNode.value)}; ${labels.gradient}: ${summaryText(activeNode.grad)}${states ? `; ${labels.states[states.get(activeNode.id) ?? "none"]}` : ""}`
    : labels.hint;
  const pad = 4;

  return (
    <figure className="sinapse-graph" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={title}
        viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
        width={layout.width + 2 * pad}
        height={layout.height + 2 * pad}
        style={{ maxWidth: "100%", height: "auto" }}
        onClick={onClick}
        onKeyDown={onKeyDown}
        onMouseOver={(e) => setActive(idOf(e))}
        onMouseLeave={() => setActive(null)}
        onFocus={(e) => setActive(idOf(e))}
        onBlur={onBlur}
      >
        <title>{title}</title>
        <defs>
          <marker id={marker} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#4a5568" />
          </marker>
        </defs>
        <g data-role="graph-edges" fill="none">
          {layout.edges.map((e) => {
            const on = path?.edges.has(e.index) ?? false;
            const end = e.points[e.points.length - 1] as { x: number; y: number };
            const label = `#${e.from} → #${e.to}, ${labels.operand} ${e.operand}`;
            return (
              <g key={e.index} data-role="graph-edge" data-from={e.from} data-to={e.to} data-operand={e.operand}>
                <path
                  d={edgePath(e.points) ?? ""}
                  stroke={on ? "#1a202c" : "#718096"}
                  strokeWidth={on ? 2.4 : 1.2}
                  opacity={path && !on ? 0.3 : 1}
                  markerEnd={`url(#${marker})`}
                  aria-label={label}
                >
                  <title>{label}</title>
                </path>
                {e.operands > 1 ? (
                  <text x={end.x + 4} y={end.y - 6} fontSize={11} fill="#4a5568" stroke="none">
                    {e.operand}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
        <g data-role="graph-nodes">
          {layout.nodes.map((b) => (
            <NodeBox
              key={b.id}
              node={current.get(b.id) ?? b.node}
              x={b.x}
              y={b.y}
              width={b.width}
              height={b.height}
              state={states?.get(b.id) ?? null}
              faded={path ? !path.nodes.has(b.id) : false}
              selected={selected === b.id}
              text={textOf(b.node)}
            />
          ))}
        </g>
      </svg>
      {states ? (
        <ul
          data-role="legend"
          style={{
            display: "flex",
            flexWrap: "wrap",
            gap: 12,
            listStyle: "none",
            padding: 0,
            margin: "4px 0",
            fontSize: "0.8rem",
          }}
        >
          {(["done", "current", "received", "waiting"] as const).map((s) => (
            <li key={s} style={{ display: "flex", alignItems: "center", gap: 4 }}>
              <svg width={14} height={10} aria-hidden="true">
                <rect
                  x={1}
                  y={1}
                  width={12}
                  height={8}
                  rx={2}
                  fill={STATE_STYLE[s].fill}
                  stroke={STATE_STYLE[s].stroke}
                  strokeDasharray={STATE_STYLE[s].dash}
                />
              </svg>
              {labels.states[s]}
            </li>
          ))}
        </ul>
      ) : null}
      <p
        data-role="info"
        aria-live="polite"
        style={{ margin: "4px 0 0", minHeight: "1.3em", fontSize: "0.85rem", color: "#2d3748" }}
      >
        {info}
      </p>
    </figure>
  );
}

/**
 * The computation graph of an autograd trace. A trace with a cycle or an edge to a
 * missing node shows `cannot draw: <reason>`; NaN values are drawn and outlined.
 *
 * @example <GraphView trace={traceGraph(loss)} backwardStep={step} />
 */
export function GraphView(props: GraphViewProps): ReactElement {
  return (
    <DrawingBoundary label={props.labels?.cannotDraw} resetKey={props}>
      <GraphViewInner {...props} />
    </DrawingBoundary>
  );
}
