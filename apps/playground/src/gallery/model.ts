/**
 * What the gallery draws, from real models: a 2-4-3 network trained on nnfs' vertical
 * data (weights, biases, gradients of one more step, each neuron's output over the
 * input plane, the decision boundary, the training history), the autograd trace of its
 * forward pass on two samples, and a 784-16-10 network for the collapsed band and the
 * weight histogram. Seeded, so every load draws the same pictures.
 */

import { type Tensor, traceGraph } from "@sinapse/autograd";
import { vertical } from "@sinapse/data";
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  type History,
  Model,
  ReLU,
  Softmax,
  SoftmaxCrossentropy,
} from "@sinapse/layers";
import { array, Random, slice } from "@sinapse/tensor";
import { type ClassGrid, type GraphTrace, gridPoints, type LabelledPoint, type ValueGrid } from "@sinapse/viz";

export interface GalleryNetwork {
  sizes: number[];
  weights: number[][][];
  biases: number[][];
  gradients: { weights: number[][][]; biases: number[][] };
  thumbnails: ValueGrid[][];
}

export interface GalleryData {
  network: GalleryNetwork;
  trace: GraphTrace;
  history: History;
  boundary: { grid: ClassGrid; xDomain: [number, number]; yDomain: [number, number]; points: LabelledPoint[] };
  large: { sizes: number[]; weights: number[][][] };
  /** The 784·16 first-layer weights of the large network. */
  histogram: Float32Array;
}

const X_DOMAIN: [number, number] = [-0.4, 1.1];
const Y_DOMAIN: [number, number] = [-0.25, 1.25];
const THUMB = 20;
const BOUNDARY = 48;

const matrix = (t: Tensor): number[][] => t.toArray() as number[][];
const row = (t: Tensor): number[] => (t.toArray() as number[][])[0] as number[];

/** A column of an `[n, k]` array as a grid (one value per cell). */
function column(values: ArrayLike<number>, k: number, j: number, side: number): ValueGrid {
  const out = new Float32Array(side * side);
  for (let i = 0; i < out.length; i++) out[i] = values[i * k + j] as number;
  return { cols: side, rows: side, values: out };
}

/** Builds, trains and reads every model the gallery shows (a few hundred milliseconds). */
export function buildGallery(seed = 0): GalleryData {
  const rng = new Random(seed);
  // Three vertical clusters: a 2-4-3 network learns them (a spiral needs far more neurons).
  const { X, y } = vertical(100, 3, { rng });
  const validation = vertical(40, 3, { rng: new Random(seed + 1) });
  const d1 = new Dense(2, 4, { rng, init: "he" });
  const relu = new ReLU();
  const d2 = new Dense(4, 3, { rng, init: "he" });
  const model = new Model()
    .add(d1)
    .add(relu)
    .add(d2)
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.05 }),
      accuracy: new CategoricalAccuracy(),
    });
  const history = model.fit(X, y, { epochs: 100, validationData: [validation.X, validation.y] });

  // One more forward and backward, kept: its gradients for the diagram, its graph (on two
  // samples, so that it stays readable) for the graph view.
  const loss = new SoftmaxCrossentropy().calculate(d2.forward(relu.forward(d1.forward(X))), y);
  loss.backward();
  const gradients = {
    weights: [matrix(d1.weights.grad as Tensor), matrix(d2.weights.grad as Tensor)],
    biases: [row(d1.biases.grad as Tensor), row(d2.biases.grad as Tensor)],
  };
  const x2 = slice(X, "0:2");
  const small = new SoftmaxCrossentropy().calculate(d2.forward(relu.forward(d1.forward(x2))), slice(y, "0:2"));
  small.backward(undefined, { retainGraph: true });
  const trace = traceGraph(small);
  model.zeroGrad();

  // Each neuron's output over the input plane: inputs, hidden ReLUs, output probabilities.
  const thumbPoints = gridPoints(THUMB, THUMB, X_DOMAIN, Y_DOMAIN);
  const plane = array(thumbPoints, [THUMB * THUMB, 2]);
  const hidden = relu.forward(d1.forward(plane)).value.dataSync();
  const outputs = model.predict(plane).dataSync();
  const thumbnails = [
    [0, 1].map((j) => column(thumbPoints, 2, j, THUMB)),
    [0, 1, 2, 3].map((j) => column(hidden, 4, j, THUMB)),
    [0, 1, 2].map((j) => column(outputs, 3, j, THUMB)),
  ];

  const boundaryPlane = array(gridPoints(BOUNDARY, BOUNDARY, X_DOMAIN, Y_DOMAIN), [BOUNDARY * BOUNDARY, 2]);
  const probabilities = model.predict(boundaryPlane).dataSync();
  const xs = X.dataSync();
  const labels = y.dataSync();
  const points = Array.from(labels, (label, i) => ({ x: xs[2 * i] as number, y: xs[2 * i + 1] as number, label }));

  const largeRng = new Random(seed + 2);
  const big1 = new Dense(784, 16, { rng: largeRng, init: "glorot" });
  const big2 = new Dense(16, 10, { rng: largeRng, init: "glorot" });

  return {
    network: {
      sizes: [2, 4, 3],
      weights: [matrix(d1.weights), matrix(d2.weights)],
      biases: [row(d1.biases), row(d2.biases)],
      gradients,
      thumbnails,
    },
    trace,
    history,
    boundary: {
      grid: { cols: BOUNDARY, rows: BOUNDARY, classes: 3, values: probabilities },
      xDomain: X_DOMAIN,
      yDomain: Y_DOMAIN,
      points,
    },
    large: { sizes: [784, 16, 10], weights: [matrix(big1.weights), matrix(big2.weights)] },
    histogram: Float32Array.from(big1.weights.value.dataSync() as ArrayLike<number>),
  };
}

/** Random weights for a network of `sizes`, nudged a little each call (the live diagram). */
export function randomWeights(sizes: readonly number[], rng: Random): { weights: number[][][]; biases: number[][] } {
  const weights = sizes.slice(1).map((n, l) => rng.randn([sizes[l] as number, n]).toArray() as number[][]);
  const biases = sizes.slice(1).map((n) => (rng.randn([n]).toArray() as number[]).map((v) => v * 0.1));
  return { weights, biases };
}

/** `a + step·(b − a)` elementwise, for smooth changes between random weight sets. */
export function lerpWeights(a: number[][][], b: number[][][], step: number): number[][][] {
  return a.map((m, l) => m.map((r, i) => r.map((v, j) => v + step * (((b[l]?.[i]?.[j] as number) ?? v) - v))));
}
