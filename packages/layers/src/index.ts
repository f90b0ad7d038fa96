/**
 * @sinapse/layers — neural-network layers in the vocabulary of Neural Networks from Scratch.
 */
export { Accuracy, BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
export { Activation, GELU, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from "./activations.js";
export {
  type AtomicWriteFs,
  type AtomicWriteHandle,
  FileError,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from "./atomic-write.js";
export { Dense, type DenseOptions, type Initializer } from "./dense.js";
export { type NetworkDiagramData, networkDiagramData } from "./diagram.js";
export { Dropout } from "./dropout.js";
export {
  BinaryHead,
  Head,
  type HeadLoss,
  type HeadSpec,
  MulticlassHead,
  RegressionHead,
  type Task,
} from "./heads.js";
export {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Loss,
  MeanAbsoluteError,
  MeanSquaredError,
  SoftmaxCrossentropy,
} from "./losses.js";
export {
  type BatchInfo,
  type CompiledStep,
  type EpochInfo,
  type FitOptions,
  type History,
  Model,
  type ModelSettings,
  StepMetrics,
} from "./model.js";
export { Module } from "./module.js";
export { Adagrad } from "./optimizers/adagrad.js";
export { Adam } from "./optimizers/adam.js";
export { Optimizer, type OptimizerOptions } from "./optimizers/optimizer.js";
export { RMSprop } from "./optimizers/rmsprop.js";
export { SGD } from "./optimizers/sgd.js";
export {
  FORMAT as MODEL_FORMAT,
  loadModel,
  modelFromBytes,
  modelMetadata,
  modelToBytes,
  saveModel,
  type ToBytesOptions,
  VERSION as MODEL_FORMAT_VERSION,
} from "./serialize.js";
export {
  type ActivationName,
  type BuildOptions,
  buildModel,
  checkSpec,
  type DenseSpec,
  type LayerSpec,
  type ModelSpec,
  type OptimizerSpec,
  SPEC_LIMITS,
  specOf,
} from "./spec.js";
