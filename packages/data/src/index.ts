/**
 * @sinapse/data — datasets for learning neural networks: the nnfs book's spiral, vertical
 * and sine data, TensorFlow Playground's sets, IDX files (MNIST, Fashion-MNIST), and the
 * splitting, batching and scaling helpers around them.
 */
export { MAX_NOISE, MAX_POINTS } from "./checks.js";
export type { Dataset, RandomOptions } from "./dataset.js";
export { DEFAULT_MAX_IDX_BYTES, type IdxOptions, type IdxType, isGzip, parseIdx, readIdx } from "./idx.js";
export {
  FASHION_MNIST_DIR,
  FASHION_MNIST_FILES,
  type FashionMnist,
  fashionMnist,
  loadIdx,
} from "./node.js";
export {
  circle,
  gaussian,
  gaussianBumps,
  type PlaygroundOptions,
  regressionGaussian,
  regressionPlane,
  twoSpiral,
  xor,
} from "./playground.js";
export {
  type ScaleToRangeOptions,
  type Standardized,
  type StandardizeOptions,
  scaleToRange,
  standardize,
} from "./scale.js";
export { sine } from "./sine.js";
export { type SpiralOptions, spiral } from "./spiral.js";
export {
  batches,
  type Pair,
  shuffleTogether,
  type TrainTestSplitOptions,
  trainTestSplit,
} from "./split.js";
export { type VerticalOptions, vertical } from "./vertical.js";
