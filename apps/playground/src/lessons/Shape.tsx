/** Lesson 5 — shape: a list, a list of lists, a list of lists of lists, and their `shape`. */
import { type ReactElement, useId, useMemo, useState } from "react";
import { type MessageKey, useI18n } from "../i18n.js";
import { LessonLayout, Slider } from "./LessonLayout.js";
import { describeList, formatNested, nestedList } from "./shape.js";

const KINDS: readonly { ndim: number; label: MessageKey }[] = [
  { ndim: 1, label: "lessons.shape.vector" },
  { ndim: 2, label: "lessons.shape.matrix" },
  { ndim: 3, label: "lessons.shape.tensor3" },
];

export function ShapeLesson(): ReactElement {
  const { t } = useI18n();
  const name = useId();
  const [ndim, setNdim] = useState(2);
  const [dims, setDims] = useState<number[]>([3, 2, 4]);
  const sizesKey = dims.slice(3 - ndim).join(",");
  const list = useMemo(() => nestedList(sizesKey.split(",").map(Number)), [sizesKey]);
  const info = useMemo(() => describeList(list), [list]);
  const dimLabels: MessageKey[] = ["lessons.shape.depth", "lessons.shape.rows", "lessons.shape.columns"];
  return (
    <LessonLayout
      id="shape"
      title="lessons.shape.title"
      paragraphs={["lessons.shape.p1", "lessons.shape.p2", "lessons.shape.p3"]}
    >
      <div className="lesson-row">
        <div className="lesson-controls">
          <fieldset>
            <legend>{t("lessons.shape.kind")}</legend>
            {KINDS.map((k) => (
              <label key={k.ndim} className="lesson-radio">
                <input
                  type="radio"
                  name={name}
                  value={k.ndim}
                  checked={ndim === k.ndim}
                  onChange={() => setNdim(k.ndim)}
                />
                {t(k.label)}
              </label>
            ))}
          </fieldset>
          {dims.map((n, i) =>
            i < 3 - ndim ? null : (
              <Slider
                key={dimLabels[i]}
                label={t(dimLabels[i] as MessageKey)}
                value={n}
                min={1}
                max={i === 0 ? 3 : 5}
                step={1}
                digits={0}
                onChange={(v) => setDims((d) => d.map((x, k) => (k === i ? v : x)))}
              />
            ),
          )}
        </div>
        <div className="lesson-figure">
          <pre className="lesson-code" data-role="shape-list">
            {formatNested(list)}
          </pre>
          <p className="lesson-formula" data-role="shape-result" aria-live="polite">
            <code>array(…).shape</code> = [{info.shape.join(", ")}] ·{" "}
            {t("lessons.shape.summary", { ndim: info.ndim, size: info.size })}
          </p>
        </div>
      </div>
    </LessonLayout>
  );
}
