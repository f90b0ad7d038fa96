/**
 * @sinapse/tensor — NumPy-like n-dimensional arrays.
 */

export type {
  ArgReduceOp,
  Backend,
  BackendName,
  BinaryOp,
  ReduceOp,
  Storage,
  UnaryOp,
} from "./backends/backend.js";
export {
  availableBackends,
  experimental_webgpu,
  getBackend,
  getThreads,
  setBackend,
  setThreads,
} from "./backends/registry.js";
export type { GpuMemoryInfo, WebGpuBackend } from "./backends/webgpu/index.js";
export { broadcastShapes } from "./broadcast.js";
export { type Compiled, type CompileOptions, compile, isCompiling } from "./capture/capture.js";
export {
  arange,
  array,
  type CreationOptions,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  zeros,
  zerosLike,
} from "./creation.js";
export {
  DTYPES,
  type DType,
  promoteTypes,
  promoteWithNumber,
  type TypedArray,
  type TypedArrayFor,
} from "./dtype.js";
export {
  DTypeError,
  FormatError,
  fmtShape,
  GpuReadError,
  IndexError,
  ShapeError,
  SinapseError,
  ValueError,
  WebGpuUnsupportedError,
} from "./errors.js";
export { derive } from "./expr/derive.js";
export {
  type ConstExpr,
  constant,
  E,
  type Expr,
  type InputExpr,
  input,
  type MapProgram,
  PRIMS,
  type Prim,
  type PrimDef,
  type PrimExpr,
  programKey,
} from "./expr/expr.js";
export { NDArray, type NestedValues } from "./ndarray.js";
export {
  type ArrayLike,
  abs,
  add,
  clip,
  cos,
  div,
  elementwise,
  eq,
  erf,
  exp,
  type GeluOptions,
  ge,
  gelu,
  gt,
  le,
  log,
  log1p,
  logaddexp,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  maximum,
  minimum,
  mul,
  ne,
  neg,
  type OutOptions,
  pow,
  programOf,
  relu,
  resultType,
  sigmoid,
  sign,
  sin,
  softplus,
  sqrt,
  square,
  sub,
  tanh,
  where,
} from "./ops/elementwise.js";
export {
  alongAxisPositions,
  type Index,
  type IndexItem,
  indexAdd,
  oneHot,
  type SliceSpec,
  set,
  slice,
  take,
  takeAlongAxis,
} from "./ops/indexing.js";
export { concat, repeat, split, stack, tile } from "./ops/join.js";
export { dot, matmul, outer } from "./ops/linalg.js";
export { type MapOptions, map, mapMany, mapProgram } from "./ops/map.js";
export {
  astype,
  broadcastTo,
  contiguous,
  copy,
  expandDims,
  flatten,
  permute,
  reshape,
  squeeze,
  swapAxes,
  transpose,
} from "./ops/movement.js";
export {
  argmax,
  argmin,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  prod,
  type ReduceOptions,
  softmax,
  std,
  sum,
  type VarianceOptions,
  variance,
} from "./ops/reduce.js";
export {
  type DTypeRule,
  ELEMENTWISE,
  type ElementwiseDef,
  type ElementwiseName,
  type ElementwiseParams,
  resultDType,
} from "./ops/table.js";
export { type FloatDType, Random, type RandomArrayOptions, random, type Size } from "./random.js";
export { type NestedArray, normalizeAxis, type Shape, shapesEqual, sizeOf } from "./shape.js";

/**
 * Two copies of this package in one program (two versions installed side by side, or a
 * bundle holding a second copy) make two NDArray classes: an array from one fails the other's
 * checks ("operand must be an NDArray, got object"). Each copy records itself on a global at
 * load, and the second one says so, naming both, once. (`import` and `require` of one copy
 * load the same module, so they count once.) A bundler drops this with the rest of the
 * module when nothing from it is used (`sideEffects: false`).
 */
declare const __SINAPSE_TENSOR_VERSION__: string | undefined;
const copiesKey = Symbol.for("@sinapse/tensor.copies");
(function warnOnSecondCopy(): void {
  const registry = globalThis as { [copiesKey]?: string[] };
  const version = typeof __SINAPSE_TENSOR_VERSION__ === "string" ? __SINAPSE_TENSOR_VERSION__ : "source";
  const here = `${version} at ${import.meta.url}`;
  registry[copiesKey] ??= [];
  const copies = registry[copiesKey];
  if (!copies.includes(here)) copies.push(here);
  if (copies.length === 2) {
    console.warn(
      `@sinapse/tensor: two copies are loaded (${copies.join("; ")}): arrays made by one are not NDArrays to the other. Install one version (npm dedupe / npm ls @sinapse/tensor).`,
    );
  }
})();
