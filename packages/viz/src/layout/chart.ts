/**
 * Line-chart layout (loss and accuracy curves, activation plots): series of numbers →
 * SVG path strings, tick positions and labels, with d3-scale for linear and log scales
 * and d3-shape for the paths. Pure, so the positions are testable without a DOM.
 */

import { ValueError } from "@sinapse/tensor/errors";
import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import { CLASS_COLORS } from "./color.js";
import { describeValue, firstNonFinite } from "./validate.js";

export interface Series {
  /** Legend and title text, e.g. "train" or "validation". */
  name: string;
  /** The y values. */
  values: readonly number[];
  /** The x values, as many as `values`; default 1, 2, 3, … (epochs). */
  x?: readonly number[] | undefined;
  /** CSS colour; default from the Okabe–Ito palette by position. */
  color?: string | undefined;
  /** Dashed stroke, so that series differ by more than colour. */
  dashed?: boolean | undefined;
}

export type YScale = "linear" | "log";

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  margin?: Partial<ChartMargin>;
  /** `"log"` for losses that fall over decades; needs positive values. */
  yScale?: YScale;
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** About how many ticks on each axis (default 5). */
  ticks?: number;
}

export interface Tick {
  value: number;
  /** x for the x axis, y for the y axis, in drawing units. */
  position: number;
  label: string;
}

export interface PlottedSeries {
  name: string;
  color: string;
  dashed: boolean;
  /** SVG path `d` of the line. */
  path: string;
  points: { x: number; y: number; xValue: number; yValue: number }[];
}

export interface ChartLayout {
  width: number;
  height: number;
  /** The plotting area inside the margins. */
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  series: PlottedSeries[];
  yScale: YScale;
}

/** Why `series` cannot be plotted, or null: x/y lengths differ, NaN, or ≤ 0 on a log scale. */
export function validateSeries(series: readonly Series[], yScale: YScale = "linear"): string | null {
  if (!Array.isArray(series)) return `series must be an array, got ${describeValue(series)}`;
  for (const s of series) {
    if (!s || !Array.isArray(s.values)) return `series ${JSON.stringify(s?.name)} has no values array`;
    if (s.x !== undefined && s.x.length !== s.values.length) {
      return `series "${s.name}" has ${s.values.length} values but ${s.x.length} x positions`;
    }
    const i = firstNonFinite(s.values);
    if (i >= 0) return `series "${s.name}" value ${i} is ${describeValue(s.values[i])}`;
    const j = s.x ? firstNonFinite(s.x) : -1;
    if (j >= 0) return `series "${s.name}" x ${j} is ${describeValue(s.x?.[j])}`;
    if (yScale === "log") {
      const k = s.values.findIndex((v: number) => v <= 0);
      if (k >= 0) return `a log scale needs positive values, series "${s.name}" value ${k} is ${s.values[k]}`;
    }
  }
  return null;
}

function extent(lists: readonly (readonly number[])[]): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const list of lists) {
    for (const v of list) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A domain with room to draw: a flat one (a constant series, one point, or a span lost
 * in rounding such as [−5e-324, 5e-324]) is widened around its centre.
 */
function widen([lo, hi]: readonly [number, number], log: boolean): [number, number] {
  const scale = Math.max(Math.abs(lo), Math.abs(hi));
  if (hi - lo > scale * 1e-9 && hi - lo > 1e-200) return [lo, hi];
  const c = (lo + hi) / 2;
  if (log) return [c / 2, c * 2];
  const d = Math.abs(c) > 1e-200 ? Math.abs(c) / 2 : 1;
  return [c - d, c + d];
}

/** 0.01 → "0.01", 20 → "20", 1e-5 → "1e-5". */
function logLabel(v: number): string {
  return v >= 1e-3 && v < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(0).replace("+", "");
}

function ticksOf(scale: ScaleContinuousNumeric<number, number>, count: number, log: boolean, integers = false): Tick[] {
  const format = scale.tickFormat(count);
  let all = scale.ticks(count).map((value) => ({ value, position: scale(value), label: format(value) }));
  // Epochs are whole numbers: no tick at 1.5.
  if (integers) all = all.filter((t) => Number.isInteger(t.value)).map((t) => ({ ...t, label: String(t.value) }));
  // A log scale returns 1–9 × 10ⁿ and labels only some of them: keep the labelled ones.
  const labelled = log ? all.filter((t) => t.label !== "") : all;
  const kept = labelled.length >= 2 ? labelled : all;
  // d3's log labels use SI prefixes ("10m"); losses read better as 0.01.
  return log ? kept.map((t) => ({ ...t, label: logLabel(t.value) })) : kept;
}

/**
 * Positions for a line chart of `series`. The x domain spans every series' x (epochs by
 * default); the y domain their values, rounded outwards to nice numbers.
 *
 * @example layoutChart([{ name: "loss", values: [1, 0.5, 0.25] }]).series[0].points.length // 3
 */
export function layoutChart(series: readonly Series[], options: ChartOptions = {}): ChartLayout {
  const reason = validateSeries(series, options.yScale);
  if (reason) throw new ValueError("layoutChart", reason);
  const width = options.width ?? 360;
  const height = options.height ?? 220;
  const margin = { top: 12, right: 16, bottom: 36, left: 48, ...options.margin };
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
  const yScaleKind = options.yScale ?? "linear";
  const count = options.ticks ?? 5;
  const xs = series.map((s) => (s.x ? [...s.x] : s.values.map((_, i) => i + 1)));

  const xDomain = widen(options.xDomain ?? extent(xs) ?? [0, 1], false);
  const x = scaleLinear().domain(xDomain).range([plot.left, plot.right]);

  const log = yScaleKind === "log";
  const yDomain = widen(options.yDomain ?? extent(series.map((s) => s.values)) ?? (log ? [0.1, 1] : [0, 1]), log);
  const y: ScaleContinuousNumeric<number, number> = (log ? scaleLog() : scaleLinear())
    .domain(yDomain)
    .range([plot.bottom, plot.top]);
  // A log domain is padded rather than rounded to whole decades, which would flatten a
  // loss that moves within one decade (1.2 → 0.9 drawn on [1, 10]).
  if (!options.yDomain) {
    if (log) y.domain([yDomain[0] / 1.05, yDomain[1] * 1.05]);
    else y.nice(count);
  }
  if (!options.xDomain) x.nice(count);

  const plotted = series.map((s, k): PlottedSeries => {
    const sx = xs[k] as number[];
    const points = s.values.map((v, i) => ({ x: x(sx[i] as number), y: y(v), xValue: sx[i] as number, yValue: v }));
    const path =
      line<{ x: number; y: number }>()
        .x((p) => p.x)
        .y((p) => p.y)(points) ?? "";
    return {
      name: s.name,
      color: s.color ?? (CLASS_COLORS[k % CLASS_COLORS.length] as string),
      dashed: s.dashed ?? false,
      path,
      points,
    };
  });
  return {
    width,
    height,
    plot,
    xTicks: ticksOf(
      x,
      count,
      false,
      xs.every((list) => list.every(Number.isInteger)),
    ),
    yTicks: ticksOf(y, count, log),
    series: plotted,
    yScale: yScaleKind,
  };
}
