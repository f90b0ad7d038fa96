/**
 * @sinapse/viz/layout — the pure layouts alone: data in, positions, paths and colours out,
 * no DOM and no React, for a canvas, a server or another UI library. The package's main entry
 * exports the same functions, plus the React components that draw them.
 */

export { formatNumber, formatShape, formatShort } from "../format.js";
export {
  type ActivationCurve,
  type ActivationFunction,
  type ActivationName,
  activationCurve,
  activations,
} from "./activation.js";
export { type ArraySource, toMatrix, toVector } from "./arrays.js";
export {
  type ChartLayout,
  type ChartMargin,
  type ChartOptions,
  layoutChart,
  type PlottedSeries,
  type Series,
  type Tick,
  validateSeries,
  type YScale,
} from "./chart.js";
export {
  CLASS_COLORS,
  classColor,
  divergingColor,
  divergingRgb,
  hexToRgb,
  linkStyle,
  mixRgb,
  NEGATIVE,
  NEGATIVE_TINT,
  NEUTRAL,
  POSITIVE,
  POSITIVE_TINT,
  type Rgb,
} from "./color.js";
export {
  type BackwardState,
  backwardOrder,
  backwardStates,
  findCycle,
  type GraphEdge,
  type GraphEdgePath,
  type GraphLayout,
  type GraphLayoutOptions,
  type GraphNode,
  type GraphNodeBox,
  type GraphSummary,
  type GraphTrace,
  graphPath,
  layoutGraph,
  validateTrace,
} from "./graph.js";
export {
  type ClassGrid,
  cellClass,
  classPixels,
  gridPoints,
  type ValueGrid,
  validateGrid,
  valuePixels,
} from "./heatmap.js";
export {
  type Histogram,
  type HistogramBin,
  type HistogramOptions,
  histogram,
  validateHistogram,
} from "./histogram.js";
export {
  COLLAPSE_ABOVE,
  countParameters,
  type LayerBand,
  type LayerColumn,
  type LayerKind,
  type LayoutOptions,
  type LinkPosition,
  type LinkValue,
  layoutNetwork,
  linkValue,
  type NetworkLayout,
  type NeuronPosition,
  type ParameterCounts,
  shownNeurons,
} from "./network.js";
export {
  describeValue,
  firstNonFinite,
  type Matrix,
  type NetworkData,
  validateNetwork,
  validateSizes,
} from "./validate.js";
