/** The frame every lesson shares: heading, explanation, the live widget, prev/next links. */
import type { NetworkDiagramLabels } from "@sinapse/viz";
import { type ReactElement, type ReactNode, useId, useMemo } from "react";
import { type MessageKey, useI18n } from "../i18n.js";
import { neighbours } from "./order.js";

export function LessonLayout({
  id,
  title,
  paragraphs,
  children,
}: {
  id: string;
  title: MessageKey;
  /** Message keys of the explanation, one paragraph each. */
  paragraphs: readonly MessageKey[];
  children: ReactNode;
}): ReactElement {
  const { t } = useI18n();
  const { prev, next } = neighbours(id);
  const headingId = `lesson-${id}-heading`;
  return (
    <article className="lesson" aria-labelledby={headingId} data-lesson={id}>
      <h2 id={headingId}>{t(title)}</h2>
      {paragraphs.map((key) => (
        <p key={key}>{t(key)}</p>
      ))}
      <section className="lesson-widget" aria-label={t("lessons.widget")}>
        {children}
      </section>
      <nav className="lesson-nav" aria-label={t("lessons.nav")}>
        {prev ? (
          <a href={`#/lessons/${prev.id}`} rel="prev">
            ← {t(prev.title)}
          </a>
        ) : (
          <span />
        )}
        <a href="#/lessons">{t("lessons.all")}</a>
        {next ? (
          <a href={`#/lessons/${next.id}`} rel="next">
            {t(next.title)} →
          </a>
        ) : (
          <span />
        )}
      </nav>
    </article>
  );
}

/** A labelled `<input type=range>` with its value shown beside it. */
export function Slider({
  label,
  value,
  min,
  max,
  step,
  onChange,
  digits = 2,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  digits?: number;
}): ReactElement {
  const id = useId();
  return (
    <div className="lesson-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(ev) => onChange(Number(ev.currentTarget.value))}
      />
      <output htmlFor={id}>{fmt(value, digits)}</output>
    </div>
  );
}

/** A number for the page: fixed digits, no "-0". */
export function fmt(value: number, digits = 2): string {
  const s = value.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** The lessons' NetworkDiagram texts in the current language. */
export function useNetworkLabels(): Partial<NetworkDiagramLabels> {
  const { t } = useI18n();
  return useMemo(
    () => ({
      input: t("lessons.weightsBiases.inputLayer"),
      hidden: t("lessons.weightsBiases.hiddenLayer"),
      output: t("lessons.weightsBiases.outputLayer"),
      counts: (c) =>
        t("lessons.weightsBiases.counts", { weights: c.weights, biases: c.biases, parameters: c.parameters }),
      neuron: t("lessons.weightsBiases.neuron"),
      bias: t("lessons.weightsBiases.bias"),
      hint: t("lessons.weightsBiases.hint"),
    }),
    [t],
  );
}
