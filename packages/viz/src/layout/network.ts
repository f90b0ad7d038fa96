/**
 * Network diagram layout: a pure function from layer sizes to neuron and link positions,
 * testable without a DOM. Layers are columns from left (inputs) to right (outputs);
 * each column is centred vertically.
 */
import { ValueError } from "@sinapse/tensor";

export type LayerKind = "input" | "hidden" | "output";

export interface NeuronPosition {
  /** Layer index, 0 for the inputs. */
  layer: number;
  /** Index of the neuron within its layer. */
  index: number;
  kind: LayerKind;
  x: number;
  y: number;
}

export interface LinkPosition {
  /** Index of the weight matrix: links of layer l go from layer l to layer l + 1. */
  layer: number;
  /** Source neuron index in layer `layer` (the weight's row). */
  from: number;
  /** Target neuron index in layer `layer + 1` (the weight's column). */
  to: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LayerColumn {
  layer: number;
  kind: LayerKind;
  size: number;
  x: number;
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
  neurons: NeuronPosition[];
  links: LinkPosition[];
  counts: ParameterCounts;
}

export interface LayoutOptions {
  width?: number;
  height?: number;
  /** Space kept free around the drawing, in the same units as width and height. */
  margin?: number;
  /** Largest vertical distance between neighbouring neurons. */
  maxSpacing?: number;
}

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

/**
 * Positions for a fully connected network with the given layer sizes.
 *
 * @example layoutNetwork([2, 4, 3]).links.length // 2·4 + 4·3 = 20
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
  const tallest = Math.max(...sizes);
  const spacing = Math.min(options.maxSpacing ?? 56, tallest > 1 ? (height - 2 * margin) / (tallest - 1) : 0);
  const neuronRadius = Math.max(2, Math.min(14, spacing * 0.3 || 14));
  const last = sizes.length - 1;

  const columns: LayerColumn[] = sizes.map((size, layer) => ({
    layer,
    size,
    kind: layer === 0 ? "input" : layer === last ? "output" : "hidden",
    x: margin + (layer * (width - 2 * margin)) / last,
  }));
  const neurons: NeuronPosition[] = columns.flatMap((col) =>
    Array.from({ length: col.size }, (_, index) => ({
      layer: col.layer,
      index,
      kind: col.kind,
      x: col.x,
      y: height / 2 + (index - (col.size - 1) / 2) * spacing,
    })),
  );
  const firstOf = columns.map((_, l) => sizes.slice(0, l).reduce((a, b) => a + b, 0));
  const at = (layer: number, index: number): NeuronPosition =>
    neurons[(firstOf[layer] as number) + index] as NeuronPosition;

  const links: LinkPosition[] = [];
  for (let l = 0; l < last; l++) {
    for (let from = 0; from < (sizes[l] as number); from++) {
      for (let to = 0; to < (sizes[l + 1] as number); to++) {
        const a = at(l, from);
        const b = at(l + 1, to);
        links.push({ layer: l, from, to, x1: a.x, y1: a.y, x2: b.x, y2: b.y });
      }
    }
  }
  return { width, height, neuronRadius, columns, neurons, links, counts: countParameters(sizes) };
}
