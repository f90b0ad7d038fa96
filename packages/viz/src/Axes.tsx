/** Axes, ticks and light grid lines for the charts, from the ticks of a layout. */
import type { ReactElement } from "react";
import type { Tick } from "./layout/chart.js";

export interface AxesProps {
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: readonly Tick[];
  yTicks: readonly Tick[];
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  grid?: boolean;
}

/** The x and y axes of a plot area, with tick marks, labels and optional horizontal grid lines. */
export function Axes({ plot, xTicks, yTicks, xLabel, yLabel, grid = true }: AxesProps): ReactElement {
  return (
    <g data-role="axes" fontSize={10} fill="#4a5568">
      {grid
        ? yTicks.map((t) => (
            <line
              key={`gy${t.value}`}
              x1={plot.left}
              x2={plot.right}
              y1={t.position}
              y2={t.position}
              stroke="#edf2f7"
            />
          ))
        : null}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke="#a0aec0" />
      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke="#a0aec0" />
      {xTicks.map((t) => (
        <g key={`x${t.value}`} data-role="x-tick">
          <line x1={t.position} x2={t.position} y1={plot.bottom} y2={plot.bottom + 4} stroke="#a0aec0" />
          <text x={t.position} y={plot.bottom + 14} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t.value}`} data-role="y-tick">
          <line x1={plot.left - 4} x2={plot.left} y1={t.position} y2={t.position} stroke="#a0aec0" />
          <text x={plot.left - 6} y={t.position} dy="0.32em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      {xLabel ? (
        <text x={(plot.left + plot.right) / 2} y={plot.bottom + 30} textAnchor="middle" data-role="x-label">
          {xLabel}
        </text>
      ) : null}
      {yLabel ? (
        <text
          transform={`translate(${plot.left - 36},${(plot.top + plot.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          data-role="y-label"
        >
          {yLabel}
        </text>
      ) : null}
    </g>
  );
}
