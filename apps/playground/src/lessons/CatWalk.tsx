/**
 * The seed's cat example, live: pick a picture (or draw on it), and follow it through the
 * hidden layer to the output layer, where the strongest neuron names the animal.
 */
import { type ReactElement, useMemo, useState } from "react";
import { type MessageKey, useI18n } from "../i18n.js";
import { ANIMALS, type Animal, catWalk, picture, SIDE } from "./cat.js";
import { fmt } from "./LessonLayout.js";

export function CatWalk(): ReactElement {
  const { t } = useI18n();
  const [pixels, setPixels] = useState(() => picture("cat"));
  const walk = useMemo(() => catWalk(pixels), [pixels]);
  const name = (a: Animal) => t(`lessons.cat.${a}` as MessageKey);
  return (
    <section className="lesson-cat" aria-labelledby="lesson-cat-heading" data-role="cat-walk">
      <h3 id="lesson-cat-heading">{t("lessons.cat.title")}</h3>
      <p>{t("lessons.cat.p1")}</p>
      <div className="lesson-buttons">
        {ANIMALS.map((a) => (
          <button key={a} type="button" onClick={() => setPixels(picture(a))}>
            {t("lessons.cat.show", { animal: name(a) })}
          </button>
        ))}
      </div>
      <div className="lesson-row lesson-cat-row">
        <fieldset className="lesson-cat-image">
          <legend className="visually-hidden">{t("lessons.cat.image")}</legend>
          {pixels.map((p, i) => (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: pixels are positional
              key={i}
              type="button"
              className="lesson-pixel"
              aria-pressed={p === 1}
              aria-label={t("lessons.cat.pixel", { row: Math.floor(i / SIDE) + 1, column: (i % SIDE) + 1 })}
              onClick={() => setPixels((xs) => xs.map((x, k) => (k === i ? 1 - x : x)))}
            />
          ))}
        </fieldset>
        <div className="lesson-column reached" data-role="cat-hidden">
          <h4>{t("lessons.cat.hidden")}</h4>
          <ol>
            {ANIMALS.map((a, k) => (
              <li key={a}>
                {t("lessons.cat.detector", { animal: name(a) })}: relu({fmt(walk.hiddenSums[k] ?? 0, 0)}) ={" "}
                {fmt(walk.hidden[k] ?? 0, 0)}
              </li>
            ))}
          </ol>
        </div>
        <div className="lesson-column reached" data-role="cat-output">
          <h4>{t("lessons.cat.output")}</h4>
          <ol>
            {ANIMALS.map((a, k) => (
              <li key={a} className={k === walk.answer ? "strongest" : undefined}>
                {name(a)}: {fmt((walk.probabilities[k] ?? 0) * 100, 1)}%
                <span className="lesson-bar" style={{ width: `${(walk.probabilities[k] ?? 0) * 6}em` }} />
              </li>
            ))}
          </ol>
        </div>
      </div>
      <p data-role="cat-answer">
        <strong>{t("lessons.cat.answer", { animal: name(ANIMALS[walk.answer] ?? "cat") })}</strong>
      </p>
    </section>
  );
}
