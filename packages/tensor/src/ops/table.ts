/**
 * The elementwise op table: every elementwise op declared once — its operands, its
 * parameters, its result dtype and its meaning as an expression over the scalar
 * primitives of `expr/expr.ts`. The NDArray functions (`ops/elementwise.ts`) and the
 * autograd functions (`@sinapse/autograd`) are both bindings of this table, backends only
 * run its expressions (`Backend.map`), and autograd derives every gradient from it.
 *
 * The table is typed `{ [Op in ElementwiseName]: ElementwiseDef<Op> }`: an op without an
 * expression, a dtype rule or its parameters' type does not compile.
 *
 * Numerically stable forms are written into the expressions: softplus and the logistic
 * loss never evaluate `exp` of a large positive number, logaddexp shifts by the larger
 * operand.
 */
import type { DType } from "../dtype.js";
import { E, type Expr } from "../expr/expr.js";

/** Per-op parameters (most ops have none). */
export interface ElementwiseParams {
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  pow: Record<string, never>;
  maximum: Record<string, never>;
  minimum: Record<string, never>;
  eq: Record<string, never>;
  ne: Record<string, never>;
  lt: Record<string, never>;
  le: Record<string, never>;
  gt: Record<string, never>;
  ge: Record<string, never>;
  logicalAnd: Record<string, never>;
  logicalOr: Record<string, never>;
  logicalNot: Record<string, never>;
  neg: Record<string, never>;
  abs: Record<string, never>;
  sign: Record<string, never>;
  square: Record<string, never>;
  exp: Record<string, never>;
  log: Record<string, never>;
  log1p: Record<string, never>;
  sqrt: Record<string, never>;
  sin: Record<string, never>;
  cos: Record<string, never>;
  tanh: Record<string, never>;
  sigmoid: Record<string, never>;
  relu: Record<string, never>;
  where: Record<string, never>;
  erf: Record<string, never>;
  softplus: Record<string, never>;
  gelu: { approximate: "none" | "tanh" };
  logaddexp: Record<string, never>;
  binaryCrossEntropyWithLogits: Record<string, never>;
}

export type ElementwiseName = keyof ElementwiseParams;

/**
 * How the result dtype follows from the operands' common dtype: `same`; `arithmetic`
 * (bool computes as int32); `float` (int32/bool give float32); `bool` (comparisons).
 */
export type DTypeRule = "same" | "arithmetic" | "float" | "bool";

export interface ElementwiseDef<Op extends ElementwiseName> {
  readonly arity: 1 | 2 | 3;
  readonly dtype: DTypeRule;
  /** Operand 0 is a condition (read as bool, left out of the dtype promotion). */
  readonly condition?: true;
  /** The op's meaning for one element: operands are `x[0]`, `x[1]`, …; params baked in. */
  expr(x: readonly Expr[], params: ElementwiseParams[Op]): Expr;
  /**
   * The local derivative per operand as a formula for readers (the playground's graph
   * explorer shows it); the gradient itself is derived from `expr`.
   */
  readonly derivative: readonly string[];
}

/** `√(2/π)`, the tanh GELU's scale. */
const SQRT_2_OVER_PI = 0.7978845608028654;
const SQRT_HALF = Math.SQRT1_2;
const LN2 = Math.LN2;

const x0 = (x: readonly Expr[]) => x[0] as Expr;
const x1 = (x: readonly Expr[]) => x[1] as Expr;

/** log(1 + e^(−|z|)): the tail shared by softplus, logaddexp and the logistic loss; never overflows. */
const softTail = (z: Expr) => E.log1p(E.exp(E.neg(E.abs(z))));

export const ELEMENTWISE: { readonly [Op in ElementwiseName]: ElementwiseDef<Op> } = {
  /** `a + b` */
  add: {
    derivative: ["∂(a + b)/∂a = 1", "∂(a + b)/∂b = 1"],
    arity: 2,
    dtype: "arithmetic",
    expr: (x) => E.add(x0(x), x1(x)),
  },
  /** `a − b` */
  sub: {
    derivative: ["∂(a − b)/∂a = 1", "∂(a − b)/∂b = −1"],
    arity: 2,
    dtype: "arithmetic",
    expr: (x) => E.sub(x0(x), x1(x)),
  },
  /** `a · b` */
  mul: {
    derivative: ["∂(a·b)/∂a = b", "∂(a·b)/∂b = a"],
    arity: 2,
    dtype: "arithmetic",
    expr: (x) => E.mul(x0(x), x1(x)),
  },
  /** `a / b` (true division) */
  div: {
    derivative: ["∂(a/b)/∂a = 1/b", "∂(a/b)/∂b = −a/b²"],
    arity: 2,
    dtype: "float",
    expr: (x) => E.div(x0(x), x1(x)),
  },
  /** `a ** b` */
  pow: {
    derivative: ["∂(aᵇ)/∂a = b·aᵇ⁻¹", "∂(aᵇ)/∂b = aᵇ·ln a"],
    arity: 2,
    dtype: "arithmetic",
    expr: (x) => E.pow(x0(x), x1(x)),
  },
  /** larger value, NaN wins */
  maximum: {
    derivative: ["∂max(a, b)/∂a = [a > b] + ½[a = b]", "∂max(a, b)/∂b = [b > a] + ½[a = b]"],
    arity: 2,
    dtype: "same",
    expr: (x) => E.max(x0(x), x1(x)),
  },
  /** smaller value, NaN wins */
  minimum: {
    derivative: ["∂min(a, b)/∂a = [a < b] + ½[a = b]", "∂min(a, b)/∂b = [b < a] + ½[a = b]"],
    arity: 2,
    dtype: "same",
    expr: (x) => E.min(x0(x), x1(x)),
  },
  eq: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.eq(x0(x), x1(x)),
  },
  ne: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.ne(x0(x), x1(x)),
  },
  lt: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.lt(x0(x), x1(x)),
  },
  le: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.le(x0(x), x1(x)),
  },
  gt: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.gt(x0(x), x1(x)),
  },
  ge: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.ge(x0(x), x1(x)),
  },
  logicalAnd: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.and(x0(x), x1(x)),
  },
  logicalOr: {
    derivative: ["—", "—"],
    arity: 2,
    dtype: "bool",
    expr: (x) => E.or(x0(x), x1(x)),
  },
  logicalNot: {
    derivative: ["—"],
    arity: 1,
    dtype: "bool",
    expr: (x) => E.not(x0(x)),
  },
  neg: {
    derivative: ["∂(−x)/∂x = −1"],
    arity: 1,
    dtype: "arithmetic",
    expr: (x) => E.neg(x0(x)),
  },
  abs: {
    derivative: ["∂|x|/∂x = sign(x)"],
    arity: 1,
    dtype: "arithmetic",
    expr: (x) => E.abs(x0(x)),
  },
  sign: {
    derivative: ["∂sign(x)/∂x = 0"],
    arity: 1,
    dtype: "arithmetic",
    expr: (x) => E.sign(x0(x)),
  },
  square: {
    derivative: ["∂x²/∂x = 2x"],
    arity: 1,
    dtype: "arithmetic",
    expr: (x) => E.square(x0(x)),
  },
  exp: {
    derivative: ["∂eˣ/∂x = eˣ"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.exp(x0(x)),
  },
  log: {
    derivative: ["∂ln x/∂x = 1/x"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.log(x0(x)),
  },
  log1p: {
    derivative: ["∂ln(1 + x)/∂x = 1/(1 + x)"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.log1p(x0(x)),
  },
  sqrt: {
    derivative: ["∂√x/∂x = 1/(2√x)"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.sqrt(x0(x)),
  },
  sin: {
    derivative: ["∂sin x/∂x = cos x"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.sin(x0(x)),
  },
  cos: {
    derivative: ["∂cos x/∂x = −sin x"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.cos(x0(x)),
  },
  tanh: {
    derivative: ["∂tanh x/∂x = 1 − tanh² x"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.tanh(x0(x)),
  },
  sigmoid: {
    derivative: ["∂σ(x)/∂x = σ(x)·(1 − σ(x))"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.sigmoid(x0(x)),
  },
  relu: {
    derivative: ["∂relu(x)/∂x = 1 (x > 0), 0 (x ≤ 0)"],
    arity: 1,
    dtype: "arithmetic",
    expr: (x) => E.relu(x0(x)),
  },
  /** `cond ? a : b` */
  where: {
    derivative: ["—", "∂L/∂a = G·[c]", "∂L/∂b = G·[¬c]"],
    arity: 3,
    dtype: "same",
    condition: true,
    expr: (x) => E.select(x0(x), x1(x), x[2] as Expr),
  },
  /** the error function `2/√π ∫₀ˣ e^(−t²) dt` */
  erf: {
    derivative: ["∂erf x/∂x = (2/√π)·e^(−x²)"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.erf(x0(x)),
  },
  /** `log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|))`: finite for any finite x; ∂ = σ(x) */
  softplus: {
    derivative: ["∂softplus(x)/∂x = σ(x)"],
    arity: 1,
    dtype: "float",
    expr: (x) => E.add(E.max(x0(x), 0), softTail(x0(x))),
  },
  /**
   * GELU: `x·Φ(x) = ½x(1 + erf(x/√2))` (`approximate: "none"`), or PyTorch's tanh form
   * `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
   */
  gelu: {
    derivative: ["∂gelu(x)/∂x = Φ(x) + x·φ(x)"],
    arity: 1,
    dtype: "float",
    expr: (x, p) => {
      const v = x0(x);
      const inner =
        p.approximate === "tanh"
          ? E.tanh(E.mul(SQRT_2_OVER_PI, E.add(v, E.mul(0.044715, E.mul(v, E.mul(v, v))))))
          : E.erf(E.mul(v, SQRT_HALF));
      return E.mul(E.mul(v, 0.5), E.add(1, inner));
    },
  },
  /**
   * `log(eᵃ + eᵇ) = max(a, b) + log(1 + e^(−|a − b|))`; equal operands (±∞ included) give
   * `a + log 2` without forming ∞ − ∞.
   */
  logaddexp: {
    derivative: ["∂/∂a = eᵃ/(eᵃ + eᵇ)", "∂/∂b = eᵇ/(eᵃ + eᵇ)"],
    arity: 2,
    dtype: "float",
    expr: (x) => {
      const [a, b] = [x0(x), x1(x)];
      return E.select(E.eq(a, b), E.add(E.mul(E.add(a, b), 0.5), LN2), E.add(E.max(a, b), softTail(E.sub(a, b))));
    },
  },
  /**
   * The logistic loss of logits `z` against targets `t` in [0, 1], per element:
   * `−t·log σ(z) − (1 − t)·log(1 − σ(z)) = max(z, 0) − z·t + log(1 + e^(−|z|))` (finite at
   * any z; ∂/∂z = σ(z) − t).
   */
  binaryCrossEntropyWithLogits: {
    derivative: ["∂ℓ/∂z = σ(z) − t", "∂ℓ/∂t = −z"],
    arity: 2,
    dtype: "float",
    expr: (x) => {
      const [z, t] = [x0(x), x1(x)];
      return E.add(E.sub(E.max(z, 0), E.mul(z, t)), softTail(z));
    },
  },
};

/** The result dtype of an op whose operands promote to `common`. */
export function resultDType(rule: DTypeRule, common: DType): DType {
  switch (rule) {
    case "same":
      return common;
    case "arithmetic":
      return common === "bool" ? "int32" : common;
    case "float":
      return common === "float64" || common === "float32" ? common : "float32";
    case "bool":
      return "bool";
  }
}
