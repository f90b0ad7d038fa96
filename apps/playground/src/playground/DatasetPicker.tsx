/**
 * The data sets as thumbnails to pick from (TensorFlow Playground's data column): each
 * button shows a small scatter of the set's points, coloured by class or by value.
 */
import { CLASS_COLORS, divergingColor } from "@sinapse/viz";
import { memo, type ReactElement, useEffect, useRef } from "react";
import { prepareData } from "../engine/data.js";
import { DATASETS, type DatasetName, DEFAULT_EXPERIMENT, inputDims, taskOf } from "../engine/experiment.js";
import { type MessageKey, useI18n } from "../i18n.js";

const SIDE = 44;

/** Paints a set's points (the default experiment's, 200 of them) on a `SIDE`² canvas. */
function paint(canvas: HTMLCanvasElement, dataset: DatasetName): void {
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = canvas.getContext("2d");
  } catch {
    ctx = null;
  }
  if (!ctx) return;
  const data = prepareData({ ...DEFAULT_EXPERIMENT, dataset, samples: 200, classes: 3 });
  const { x: xs, y: ys } = data.extent;
  const regression = taskOf(dataset) === "regression";
  let maxAbs = 0;
  for (const v of data.train.label) maxAbs = Math.max(maxAbs, Math.abs(v));
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, SIDE, SIDE);
  const { x, y, label } = data.train;
  for (let i = 0; i < x.length; i++) {
    const v = label[i] as number;
    ctx.fillStyle = regression ? divergingColor(v, maxAbs) : (CLASS_COLORS[v % CLASS_COLORS.length] as string);
    const px = (((x[i] as number) - xs[0]) / (xs[1] - xs[0])) * SIDE;
    const py = SIDE - (((y[i] as number) - ys[0]) / (ys[1] - ys[0])) * SIDE;
    ctx.fillRect(px - 1, py - 1, inputDims(dataset) === 1 ? 2 : 2.2, 2.2);
  }
}

const Thumbnail = memo(function Thumbnail({ dataset }: { dataset: DatasetName }): ReactElement {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paint(ref.current, dataset);
  }, [dataset]);
  return (
    <span aria-hidden="true" className="dataset-thumb">
      <canvas ref={ref} width={SIDE} height={SIDE} />
    </span>
  );
});

export const DatasetPicker = memo(function DatasetPicker(props: {
  value: DatasetName;
  onPick: (dataset: DatasetName) => void;
}): ReactElement {
  const { t } = useI18n();
  return (
    <div
      className="dataset-picker"
      role="radiogroup"
      aria-label={t("pg.dataset")}
      // A radio group moves with the arrow keys; only the chosen set is in the tab order.
      onKeyDown={(ev) => {
        const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
        if (step === undefined) return;
        ev.preventDefault();
        const group = ev.currentTarget;
        const i = DATASETS.indexOf(props.value);
        const next = DATASETS[(i + step + DATASETS.length) % DATASETS.length] as DatasetName;
        props.onPick(next);
        requestAnimationFrame(() => group.querySelector<HTMLElement>(`[data-dataset="${next}"]`)?.focus());
      }}
    >
      {DATASETS.map((d) => {
        const name = t(`pg.dataset.${d}` as MessageKey);
        return (
          // biome-ignore lint/a11y/useSemanticElements: a picture button per set reads better than a native radio here; the role carries the state
          <button
            key={d}
            type="button"
            role="radio"
            aria-checked={props.value === d}
            tabIndex={props.value === d ? 0 : -1}
            aria-label={name}
            title={name}
            data-dataset={d}
            className="dataset"
            onClick={() => props.onPick(d)}
          >
            <Thumbnail dataset={d} />
          </button>
        );
      })}
      <span className="dataset-name" data-role="dataset-name">
        {t(`pg.dataset.${props.value}` as MessageKey)}
      </span>
    </div>
  );
});
