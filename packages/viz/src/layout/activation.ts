/**
 * Activation functions and their derivatives as plain numbers, for plotting: the same
 * formulas as @sinapse/layers (LeakyReLU α = 0.01, GELU with the tanh approximation).
 */

export type ActivationName = "relu" | "leakyRelu" | "sigmoid" | "tanh" | "linear" | "gelu" | "step";

export interface ActivationFunction {
  /** f(x) */
  f: (x: number) => number;
  /** f′(x) */
  df: (x: number) => number;
  /** The formula, for the plot's description. */
  formula: string;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const GELU_C = Math.sqrt(2 / Math.PI);

/** The activations the plots know by name. */
export const activations: Readonly<Record<ActivationName, ActivationFunction>> = {
  relu: {
    f: (x) => Math.max(0, x),
    // NOTE: the gradient at exactly 0 is 0, as in the layers' rule.
    df: (x) => (x > 0 ? 1 : 0),
    formula: "max(0, x)",
  },
  leakyRelu: { f: (x) => (x > 0 ? x : 0.01 * x), df: (x) => (x > 0 ? 1 : 0.01), formula: "x > 0 ? x : 0.01x" },
  sigmoid: {
    f: sigmoid,
    df: (x) => sigmoid(x) * (1 - sigmoid(x)),
    formula: "1 / (1 + e^−x)",
  },
  tanh: { f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2, formula: "tanh(x)" },
  linear: { f: (x) => x, df: () => 1, formula: "x" },
  gelu: {
    f: (x) => 0.5 * x * (1 + Math.tanh(GELU_C * (x + 0.044715 * x ** 3))),
    df: (x) => {
      const u = GELU_C * (x + 0.044715 * x ** 3);
      const t = Math.tanh(u);
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x);
    },
    formula: "½x(1 + tanh(√(2/π)(x + 0.044715x³)))",
  },
  step: { f: (x) => (x > 0 ? 1 : 0), df: () => 0, formula: "x > 0 ? 1 : 0" },
};

export interface ActivationCurve {
  x: number[];
  y: number[];
  dy: number[];
}

/**
 * f and f′ sampled at `samples` evenly spaced points of `[from, to]` (both ends included).
 *
 * @example activationCurve("relu", { from: -1, to: 1, samples: 3 }) // x [-1,0,1], y [0,0,1], dy [0,0,1]
 */
export function activationCurve(
  activation: ActivationName | ActivationFunction,
  options: { from?: number; to?: number; samples?: number } = {},
): ActivationCurve {
  const fn = typeof activation === "string" ? activations[activation] : activation;
  const from = options.from ?? -4;
  const to = options.to ?? 4;
  const n = Math.max(2, Math.floor(options.samples ?? 161));
  const x = Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
  return { x, y: x.map(fn.f), dy: x.map(fn.df) };
}
