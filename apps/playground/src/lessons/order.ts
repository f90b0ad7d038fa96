/** The lessons' ids and titles in the seed README's order (prev/next links read this). */
import type { MessageKey } from "../i18n.js";

export interface LessonEntry {
  id: string;
  /** Message key of the lesson's title. */
  title: MessageKey;
}

export const LESSON_ORDER: readonly LessonEntry[] = [
  { id: "neuron", title: "lessons.neuron.title" },
  { id: "weights-biases", title: "lessons.weightsBiases.title" },
  { id: "forward", title: "lessons.forward.title" },
  { id: "backward", title: "lessons.backward.title" },
  { id: "shape", title: "lessons.shape.title" },
  { id: "dot-product", title: "lessons.dot.title" },
  { id: "batches", title: "lessons.batches.title" },
  { id: "activations", title: "lessons.activations.title" },
];

/** The lessons before and after `id` (null at either end or for an unknown id). */
export function neighbours(id: string): { prev: LessonEntry | null; next: LessonEntry | null } {
  const i = LESSON_ORDER.findIndex((l) => l.id === id);
  if (i < 0) return { prev: null, next: null };
  return { prev: LESSON_ORDER[i - 1] ?? null, next: LESSON_ORDER[i + 1] ?? null };
}
