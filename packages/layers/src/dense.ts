/**
 * `Dense`: a fully connected layer, `output = inputs · weights + biases`, stored the nnfs
 * way: weights `[nInputs, nNeurons]`, biases `[1, nNeurons]`, with optional L1/L2
 * regularisation of weights and biases.
 */
import { abs, add, asTensor, matmul, mul, square, sum, type Tensor, tensor } from "@sinapse/autograd";
import * as nd from "@sinapse/tensor";
import { fmtShape, full, NDArray, type Random, random, ShapeError, ValueError } from "@sinapse/tensor";
import { Module } from "./module.js";

/**
 * How initial weights are drawn: nnfs' `0.01·randn` (default), He, Glorot, a number `s` for
 * `s·randn` (the book's chapter 17 uses 0.1), or your own function.
 */
export type Initializer =
  | "nnfs"
  | "he"
  | "glorot"
  | number
  | ((nInputs: number, nNeurons: number, rng: Random) => NDArray);

export interface DenseOptions {
  /** Generator for the initial weights; the shared NumPy-compatible `random` by default. */
  rng?: Random;
  init?: Initializer;
  /**
   * Initial biases: one number for every neuron, or one per neuron (`nNeurons` values, a
   * list or an NDArray of `nNeurons` elements); zeros by default, as the book.
   */
  initialBiases?: number | readonly number[] | NDArray;
  /**
   * Initial weights `[nInputs, nNeurons]` to start from instead of drawing them (nothing is
   * drawn from `rng`); `init` is then only remembered, for `Model.spec()`.
   */
  initialWeights?: NDArray;
  /** λ of `λ·Σ|w|` added to the loss. */
  weightRegularizerL1?: number;
  /** λ of `λ·Σw²` added to the loss. */
  weightRegularizerL2?: number;
  biasRegularizerL1?: number;
  biasRegularizerL2?: number;
}

function initialWeights(init: Initializer, nInputs: number, nNeurons: number, rng: Random): NDArray {
  if (typeof init === "function") {
    const w = init(nInputs, nNeurons, rng);
    if (!(w instanceof NDArray) || w.ndim !== 2 || w.shape[0] !== nInputs || w.shape[1] !== nNeurons) {
      throw new ShapeError("Dense", `the initializer must return an NDArray of shape [${nInputs},${nNeurons}]`);
    }
    return w.astype("float32");
  }
  if (typeof init === "number") {
    if (!Number.isFinite(init) || init <= 0)
      throw new ValueError(
        "Dense",
        `a numeric init is the scale s of s·randn and must be a finite number > 0, got ${init}`,
      );
    return nd.mul(rng.randn([nInputs, nNeurons]), init);
  }
  switch (init) {
    case "nnfs":
      return nd.mul(rng.randn([nInputs, nNeurons]), 0.01);
    case "he":
      return nd.mul(rng.randn([nInputs, nNeurons]), Math.sqrt(2 / nInputs));
    case "glorot": {
      const limit = Math.sqrt(6 / (nInputs + nNeurons));
      return rng.uniform(-limit, limit, [nInputs, nNeurons]);
    }
    default:
      throw new ValueError(
        "Dense",
        `unknown init ${JSON.stringify(init)}, expected "nnfs", "he", "glorot", a scale > 0 or a function`,
      );
  }
}

function initialBiasRow(given: DenseOptions["initialBiases"], nNeurons: number): NDArray {
  if (given === undefined) return full([1, nNeurons], 0);
  if (typeof given === "number") {
    if (!Number.isFinite(given)) throw new ValueError("Dense", `initialBiases must be finite, got ${given}`);
    return full([1, nNeurons], given);
  }
  if (given instanceof NDArray) {
    if (given.size !== nNeurons)
      throw new ShapeError(
        "Dense",
        `initialBiases must hold ${nNeurons} values (one per neuron), got ${fmtShape(given.shape)}`,
      );
    return given.astype("float32").reshape([1, nNeurons]);
  }
  const values = given;
  if (!Array.isArray(values))
    throw new ValueError("Dense", `initialBiases must be a number, a list or an NDArray, got ${typeof given}`);
  if (values.length !== nNeurons)
    throw new ShapeError("Dense", `initialBiases must hold ${nNeurons} values (one per neuron), got ${values.length}`);
  const row = new Float32Array(nNeurons);
  values.forEach((v, j) => {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ValueError("Dense", `initialBiases[${j}] must be a finite number, got ${v}`);
    row[j] = v;
  });
  return new NDArray(row, [1, nNeurons]);
}

export class Dense extends Module {
  readonly nInputs: number;
  readonly nNeurons: number;
  /** `[nInputs, nNeurons]`, initialised to `0.01 · randn` as in the book unless `init` says otherwise. */
  readonly weights: Tensor;
  /** `[1, nNeurons]`, initialised to zeros unless `initialBiases` says otherwise. */
  readonly biases: Tensor;
  /** How the weights were drawn (for `Model.spec()`); a function initializer is not described. */
  readonly init: Initializer;
  /** The one initial bias every neuron started from, when `initialBiases` was a number (for `Model.spec()`). */
  initialBias: number | undefined;
  readonly weightRegularizerL1: number;
  readonly weightRegularizerL2: number;
  readonly biasRegularizerL1: number;
  readonly biasRegularizerL2: number;

  /**
   * @example
   * const layer = new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 });
   * layer.forward(X).shape; // [batch, 64]
   * @throws ValueError unless both sizes are positive integers, every λ is a finite number ≥ 0
   *   and the initial biases are finite; ShapeError for initial biases of another length.
   */
  constructor(nInputs: number, nNeurons: number, options: DenseOptions = {}) {
    super();
    for (const [name, n] of [
      ["nInputs", nInputs],
      ["nNeurons", nNeurons],
    ] as const) {
      if (!Number.isSafeInteger(n) || n < 1)
        throw new ValueError("Dense", `${name} must be a positive integer, got ${n}`);
    }
    const lambdas = {
      weightRegularizerL1: options.weightRegularizerL1 ?? 0,
      weightRegularizerL2: options.weightRegularizerL2 ?? 0,
      biasRegularizerL1: options.biasRegularizerL1 ?? 0,
      biasRegularizerL2: options.biasRegularizerL2 ?? 0,
    };
    for (const [name, v] of Object.entries(lambdas)) {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        throw new ValueError("Dense", `${name} must be a finite number ≥ 0, got ${v}`);
      }
    }
    this.nInputs = nInputs;
    this.nNeurons = nNeurons;
    this.weightRegularizerL1 = lambdas.weightRegularizerL1;
    this.weightRegularizerL2 = lambdas.weightRegularizerL2;
    this.biasRegularizerL1 = lambdas.biasRegularizerL1;
    this.biasRegularizerL2 = lambdas.biasRegularizerL2;
    const b = initialBiasRow(options.initialBiases, nNeurons);
    this.init = options.init ?? "nnfs";
    this.initialBias = typeof options.initialBiases === "number" ? options.initialBiases : undefined;
    const given = options.initialWeights;
    if (
      given !== undefined &&
      !(given instanceof NDArray && given.ndim === 2 && given.shape[0] === nInputs && given.shape[1] === nNeurons)
    )
      throw new ShapeError(
        "Dense",
        `initialWeights must be an NDArray of shape [${nInputs},${nNeurons}], got ${given instanceof NDArray ? fmtShape(given.shape) : typeof given}`,
      );
    const w = given ? given.astype("float32") : initialWeights(this.init, nInputs, nNeurons, options.rng ?? random);
    this.weights = tensor(w, { requiresGrad: true, name: "weights" });
    this.biases = tensor(b, { requiresGrad: true, name: "biases" });
  }

  /**
   * `[batch, nInputs] → [batch, nNeurons]`.
   * @throws ShapeError when the inputs are not `[batch, nInputs]`.
   */
  forward(inputs: Tensor | NDArray): Tensor {
    const x = asTensor("Dense.forward", inputs);
    if (x.ndim !== 2 || x.shape[1] !== this.nInputs) {
      throw new ShapeError(
        "Dense.forward",
        `expected inputs of shape [batch, ${this.nInputs}], got ${fmtShape(x.shape)}`,
      );
    }
    return add(matmul(x, this.weights), this.biases);
  }

  protected override ownParameters(): [string, Tensor][] {
    return [
      ["weights", this.weights],
      ["biases", this.biases],
    ];
  }

  /**
   * `λ₁·Σ|w| + λ₂·Σw²` for weights and biases, as the book's `regularization_loss`.
   * NOTE: its gradient uses sign(0) = 0 where the book's hand-written L1 gradient uses +1.
   */
  override regularizationLoss(): Tensor | null {
    const terms: Tensor[] = [];
    const penalty = (p: Tensor, l1: number, l2: number) => {
      if (l1 > 0) terms.push(mul(sum(abs(p)), l1));
      if (l2 > 0) terms.push(mul(sum(square(p)), l2));
    };
    penalty(this.weights, this.weightRegularizerL1, this.weightRegularizerL2);
    penalty(this.biases, this.biasRegularizerL1, this.biasRegularizerL2);
    return terms.length ? terms.reduce((a, b) => add(a, b)) : null;
  }

  override describe(): string {
    return `Dense(${this.nInputs} → ${this.nNeurons})`;
  }
}
