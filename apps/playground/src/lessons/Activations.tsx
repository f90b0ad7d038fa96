/** Lesson 8 — activation functions: step, linear, sigmoid, ReLU and softmax at a live input. */
import { ActivationPlot } from "@sinapse/viz";
import { type ReactElement, useState } from "react";
import { type MessageKey, useI18n } from "../i18n.js";
import { fmt, LessonLayout, Slider } from "./LessonLayout.js";
import { ACTIVATIONS, type ElementwiseActivation, softmax } from "./math.js";

const PLOTS: readonly { name: ElementwiseActivation; title: MessageKey; about: MessageKey }[] = [
  { name: "step", title: "lessons.activations.step", about: "lessons.activations.stepAbout" },
  { name: "linear", title: "lessons.activations.linear", about: "lessons.activations.linearAbout" },
  { name: "sigmoid", title: "lessons.activations.sigmoid", about: "lessons.activations.sigmoidAbout" },
  { name: "relu", title: "lessons.activations.relu", about: "lessons.activations.reluAbout" },
];

/** The other two logits of the softmax example; the first is the live input. */
export const SOFTMAX_REST: readonly number[] = [1, -0.5];

export function ActivationsLesson(): ReactElement {
  const { t } = useI18n();
  const [x, setX] = useState(0.5);
  const logits = [x, ...SOFTMAX_REST];
  const s = softmax(logits);
  return (
    <LessonLayout
      id="activations"
      title="lessons.activations.title"
      paragraphs={["lessons.activations.p1", "lessons.activations.p2"]}
    >
      <Slider label={t("lessons.activations.input")} value={x} min={-5} max={5} step={0.1} onChange={setX} />
      <div className="lesson-grid">
        {PLOTS.map((p) => (
          <figure key={p.name} className="lesson-figure" data-role={`activation-${p.name}`}>
            <ActivationPlot
              activation={p.name}
              domain={[-5, 5]}
              at={x}
              width={260}
              height={180}
              labels={{
                title: t(p.title),
                function: "f(x)",
                derivative: t("lessons.activations.derivative"),
              }}
            />
            <figcaption>
              <strong data-role="activation-value">
                {t(p.title)}({fmt(x)}) = {fmt(ACTIVATIONS[p.name](x), 3)}
              </strong>
              <br />
              {t(p.about)}
            </figcaption>
          </figure>
        ))}
      </div>
      <h3>{t("lessons.activations.softmax")}</h3>
      <p>{t("lessons.activations.softmaxAbout")}</p>
      <table className="lesson-table" data-role="softmax-table">
        <caption>{t("lessons.activations.softmaxCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">z</th>
            <th scope="col">
              e<sup>z − max</sup>
            </th>
            <th scope="col">{t("lessons.activations.probability")}</th>
          </tr>
        </thead>
        <tbody>
          {logits.map((z, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: logits are positional
            <tr key={i}>
              <td>{fmt(z)}</td>
              <td>{fmt(s.exps[i] ?? 0, 3)}</td>
              <td>
                <span className="lesson-bar" style={{ width: `${(s.probabilities[i] ?? 0) * 6}em` }} />
                <span data-role="softmax-probability">{fmt(s.probabilities[i] ?? 0, 3)}</span>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Σ</th>
            <td>{fmt(s.sum, 3)}</td>
            <td>1.000</td>
          </tr>
        </tfoot>
      </table>
    </LessonLayout>
  );
}
