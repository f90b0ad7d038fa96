/** The lessons: one page per section of the seed README (see issue 8), in the seed's order. */
import type { ReactElement } from "react";
import type { MessageKey } from "../i18n.js";
import { ActivationsLesson } from "./Activations.js";
import { BackwardLesson } from "./Backward.js";
import { BatchesLesson } from "./Batches.js";
import { DotProductLesson } from "./DotProduct.js";
import { ForwardLesson } from "./Forward.js";
import { NeuronLesson } from "./Neuron.js";
import { LESSON_ORDER } from "./order.js";
import { ShapeLesson } from "./Shape.js";
import { WeightsBiasesLesson } from "./WeightsBiases.js";
import "./lessons.css";

export interface Lesson {
  id: string;
  /** Message key of the lesson's title. */
  title: MessageKey;
  Page: () => ReactElement;
}

const PAGES: Record<string, () => ReactElement> = {
  neuron: NeuronLesson,
  "weights-biases": WeightsBiasesLesson,
  forward: ForwardLesson,
  backward: BackwardLesson,
  shape: ShapeLesson,
  "dot-product": DotProductLesson,
  batches: BatchesLesson,
  activations: ActivationsLesson,
};

export const LESSONS: Lesson[] = LESSON_ORDER.map(({ id, title }) => {
  const Page = PAGES[id];
  if (!Page) throw new Error(`lessons: no page for lesson "${id}"`);
  return { id, title, Page };
});
