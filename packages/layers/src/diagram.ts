/**
 * A model's Dense layers as plain numbers in the shape `@sinapse/viz`'s `NetworkDiagram`
 * takes (`sizes`, `weights[l][i][j]`, `biases[l][j]`, and the gradients when there are
 * some), so nobody casts `toArray()` or unwraps the `[1, n]` bias rows by hand. Plain
 * arrays keep the dependency one-way: viz does not import layers.
 */
import type { Tensor } from "@sinapse/autograd";
import { ValueError } from "@sinapse/tensor";
import { Dense } from "./dense.js";
import { Model } from "./model.js";

export interface NetworkDiagramData {
  /** Neurons per layer, inputs first: `[nInputs of the first Dense, nNeurons of each Dense…]`. */
  sizes: number[];
  /** `weights[l][i][j]`: from neuron i of layer l to neuron j of layer l + 1 (the nnfs layout). */
  weights: number[][][];
  /** `biases[l][j]`: the bias of neuron j of layer l + 1. */
  biases: number[][];
  /** ∂L/∂weights and ∂L/∂biases in the same shapes, when `gradients: true` and every Dense has them. */
  gradients?: { weights: number[][][]; biases: number[][] };
}

function rows(t: Tensor, n: number, m: number): number[][] {
  const values = t.value.dataSync() as ArrayLike<number>;
  return Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => Number(values[i * m + j])));
}

/**
 * `NetworkDiagram` props of a model (or a list of Dense layers), read from its Dense layers
 * in order; activations and dropout draw no column of their own.
 * @example <NetworkDiagram {...networkDiagramData(model)} />
 * @throws ValueError when there is no Dense layer, or consecutive Dense layers do not fit.
 */
export function networkDiagramData(
  source: Model | readonly Dense[],
  options: { gradients?: boolean } = {},
): NetworkDiagramData {
  const op = "networkDiagramData";
  const list = source instanceof Model ? source.layers : source;
  if (!Array.isArray(list))
    throw new ValueError(op, `expected a Model or a list of Dense layers, got ${typeof source}`);
  const dense = list.filter((l): l is Dense => l instanceof Dense);
  if (dense.length === 0) throw new ValueError(op, "the model has no Dense layer to draw");
  dense.forEach((d, l) => {
    const previous = dense[l - 1];
    if (previous && previous.nNeurons !== d.nInputs)
      throw new ValueError(op, `Dense ${l - 1} gives ${previous.nNeurons} values but Dense ${l} takes ${d.nInputs}`);
  });
  const data: NetworkDiagramData = {
    sizes: [(dense[0] as Dense).nInputs, ...dense.map((d) => d.nNeurons)],
    weights: dense.map((d) => rows(d.weights, d.nInputs, d.nNeurons)),
    biases: dense.map((d) => rows(d.biases, 1, d.nNeurons)[0] as number[]),
  };
  if (options.gradients && dense.every((d) => d.weights.grad && d.biases.grad)) {
    data.gradients = {
      weights: dense.map((d) => rows(d.weights.grad as Tensor, d.nInputs, d.nNeurons)),
      biases: dense.map((d) => rows(d.biases.grad as Tensor, 1, d.nNeurons)[0] as number[]),
    };
  }
  return data;
}
