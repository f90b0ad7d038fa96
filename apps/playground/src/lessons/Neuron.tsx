/** Lesson 1 — a neuron: output = input × weight + bias, and the line it draws. */
import { LineChart } from "@sinapse/viz";
import { type ReactElement, useMemo, useState } from "react";
import { useI18n } from "../i18n.js";
import { fmt, LessonLayout, Slider } from "./LessonLayout.js";
import { neuronLine, neuronOutput } from "./math.js";

export function NeuronLesson(): ReactElement {
  const { t } = useI18n();
  const [input, setInput] = useState(1);
  const [weight, setWeight] = useState(0.5);
  const [bias, setBias] = useState(0.2);
  const output = neuronOutput(input, weight, bias);
  const line = useMemo(() => neuronLine(weight, bias), [weight, bias]);
  return (
    <LessonLayout
      id="neuron"
      title="lessons.neuron.title"
      paragraphs={["lessons.neuron.p1", "lessons.neuron.p2", "lessons.neuron.p3"]}
    >
      <div className="lesson-row">
        <div className="lesson-controls">
          <Slider label={t("lessons.neuron.input")} value={input} min={-2} max={2} step={0.1} onChange={setInput} />
          <Slider label={t("lessons.neuron.weight")} value={weight} min={-3} max={3} step={0.1} onChange={setWeight} />
          <Slider label={t("lessons.neuron.bias")} value={bias} min={-3} max={3} step={0.1} onChange={setBias} />
          <p className="lesson-formula" data-role="neuron-output" aria-live="polite">
            {t("lessons.neuron.output", {
              input: fmt(input),
              weight: fmt(weight),
              bias: fmt(bias),
              output: fmt(output, 3),
            })}
          </p>
        </div>
        <div className="lesson-figure">
          <LineChart
            title={t("lessons.neuron.chart")}
            series={[{ name: t("lessons.neuron.line"), values: line.y, x: line.x }]}
            xLabel={t("lessons.neuron.input")}
            yLabel={t("lessons.neuron.outputLabel")}
            xDomain={[-2, 2]}
            yDomain={[-8, 8]}
            width={420}
            height={260}
          />
        </div>
      </div>
    </LessonLayout>
  );
}
