/** Lesson 3 — forward propagation: the inputs flow through two layers, one layer at a time. */
import { NetworkDiagram } from "@sinapse/viz";
import { type ReactElement, useMemo, useState } from "react";
import { useI18n } from "../i18n.js";
import { CatWalk } from "./CatWalk.js";
import { FORWARD_INPUTS, forwardValues, LAYER1, LAYER2, layerForward } from "./forward.js";
import { fmt, LessonLayout, Slider, useNetworkLabels } from "./LessonLayout.js";

const LAYERS = [LAYER1, LAYER2];
/** Book layout (one row per neuron) → diagram layout (`[from][to]`). */
const transposeRows = (rows: number[][]): number[][] =>
  (rows[0] ?? []).map((_, i) => rows.map((row) => row[i] as number));

export function ForwardLesson(): ReactElement {
  const { t } = useI18n();
  const networkLabels = useNetworkLabels();
  const [inputs, setInputs] = useState<number[]>([...FORWARD_INPUTS]);
  /** How many layers the values have reached: 0 = only the inputs. */
  const [stage, setStage] = useState(0);
  const [activate, setActivate] = useState(false);
  const values = useMemo(() => forwardValues(inputs, activate), [inputs, activate]);
  const setInput = (i: number, v: number) => setInputs((xs) => xs.map((x, k) => (k === i ? v : x)));
  const columnTitle = (l: number) => (l === 0 ? t("lessons.forward.inputs") : t("lessons.forward.layer", { layer: l }));
  return (
    <LessonLayout
      id="forward"
      title="lessons.forward.title"
      paragraphs={["lessons.forward.p1", "lessons.forward.p2", "lessons.forward.p3"]}
    >
      <ol className="lesson-steps" data-role="forward-steps">
        {(["step1", "step2", "step3", "step4", "step5"] as const).map((k) => (
          <li key={k}>{t(`lessons.forward.${k}`)}</li>
        ))}
      </ol>
      <div className="lesson-row">
        <div className="lesson-controls">
          {inputs.map((x, i) => (
            <Slider
              // biome-ignore lint/suspicious/noArrayIndexKey: one slider per input position
              key={i}
              label={t("lessons.forward.input", { index: i + 1 })}
              value={x}
              min={-3}
              max={3}
              step={0.5}
              digits={1}
              onChange={(v) => setInput(i, v)}
            />
          ))}
          <label className="lesson-check">
            <input type="checkbox" checked={activate} onChange={(ev) => setActivate(ev.currentTarget.checked)} />
            {t("lessons.forward.activate")}
          </label>
          <div className="lesson-buttons">
            <button type="button" onClick={() => setStage((s) => Math.min(2, s + 1))} disabled={stage >= 2}>
              {t("lessons.forward.next")}
            </button>
            <button type="button" onClick={() => setStage(0)} disabled={stage === 0}>
              {t("lessons.forward.restart")}
            </button>
          </div>
        </div>
        <div className="lesson-figure">
          <NetworkDiagram
            sizes={[4, 3, 3]}
            weights={LAYERS.map((l) => transposeRows(l.weights))}
            biases={LAYERS.map((l) => l.biases)}
            width={380}
            height={240}
            labels={networkLabels}
          />
        </div>
      </div>
      <div className="lesson-columns" data-role="forward-values">
        {values.map((column, l) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are the fixed layers
            key={l}
            className={`lesson-column${l <= stage ? " reached" : ""}`}
            data-role={`forward-layer-${l}`}
          >
            <h3>{columnTitle(l)}</h3>
            <ol>
              {column.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: neurons are positional
                <li key={i}>{l <= stage ? fmt(v, 3) : "?"}</li>
              ))}
            </ol>
          </div>
        ))}
      </div>
      {stage > 0 && (
        <div className="lesson-sums" data-role="forward-sums">
          <h3>{t("lessons.forward.sumsTitle", { layer: stage })}</h3>
          <ul>
            {(LAYERS[stage - 1]?.weights ?? []).map((row, j) => {
              const inputsHere = values[stage - 1] ?? [];
              const terms = row.map((w, i) => `${fmt(w)}·${fmt(inputsHere[i] ?? 0)}`).join(" + ");
              const layer = LAYERS[stage - 1] ?? LAYER1;
              const sum = layerForward(inputsHere, layer)[j] ?? 0;
              // Step 4 on the hidden layer: the sum, then what ReLU lets through.
              const activated = activate && stage === 1;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: neurons are positional
                <li key={j}>
                  <code>
                    {terms} + {fmt(layer.biases[j] ?? 0)} = {fmt(sum, 3)}
                    {activated ? ` → ReLU = ${fmt(values[stage]?.[j] ?? 0, 3)}` : ""}
                  </code>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <CatWalk />
    </LessonLayout>
  );
}
