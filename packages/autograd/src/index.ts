/**
 * @sinapse/autograd — reverse-mode automatic differentiation over @sinapse/tensor.
 */

export { sumToShape, topologicalOrder } from "./backward.js";
export { add, matmul, mul, sum } from "./ops.js";
export { type OpName, type OpParams, type Rule, rules } from "./rules.js";
export { type Node, Tensor, type TensorLike, type TensorOptions, tensor } from "./tensor.js";
