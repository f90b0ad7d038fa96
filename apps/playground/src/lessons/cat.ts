/**
 * The seed's cat picture as a computation: a 6×6 black-and-white image goes through a tiny
 * network — a hidden layer whose three neurons each look for one picture's pattern (weights
 * +1 where the pattern has ink, −1 elsewhere, then ReLU) and an output layer with one
 * neuron per animal, turned into probabilities by softmax. The strongest output neuron is
 * the network's answer.
 */
import { layerForward } from "./forward.js";
import { softmax } from "./math.js";

export const ANIMALS = ["cat", "dog", "bird"] as const;
export type Animal = (typeof ANIMALS)[number];

const PICTURES: Record<Animal, string[]> = {
  cat: ["#....#", "##..##", "######", "#.##.#", "######", ".####."],
  dog: ["......", ".####.", "######", "#.##.#", "#.##.#", ".####."],
  bird: ["......", "..##..", "#.##.#", "######", "..##..", "..#.#."],
};

export const SIDE = 6;

/** The picture of `animal` as 36 pixels (1 ink, 0 paper), row by row. */
export function picture(animal: Animal): number[] {
  return PICTURES[animal].flatMap((row) => [...row].map((c) => (c === "#" ? 1 : 0)));
}

/** Hidden layer: neuron k scores the match with picture k; the bias leaves 3 for a perfect match. */
export const HIDDEN = {
  weights: ANIMALS.map((a) => picture(a).map((p) => 2 * p - 1)),
  biases: ANIMALS.map((a) => 3 - picture(a).reduce((n, p) => n + p, 0)),
};
/** Output layer: each animal's neuron listens to its own detector and against the others. */
export const OUTPUT = {
  weights: ANIMALS.map((_, k) => ANIMALS.map((__, j) => (j === k ? 1.5 : -0.5))),
  biases: ANIMALS.map(() => 0),
};

export interface CatWalkValues {
  hiddenSums: number[];
  hidden: number[];
  outputs: number[];
  probabilities: number[];
  /** Index of the strongest output neuron. */
  answer: number;
}

/** The walk of `pixels` (36 values) through both layers. */
export function catWalk(pixels: readonly number[]): CatWalkValues {
  if (pixels.length !== SIDE * SIDE) throw new Error(`catWalk: expected ${SIDE * SIDE} pixels, got ${pixels.length}`);
  const hiddenSums = layerForward(pixels, HIDDEN);
  const hidden = hiddenSums.map((v) => Math.max(0, v));
  const outputs = layerForward(hidden, OUTPUT);
  const { probabilities } = softmax(outputs);
  const answer = probabilities.indexOf(Math.max(...probabilities));
  return { hiddenSums, hidden, outputs, probabilities, answer };
}
