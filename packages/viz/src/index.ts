/**
 * @sinapse/viz — pictures of networks: pure layouts (data in, positions out, no DOM)
 * plus thin React components that draw them. React is a peer dependency.
 *
 * Layouts: {@link layoutNetwork}, {@link layoutGraph}, {@link layoutChart},
 * {@link histogram}, {@link classPixels} / {@link valuePixels}, {@link activationCurve}.
 * Components: {@link NetworkDiagram}, {@link GraphView}, {@link LineChart},
 * {@link TrainingCurves}, {@link DecisionBoundary}, {@link ActivationPlot},
 * {@link WeightHistogram}. Every component shows `cannot draw: <reason>` for bad data.
 */

export { ActivationPlot, type ActivationPlotLabels, type ActivationPlotProps } from "./ActivationPlot.js";
export {
  CannotDraw,
  type CannotDrawProps,
  DrawingBoundary,
  type DrawingBoundaryProps,
} from "./CannotDraw.js";
export {
  DecisionBoundary,
  type DecisionBoundaryLabels,
  type DecisionBoundaryProps,
  defaultBoundaryLabels,
  type LabelledPoint,
  validatePoints,
} from "./DecisionBoundary.js";
export { formatNumber, formatShape, formatShort } from "./format.js";
export { defaultGraphLabels, GraphView, type GraphViewLabels, type GraphViewProps } from "./GraphView.js";
export {
  defaultTrainingLabels,
  type HistoryEntry,
  historySeries,
  LineChart,
  type LineChartProps,
  TrainingCurves,
  type TrainingCurvesLabels,
  type TrainingCurvesProps,
} from "./LineChart.js";
export {
  type ActivationCurve,
  type ActivationFunction,
  type ActivationName,
  activationCurve,
  activations,
} from "./layout/activation.js";
export { type ArraySource, toMatrix, toVector } from "./layout/arrays.js";
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
} from "./layout/chart.js";
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
} from "./layout/color.js";
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
} from "./layout/graph.js";
export {
  type ClassGrid,
  cellClass,
  classPixels,
  gridPoints,
  type ValueGrid,
  validateGrid,
  valuePixels,
} from "./layout/heatmap.js";
export {
  type Histogram,
  type HistogramBin,
  type HistogramOptions,
  histogram,
  validateHistogram,
} from "./layout/histogram.js";
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
} from "./layout/network.js";
export {
  describeValue,
  firstNonFinite,
  type Matrix,
  type NetworkData,
  validateNetwork,
  validateSizes,
} from "./layout/validate.js";
export {
  defaultLabels,
  NetworkDiagram,
  type NetworkDiagramLabels,
  type NetworkDiagramProps,
  type NeuronRef,
  type NeuronThumbnails,
  type WeightRef,
} from "./NetworkDiagram.js";
export { PixelCanvas, type PixelCanvasProps, paintPixels } from "./PixelCanvas.js";
export {
  defaultHistogramLabels,
  WeightHistogram,
  type WeightHistogramLabels,
  type WeightHistogramProps,
} from "./WeightHistogram.js";
