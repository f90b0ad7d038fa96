/**
 * @sinapse/autograd — reverse-mode automatic differentiation over @sinapse/tensor.
 */
export { type BackwardOptions, sumToShape, topologicalOrder } from "./backward.js";
export { AnomalyError } from "./errors.js";
export { type GradArg, type GradOptions, grad, valueAndGrad } from "./grad.js";
export { detectAnomaly, type GradcheckOptions, type GradcheckResult, gradcheck } from "./gradcheck.js";
export { isGradEnabled, noGrad } from "./graph.js";
export {
  abs,
  add,
  asTensor,
  broadcastTo,
  clip,
  concat,
  cos,
  div,
  exp,
  expandDims,
  flatten,
  hasNonFinite,
  log,
  log1p,
  logSoftmax,
  logsumexp,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  outer,
  permute,
  pow,
  prod,
  relu,
  repeat,
  reshape,
  sigmoid,
  sign,
  sin,
  slice,
  softmax,
  softmaxCrossEntropy,
  split,
  sqrt,
  square,
  squeeze,
  stack,
  std,
  sub,
  sum,
  take,
  tanh,
  tile,
  transpose,
  variance,
  where,
} from "./ops.js";
export { type OpName, type OpParams, type Rule, rules } from "./rules.js";
export { type GradHook, type Node, Tensor, type TensorLike, type TensorOptions, tensor, zeroGrad } from "./tensor.js";
export {
  type Summary,
  summarize,
  type Trace,
  type TraceEdge,
  type TraceNode,
  traceGraph,
  traceOrder,
} from "./trace.js";
