/**
 * @sinapse/viz — pictures of networks: pure layouts plus thin React components.
 */
export {
  layoutNetwork,
  countParameters,
  type NetworkLayout,
  type NeuronPosition,
  type LinkPosition,
  type LayerColumn,
  type LayerKind,
  type LayoutOptions,
  type ParameterCounts,
} from "./layout/network.js";
export { linkStyle, POSITIVE, NEGATIVE, NEUTRAL, POSITIVE_TINT, NEGATIVE_TINT } from "./layout/color.js";
export {
  NetworkDiagram,
  defaultLabels,
  type NetworkDiagramProps,
  type NetworkDiagramLabels,
  type Matrix,
} from "./NetworkDiagram.js";
