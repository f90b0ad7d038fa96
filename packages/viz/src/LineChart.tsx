/**
 * `<LineChart>`: series of numbers as lines over shared axes (linear or log y), with a
 * legend and a cursor: hover the plot, or focus it and use ←/→, to read every series at
 * one x. `<TrainingCurves>` builds the loss and accuracy charts from a training history.
 */
import { type KeyboardEvent, type MouseEvent, type ReactElement, useMemo, useState } from "react";
import { Axes } from "./Axes.js";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { formatShort } from "./format.js";
import { type ChartLayout, layoutChart, type Series, validateSeries, type YScale } from "./layout/chart.js";
import { CLASS_COLORS } from "./layout/color.js";

export interface LineChartProps {
  series: readonly Series[];
  /** The chart's accessible name and heading, e.g. "loss". */
  title: string;
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  yScale?: YScale | undefined;
  xDomain?: readonly [number, number] | undefined;
  yDomain?: readonly [number, number] | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** "cannot draw" by default. */
  cannotDrawLabel?: string | undefined;
  /**
   * An x to mark while the pointer is elsewhere: the cursor line and the readings sit at the
   * sample nearest to it (e.g. a lesson's slider), instead of the readings of the last point.
   */
  markX?: number | undefined;
}

/** The x of every series' points, merged and sorted (the positions the cursor visits). */
function cursorStops(layout: ChartLayout): number[] {
  const xs = new Set<number>();
  for (const s of layout.series) for (const p of s.points) xs.add(p.xValue);
  return [...xs].sort((a, b) => a - b);
}

function LineChartInner(props: LineChartProps): ReactElement {
  const { series, title, xLabel, yLabel, yScale = "linear", xDomain, yDomain, width, height } = props;
  const [cursor, setCursor] = useState<number | null>(null);
  const reason = useMemo(() => validateSeries(series, yScale), [series, yScale]);
  const layout = useMemo(
    () => (reason ? null : layoutChart(series, { width, height, yScale, xDomain, yDomain })),
    [series, reason, width, height, yScale, xDomain, yDomain],
  );
  const stops = useMemo(() => (layout ? cursorStops(layout) : []), [layout]);
  if (reason || !layout) return <CannotDraw reason={reason ?? "no layout"} label={props.cannotDrawLabel} />;

  const { plot } = layout;
  let marked: number | null = null;
  if (props.markX !== undefined && Number.isFinite(props.markX) && stops.length > 0) {
    const mx = props.markX;
    marked = stops.reduce((best, v, i) => (Math.abs(v - mx) < Math.abs((stops[best] as number) - mx) ? i : best), 0);
  }
  const index = cursor ?? marked;
  const at = index === null ? undefined : stops[Math.min(index, stops.length - 1)];
  const readings =
    at === undefined
      ? []
      : layout.series.flatMap((s) => {
          const p = s.points.find((q) => q.xValue === at);
          return p ? [{ name: s.name, color: s.color, p }] : [];
        });
  const last = layout.series
    .filter((s) => s.points.length > 0)
    .map((s) => `${s.name} ${formatShort((s.points[s.points.length - 1] as { yValue: number }).yValue)}`)
    .join(", ");
  const info =
    at !== undefined
      ? `${xLabel ?? "x"} ${formatShort(at)}: ${readings.map((r) => `${r.name} ${formatShort(r.p.yValue)}`).join(", ")}`
      : last;

  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.querySelector("svg")?.getBoundingClientRect();
    if (!rect || rect.width <= 0) return;
    const x = ((e.clientX - rect.left) / rect.width) * layout.width;
    let nearest: number | undefined;
    let distance = Number.POSITIVE_INFINITY;
    for (const s of layout.series) {
      for (const p of s.points) {
        if (Math.abs(p.x - x) < distance) {
          distance = Math.abs(p.x - x);
          nearest = p.xValue;
        }
      }
    }
    if (nearest !== undefined) setCursor(stops.indexOf(nearest));
  };
  const onKey = (e: KeyboardEvent) => {
    if (stops.length === 0) return;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      const step = e.key === "ArrowRight" ? 1 : -1;
      setCursor((c) => Math.max(0, Math.min(stops.length - 1, (c ?? (step > 0 ? -1 : stops.length)) + step)));
    } else if (e.key === "Escape") setCursor(null);
  };
  const cursorX = readings[0]?.p.x;

  return (
    <figure className="sinapse-chart" style={{ margin: 0 }}>
      <div
        role="slider"
        tabIndex={0}
        aria-label={`${title}: ${xLabel ?? "x"}`}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, stops.length - 1)}
        aria-valuenow={cursor ?? Math.max(0, stops.length - 1)}
        aria-valuetext={info}
        data-role="chart-cursor"
        style={{ outlineOffset: 2 }}
        onMouseMove={onMove}
        onMouseLeave={() => setCursor(null)}
        onKeyDown={onKey}
        onBlur={() => setCursor(null)}
      >
        <svg
          role="img"
          aria-label={title}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          style={{ maxWidth: "100%", height: "auto", display: "block" }}
        >
          <title>{title}</title>
          <Axes plot={plot} xTicks={layout.xTicks} yTicks={layout.yTicks} xLabel={xLabel} yLabel={yLabel} />
          <g data-role="series" fill="none">
            {layout.series.map((s) => (
              <path
                key={s.name}
                data-role="line"
                data-name={s.name}
                d={s.path}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "5 3" : undefined}
                strokeLinejoin="round"
                aria-label={s.name}
              >
                <title>{s.name}</title>
              </path>
            ))}
          </g>
          {cursorX !== undefined ? (
            <g data-role="cursor">
              <line x1={cursorX} x2={cursorX} y1={plot.top} y2={plot.bottom} stroke="#a0aec0" strokeDasharray="2 2" />
              {readings.map((r) => (
                <circle key={r.name} cx={r.p.x} cy={r.p.y} r={3.5} fill={r.color} stroke="#ffffff" />
              ))}
            </g>
          ) : null}
        </svg>
      </div>
      <figcaption style={{ display: "flex", flexWrap: "wrap", gap: 12, fontSize: "0.8rem", color: "#2d3748" }}>
        <strong>{title}</strong>
        {layout.series.map((s) => (
          <span key={s.name} data-role="legend-item" style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
            <svg width={22} height={8} aria-hidden="true">
              <line
                x1={1}
                x2={21}
                y1={4}
                y2={4}
                stroke={s.color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "5 3" : undefined}
              />
            </svg>
            {s.name}
          </span>
        ))}
      </figcaption>
      <p
        data-role="info"
        aria-live="polite"
        style={{ margin: "2px 0 0", minHeight: "1.3em", fontSize: "0.8rem", color: "#4a5568" }}
      >
        {info}
      </p>
    </figure>
  );
}

/**
 * Lines over shared axes. Mismatched lengths, NaN, or values ≤ 0 on a log scale show
 * `cannot draw: <reason>`.
 */
export function LineChart(props: LineChartProps): ReactElement {
  return (
    <DrawingBoundary label={props.cannotDrawLabel} resetKey={props}>
      <LineChartInner {...props} />
    </DrawingBoundary>
  );
}

/** One epoch of a training history; @sinapse/layers' `EpochInfo` fits. */
export interface HistoryEntry {
  epoch?: number | undefined;
  loss: number;
  accuracy?: number | undefined;
  validationLoss?: number | undefined;
  validationAccuracy?: number | undefined;
}

export interface TrainingCurvesLabels {
  loss: string;
  accuracy: string;
  train: string;
  validation: string;
  epoch: string;
  cannotDraw: string;
}

/** English defaults of {@link TrainingCurvesLabels}. */
export const defaultTrainingLabels: TrainingCurvesLabels = {
  loss: "loss",
  accuracy: "accuracy",
  train: "train",
  validation: "validation",
  epoch: "epoch",
  cannotDraw: "cannot draw",
};

export interface TrainingCurvesProps {
  /** e.g. the `History` that `Model.fit` returns, or epochs posted by a worker. */
  history: readonly HistoryEntry[];
  /** A log scale for the loss (accuracy stays linear, 0 to 1). */
  logScale?: boolean | undefined;
  labels?: Partial<TrainingCurvesLabels> | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/** The train (solid) and validation (dashed) series of one history field pair. */
export function historySeries(
  history: readonly HistoryEntry[],
  train: "loss" | "accuracy",
  validation: "validationLoss" | "validationAccuracy",
  names: { train: string; validation: string },
): Series[] {
  const x = history.map((h, i) => h.epoch ?? i + 1);
  const out: Series[] = [];
  if (history.some((h) => h[train] !== undefined)) {
    out.push({ name: names.train, values: history.map((h) => h[train] as number), x, color: CLASS_COLORS[0] });
  }
  const withValidation = history.filter((h) => h[validation] !== undefined);
  if (withValidation.length > 0) {
    out.push({
      name: names.validation,
      values: withValidation.map((h) => h[validation] as number),
      x: history.flatMap((h, i) => (h[validation] !== undefined ? [x[i] as number] : [])),
      color: CLASS_COLORS[1],
      dashed: true,
    });
  }
  return out;
}

/** Loss and accuracy curves, train and validation, from a training history. */
export function TrainingCurves(props: TrainingCurvesProps): ReactElement {
  const { history, logScale, width, height } = props;
  const labels = { ...defaultTrainingLabels, ...props.labels };
  const { train, validation } = labels;
  const loss = useMemo(
    () => historySeries(history, "loss", "validationLoss", { train, validation }),
    [history, train, validation],
  );
  const accuracy = useMemo(
    () => historySeries(history, "accuracy", "validationAccuracy", { train, validation }),
    [history, train, validation],
  );
  return (
    <div
      className="sinapse-training"
      data-role="training-curves"
      style={{ display: "flex", flexWrap: "wrap", gap: 16 }}
    >
      <LineChart
        series={loss}
        title={labels.loss}
        xLabel={labels.epoch}
        yLabel={labels.loss}
        yScale={logScale ? "log" : "linear"}
        width={width}
        height={height}
        cannotDrawLabel={labels.cannotDraw}
      />
      {accuracy.length > 0 ? (
        <LineChart
          series={accuracy}
          title={labels.accuracy}
          xLabel={labels.epoch}
          yLabel={labels.accuracy}
          yDomain={[0, 1]}
          width={width}
          height={height}
          cannotDrawLabel={labels.cannotDraw}
        />
      ) : null}
    </div>
  );
}
