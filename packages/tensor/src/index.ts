/**
 * @sinapse/tensor — NumPy-like n-dimensional arrays.
 */

export type { Backend, BackendName } from "./backends/backend.js";
export { getBackend, setBackend } from "./backends/registry.js";
export { broadcastShapes } from "./broadcast.js";
export { array, full, ones, zeros } from "./creation.js";
export {
  DTypeError,
  FormatError,
  fmtShape,
  ShapeError,
  SinapseError,
  ValueError,
} from "./errors.js";
export { type DType, NDArray } from "./ndarray.js";
export { type ArrayLike, add, mul } from "./ops/elementwise.js";
export { matmul } from "./ops/matmul.js";
export { broadcastTo, reshape, transpose } from "./ops/movement.js";
export { type ReduceOptions, sum } from "./ops/reduce.js";
export { Random, random } from "./random.js";
export { type NestedArray, type Shape, shapesEqual, sizeOf } from "./shape.js";
