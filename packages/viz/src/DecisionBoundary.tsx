/**
 * `<DecisionBoundary>`: what a classifier predicts over the 2-D input plane, as a canvas
 * heatmap (the winning class's colour, paler where the model is unsure; pixels from the
 * pure `classPixels`), with the data points over it in an SVG layer with axes. Given
 * `values` instead, it draws one value per cell on the diverging scale (a regression
 * surface, or one neuron's output over the plane) with a colour-bar legend, and colours
 * the points by their value. `onPlaneClick` gets the plane coordinates of a click.
 */
import { scaleLinear } from "d3-scale";
import { type MouseEvent, memo, type ReactElement, useMemo } from "react";
import { Axes } from "./Axes.js";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { formatShort } from "./format.js";
import { CLASS_COLORS, divergingColor } from "./layout/color.js";
import { type ClassGrid, classPixels, type ValueGrid, validateGrid, valuePixels } from "./layout/heatmap.js";
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
  grid?: ClassGrid | undefined;
  /**
   * One value per cell instead of class scores (row 0 at the top), drawn on the diverging
   * scale; the points' labels are then values too, coloured on the same scale.
   */
  values?: ValueGrid | undefined;
  /** Sharp colours: each cell's class (or the value's sign) at full strength, no shading of doubt. */
  discrete?: boolean | undefined;
  /** With `values`: the points' labels are classes after all (a neuron's output under class-coloured data). */
  pointsByClass?: boolean | undefined;
  /** Called with the plane coordinates of a click inside the plot. */
  onPlaneClick?: ((x: number, y: number) => void) | undefined;
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

/** Why value-labelled points cannot be drawn: a coordinate or value that is not finite. */
function validateValuePoints(points: readonly LabelledPoint[] | undefined): string | null {
  for (const [i, p] of (points ?? []).entries()) {
    for (const key of ["x", "y", "label"] as const) {
      if (!Number.isFinite(p?.[key])) return `points[${i}].${key} is ${describeValue(p?.[key])}`;
    }
  }
  return null;
}

/**
 * The points, as their own memoised layer: while a model trains the heatmap changes many
 * times a second, the points do not, and re-rendering hundreds of circles each time was
 * most of a frame's work.
 */
const PointsLayer = /* @__PURE__ */ memo(function PointsLayer(p: {
  points: readonly LabelledPoint[] | undefined;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  left: number;
  right: number;
  top: number;
  bottom: number;
  colors: readonly string[];
  byValue: boolean;
  discrete: boolean;
  maxAbs: number;
}): ReactElement {
  const x = scaleLinear().domain(p.xDomain).range([p.left, p.right]);
  const y = scaleLinear().domain(p.yDomain).range([p.bottom, p.top]);
  const colorOf = (q: LabelledPoint) =>
    p.byValue
      ? divergingColor(p.discrete ? Math.sign(q.label) : q.label, p.discrete ? 1 : p.maxAbs)
      : (p.colors[q.label % p.colors.length] as string);
  return (
    <g data-role="points">
      {p.points?.map((q, i) => (
        <circle
          // biome-ignore lint/suspicious/noArrayIndexKey: points have no identity but their position in the data
          key={i}
          data-role="point"
          data-label={q.label}
          data-test={q.test ? "true" : undefined}
          cx={x(q.x)}
          cy={y(q.y)}
          r={3}
          fill={q.test ? "#ffffff" : colorOf(q)}
          stroke={q.test ? colorOf(q) : p.byValue ? "#1a202c" : "#ffffff"}
          strokeWidth={q.test ? 1.5 : 1}
        />
      ))}
    </g>
  );
});

function DecisionBoundaryInner(props: DecisionBoundaryProps): ReactElement {
  const { grid, values, discrete, xDomain, yDomain, points, colors = CLASS_COLORS, width = 320, height = 320 } = props;
  const labels = { ...defaultBoundaryLabels, ...props.labels };
  const reason = useMemo(() => {
    const bad = [...xDomain, ...yDomain].find((v) => !Number.isFinite(v));
    if (bad !== undefined || xDomain[0] === xDomain[1] || yDomain[0] === yDomain[1]) {
      return `the domains must be finite and non-empty, got x [${xDomain.join(", ")}], y [${yDomain.join(", ")}]`;
    }
    if (values && props.pointsByClass)
      return validateGrid(values, "values") ?? validatePoints(points, CLASS_COLORS.length);
    if (values) return validateGrid(values, "values") ?? validateValuePoints(points);
    if (!grid) return "neither grid nor values given";
    return validateGrid(grid) ?? validatePoints(points, grid.classes);
  }, [grid, values, points, xDomain, yDomain, props.pointsByClass]);
  /** The colour scale's reach for values: the largest |value| of the grid and the points. */
  const maxAbs = useMemo(() => {
    if (!values || reason) return 0;
    let m = 0;
    for (let i = 0; i < values.cols * values.rows; i++) m = Math.max(m, Math.abs(values.values[i] as number));
    if (!props.pointsByClass) for (const p of points ?? []) m = Math.max(m, Math.abs(p.label));
    return m;
  }, [values, points, reason, props.pointsByClass]);
  const pixels = useMemo(() => {
    if (reason) return null;
    if (values) return valuePixels(values, maxAbs, { discrete });
    return grid ? classPixels(grid, colors, { discrete }) : null;
  }, [grid, values, maxAbs, colors, reason, discrete]);
  const cells = values ?? grid;
  if (reason || !pixels || !cells) return <CannotDraw reason={reason ?? "no pixels"} label={labels.cannotDraw} />;

  const plot = { left: 48, top: 8, right: width - 8, bottom: height - 36 };
  const x = scaleLinear().domain(xDomain).range([plot.left, plot.right]);
  const y = scaleLinear().domain(yDomain).range([plot.bottom, plot.top]);
  const xFormat = x.tickFormat(5);
  const yFormat = y.tickFormat(5);
  const xTicks = x.ticks(5).map((v) => ({ value: v, position: x(v), label: xFormat(v) }));
  const yTicks = y.ticks(5).map((v) => ({ value: v, position: y(v), label: yFormat(v) }));
  const nClasses = values ? 0 : Math.max(2, grid?.classes ?? 2);
  const names = Array.from({ length: nClasses }, (_, k) => labels.classes?.[k] ?? `class ${k}`);
  const title = `${labels.title}: ${values ? `−${formatShort(maxAbs)} … ${formatShort(maxAbs)}` : `${nClasses} classes`}${points ? `, ${points.length} points` : ""}`;
  const onClick = props.onPlaneClick
    ? (ev: MouseEvent<HTMLDivElement>) => {
        const box = ev.currentTarget.getBoundingClientRect();
        // The picture may be drawn scaled (max-width); map the click back to its own units.
        const px = ((ev.clientX - box.left) * width) / (box.width || width);
        const py = ((ev.clientY - box.top) * height) / (box.height || height);
        if (px < plot.left || px > plot.right || py < plot.top || py > plot.bottom) return;
        props.onPlaneClick?.(x.invert(px), y.invert(py));
      }
    : undefined;

  return (
    <figure className="sinapse-boundary" style={{ margin: 0 }}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: adding a point by clicking is a pointer-only extra; the page offers every setting from the keyboard */}
      <div
        data-role="plane"
        style={{ position: "relative", width, height, cursor: onClick ? "crosshair" : undefined }}
        onClick={onClick}
      >
        <PixelCanvas
          cols={cells.cols}
          rows={cells.rows}
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
          <PointsLayer
            points={points}
            xDomain={xDomain}
            yDomain={yDomain}
            left={plot.left}
            right={plot.right}
            top={plot.top}
            bottom={plot.bottom}
            colors={colors}
            byValue={values !== undefined && !props.pointsByClass}
            discrete={discrete === true}
            maxAbs={maxAbs}
          />
        </svg>
      </div>
      <figcaption style={{ display: "flex", flexWrap: "wrap", gap: 10, fontSize: "0.8rem", color: "#2d3748" }}>
        <strong>{labels.title}</strong>
        {values && (
          <span data-role="legend-scale" style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
            {formatShort(-maxAbs)}
            <svg width={60} height={10} aria-hidden="true">
              <defs>
                <linearGradient id="sinapse-diverging">
                  <stop offset="0" stopColor={divergingColor(-1, 1)} />
                  <stop offset="0.5" stopColor="#ffffff" />
                  <stop offset="1" stopColor={divergingColor(1, 1)} />
                </linearGradient>
              </defs>
              <rect width={60} height={10} fill="url(#sinapse-diverging)" stroke="#a0aec0" />
            </svg>
            {formatShort(maxAbs)}
          </span>
        )}
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
