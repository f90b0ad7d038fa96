/** Lesson 6 — the dot product: multiply two vectors element by element, then add it all up. */
import { type ReactElement, useState } from "react";
import { useI18n } from "../i18n.js";
import { fmt, LessonLayout, Slider } from "./LessonLayout.js";
import { dotBreakdown } from "./math.js";

export function DotProductLesson(): ReactElement {
  const { t } = useI18n();
  const [a, setA] = useState<number[]>([1, 2, 3]);
  const [b, setB] = useState<number[]>([0.2, 0.8, -0.5]);
  const d = dotBreakdown(a, b);
  const setAt = (set: typeof setA, i: number, v: number) => set((xs) => xs.map((x, k) => (k === i ? v : x)));
  return (
    <LessonLayout
      id="dot-product"
      title="lessons.dot.title"
      paragraphs={["lessons.dot.p1", "lessons.dot.p2", "lessons.dot.p3"]}
    >
      <div className="lesson-row">
        <fieldset className="lesson-controls">
          <legend>a ({t("lessons.dot.inputs")})</legend>
          {a.map((v, i) => (
            <Slider
              // biome-ignore lint/suspicious/noArrayIndexKey: vector elements are positional
              key={i}
              label={`a[${i}]`}
              value={v}
              min={-3}
              max={3}
              step={0.1}
              onChange={(x) => setAt(setA, i, x)}
            />
          ))}
        </fieldset>
        <fieldset className="lesson-controls">
          <legend>b ({t("lessons.dot.weights")})</legend>
          {b.map((v, i) => (
            <Slider
              // biome-ignore lint/suspicious/noArrayIndexKey: vector elements are positional
              key={i}
              label={`b[${i}]`}
              value={v}
              min={-3}
              max={3}
              step={0.1}
              onChange={(x) => setAt(setB, i, x)}
            />
          ))}
        </fieldset>
      </div>
      <table className="lesson-table" data-role="dot-table">
        <caption>{t("lessons.dot.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">i</th>
            <th scope="col">a[i]</th>
            <th scope="col">b[i]</th>
            <th scope="col">a[i] · b[i]</th>
          </tr>
        </thead>
        <tbody>
          {d.products.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: vector elements are positional
            <tr key={i}>
              <td>{i}</td>
              <td>{fmt(a[i] ?? 0)}</td>
              <td>{fmt(b[i] ?? 0)}</td>
              <td>{fmt(p, 3)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t("lessons.dot.sum")}
            </th>
            <td data-role="dot-sum">{fmt(d.sum, 3)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="lesson-formula" data-role="dot-library" aria-live="polite">
        {t("lessons.dot.library", { value: fmt(d.fromTensor, 3) })}
      </p>
    </LessonLayout>
  );
}
