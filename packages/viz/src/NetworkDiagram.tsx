/**
 * `<NetworkDiagram>`: the layout of `layoutNetwork` drawn as SVG. Links are coloured by
 * the weight's sign and sized by |weight|; neurons show their bias on hover; the caption
 * counts weights, biases and parameters. All visible text comes from props.
 */
import { ShapeError } from "@sinapse/tensor";
import { type ReactElement, useMemo } from "react";
import { linkStyle, NEGATIVE_TINT, NEUTRAL, POSITIVE_TINT } from "./layout/color.js";
import { type LayerKind, layoutNetwork, type ParameterCounts } from "./layout/network.js";

/** A matrix as nested rows: `matrix[i][j]`. */
export type Matrix = readonly (readonly number[])[];

export interface NetworkDiagramLabels {
  /** Column titles, e.g. "camada de entrada" / "camadas ocultas" / "camada de saída". */
  input: string;
  hidden: string;
  output: string;
  /** The caption, e.g. "20 weights · 7 biases · 27 parameters". */
  counts: (counts: ParameterCounts) => string;
}

export const defaultLabels: NetworkDiagramLabels = {
  input: "input layer",
  hidden: "hidden layer",
  output: "output layer",
  counts: ({ weights, biases, parameters }) => `${weights} weights · ${biases} biases · ${parameters} parameters`,
};

export interface NetworkDiagramProps {
  /** Neurons per layer, inputs first, e.g. `[2, 4, 3]`. */
  sizes: readonly number[];
  /** `weights[l][i][j]`: from neuron i of layer l to neuron j of layer l + 1 (nnfs layout). */
  weights?: readonly Matrix[];
  /** `biases[l][j]`: bias of neuron j of layer l + 1. */
  biases?: readonly (readonly number[])[];
  labels?: Partial<NetworkDiagramLabels>;
  width?: number;
  height?: number;
}

function checkShapes(
  sizes: readonly number[],
  weights?: readonly Matrix[],
  biases?: readonly (readonly number[])[],
): void {
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = weights?.[l];
    if (weights && (!w || w.length !== sizes[l] || w.some((row) => row.length !== sizes[l + 1]))) {
      const got = w ? `[${w.length},${w[0]?.length ?? 0}]` : "nothing";
      throw new ShapeError("NetworkDiagram", `weights[${l}] must be [${sizes[l]},${sizes[l + 1]}], got ${got}`);
    }
    const b = biases?.[l];
    if (biases && (!b || b.length !== sizes[l + 1])) {
      throw new ShapeError(
        "NetworkDiagram",
        `biases[${l}] must have ${sizes[l + 1]} values, got ${b ? b.length : "nothing"}`,
      );
    }
  }
}

const fmt = (v: number): string => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2));

export function NetworkDiagram(props: NetworkDiagramProps): ReactElement {
  const { sizes, weights, biases, width, height } = props;
  const labels = { ...defaultLabels, ...props.labels };
  checkShapes(sizes, weights, biases);
  const layout = useMemo(() => layoutNetwork(sizes, { width, height }), [sizes, width, height]);
  const maxAbs = useMemo(() => {
    let m = 0;
    for (const w of weights ?? []) for (const row of w) for (const v of row) m = Math.max(m, Math.abs(v));
    return m;
  }, [weights]);
  const kindLabel = (kind: LayerKind): string => labels[kind];
  const caption = labels.counts(layout.counts);

  return (
    <figure className="sinapse-network" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={caption}
        viewBox={`0 0 ${layout.width} ${layout.height + 24}`}
        width={layout.width}
        height={layout.height + 24}
      >
        <title>{caption}</title>
        <g data-role="links">
          {layout.links.map((link) => {
            const w = weights?.[link.layer]?.[link.from]?.[link.to];
            const style = w === undefined ? { color: NEUTRAL, width: 1 } : linkStyle(w, maxAbs);
            return (
              <line
                key={`${link.layer}:${link.from}:${link.to}`}
                data-role="link"
                data-sign={w === undefined ? "none" : w > 0 ? "positive" : w < 0 ? "negative" : "zero"}
                x1={link.x1}
                y1={link.y1}
                x2={link.x2}
                y2={link.y2}
                stroke={style.color}
                strokeWidth={style.width}
                strokeOpacity={0.85}
              >
                <title>
                  {`w[${link.layer}][${link.from}→${link.to}]`}
                  {w === undefined ? "" : ` = ${fmt(w)}`}
                </title>
              </line>
            );
          })}
        </g>
        <g data-role="neurons">
          {layout.neurons.map((n) => {
            const b = n.layer > 0 ? biases?.[n.layer - 1]?.[n.index] : undefined;
            const fill = b === undefined || b === 0 ? "#ffffff" : b > 0 ? POSITIVE_TINT : NEGATIVE_TINT;
            return (
              <circle
                key={`${n.layer}:${n.index}`}
                data-role="neuron"
                data-layer={n.layer}
                cx={n.x}
                cy={n.y}
                r={layout.neuronRadius}
                fill={fill}
                stroke="#2d3748"
                strokeWidth={1.5}
                tabIndex={0}
              >
                <title>
                  {`${kindLabel(n.kind)} ${n.layer}, neuron ${n.index}`}
                  {b === undefined ? "" : `, bias ${fmt(b)}`}
                </title>
              </circle>
            );
          })}
        </g>
        <g data-role="layer-labels" fontSize={11} fill="#4a5568" textAnchor="middle">
          {layout.columns.map((col) => (
            <text key={col.layer} x={col.x} y={16}>
              {kindLabel(col.kind)}
            </text>
          ))}
        </g>
      </svg>
      <figcaption data-role="counts">{caption}</figcaption>
    </figure>
  );
}
