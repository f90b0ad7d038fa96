/**
 * Network diagram layout: a pure function from layer sizes to neuron and link positions,
 * testable without a DOM. Layers are columns from left (inputs) to right (outputs);
 * each column is centred vertically. A layer with more neurons than `collapseAbove` is
 * drawn as a band: a few neurons from each end plus a gap for "… 784 inputs", and its
 * links are aggregated (one per neuron on the other side), so the link count stays
 * bounded whatever the layer sizes.
 */
import { ValueError } from "@sinapse/tensor/errors";

export type LayerKind = "input" | "hidden" | "output";

export interface NeuronPosition {
  /** Layer index, 0 for the inputs. */
  layer: number;
  /** Index of the neuron within its layer (its real index, also in a collapsed layer). */
  index: number;
  kind: LayerKind;
  x: number;
  y: number;
}

export interface LinkPosition {
  /** Index of the weight matrix: links of layer l go from layer l to layer l + 1. */
  layer: number;
  /**
   * Source neuron index in layer `layer` (the weight's row), or `null` when that layer is
   * collapsed: the link then stands for the whole column of weights into `to`.
   */
  from: number | null;
  /** Target neuron index in layer `layer + 1` (the weight's column), or `null` when collapsed. */
  to: number | null;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The box drawn around a collapsed layer, and where its "… N inputs" label goes. */
export interface LayerBand {
  y1: number;
  y2: number;
  labelY: number;
}

export interface LayerColumn {
  layer: number;
  kind: LayerKind;
  /** The layer's real size. */
  size: number;
  x: number;
  /** True when the layer has more than `collapseAbove` neurons and is drawn as a band. */
  collapsed: boolean;
  /** How many of its neurons are drawn (`size` unless collapsed). */
  shown: number;
  band: LayerBand | null;
}

export interface ParameterCounts {
  weights: number;
  biases: number;
  parameters: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  neuronRadius: number;
  columns: LayerColumn[];
  /** The neurons drawn, column by column, top to bottom. */
  neurons: NeuronPosition[];
  links: LinkPosition[];
  /** Counts of the whole network, collapsed layers included. */
  counts: ParameterCounts;
}

export interface LayoutOptions {
  width?: number;
  height?: number;
  /** Space kept free around the drawing, in the same units as width and height. */
  margin?: number;
  /** Largest vertical distance between neighbouring neurons. */
  maxSpacing?: number;
  /** Layers with more neurons than this are collapsed into a band (default 32). */
  collapseAbove?: number;
  /** Neurons drawn in a collapsed band, half from each end (default 6). */
  bandNeurons?: number;
}

/** Default of {@link LayoutOptions.collapseAbove}. */
export const COLLAPSE_ABOVE = 32;
/** Empty slots a band keeps between its two ends for the "… N inputs" label. */
const GAP_SLOTS = 2;

/** Weights Σ nₗ·nₗ₊₁, biases Σ nₗ₊₁ (every non-input neuron has one), and their sum. */
export function countParameters(sizes: readonly number[]): ParameterCounts {
  let weights = 0;
  let biases = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights += (sizes[l] as number) * (sizes[l + 1] as number);
    biases += sizes[l + 1] as number;
  }
  return { weights, biases, parameters: weights + biases };
}

/** The neuron indices drawn for a layer of `size`: all of them, or `band` split between both ends. */
export function shownNeurons(size: number, collapsed: boolean, band: number): number[] {
  if (!collapsed) return Array.from({ length: size }, (_, i) => i);
  const top = Math.ceil(band / 2);
  const bottom = band - top;
  return [...Array.from({ length: top }, (_, i) => i), ...Array.from({ length: bottom }, (_, i) => size - bottom + i)];
}

/**
 * Positions for a fully connected network with the given layer sizes.
 *
 * Links: Σ nₗ·nₗ₊₁ when no layer is collapsed; a pair with one collapsed side has one
 * link per neuron of the other side, a pair with both sides collapsed has one link.
 *
 * @example layoutNetwork([2, 4, 3]).links.length // 2·4 + 4·3 = 20
 * @example layoutNetwork([784, 16, 10]).links.length // 16 (band → each hidden) + 16·10
 * @throws ValueError unless there are at least two layers of positive integer size.
 */
export function layoutNetwork(sizes: readonly number[], options: LayoutOptions = {}): NetworkLayout {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new ValueError("layoutNetwork", `needs at least an input and an output layer, got [${String(sizes)}]`);
  }
  for (const n of sizes) {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new ValueError("layoutNetwork", `layer sizes must be positive integers, got [${sizes.join(",")}]`);
    }
  }
  const width = options.width ?? 480;
  const height = options.height ?? 320;
  const margin = options.margin ?? 40;
  const collapseAbove = Math.max(1, options.collapseAbove ?? COLLAPSE_ABOVE);
  const band = Math.max(2, Math.min(options.bandNeurons ?? 6, collapseAbove));
  const last = sizes.length - 1;

  const collapsed = sizes.map((n) => n > collapseAbove);
  const slots = sizes.map((n, l) => (collapsed[l] ? band + GAP_SLOTS : n));
  const tallest = Math.max(...slots);
  const spacing = Math.min(options.maxSpacing ?? 56, tallest > 1 ? (height - 2 * margin) / (tallest - 1) : 0);
  const neuronRadius = Math.max(2, Math.min(14, spacing * 0.3 || 14));
  const slotY = (slot: number, count: number): number => height / 2 + (slot - (count - 1) / 2) * spacing;

  const columns: LayerColumn[] = [];
  const neurons: NeuronPosition[] = [];
  const drawn: NeuronPosition[][] = [];
  sizes.forEach((size, layer) => {
    const kind: LayerKind = layer === 0 ? "input" : layer === last ? "output" : "hidden";
    const x = margin + (layer * (width - 2 * margin)) / last;
    const isCollapsed = collapsed[layer] as boolean;
    const count = slots[layer] as number;
    const indices = shownNeurons(size, isCollapsed, band);
    const top = Math.ceil(band / 2);
    const column = indices.map((index, k) => {
      // In a band, the bottom neurons sit after the gap.
      const slot = isCollapsed && k >= top ? k + GAP_SLOTS : k;
      return { layer, index, kind, x, y: slotY(slot, count) };
    });
    drawn.push(column);
    neurons.push(...column);
    columns.push({
      layer,
      kind,
      size,
      x,
      collapsed: isCollapsed,
      shown: indices.length,
      band: isCollapsed
        ? {
            y1: slotY(0, count) - 1.6 * neuronRadius,
            y2: slotY(count - 1, count) + 1.6 * neuronRadius,
            labelY: slotY(top + (GAP_SLOTS - 1) / 2, count),
          }
        : null,
    });
  });

  const links: LinkPosition[] = [];
  for (let l = 0; l < last; l++) {
    const a = columns[l] as LayerColumn;
    const b = columns[l + 1] as LayerColumn;
    // A collapsed side is one anchor at the band's centre; otherwise every drawn neuron.
    const sources: { index: number | null; y: number }[] = a.band
      ? [{ index: null, y: a.band.labelY }]
      : (drawn[l] as NeuronPosition[]).map((n) => ({ index: n.index, y: n.y }));
    const targets: { index: number | null; y: number }[] = b.band
      ? [{ index: null, y: b.band.labelY }]
      : (drawn[l + 1] as NeuronPosition[]).map((n) => ({ index: n.index, y: n.y }));
    for (const s of sources) {
      for (const t of targets) {
        links.push({ layer: l, from: s.index, to: t.index, x1: a.x, y1: s.y, x2: b.x, y2: t.y });
      }
    }
  }
  return { width, height, neuronRadius, columns, neurons, links, counts: countParameters(sizes) };
}

/** A link's weight: the weight itself, or for an aggregated link the mean over what it stands for. */
export interface LinkValue {
  /** The weight, or the mean weight of an aggregated link (its sign colours the link). */
  value: number;
  /** |weight|, or the mean |weight| of an aggregated link (it sizes the link). */
  magnitude: number;
}

/**
 * The value a link shows, read from its weight matrix `w` (`[nₗ, nₗ₊₁]`, nnfs layout):
 * `w[from][to]`, or for an aggregated link the mean and mean |·| of the row, column or
 * whole matrix it stands for. `undefined` when the matrix does not have the entries.
 */
export function linkValue(
  w: readonly (ArrayLike<number> | undefined)[] | undefined,
  link: LinkPosition,
): LinkValue | undefined {
  if (!w) return undefined;
  const { from, to } = link;
  if (from !== null && to !== null) {
    const v = w[from]?.[to];
    return v === undefined ? undefined : { value: v, magnitude: Math.abs(v) };
  }
  let sum = 0;
  let sumAbs = 0;
  let n = 0;
  const rows = from === null ? w : [w[from]];
  for (const row of rows) {
    if (!row) return undefined;
    if (to !== null) {
      const v = row[to];
      if (v === undefined) return undefined;
      sum += v;
      sumAbs += Math.abs(v);
      n++;
    } else {
      for (let j = 0; j < row.length; j++) {
        const v = row[j] as number;
        sum += v;
        sumAbs += Math.abs(v);
        n++;
      }
    }
  }
  return n === 0 ? undefined : { value: sum / n, magnitude: sumAbs / n };
}
