/**
 * Every differentiable primitive in one table: forward and gradient side by side.
 * The table is typed `{ [Op in OpName]: Rule<Op> }`, so an op without a rule does not
 * compile. Gradients returned here have the *broadcast* shape; `backward()` sums them
 * back to each input's shape in one place.
 */
import { add, broadcastTo, matmul, mul, type NDArray, type ReduceOptions, reshape, sum } from "@sinapse/tensor";

/** Per-op parameters recorded with the node (empty for most ops). */
export interface OpParams {
  add: Record<string, never>;
  mul: Record<string, never>;
  matmul: Record<string, never>;
  sum: ReduceOptions;
}

export type OpName = keyof OpParams;

export interface Rule<Op extends OpName> {
  /** Computes the output value from the input values. */
  forward(inputs: readonly NDArray[], params: OpParams[Op]): NDArray;
  /**
   * Given ∂L/∂output, returns ∂L/∂input for each input, in operand order. Shapes may be
   * the broadcast shape; the caller reduces them to the inputs' shapes.
   */
  backward(grad: NDArray, inputs: readonly NDArray[], params: OpParams[Op]): NDArray[];
}

function pair(inputs: readonly NDArray[]): [NDArray, NDArray] {
  return [inputs[0] as NDArray, inputs[1] as NDArray];
}

export const rules: { [Op in OpName]: Rule<Op> } = {
  /** ∂(a + b)/∂a = 1, ∂(a + b)/∂b = 1 */
  add: {
    forward: (inputs) => add(...pair(inputs)),
    backward: (g) => [g, g],
  },
  /** ∂(a·b)/∂a = b, ∂(a·b)/∂b = a */
  mul: {
    forward: (inputs) => mul(...pair(inputs)),
    backward: (g, inputs) => {
      const [a, b] = pair(inputs);
      return [mul(g, b), mul(g, a)];
    },
  },
  /** C = A @ B: ∂L/∂A = G @ Bᵀ, ∂L/∂B = Aᵀ @ G */
  matmul: {
    forward: (inputs) => matmul(...pair(inputs)),
    backward: (g, inputs) => {
      const [a, b] = pair(inputs);
      return [matmul(g, b.T), matmul(a.T, g)];
    },
  },
  /** ∂(Σx)/∂x = 1 for every summed element: the gradient is spread back over the axes. */
  sum: {
    forward: (inputs, params) => sum(inputs[0] as NDArray, params),
    backward: (g, inputs, params) => {
      const x = inputs[0] as NDArray;
      const axes = reducedAxes(x.ndim, params.axis);
      const kept = reshape(
        g,
        x.shape.map((d, i) => (axes.has(i) ? 1 : d)),
      );
      return [broadcastTo(kept, x.shape)];
    },
  },
};

function reducedAxes(ndim: number, axis: ReduceOptions["axis"]): Set<number> {
  if (axis === undefined) return new Set(Array.from({ length: ndim }, (_, i) => i));
  const list = typeof axis === "number" ? [axis] : axis;
  return new Set(list.map((ax) => (ax < 0 ? ax + ndim : ax)));
}
