/**
 * `Dense`: a fully connected layer, `output = inputs · weights + biases`, stored the nnfs
 * way: weights `[nInputs, nNeurons]`, biases `[1, nNeurons]`.
 */
import { add, matmul, type Tensor, tensor } from "@sinapse/autograd";
import { fmtShape, mul, NDArray, type Random, random, ShapeError, ValueError, zeros } from "@sinapse/tensor";
import { Module } from "./module.js";

export interface DenseOptions {
  /** Generator for the initial weights; the shared NumPy-compatible `random` by default. */
  rng?: Random;
}

export class Dense extends Module {
  readonly nInputs: number;
  readonly nNeurons: number;
  /** `[nInputs, nNeurons]`, initialised to `0.01 · randn` as in the book. */
  readonly weights: Tensor;
  /** `[1, nNeurons]`, initialised to zeros. */
  readonly biases: Tensor;

  /**
   * @example
   * const layer = new Dense(2, 3);              // 2 inputs → 3 neurons
   * layer.forward(tensor([[1, 2]])).shape;      // [1, 3]
   * @throws ValueError unless both sizes are positive integers.
   */
  constructor(nInputs: number, nNeurons: number, options: DenseOptions = {}) {
    super();
    for (const [name, n] of [
      ["nInputs", nInputs],
      ["nNeurons", nNeurons],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new ValueError("Dense", `${name} must be a positive integer, got ${n}`);
      }
    }
    this.nInputs = nInputs;
    this.nNeurons = nNeurons;
    const rng = options.rng ?? random;
    this.weights = tensor(mul(rng.randn([nInputs, nNeurons]), 0.01), { requiresGrad: true });
    this.biases = tensor(zeros([1, nNeurons]), { requiresGrad: true });
  }

  /**
   * `[batch, nInputs] → [batch, nNeurons]`.
   *
   * @throws ShapeError when the inputs are not `[batch, nInputs]`.
   */
  forward(inputs: Tensor | NDArray): Tensor {
    const x = inputs instanceof NDArray ? tensor(inputs) : inputs;
    if (x.ndim !== 2 || x.shape[1] !== this.nInputs) {
      throw new ShapeError(
        "Dense.forward",
        `expected inputs of shape [batch, ${this.nInputs}], got ${fmtShape(x.shape)}`,
      );
    }
    return add(matmul(x, this.weights), this.biases);
  }

  namedParameters(): [string, Tensor][] {
    return [
      ["weights", this.weights],
      ["biases", this.biases],
    ];
  }
}
