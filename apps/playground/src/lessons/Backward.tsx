/** Lesson 4 — backward propagation: loss → gradient → update → iterate, one Step at a time. */
import { LineChart } from "@sinapse/viz";
import { type ReactElement, useState } from "react";
import { useI18n } from "../i18n.js";
import { BACKWARD_INPUTS, BACKWARD_START, type BackwardStep, backwardStep, type NeuronState } from "./backward.js";
import { fmt, LessonLayout, Slider } from "./LessonLayout.js";

interface Run {
  state: NeuronState;
  last: BackwardStep | null;
  losses: number[];
}

const START: Run = { state: BACKWARD_START, last: null, losses: [] };

export function BackwardLesson(): ReactElement {
  const { t } = useI18n();
  const [learningRate, setLearningRate] = useState(0.01);
  const [target, setTarget] = useState(0);
  const [run, setRun] = useState<Run>(START);
  const steps = (n: number) =>
    setRun((r) => {
      let { state, last, losses } = r;
      for (let i = 0; i < n; i++) {
        last = backwardStep(state, BACKWARD_INPUTS, target, learningRate);
        state = last.next;
        losses = [...losses, last.loss];
      }
      return { state, last, losses };
    });
  const { state, last, losses } = run;
  return (
    <LessonLayout
      id="backward"
      title="lessons.backward.title"
      paragraphs={["lessons.backward.p1", "lessons.backward.p2", "lessons.backward.p3", "lessons.backward.p4"]}
    >
      <p className="lesson-formula">
        <code>
          x = [{BACKWARD_INPUTS.join(", ")}] · {t("lessons.backward.model")}
        </code>
      </p>
      <div className="lesson-row">
        <div className="lesson-controls">
          <Slider
            label={t("lessons.backward.learningRate")}
            value={learningRate}
            min={0.001}
            max={0.05}
            step={0.001}
            digits={3}
            onChange={setLearningRate}
          />
          <Slider
            label={t("lessons.backward.target")}
            value={target}
            min={0}
            max={4}
            step={0.5}
            digits={1}
            onChange={setTarget}
          />
          <div className="lesson-buttons">
            <button type="button" onClick={() => steps(1)}>
              {t("lessons.backward.step")}
            </button>
            <button type="button" onClick={() => steps(10)}>
              {t("lessons.backward.step10")}
            </button>
            <button type="button" onClick={() => setRun(START)} disabled={losses.length === 0}>
              {t("lessons.backward.reset")}
            </button>
          </div>
          <p data-role="backward-iteration">{t("lessons.backward.iteration", { n: losses.length })}</p>
        </div>
        <table className="lesson-table" data-role="backward-numbers">
          <caption>{t("lessons.backward.tableCaption")}</caption>
          <tbody>
            <tr>
              <th scope="row">{t("lessons.backward.weights")}</th>
              <td data-role="backward-weights">[{state.weights.map((w) => fmt(w, 4)).join(", ")}]</td>
            </tr>
            <tr>
              <th scope="row">{t("lessons.backward.bias")}</th>
              <td data-role="backward-bias">{fmt(state.bias, 4)}</td>
            </tr>
            {last && (
              <>
                <tr>
                  <th scope="row">z = x·w + b</th>
                  <td>{fmt(last.z, 4)}</td>
                </tr>
                <tr>
                  <th scope="row">relu(z)</th>
                  <td>{fmt(last.output, 4)}</td>
                </tr>
                <tr>
                  <th scope="row">{t("lessons.backward.loss")}</th>
                  <td data-role="backward-loss">{fmt(last.loss, 4)}</td>
                </tr>
                <tr>
                  <th scope="row">∂L/∂w</th>
                  <td>[{last.weightGrads.map((g) => fmt(g, 3)).join(", ")}]</td>
                </tr>
                <tr>
                  <th scope="row">∂L/∂b</th>
                  <td>{fmt(last.biasGrad, 3)}</td>
                </tr>
              </>
            )}
          </tbody>
        </table>
      </div>
      {last === null && <p className="lesson-hint">{t("lessons.backward.hint")}</p>}
      {losses.length >= 2 && (
        <div className="lesson-figure">
          <LineChart
            title={t("lessons.backward.chart")}
            series={[{ name: t("lessons.backward.loss"), values: losses }]}
            xLabel={t("lessons.backward.iterationAxis")}
            width={420}
            height={220}
          />
        </div>
      )}
    </LessonLayout>
  );
}
