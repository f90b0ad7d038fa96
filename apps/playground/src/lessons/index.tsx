/** The lessons: one page per section of the seed README (see issue 8), in the seed's order. */
import type { ReactElement } from "react";
import { type MessageKey, useI18n } from "../i18n.js";
import { routeHref } from "../routes.js";
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

function LessonsIndex(): ReactElement {
  const { t } = useI18n();
  return (
    <section aria-labelledby="lessons-heading">
      <h2 id="lessons-heading">{t("lessons.title")}</h2>
      <p>{t("lessons.intro")}</p>
      <p className="lesson-credit" data-role="credit">
        {t("lessons.credit")}
      </p>
      <ol className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <a href={routeHref({ page: "lesson", id: l.id })}>{t(l.title)}</a>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What `#/lessons` (id null) and `#/lessons/<id>` show; the app loads this module lazily. */
export function LessonsRoute({ id }: { id: string | null }): ReactElement {
  const { t } = useI18n();
  if (id === null) return <LessonsIndex />;
  const lesson = LESSONS.find((l) => l.id === id);
  if (lesson) return <lesson.Page />;
  return (
    <section>
      <h2>{t("notFound.title")}</h2>
      <a href={routeHref({ page: "lessons" })}>{t("lessons.title")}</a>
    </section>
  );
}
