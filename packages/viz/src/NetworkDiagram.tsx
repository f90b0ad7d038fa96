/**
 * `<NetworkDiagram>`: the layout of `layoutNetwork` drawn as SVG. Links are coloured by
 * the weight's sign and sized by |weight|; neurons are filled by their bias on the same
 * diverging scale, or show a thumbnail of their output over the input plane; the caption
 * counts weights, biases and parameters. Hovering or focusing a neuron or link shows its
 * value (and gradient) below the picture. All visible text comes from props.
 *
 * Made to be redrawn with new weights many times a second: the layout is recomputed only
 * when the sizes change, and links and neurons are memoised elements keyed by position,
 * so an update only touches the attributes that changed.
 */
import {
  type FocusEvent,
  type KeyboardEvent,
  memo,
  type ReactElement,
  type SyntheticEvent,
  useCallback,
  useMemo,
  useState,
} from "react";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { formatNumber } from "./format.js";
import { divergingColor, linkStyle, NEUTRAL } from "./layout/color.js";
import { type ValueGrid, validateGrid, valuePixels } from "./layout/heatmap.js";
import {
  type LayerKind,
  type LinkPosition,
  layoutNetwork,
  linkValue,
  type NetworkLayout,
  type NeuronPosition,
  type ParameterCounts,
} from "./layout/network.js";
import { type Matrix, validateNetwork } from "./layout/validate.js";
import { PixelCanvas } from "./PixelCanvas.js";

export type { Matrix } from "./layout/validate.js";

export interface NetworkDiagramLabels {
  /** Column titles, e.g. "camada de entrada" / "camadas ocultas" / "camada de saída". */
  input: string;
  hidden: string;
  output: string;
  /** The caption, e.g. "20 weights · 7 biases · 27 parameters". */
  counts: (counts: ParameterCounts) => string;
  /** The text in a collapsed layer's band, e.g. "… 784 inputs". */
  collapsed: (size: number, kind: LayerKind) => string;
  neuron: string;
  bias: string;
  gradient: string;
  /** Prefix of an aggregated link's value, e.g. "mean". */
  mean: string;
  /** Shown before the reason when the data cannot be drawn. */
  cannotDraw: string;
  /** The info line when nothing is hovered or focused. */
  hint: string;
  /** A column's title; default: `input`, `hidden` and the layer's number, `output`. */
  column?: (kind: LayerKind, layer: number) => string;
}

/** English defaults of {@link NetworkDiagramLabels}; pass a partial `labels` prop to translate. */
export const defaultLabels: NetworkDiagramLabels = {
  input: "input layer",
  hidden: "hidden layer",
  output: "output layer",
  counts: ({ weights, biases, parameters }) => `${weights} weights · ${biases} biases · ${parameters} parameters`,
  collapsed: (size, kind) => `… ${size} ${kind === "input" ? "inputs" : "neurons"}`,
  neuron: "neuron",
  bias: "bias",
  gradient: "gradient",
  mean: "mean",
  cannotDraw: "cannot draw",
  hint: "Hover or focus a neuron or a link to see its value.",
};

/** A neuron by its layer (0: the inputs) and index. */
export interface NeuronRef {
  layer: number;
  index: number;
}

/** A weight by its matrix and position, `weights[layer][from][to]`, with its value. */
export interface WeightRef {
  layer: number;
  from: number;
  to: number;
  value: number;
}

/** Thumbnails per layer and neuron: `thumbnails[layer][index]`, a grid over the input plane. */
export type NeuronThumbnails = readonly (readonly (ValueGrid | null | undefined)[] | null | undefined)[];

export interface NetworkDiagramProps {
  /** Neurons per layer, inputs first, e.g. `[2, 4, 3]`. */
  sizes: readonly number[];
  /** `weights[l][i][j]`: from neuron i of layer l to neuron j of layer l + 1 (nnfs layout). */
  weights?: readonly Matrix[] | undefined;
  /** `biases[l][j]`: bias of neuron j of layer l + 1. */
  biases?: readonly (readonly number[])[] | undefined;
  /** ∂L/∂weights and ∂L/∂biases in the same shapes, shown on hover. */
  gradients?:
    | { weights?: readonly Matrix[] | undefined; biases?: readonly (readonly number[])[] | undefined }
    | undefined;
  /**
   * The output of each neuron over the 2-D input plane (as TensorFlow Playground), drawn
   * inside the neuron on the diverging scale: `thumbnails[layer][index]`.
   */
  thumbnails?: NeuronThumbnails | undefined;
  labels?: Partial<NetworkDiagramLabels> | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** Layers with more neurons than this are drawn as a band (default 32). */
  collapseAbove?: number | undefined;
  /** Names written beside the input neurons (e.g. the features "x₁", "sin x₂"). */
  inputLabels?: readonly string[] | undefined;
  /** Called when the neuron hovered or focused changes (null: none). */
  onActiveNeuron?: ((neuron: NeuronRef | null) => void) | undefined;
  /** Makes the input neurons buttons: called with the input's index on click or Enter. */
  onInputClick?: ((index: number) => void) | undefined;
  /** Makes the links buttons: called with the weight on click or Enter (e.g. to edit it). */
  onLinkClick?: ((weight: WeightRef) => void) | undefined;
}

function validateThumbnails(thumbnails: NeuronThumbnails | undefined, sizes: readonly number[]): string | null {
  if (!thumbnails) return null;
  for (const [l, layer] of thumbnails.entries()) {
    if (!layer) continue;
    if (l >= sizes.length) return `thumbnails has ${thumbnails.length} layers, the network ${sizes.length}`;
    for (const [i, grid] of layer.entries()) {
      if (!grid) continue;
      if (i >= (sizes[l] as number))
        return `thumbnails[${l}] has ${layer.length} grids, layer ${l} ${sizes[l]} neurons`;
      const reason = validateGrid(grid, `thumbnails[${l}][${i}]`);
      if (reason) return reason;
    }
  }
  return null;
}

interface LinkLineProps {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  sign: string;
  text: string;
  clickable: boolean;
}

// NOTE: the <title> sits beside the <line> in a group, not inside it: Chromium lays out a
// shape with a <title> child again whenever its stroke width changes, about 10× the cost
// of the same update without it (measured on a 2-8-8-8-3 diagram, see the gallery).
const LinkLine = /* @__PURE__ */ memo(function LinkLine(p: LinkLineProps): ReactElement {
  return (
    <g
      data-role="link"
      data-key={p.id}
      data-sign={p.sign}
      aria-label={p.text}
      role={p.clickable ? "button" : undefined}
      tabIndex={p.clickable ? 0 : undefined}
    >
      <title>{p.text}</title>
      {/* A wide transparent line under the visible one, so thin links are easy to hit. */}
      {p.clickable && <line x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2} stroke="transparent" strokeWidth={8} />}
      <line x1={p.x1} y1={p.y1} x2={p.x2} y2={p.y2} stroke={p.color} strokeWidth={p.width} strokeOpacity={0.85} />
    </g>
  );
});

interface NeuronMarkProps {
  id: string;
  layer: number;
  x: number;
  y: number;
  r: number;
  fill: string;
  text: string;
  active: boolean;
  thumbnail: ValueGrid | null | undefined;
  clickable: boolean;
}

const NeuronMark = /* @__PURE__ */ memo(function NeuronMark(p: NeuronMarkProps): ReactElement {
  const stroke = p.active ? "#1a365d" : "#2d3748";
  const strokeWidth = p.active ? 3 : 1.5;
  const role = p.clickable ? "button" : undefined;
  if (p.thumbnail) {
    const side = 2.4 * p.r;
    return (
      <g data-role="neuron" data-key={p.id} data-layer={p.layer} tabIndex={0} aria-label={p.text} role={role}>
        <title>{p.text}</title>
        <foreignObject x={p.x - side / 2} y={p.y - side / 2} width={side} height={side}>
          <PixelCanvas
            cols={p.thumbnail.cols}
            rows={p.thumbnail.rows}
            pixels={valuePixels(p.thumbnail)}
            width={side}
            height={side}
            className="sinapse-thumbnail"
          />
        </foreignObject>
        <rect
          x={p.x - side / 2}
          y={p.y - side / 2}
          width={side}
          height={side}
          fill="none"
          stroke={stroke}
          strokeWidth={strokeWidth}
        />
      </g>
    );
  }
  return (
    <circle
      data-role="neuron"
      data-key={p.id}
      data-layer={p.layer}
      cx={p.x}
      cy={p.y}
      r={p.r}
      fill={p.fill}
      stroke={stroke}
      strokeWidth={strokeWidth}
      tabIndex={0}
      aria-label={p.text}
      role={role}
    >
      <title>{p.text}</title>
    </circle>
  );
});

function maxAbsOf(
  ms: readonly (readonly (readonly number[])[])[] | readonly (readonly number[])[] | undefined,
): number {
  let m = 0;
  const visit = (v: unknown): void => {
    if (typeof v === "number") m = Math.max(m, Math.abs(v));
    else if (Array.isArray(v)) for (const x of v) visit(x);
  };
  visit(ms);
  return m;
}

function linkText(
  link: LinkPosition,
  weights: readonly Matrix[] | undefined,
  grads: readonly Matrix[] | undefined,
  labels: NetworkDiagramLabels,
): string {
  const from = link.from ?? "*";
  const to = link.to ?? "*";
  const name = `w[${link.layer}][${from}→${to}]`;
  const v = linkValue(weights?.[link.layer], link);
  const g = linkValue(grads?.[link.layer], link);
  if (link.from !== null && link.to !== null) {
    return `${name}${v ? ` = ${formatNumber(v.value)}` : ""}${g ? ` (${labels.gradient} ${formatNumber(g.value)})` : ""}`;
  }
  const parts = v ? [`${labels.mean} ${formatNumber(v.value)}`, `${labels.mean} |w| ${formatNumber(v.magnitude)}`] : [];
  if (g) parts.push(`${labels.mean} ${labels.gradient} ${formatNumber(g.value)}`);
  return parts.length ? `${name}: ${parts.join(", ")}` : name;
}

function neuronText(n: NeuronPosition, props: NetworkDiagramProps, labels: Required<NetworkDiagramLabels>): string {
  const b = n.layer > 0 ? props.biases?.[n.layer - 1]?.[n.index] : undefined;
  const g = n.layer > 0 ? props.gradients?.biases?.[n.layer - 1]?.[n.index] : undefined;
  const name = n.layer === 0 ? props.inputLabels?.[n.index] : undefined;
  let text = `${labels.column(n.kind, n.layer)}, ${labels.neuron} ${n.index}${name ? ` (${name})` : ""}`;
  if (b !== undefined) text += `, ${labels.bias} ${formatNumber(b)}`;
  if (g !== undefined) text += ` (${labels.gradient} ${formatNumber(g)})`;
  return text;
}

/** The key under the event's target (a neuron, link or band), if any. */
function keyOf(event: SyntheticEvent): string | null {
  const target = event.target as Element | null;
  return target?.closest?.("[data-key]")?.getAttribute("data-key") ?? null;
}

function NetworkDiagramView(props: NetworkDiagramProps): ReactElement {
  const { sizes, weights, biases, gradients, thumbnails, width, height, collapseAbove, inputLabels } = props;
  const { onActiveNeuron, onInputClick, onLinkClick } = props;
  const merged = { ...defaultLabels, ...props.labels };
  const labels: Required<NetworkDiagramLabels> = {
    ...merged,
    column: merged.column ?? ((kind, layer) => (kind === "hidden" ? `${merged.hidden} ${layer}` : merged[kind])),
  };
  const [active, setActiveState] = useState<string | null>(null);
  const setActive = useCallback(
    (key: string | null) => {
      setActiveState(key);
      if (!onActiveNeuron) return;
      const m = key ? /^n:(\d+):(\d+)$/.exec(key) : null;
      onActiveNeuron(m ? { layer: Number(m[1]), index: Number(m[2]) } : null);
    },
    [onActiveNeuron],
  );
  const sizesKey = Array.isArray(sizes) ? sizes.join(",") : String(sizes);
  const reason = useMemo(
    () => validateNetwork({ sizes, weights, biases, gradients }) ?? validateThumbnails(thumbnails, sizes),
    [sizes, weights, biases, gradients, thumbnails],
  );
  // Room on the left for the input names.
  const margin = inputLabels ? 64 : 40;
  // biome-ignore lint/correctness/useExhaustiveDependencies: sizesKey stands for sizes, so a new array with the same sizes keeps the layout
  const layout = useMemo<NetworkLayout | null>(
    () => (validateNetwork({ sizes }) ? null : layoutNetwork(sizes, { width, height, collapseAbove, margin })),
    [sizesKey, width, height, collapseAbove, margin],
  );
  const maxW = useMemo(() => maxAbsOf(weights), [weights]);
  const maxB = useMemo(() => maxAbsOf(biases), [biases]);
  const onOver = useCallback((e: SyntheticEvent) => setActive(keyOf(e)), [setActive]);
  const onOut = useCallback(() => setActive(null), [setActive]);
  const onBlur = useCallback(
    (e: FocusEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(null);
    },
    [setActive],
  );
  /** A click (or Enter / Space) on an input neuron or a link. */
  const activate = (key: string | null): boolean => {
    if (!layout || !key) return false;
    const input = /^n:0:(\d+)$/.exec(key);
    if (input && onInputClick) {
      onInputClick(Number(input[1]));
      return true;
    }
    if (key.startsWith("l:") && onLinkClick) {
      const link = layout.links[Number(key.slice(2))];
      const v = link ? linkValue(weights?.[link.layer], link) : undefined;
      if (link && link.from !== null && link.to !== null && v) {
        onLinkClick({ layer: link.layer, from: link.from, to: link.to, value: v.value });
        return true;
      }
    }
    return false;
  };
  const onClick = (e: SyntheticEvent) => {
    activate(keyOf(e));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.key === "Enter" || e.key === " ") && activate(keyOf(e))) e.preventDefault();
  };

  if (reason || !layout) return <CannotDraw reason={reason ?? "no layout"} label={labels.cannotDraw} />;
  const caption = labels.counts(layout.counts);
  const bottom = 24;

  let info = labels.hint;
  if (active?.startsWith("n:")) {
    const [l, i] = active.slice(2).split(":").map(Number);
    const n = layout.neurons.find((m) => m.layer === l && m.index === i);
    if (n) info = neuronText(n, props, labels);
  } else if (active?.startsWith("l:")) {
    const link = layout.links[Number(active.slice(2))];
    if (link) info = linkText(link, weights, gradients?.weights, labels);
  } else if (active?.startsWith("b:")) {
    const col = layout.columns[Number(active.slice(2))];
    if (col) info = `${labels.column(col.kind, col.layer)}: ${labels.collapsed(col.size, col.kind)}`;
  }

  return (
    <figure className="sinapse-network" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={caption}
        viewBox={`0 0 ${layout.width} ${layout.height + bottom}`}
        width={layout.width}
        height={layout.height + bottom}
        style={{ maxWidth: "100%", height: "auto" }}
        onMouseOver={onOver}
        onMouseLeave={onOut}
        onFocus={onOver}
        onBlur={onBlur}
        onClick={onInputClick || onLinkClick ? onClick : undefined}
        onKeyDown={onInputClick || onLinkClick ? onKeyDown : undefined}
      >
        <title>{caption}</title>
        <g data-role="links">
          {layout.links.map((link, k) => {
            const v = linkValue(weights?.[link.layer], link);
            const style =
              v === undefined
                ? { color: NEUTRAL, width: 1 }
                : linkStyle(v.value === 0 ? 0 : Math.sign(v.value) * v.magnitude, maxW);
            return (
              <LinkLine
                key={`${link.layer}:${link.from ?? "*"}:${link.to ?? "*"}`}
                id={`l:${k}`}
                x1={link.x1}
                y1={link.y1}
                x2={link.x2}
                y2={link.y2}
                color={style.color}
                width={style.width}
                sign={v === undefined ? "none" : v.value > 0 ? "positive" : v.value < 0 ? "negative" : "zero"}
                text={linkText(link, weights, gradients?.weights, labels)}
                clickable={onLinkClick !== undefined && link.from !== null && link.to !== null}
              />
            );
          })}
        </g>
        <g data-role="bands">
          {layout.columns.map((col) => {
            if (!col.band) return null;
            const text = labels.collapsed(col.size, col.kind);
            // Wide enough for its label (about 0.56em per character at 10px).
            const half = Math.max(2.2 * layout.neuronRadius, (text.length * 5.6) / 2 + 4);
            return (
              <g
                key={col.layer}
                data-role="band"
                data-key={`b:${col.layer}`}
                tabIndex={0}
                aria-label={`${labels.column(col.kind, col.layer)}: ${text}`}
              >
                <rect
                  x={col.x - half}
                  y={col.band.y1}
                  width={2 * half}
                  height={col.band.y2 - col.band.y1}
                  rx={layout.neuronRadius}
                  fill="#edf2f7"
                  stroke={active === `b:${col.layer}` ? "#1a365d" : "#a0aec0"}
                  strokeDasharray="3 2"
                />
                <text x={col.x} y={col.band.labelY} dy="0.35em" fontSize={10} fill="#4a5568" textAnchor="middle">
                  {text}
                </text>
              </g>
            );
          })}
        </g>
        <g data-role="neurons">
          {layout.neurons.map((n) => {
            const b = n.layer > 0 ? biases?.[n.layer - 1]?.[n.index] : undefined;
            const id = `n:${n.layer}:${n.index}`;
            return (
              <NeuronMark
                key={id}
                id={id}
                layer={n.layer}
                x={n.x}
                y={n.y}
                r={layout.neuronRadius}
                fill={b === undefined || b === 0 ? "#ffffff" : divergingColor(b, maxB)}
                text={neuronText(n, props, labels)}
                active={active === id}
                thumbnail={thumbnails?.[n.layer]?.[n.index]}
                clickable={n.layer === 0 && onInputClick !== undefined}
              />
            );
          })}
        </g>
        <g fontSize={12} fill="#1a202c" textAnchor="end">
          {inputLabels &&
            layout.neurons.map((n) =>
              n.layer === 0 && inputLabels[n.index] ? (
                <text key={n.index} data-role="input-name" x={n.x - 1.2 * layout.neuronRadius - 5} y={n.y} dy="0.35em">
                  {inputLabels[n.index]}
                </text>
              ) : null,
            )}
        </g>
        <g data-role="layer-labels" fontSize={12} fill="#2d3748">
          {layout.columns.map((col, k) => {
            // The outer titles grow inwards from the picture's edges, so none is cut off;
            // where the columns are too close for a title on one line, it takes two.
            const first = k === 0;
            const lastColumn = k === layout.columns.length - 1;
            const title = labels.column(col.kind, col.layer);
            const spacing = layout.columns.length > 1 ? layout.width / (layout.columns.length - 0.5) : layout.width;
            const split =
              title.length * 6.6 > spacing - 8 ? title.lastIndexOf(" ", Math.ceil(title.length / 2) + 3) : -1;
            const lines = split > 0 ? [title.slice(0, split), title.slice(split + 1)] : [title];
            return (
              <text
                key={col.layer}
                x={first ? 4 : lastColumn ? layout.width - 4 : col.x}
                y={lines.length > 1 ? 10 : 16}
                textAnchor={first ? "start" : lastColumn ? "end" : "middle"}
                aria-label={title}
              >
                {lines.length > 1
                  ? lines.map((line, i) => (
                      <tspan key={line} x={first ? 4 : lastColumn ? layout.width - 4 : col.x} dy={i === 0 ? 0 : 13}>
                        {line}
                      </tspan>
                    ))
                  : title}
              </text>
            );
          })}
        </g>
      </svg>
      <figcaption data-role="counts">{caption}</figcaption>
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
 * A fully connected network as columns of neurons (inputs left, outputs right).
 * Bad data (empty or mismatched arrays, NaN) shows `cannot draw: <reason>` instead.
 *
 * @example <NetworkDiagram sizes={[2, 4, 3]} weights={[w1, w2]} biases={[b1, b2]} />
 */
export function NetworkDiagram(props: NetworkDiagramProps): ReactElement {
  return (
    <DrawingBoundary label={props.labels?.cannotDraw} resetKey={props}>
      <NetworkDiagramView {...props} />
    </DrawingBoundary>
  );
}
