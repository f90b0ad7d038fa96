/**
 * The playground's settings, one section per column of the page (TensorFlow Playground's
 * reading order): the data, the input features, the network, the training. Every section
 * edits the one experiment and reports the whole new experiment through `onChange`.
 */
import { memo, type ReactElement, type ReactNode, useEffect, useId, useState } from "react";
import {
  ACTIVATIONS,
  type ActivationName,
  classCount,
  type Experiment,
  type FeatureName,
  inRange,
  LIMITS,
  type LossName,
  lossesFor,
  type NumberRange,
  OPTIMIZERS,
  type OptimizerName,
  RANGES,
  rangeText,
  taskOf,
  withDataset,
} from "../engine/experiment.js";
import { type MessageKey, useI18n } from "../i18n.js";
import { DatasetPicker } from "./DatasetPicker.js";

export interface SectionProps {
  experiment: Experiment;
  onChange: (next: Experiment) => void;
}

export interface DataProps extends SectionProps {
  /** The class (or target value) a click on the plane adds. */
  pointLabel: number;
  onPointLabel: (label: number) => void;
}

/** How each feature is written, on the input neurons and the feature buttons. */
export const FEATURE_LABEL = {
  x1: "x₁",
  x2: "x₂",
  x1sq: "x₁²",
  x2sq: "x₂²",
  x1x2: "x₁x₂",
  sinx1: "sin x₁",
  sinx2: "sin x₂",
} as const;

function Field({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: every Field wraps its own input or select (its children)
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/**
 * A number input that keeps what is typed: a value outside `range` is shown as invalid
 * with the allowed range (never silently undone); only values in range reach `onChange`.
 */
function NumberField(props: {
  label: string;
  value: number;
  range?: NumberRange;
  /** The name the range is written with, e.g. "lr". */
  name?: string;
  step?: number | "any";
  onChange: (v: number) => void;
}): ReactElement {
  const { t } = useI18n();
  const [text, setText] = useState(String(props.value));
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  // A new value from outside (a link, Reset, a new seed) replaces what was typed.
  useEffect(() => {
    setText((old) => (Number(old) === props.value ? old : String(props.value)));
    setInvalid(false);
  }, [props.value]);
  const { range } = props;
  return (
    <Field label={props.label}>
      <input
        type="number"
        value={text}
        min={range?.lo}
        max={range?.hi}
        step={props.step ?? "any"}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(ev) => {
          const raw = ev.currentTarget.value;
          const v = ev.currentTarget.valueAsNumber;
          setText(raw);
          const ok = raw.trim() !== "" && Number.isFinite(v) && (!range || inRange(v, range));
          setInvalid(!ok);
          if (ok) props.onChange(v);
        }}
      />
      {invalid && (
        <span id={errorId} role="alert" className="field-error">
          {t("pg.invalid", { range: range ? rangeText(props.name ?? "x", range) : "ℝ" })}
        </span>
      )}
    </Field>
  );
}

function Slider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format?: (v: number) => string;
  onChange: (v: number) => void;
}): ReactElement {
  return (
    <Field label={`${props.label}: ${props.format ? props.format(props.value) : props.value}`}>
      <input
        type="range"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step}
        onChange={(ev) => props.onChange(ev.currentTarget.valueAsNumber)}
      />
    </Field>
  );
}

/** Toggles one feature (never the last one on). */
export function toggleFeature(e: Experiment, f: FeatureName): Experiment {
  const on = e.features.includes(f);
  if (on && e.features.length === 1) return e;
  return { ...e, features: on ? e.features.filter((x) => x !== f) : [...e.features, f] };
}

export const DataControls = memo(function DataControls({
  experiment: e,
  onChange,
  pointLabel,
  onPointLabel,
}: DataProps): ReactElement {
  const { t } = useI18n();
  const set = (changes: Partial<Experiment>) => onChange({ ...e, ...changes });
  const task = taskOf(e.dataset);
  const classes = classCount(e);
  const percent = (v: number) => `${Math.round(v * 100)}%`;
  const nnfs = e.dataset === "spiral" || e.dataset === "vertical" || e.dataset === "sine";
  return (
    <fieldset className="data-controls">
      <legend>{t("pg.data")}</legend>
      <DatasetPicker value={e.dataset} onPick={(d) => onChange(withDataset(e, d))} />
      {(e.dataset === "spiral" || e.dataset === "vertical") && (
        <Slider
          label={t("pg.classes")}
          value={e.classes}
          min={LIMITS.classes[0]}
          max={LIMITS.classes[1]}
          step={1}
          onChange={(v) => set({ classes: v, points: e.points.filter((p) => p.label < v) })}
        />
      )}
      <Slider
        label={t("pg.samples")}
        value={e.samples}
        min={30}
        max={1000}
        step={10}
        onChange={(v) => set({ samples: v })}
      />
      <Slider
        label={t(nnfs ? "pg.extraNoise" : "pg.noise")}
        value={e.noise}
        min={0}
        max={0.5}
        step={0.01}
        onChange={(v) => set({ noise: v })}
      />
      {nnfs && <p className="hint small">{t("pg.nnfsNoise")}</p>}
      <Slider
        label={t("pg.trainRatio")}
        value={e.trainRatio}
        min={0.1}
        max={0.9}
        step={0.05}
        format={percent}
        onChange={(v) => set({ trainRatio: v })}
      />
      <div className="row">
        <NumberField
          label={t("pg.seed")}
          name="seed"
          value={e.seed}
          range={RANGES.seed}
          step={1}
          onChange={(v) => set({ seed: v })}
        />
        <button type="button" onClick={() => set({ seed: Math.floor(Math.random() * 100000) })}>
          {t("pg.newSeed")}
        </button>
      </div>
      {e.dataset === "sine" ? null : task === "classification" ? (
        <Field label={t("pg.addClass")}>
          <select value={pointLabel} onChange={(ev) => onPointLabel(Number(ev.currentTarget.value))}>
            {Array.from({ length: classes }, (_, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: classes are their index
              <option key={k} value={k}>
                {t("pg.class", { index: k })}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <NumberField label={t("pg.addValue")} value={pointLabel} step={0.1} onChange={onPointLabel} />
      )}
      {e.points.length > 0 && (
        <button type="button" onClick={() => set({ points: [] })}>
          {t("pg.clearPoints", { count: e.points.length })}
        </button>
      )}
    </fieldset>
  );
});

export const NetworkControls = memo(function NetworkControls({ experiment: e, onChange }: SectionProps): ReactElement {
  const { t } = useI18n();
  const set = (changes: Partial<Experiment>) => onChange({ ...e, ...changes });
  const setLayer = (i: number, changes: Partial<Experiment["hidden"][number]>) =>
    set({ hidden: e.hidden.map((h, j) => (j === i ? { ...h, ...changes } : h)) });
  return (
    <div className="network-controls">
      <div className="row layer-bar">
        <strong>{t("pg.hiddenLayers", { count: e.hidden.length })}</strong>
        <button
          type="button"
          disabled={e.hidden.length >= LIMITS.hiddenLayers}
          onClick={() =>
            set({
              hidden: [
                ...e.hidden,
                { units: e.hidden.at(-1)?.units ?? 8, activation: e.hidden.at(-1)?.activation ?? "relu" },
              ],
            })
          }
        >
          {t("pg.addLayer")}
        </button>
      </div>
      <ol className="layers">
        {e.hidden.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: layers are identified by position
          <li key={i} aria-label={t("pg.layer", { index: i + 1 })}>
            <span className="layer-name">{t("pg.layer", { index: i + 1 })}</span>
            <span className="units">
              <button
                type="button"
                aria-label={t("pg.fewerUnits", { index: i + 1 })}
                disabled={h.units <= LIMITS.units[0]}
                onClick={() => setLayer(i, { units: h.units - 1 })}
              >
                −
              </button>
              <output aria-label={t("pg.units")}>{h.units}</output>
              <button
                type="button"
                aria-label={t("pg.moreUnits", { index: i + 1 })}
                disabled={h.units >= LIMITS.units[1]}
                onClick={() => setLayer(i, { units: h.units + 1 })}
              >
                +
              </button>
            </span>
            <select
              aria-label={`${t("pg.activation")} ${i + 1}`}
              value={h.activation}
              onChange={(ev) => setLayer(i, { activation: ev.currentTarget.value as ActivationName })}
            >
              {ACTIVATIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
            <button
              type="button"
              aria-label={t("pg.removeLayer", { index: i + 1 })}
              onClick={() => set({ hidden: e.hidden.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
});

export const RegularizationControls = memo(function RegularizationControls({
  experiment: e,
  onChange,
}: SectionProps): ReactElement {
  const { t } = useI18n();
  const set = (changes: Partial<Experiment>) => onChange({ ...e, ...changes });
  return (
    <div className="row wrap regularization">
      <Slider
        label={t("pg.dropout")}
        value={e.dropout}
        min={0}
        max={0.5}
        step={0.05}
        onChange={(v) => set({ dropout: v })}
      />
      <NumberField label={t("pg.l1")} name="L1" value={e.l1} range={RANGES.l1} onChange={(v) => set({ l1: v })} />
      <NumberField label={t("pg.l2")} name="L2" value={e.l2} range={RANGES.l2} onChange={(v) => set({ l2: v })} />
    </div>
  );
});

export const TrainingControls = memo(function TrainingControls({
  experiment: e,
  onChange,
}: SectionProps): ReactElement {
  const { t } = useI18n();
  const set = (changes: Partial<Experiment>) => onChange({ ...e, ...changes });
  return (
    <fieldset className="training-controls">
      <legend>{t("pg.training")}</legend>
      <Field label={t("pg.loss")}>
        <select value={e.loss} onChange={(ev) => set({ loss: ev.currentTarget.value as LossName })}>
          {lossesFor(e).map((l) => (
            <option key={l} value={l}>
              {t(`pg.loss.${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("pg.optimizer")}>
        <select value={e.optimizer} onChange={(ev) => set({ optimizer: ev.currentTarget.value as OptimizerName })}>
          {OPTIMIZERS.map((o) => (
            <option key={o} value={o}>
              {t(`pg.optimizer.${o}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <NumberField
        label={t("pg.learningRate")}
        name="lr"
        value={e.learningRate}
        range={RANGES.learningRate}
        onChange={(v) => set({ learningRate: v })}
      />
      <NumberField
        label={t("pg.decay")}
        name="decay"
        value={e.decay}
        range={RANGES.decay}
        onChange={(v) => set({ decay: v })}
      />
      {e.optimizer === "sgd" && (
        <NumberField
          label={t("pg.momentum")}
          name="momentum"
          value={e.momentum}
          range={RANGES.momentum}
          onChange={(v) => set({ momentum: v })}
        />
      )}
      {e.optimizer === "rmsprop" && (
        <NumberField label={t("pg.rho")} name="ρ" value={e.rho} range={RANGES.rho} onChange={(v) => set({ rho: v })} />
      )}
      {e.optimizer === "adam" && (
        <>
          <NumberField
            label={t("pg.beta1")}
            name="β₁"
            value={e.beta1}
            range={RANGES.beta1}
            onChange={(v) => set({ beta1: v })}
          />
          <NumberField
            label={t("pg.beta2")}
            name="β₂"
            value={e.beta2}
            range={RANGES.beta2}
            onChange={(v) => set({ beta2: v })}
          />
        </>
      )}
      <Slider
        label={t("pg.batchSize")}
        value={e.batchSize}
        min={1}
        max={128}
        step={1}
        onChange={(v) => set({ batchSize: v })}
      />
    </fieldset>
  );
});
