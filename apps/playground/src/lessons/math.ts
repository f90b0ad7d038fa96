/**
 * Small pure computations the lessons show: one neuron, a dot product taken apart, the
 * activation functions at one input, softmax, and a network's parameter counts.
 */
import { array, dot } from "@sinapse/tensor";

/** One neuron with one input: `output = input · weight + bias`. */
export function neuronOutput(input: number, weight: number, bias: number): number {
  return input * weight + bias;
}

/** The neuron's line `y = w·x + b` sampled at `samples` points of `[from, to]`. */
export function neuronLine(
  weight: number,
  bias: number,
  from = -2,
  to = 2,
  samples = 21,
): { x: number[]; y: number[] } {
  const x = Array.from({ length: samples }, (_, i) => from + ((to - from) * i) / (samples - 1));
  return { x, y: x.map((v) => neuronOutput(v, weight, bias)) };
}

export interface DotBreakdown {
  /** aᵢ·bᵢ for every i. */
  products: number[];
  /** Σ aᵢ·bᵢ, added in JavaScript numbers. */
  sum: number;
  /** The same sum from @sinapse/tensor's `dot` (float64). */
  fromTensor: number;
}

/**
 * a · b taken apart: the products and their sum, checked against the library's `dot`.
 * @throws Error when the vectors differ in length.
 */
export function dotBreakdown(a: readonly number[], b: readonly number[]): DotBreakdown {
  if (a.length !== b.length) throw new Error(`dotBreakdown: lengths differ, got ${a.length} and ${b.length}`);
  const products = a.map((v, i) => v * (b[i] as number));
  const sum = products.reduce((s, p) => s + p, 0);
  const fromTensor = Number(dot(array([...a], { dtype: "float64" }), array([...b], { dtype: "float64" })).item());
  return { products, sum, fromTensor };
}

/** softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z), with the exponentials it used. */
export function softmax(z: readonly number[]): { exps: number[]; sum: number; probabilities: number[] } {
  const m = Math.max(...z);
  const exps = z.map((v) => Math.exp(v - m));
  const sum = exps.reduce((s, e) => s + e, 0);
  return { exps, sum, probabilities: exps.map((e) => e / sum) };
}

export type ElementwiseActivation = "step" | "linear" | "sigmoid" | "relu";

/** The elementwise activations of the seed, at one input. */
export const ACTIVATIONS: Readonly<Record<ElementwiseActivation, (x: number) => number>> = {
  step: (x) => (x > 0 ? 1 : 0),
  linear: (x) => x,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => Math.max(0, x),
};

export interface LayerCount {
  nInputs: number;
  nNeurons: number;
  weights: number;
  biases: number;
}

/** Weights `nᵢ·nᵢ₊₁` and biases `nᵢ₊₁` of each pair of neighbouring layers, and the totals. */
export function layerCounts(sizes: readonly number[]): { layers: LayerCount[]; weights: number; biases: number } {
  const layers: LayerCount[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nInputs = sizes[l] as number;
    const nNeurons = sizes[l + 1] as number;
    layers.push({ nInputs, nNeurons, weights: nInputs * nNeurons, biases: nNeurons });
  }
  return {
    layers,
    weights: layers.reduce((s, l) => s + l.weights, 0),
    biases: layers.reduce((s, l) => s + l.biases, 0),
  };
}

/**
 * The seed's example network: 10 inputs, three hidden layers of 8 neurons, 2 outputs —
 * 10·8 + 8·8 + 8·8 + 8·2 = 224 weights and 8 + 8 + 8 + 2 = 26 biases.
 */
export const SEED_NETWORK: readonly number[] = [10, 8, 8, 8, 2];
