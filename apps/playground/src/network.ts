/**
 * The network the page shows: a stack of Dense layers built with the nnfs defaults
 * (0.01·randn weights from a seeded NumPy-compatible generator, zero biases), and the
 * plain arrays the diagram draws from it.
 */
import { Dense } from "@sinapse/layers";
import { Random } from "@sinapse/tensor";

export interface DiagramData {
  sizes: number[];
  weights: number[][][];
  biases: number[][];
}

/** Dense layers for `sizes` (e.g. [2, 4, 3] → Dense(2,4), Dense(4,3)), drawn from `seed`. */
export function buildNetwork(sizes: readonly number[], seed: number): Dense[] {
  const rng = new Random(seed);
  return sizes.slice(1).map((n, l) => new Dense(sizes[l] as number, n, { rng }));
}

/** What `<NetworkDiagram>` needs from a Dense stack: sizes, weights[l][i][j], biases[l][j]. */
export function diagramData(layers: readonly Dense[]): DiagramData {
  const first = layers[0];
  return {
    sizes: first ? [first.nInputs, ...layers.map((l) => l.nNeurons)] : [],
    weights: layers.map((l) => l.weights.toArray() as number[][]),
    biases: layers.map((l) => (l.biases.toArray() as number[][])[0] as number[]),
  };
}
