/**
 * @sinapse/autograd — reverse-mode automatic differentiation over @sinapse/tensor.
 */
export { Tensor, tensor, type Node, type TensorLike, type TensorOptions } from "./tensor.js";
export { add, mul, matmul, sum } from "./ops.js";
export { rules, type OpName, type OpParams, type Rule } from "./rules.js";
export { topologicalOrder, sumToShape } from "./backward.js";
