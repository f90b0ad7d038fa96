/**
 * Backward propagation on the smallest network that still has everything: one neuron
 * with three inputs and a ReLU, `out = relu(x · w + b)`, squared error to a target.
 * One iteration, with real @sinapse/autograd ops: forward → loss → backward → update.
 */
import { add, matmul, relu, square, sub, sum, tensor } from "@sinapse/autograd";
import { array } from "@sinapse/tensor";

export interface NeuronState {
  weights: number[];
  bias: number;
}

export interface BackwardStep {
  /** `x · w + b` before the activation. */
  z: number;
  /** `relu(z)`. */
  output: number;
  /** `(output − target)²`. */
  loss: number;
  /** ∂loss/∂wᵢ. */
  weightGrads: number[];
  /** ∂loss/∂b. */
  biasGrad: number;
  /** `w − lr·∂loss/∂w`, `b − lr·∂loss/∂b`. */
  next: NeuronState;
}

/** The book's example neuron (chapter 9): x = [1, −2, 3], w = [−3, −1, 2], b = 1. */
export const BACKWARD_INPUTS: readonly number[] = [1, -2, 3];
export const BACKWARD_START: NeuronState = { weights: [-3, -1, 2], bias: 1 };

/** One iteration of gradient descent on `(relu(x·w + b) − target)²`. */
export function backwardStep(
  state: NeuronState,
  inputs: readonly number[],
  target: number,
  learningRate: number,
): BackwardStep {
  const x = array([[...inputs]], { dtype: "float64" });
  const w = tensor(
    array(
      state.weights.map((v) => [v]),
      { dtype: "float64" },
    ),
    { requiresGrad: true, name: "w" },
  );
  const b = tensor(array([[state.bias]], { dtype: "float64" }), { requiresGrad: true, name: "b" });
  const z = add(matmul(x, w), b);
  const out = relu(z);
  const loss = sum(square(sub(out, target)));
  loss.backward();
  const weightGrads = Array.from((w.grad?.value.dataSync() as Float64Array | undefined) ?? [], Number);
  const biasGrad = Number(b.grad?.value.item() ?? 0);
  return {
    z: z.item(),
    output: out.item(),
    loss: loss.item(),
    weightGrads,
    biasGrad,
    next: {
      weights: state.weights.map((v, i) => v - learningRate * (weightGrads[i] as number)),
      bias: state.bias - learningRate * biasGrad,
    },
  };
}
