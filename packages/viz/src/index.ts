/**
 * @sinapse/viz — pictures of networks: pure layouts plus thin React components.
 */

export { linkStyle, NEGATIVE, NEGATIVE_TINT, NEUTRAL, POSITIVE, POSITIVE_TINT } from "./layout/color.js";
export {
  countParameters,
  type LayerColumn,
  type LayerKind,
  type LayoutOptions,
  type LinkPosition,
  layoutNetwork,
  type NetworkLayout,
  type NeuronPosition,
  type ParameterCounts,
} from "./layout/network.js";
export {
  defaultLabels,
  type Matrix,
  NetworkDiagram,
  type NetworkDiagramLabels,
  type NetworkDiagramProps,
} from "./NetworkDiagram.js";
