/**
 * "Current network on one sample": the playground experiment's network (built exactly as
 * the Trainer builds it, same seed, so the same initial weights), run forward on one
 * training sample up to the loss, and the nnfs book's hand-derived Dense backward checked
 * against autograd: dweights = inputsᵀ · dvalues and dbiases = Σ dvalues over rows, where
 * dvalues = ∂L/∂(first Dense's output).
 */
import type { Tensor } from "@sinapse/autograd";
import { softmaxCrossEntropy, tensor } from "@sinapse/autograd";
import { CategoricalCrossentropy, Dense, Dropout, Linear, Softmax } from "@sinapse/layers";
import { abs, array, matmul, max, type NDArray, Random, sub, sum, take, transpose } from "@sinapse/tensor";
import { prepareData } from "../engine/data.js";
import type { Experiment } from "../engine/experiment.js";
import { experimentModel } from "../engine/trainer.js";
import { type Walkthrough, walkBackward } from "./backprop.js";

export interface BookCheck {
  /** The sample's features `[1, inputs]` (the book's `inputs`). */
  inputs: NDArray;
  /** ∂L/∂(first Dense output) `[1, units]` from the step-through (the book's `dvalues`). */
  dvalues: NDArray;
  /** inputsᵀ · dvalues `[inputs, units]`. */
  bookWeights: NDArray;
  /** Σ dvalues over rows `[1, units]`. */
  bookBiases: NDArray;
  /** The first Dense layer's weight and bias gradients from autograd's `backward()`. */
  autogradWeights: NDArray;
  autogradBiases: NDArray;
  /** Largest |book − autograd| over weights and biases. */
  maxDifference: number;
}

export interface NetworkSample {
  walk: Walkthrough;
  /** Index of the sample among the training points. */
  index: number;
  /** How many training points there are. */
  count: number;
  features: number[];
  /** The class (classification) or the target value (regression). */
  target: number;
  loss: number;
  /** Units per layer: inputs, each Dense's outputs. */
  sizes: number[];
  lossName: string;
  check: BookCheck;
}

/** Weights and biases to run with instead of the initial ones (the playground's trained network, nnfs layout). */
export interface TrainedParameters {
  weights: readonly (readonly (readonly number[])[])[];
  biases: readonly (readonly number[])[];
}

/** The largest absolute difference between two arrays of one shape. */
export function maxAbsDifference(a: NDArray, b: NDArray): number {
  return Number(max(abs(sub(a, b))).item());
}

/**
 * Builds the experiment's network, runs sample `index` (clamped to the training set)
 * through it up to the loss (dropout off, as in evaluation; softmax + cross-entropy
 * fused as the Model trains), walks backward step by step, then runs autograd's own
 * backward and compares the first Dense layer's gradients with the book's formulas.
 */
export function buildNetworkSample(e: Experiment, index: number, trained?: TrainedParameters): NetworkSample {
  const data = prepareData(e);
  const model = experimentModel(e, new Random(e.seed + 1));
  if (trained) {
    const layers = model.layers.filter((l): l is Dense => l instanceof Dense);
    layers.forEach((d, k) => {
      const w = trained.weights[k];
      const b = trained.biases[k];
      if (!w || !b) throw new Error(`buildNetworkSample: the trained parameters have no layer ${k}`);
      // set() checks the shapes before writing: parameters of another network are refused.
      d.weights.value.set(":", array(w.map((row) => [...row])));
      d.biases.value.set(":", array([[...b]]));
    });
  }
  const count = data.trainX.shape[0] as number;
  const i = Math.max(0, Math.min(count - 1, Math.floor(index)));
  const rows = [i];
  const x = take(data.trainX, rows, 0);
  const y = take(data.trainY, rows, 0);
  const targets = model.targetsFor(y);

  const layers = model.layers.filter((l) => !(l instanceof Dropout));
  const fused = layers[layers.length - 1] instanceof Softmax && model.loss instanceof CategoricalCrossentropy;
  const run = fused ? layers.slice(0, -1) : layers;
  let h: Tensor = tensor(x, { name: "x" });
  let dense = 0;
  let firstDense: { layer: Dense; output: Tensor } | null = null;
  for (const layer of run) {
    if (layer instanceof Dense) {
      dense++;
      layer.weights.name = `W${dense}`;
      layer.biases.name = `b${dense}`;
      h = layer.forward(h);
      h.name = `dense ${dense}`;
      if (!firstDense) firstDense = { layer, output: h };
    } else if (!(layer instanceof Linear)) {
      h = layer.forward(h);
    }
  }
  if (!firstDense) throw new Error("buildNetworkSample: the network has no Dense layer");
  const lossModule = model.loss;
  if (!lossModule) throw new Error("buildNetworkSample: the model has no loss");
  const loss = fused ? softmaxCrossEntropy(h, targets) : lossModule.calculate(h, targets);
  loss.name = "loss";

  const walk = walkBackward(loss);
  const outputId = walk.tensors.indexOf(firstDense.output);
  const dvalues = walk.gradients[walk.steps.length]?.get(outputId);
  if (!dvalues) throw new Error("buildNetworkSample: no gradient reached the first Dense layer");

  const { weights, biases } = firstDense.layer;
  weights.grad = null;
  biases.grad = null;
  loss.backward(undefined, { retainGraph: true });
  // NOTE: read through a function so TypeScript does not keep the `= null` narrowing above.
  const gradOf = (t: Tensor): NDArray | undefined => t.grad?.value;
  const autogradWeights = gradOf(weights);
  const autogradBiases = gradOf(biases);
  if (!autogradWeights || !autogradBiases) throw new Error("buildNetworkSample: autograd gave no gradient");

  const bookWeights = matmul(transpose(x), dvalues);
  const bookBiases = sum(dvalues, { axis: 0, keepdims: true });
  const maxDifference = Math.max(
    maxAbsDifference(bookWeights, autogradWeights),
    maxAbsDifference(bookBiases, autogradBiases),
  );
  const dense1 = model.layers.filter((l): l is Dense => l instanceof Dense);
  return {
    walk,
    index: i,
    count,
    features: Array.from(x.dataSync() as ArrayLike<number>),
    target: Number(y.dataSync()[0]),
    loss: loss.item(),
    sizes: [dense1[0]?.nInputs ?? 0, ...dense1.map((d) => d.nNeurons)],
    lossName: fused ? "softmax + cross-entropy" : lossModule.constructor.name,
    check: {
      inputs: x,
      dvalues,
      bookWeights,
      bookBiases,
      autogradWeights,
      autogradBiases,
      maxDifference,
    },
  };
}
