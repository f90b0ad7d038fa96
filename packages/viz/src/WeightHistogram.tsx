/**
 * `<WeightHistogram>`: how a layer's weights are spread, as bars over a domain symmetric
 * about 0 — orange bins below 0, blue above, as the links of the network diagram.
 */
import { scaleLinear } from "d3-scale";
import { type ReactElement, useMemo } from "react";
import { Axes } from "./Axes.js";
import { CannotDraw, DrawingBoundary } from "./CannotDraw.js";
import { formatShort } from "./format.js";
import { NEGATIVE, NEUTRAL, POSITIVE } from "./layout/color.js";
import { histogram, validateHistogram } from "./layout/histogram.js";

export interface WeightHistogramLabels {
  title: string;
  x: string;
  y: string;
  cannotDraw: string;
}

/** English defaults of {@link WeightHistogramLabels}. */
export const defaultHistogramLabels: WeightHistogramLabels = {
  title: "weights",
  x: "weight",
  y: "count",
  cannotDraw: "cannot draw",
};

export interface WeightHistogramProps {
  /** The values to bin, e.g. a Dense layer's weights flattened. */
  values: ArrayLike<number>;
  /** Number of bins (default 20). */
  bins?: number | undefined;
  domain?: readonly [number, number] | undefined;
  labels?: Partial<WeightHistogramLabels> | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

function WeightHistogramInner(props: WeightHistogramProps): ReactElement {
  const { values, bins, domain, width = 320, height = 200 } = props;
  const labels = { ...defaultHistogramLabels, ...props.labels };
  const reason = useMemo(() => validateHistogram(values), [values]);
  const hist = useMemo(() => (reason ? null : histogram(values, { bins, domain })), [values, reason, bins, domain]);
  if (reason || !hist) return <CannotDraw reason={reason ?? "no bins"} label={labels.cannotDraw} />;

  const plot = { left: 44, top: 12, right: width - 12, bottom: height - 36 };
  const x = scaleLinear().domain(hist.domain).range([plot.left, plot.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, hist.maxCount)])
    .range([plot.bottom, plot.top])
    .nice(4);
  const xFormat = x.tickFormat(5);
  const yFormat = y.tickFormat(4);
  const xTicks = x.ticks(5).map((v) => ({ value: v, position: x(v), label: xFormat(v) }));
  const yTicks = y.ticks(4).map((v) => ({ value: v, position: y(v), label: yFormat(v) }));
  const title = `${labels.title}: ${hist.total}`;
  return (
    <figure className="sinapse-histogram" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        style={{ maxWidth: "100%", height: "auto" }}
      >
        <title>{title}</title>
        <Axes plot={plot} xTicks={xTicks} yTicks={yTicks} xLabel={labels.x} yLabel={labels.y} />
        <g data-role="bars">
          {hist.bins.map((b) => {
            const color = b.x1 <= 0 ? NEGATIVE : b.x0 >= 0 ? POSITIVE : NEUTRAL;
            const text = `${formatShort(b.x0)} … ${formatShort(b.x1)}: ${b.count}`;
            return (
              <rect
                key={b.x0}
                data-role="bar"
                data-count={b.count}
                x={x(b.x0) + 0.5}
                y={y(b.count)}
                width={Math.max(0, x(b.x1) - x(b.x0) - 1)}
                height={plot.bottom - y(b.count)}
                fill={color}
                fillOpacity={0.8}
                aria-label={text}
              >
                <title>{text}</title>
              </rect>
            );
          })}
        </g>
      </svg>
      <figcaption style={{ fontSize: "0.8rem", color: "#2d3748" }}>{title}</figcaption>
    </figure>
  );
}

/** A histogram of weights. No values or a NaN shows `cannot draw: <reason>`. */
export function WeightHistogram(props: WeightHistogramProps): ReactElement {
  return (
    <DrawingBoundary label={props.labels?.cannotDraw} resetKey={props}>
      <WeightHistogramInner {...props} />
    </DrawingBoundary>
  );
}
