/**
 * `<DecisionBoundary>`: what a classifier predicts over the 2-D input plane, as a canvas
 * heatmap (the winning class's colour, paler where the model is unsure; pixels from the
 * pure `classPixels`), with the data points over it in an SVG layer with axes.
 */
import { scaleLinear } from "d3-scale";
import { type ReactElement, useMemo } from "react";
import { Axes } from "./Axes.js";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { CLASS_COLORS } from "./layout/color.js";
import { type ClassGrid, classPixels, validateGrid } from "./layout/heatmap.js";
import { describeValue } from "./layout/validate.js";
import { PixelCanvas } from "./PixelCanvas.js";

/** A data point and its class. */
export interface LabelledPoint {
  x: number;
  y: number;
  label: number;
  /** A held-out (test) point: drawn as a ring in its class colour instead of a filled dot. */
  test?: boolean | undefined;
}

export interface DecisionBoundaryLabels {
  title: string;
  x: string;
  y: string;
  /** Names of the classes for the legend; default "class 0", "class 1", … */
  classes?: readonly string[] | undefined;
  cannotDraw: string;
}

/** English defaults of {@link DecisionBoundaryLabels}. */
export const defaultBoundaryLabels: DecisionBoundaryLabels = {
  title: "decision boundary",
  x: "x₁",
  y: "x₂",
  cannotDraw: "cannot draw",
};

export interface DecisionBoundaryProps {
  /** The model's class scores on a grid over the plane (see `gridPoints`), row 0 at the top. */
  grid: ClassGrid;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  points?: readonly LabelledPoint[] | undefined;
  colors?: readonly string[] | undefined;
  labels?: Partial<DecisionBoundaryLabels> | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/** Why the points cannot be drawn, or null: a NaN coordinate or a label that is not a class index. */
export function validatePoints(points: readonly LabelledPoint[] | undefined, classes: number): string | null {
  if (!points) return null;
  for (const [i, p] of points.entries()) {
    for (const key of ["x", "y"] as const) {
      if (!Number.isFinite(p?.[key])) return `points[${i}].${key} is ${describeValue(p?.[key])}`;
    }
    if (!Number.isSafeInteger(p.label) || p.label < 0 || p.label >= Math.max(2, classes)) {
      return `points[${i}].label must be a class index below ${Math.max(2, classes)}, got ${describeValue(p.label)}`;
    }
  }
  return null;
}

function DecisionBoundaryInner(props: DecisionBoundaryProps): ReactElement {
  const { grid, xDomain, yDomain, points, colors = CLASS_COLORS, width = 320, height = 320 } = props;
  const labels = { ...defaultBoundaryLabels, ...props.labels };
  const reason = useMemo(() => {
    const bad = [...xDomain, ...yDomain].find((v) => !Number.isFinite(v));
    if (bad !== undefined || xDomain[0] === xDomain[1] || yDomain[0] === yDomain[1]) {
      return `the domains must be finite and non-empty, got x [${xDomain.join(", ")}], y [${yDomain.join(", ")}]`;
    }
    return validateGrid(grid) ?? validatePoints(points, grid.classes);
  }, [grid, points, xDomain, yDomain]);
  const pixels = useMemo(() => (reason ? null : classPixels(grid, colors)), [grid, colors, reason]);
  if (reason || !pixels) return <CannotDraw reason={reason ?? "no pixels"} label={labels.cannotDraw} />;

  const plot = { left: 48, top: 8, right: width - 8, bottom: height - 36 };
  const x = scaleLinear().domain(xDomain).range([plot.left, plot.right]);
  const y = scaleLinear().domain(yDomain).range([plot.bottom, plot.top]);
  const xFormat = x.tickFormat(5);
  const yFormat = y.tickFormat(5);
  const xTicks = x.ticks(5).map((v) => ({ value: v, position: x(v), label: xFormat(v) }));
  const yTicks = y.ticks(5).map((v) => ({ value: v, position: y(v), label: yFormat(v) }));
  const nClasses = Math.max(2, grid.classes);
  const names = Array.from({ length: nClasses }, (_, k) => labels.classes?.[k] ?? `class ${k}`);
  const title = `${labels.title}: ${nClasses} classes${points ? `, ${points.length} points` : ""}`;

  return (
    <figure className="sinapse-boundary" style={{ margin: 0 }}>
      <div style={{ position: "relative", width, height }}>
        <PixelCanvas
          cols={grid.cols}
          rows={grid.rows}
          pixels={pixels}
          width={plot.right - plot.left}
          height={plot.bottom - plot.top}
          className="sinapse-heatmap"
          style={{ position: "absolute", left: plot.left, top: plot.top }}
        />
        <svg
          role="img"
          aria-label={title}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          style={{ position: "absolute", left: 0, top: 0 }}
        >
          <title>{title}</title>
          <Axes plot={plot} xTicks={xTicks} yTicks={yTicks} xLabel={labels.x} yLabel={labels.y} grid={false} />
          <g data-role="points">
            {points?.map((p, i) => (
              <circle
                // biome-ignore lint/suspicious/noArrayIndexKey: points have no identity but their position in the data
                key={i}
                data-role="point"
                data-label={p.label}
                data-test={p.test ? "true" : undefined}
                cx={x(p.x)}
                cy={y(p.y)}
                r={3}
                fill={p.test ? "#ffffff" : colors[p.label % colors.length]}
                stroke={p.test ? colors[p.label % colors.length] : "#ffffff"}
                strokeWidth={p.test ? 1.5 : 1}
              />
            ))}
          </g>
        </svg>
      </div>
      <figcaption style={{ display: "flex", flexWrap: "wrap", gap: 10, fontSize: "0.8rem", color: "#2d3748" }}>
        <strong>{labels.title}</strong>
        {names.map((name, k) => (
          <span key={name} data-role="legend-item" style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
            <svg width={10} height={10} aria-hidden="true">
              <circle cx={5} cy={5} r={4} fill={colors[k % colors.length]} />
            </svg>
            {name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A decision-boundary heatmap with data points. A bad grid or point shows `cannot draw: <reason>`. */
export function DecisionBoundary(props: DecisionBoundaryProps): ReactElement {
  return (
    <DrawingBoundary label={props.labels?.cannotDraw} resetKey={props}>
      <DecisionBoundaryInner {...props} />
    </DrawingBoundary>
  );
}
