/**
 * @sinapse/tensor — NumPy-like n-dimensional arrays.
 */
export { NDArray, type DType } from "./ndarray.js";
export { array, zeros, ones, full } from "./creation.js";
export { add, mul, type ArrayLike } from "./ops/elementwise.js";
export { matmul } from "./ops/matmul.js";
export { sum, type ReduceOptions } from "./ops/reduce.js";
export { transpose, reshape, broadcastTo } from "./ops/movement.js";
export { broadcastShapes } from "./broadcast.js";
export { type Shape, type NestedArray, sizeOf, shapesEqual } from "./shape.js";
export { Random, random } from "./random.js";
export { getBackend, setBackend } from "./backends/registry.js";
export type { Backend, BackendName } from "./backends/backend.js";
export {
  SinapseError,
  ShapeError,
  DTypeError,
  ValueError,
  FormatError,
  fmtShape,
} from "./errors.js";
