/**
 * `<ActivationPlot>`: an activation function (solid) and its derivative (dashed) over an
 * interval, drawn with `<LineChart>` from the samples of `activationCurve`.
 */
import { type ReactElement, useMemo } from "react";
import { LineChart } from "./LineChart.js";
import { type ActivationFunction, type ActivationName, activationCurve } from "./layout/activation.js";
import type { Series } from "./layout/chart.js";
import { CLASS_COLORS } from "./layout/color.js";

export interface ActivationPlotLabels {
  /** The title; default the activation's name. */
  title?: string | undefined;
  function: string;
  derivative: string;
  cannotDraw: string;
}

export interface ActivationPlotProps {
  /** A known activation ("relu", "sigmoid", …) or your own `{ f, df, formula }`. */
  activation: ActivationName | ActivationFunction;
  /** The x interval (default [−4, 4]). */
  domain?: readonly [number, number] | undefined;
  samples?: number | undefined;
  labels?: Partial<ActivationPlotLabels> | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** An input to mark on the curves, with f and f′ read there (a lesson's slider). */
  at?: number | undefined;
}

/** f(x) and f′(x) of an activation over an interval. */
export function ActivationPlot(props: ActivationPlotProps): ReactElement {
  const { activation, domain, samples, width = 280, height = 200 } = props;
  const fLabel = props.labels?.function ?? "f(x)";
  const dfLabel = props.labels?.derivative ?? "f′(x)";
  const from = domain?.[0] ?? -4;
  const to = domain?.[1] ?? 4;
  const series = useMemo((): Series[] => {
    const c = activationCurve(activation, { from, to, samples });
    return [
      { name: fLabel, values: c.y, x: c.x, color: CLASS_COLORS[0] },
      { name: dfLabel, values: c.dy, x: c.x, color: CLASS_COLORS[1], dashed: true },
    ];
  }, [activation, from, to, samples, fLabel, dfLabel]);
  const title = props.labels?.title ?? (typeof activation === "string" ? activation : activation.formula);
  return (
    <div data-role="activation-plot">
      <LineChart
        series={series}
        title={title}
        xLabel="x"
        xDomain={[from, to]}
        width={width}
        height={height}
        cannotDrawLabel={props.labels?.cannotDraw}
        markX={props.at}
      />
    </div>
  );
}
