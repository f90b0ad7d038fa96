/** The playground's settings: data, features, network and training, all editing one experiment. */
import { memo, type ReactElement, type ReactNode } from "react";
import {
  ACTIVATIONS,
  type ActivationName,
  classCount,
  DATASETS,
  type DatasetName,
  type Experiment,
  featuresFor,
  LIMITS,
  type LossName,
  lossesFor,
  OPTIMIZERS,
  type OptimizerName,
  taskOf,
} from "../engine/experiment.js";
import { type MessageKey, useI18n } from "../i18n.js";

export interface ControlsProps {
  experiment: Experiment;
  onChange: (next: Experiment) => void;
  /** The class (or target value) a click on the plane adds. */
  pointLabel: number;
  onPointLabel: (label: number) => void;
}

const FEATURE_LABEL = {
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

function NumberField(props: {
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number | "any";
  onChange: (v: number) => void;
}): ReactElement {
  return (
    <Field label={props.label}>
      <input
        type="number"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step ?? "any"}
        onChange={(ev) => {
          const v = ev.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) props.onChange(v);
        }}
      />
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

export const Controls = memo(function Controls({
  experiment: e,
  onChange,
  pointLabel,
  onPointLabel,
}: ControlsProps): ReactElement {
  const { t } = useI18n();
  const set = (changes: Partial<Experiment>) => onChange({ ...e, ...changes });
  const task = taskOf(e.dataset);
  const classes = classCount(e);
  const setLayer = (i: number, changes: Partial<Experiment["hidden"][number]>) =>
    set({ hidden: e.hidden.map((h, j) => (j === i ? { ...h, ...changes } : h)) });
  const percent = (v: number) => `${Math.round(v * 100)}%`;

  return (
    <div className="controls">
      <fieldset>
        <legend>{t("pg.data")}</legend>
        <Field label={t("pg.dataset")}>
          <select
            value={e.dataset}
            onChange={(ev) => set({ dataset: ev.currentTarget.value as DatasetName, points: [] })}
          >
            {DATASETS.map((d) => (
              <option key={d} value={d}>
                {t(`pg.dataset.${d}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
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
          label={t("pg.noise")}
          value={e.noise}
          min={0}
          max={0.5}
          step={0.01}
          onChange={(v) => set({ noise: v })}
        />
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
            value={e.seed}
            min={0}
            step={1}
            onChange={(v) => set({ seed: Math.max(0, Math.floor(v)) })}
          />
          <button type="button" onClick={() => set({ seed: Math.floor(Math.random() * 100000) })}>
            {t("pg.newSeed")}
          </button>
        </div>
        {task === "classification" ? (
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

      <fieldset>
        <legend>{t("pg.features")}</legend>
        <div className="checks">
          {featuresFor(e.dataset).map((f) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={e.features.includes(f)}
                disabled={e.features.length === 1 && e.features.includes(f)}
                onChange={(ev) =>
                  set({ features: ev.currentTarget.checked ? [...e.features, f] : e.features.filter((x) => x !== f) })
                }
              />
              {FEATURE_LABEL[f]}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>
          {t("pg.network")} · {t("pg.hiddenLayers", { count: e.hidden.length })}
        </legend>
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
        <Slider
          label={t("pg.dropout")}
          value={e.dropout}
          min={0}
          max={0.5}
          step={0.05}
          onChange={(v) => set({ dropout: v })}
        />
        <div className="row">
          <NumberField label={t("pg.l1")} value={e.l1} min={0} onChange={(v) => set({ l1: Math.max(0, v) })} />
          <NumberField label={t("pg.l2")} value={e.l2} min={0} onChange={(v) => set({ l2: Math.max(0, v) })} />
        </div>
      </fieldset>

      <fieldset>
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
        <div className="row">
          <NumberField
            label={t("pg.learningRate")}
            value={e.learningRate}
            min={0}
            onChange={(v) => v > 0 && set({ learningRate: v })}
          />
          <NumberField label={t("pg.decay")} value={e.decay} min={0} onChange={(v) => set({ decay: Math.max(0, v) })} />
        </div>
        {e.optimizer === "sgd" && (
          <NumberField
            label={t("pg.momentum")}
            value={e.momentum}
            min={0}
            max={0.999}
            onChange={(v) => set({ momentum: v })}
          />
        )}
        {e.optimizer === "rmsprop" && (
          <NumberField label={t("pg.rho")} value={e.rho} min={0} max={0.999} onChange={(v) => set({ rho: v })} />
        )}
        {e.optimizer === "adam" && (
          <div className="row">
            <NumberField
              label={t("pg.beta1")}
              value={e.beta1}
              min={0}
              max={0.999}
              onChange={(v) => set({ beta1: v })}
            />
            <NumberField
              label={t("pg.beta2")}
              value={e.beta2}
              min={0}
              max={0.9999}
              onChange={(v) => set({ beta2: v })}
            />
          </div>
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
    </div>
  );
});
