/**
 * Elementwise expressions: the small closed set of scalar primitives every elementwise op
 * is written in, and the expression trees built from them. An op's meaning is one
 * expression (`softplus(x) = max(x, 0) + log1p(exp(−|x|))`); backends only execute
 * expressions (`Backend.map`), and autograd derives an op's gradient from the primitives'
 * derivatives below.
 *
 * Each primitive states, side by side: its arity, its JavaScript source for each compute
 * dtype, its WGSL source, and its local derivatives. The table is typed
 * `{ [P in Prim]: PrimDef }`, so a primitive missing any of these does not compile.
 *
 * Rounding: every primitive's result is rounded to the expression's compute dtype
 * (`Math.fround` for float32, `| 0` wrapping for int32), so a fused expression gives the
 * same bits as the same primitives run one array op at a time.
 *
 * Kinks and ties follow PyTorch: relu'(0) = 0, |x|'(0) = 0, maximum/minimum split the
 * gradient evenly between equal operands, `pow`'s exponent gradient is 0 where the base is
 * 0 and the exponent ≥ 0, and the base gradient is 0 where the exponent is 0.
 */
import type { DType } from "../dtype.js";

/** Primitives of one operand. */
export type UnaryPrim =
  | "neg"
  | "abs"
  | "sign"
  | "exp"
  | "log"
  | "log1p"
  | "sqrt"
  | "square"
  | "sin"
  | "cos"
  | "tanh"
  | "sigmoid"
  | "relu"
  | "erf"
  | "not";

/** Primitives of two operands. Comparisons and logical ops give 0 or 1. */
export type BinaryPrim =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "max"
  | "min"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "and"
  | "or";

/** `select(c, a, b)`: `a` where `c` is non-zero (NaN counts as true), else `b`. */
export type Prim = UnaryPrim | BinaryPrim | "select";

/** The i-th operand of the map, read at the current element (broadcast). */
export interface InputExpr {
  readonly kind: "input";
  readonly index: number;
}
/** A constant, rounded to the compute dtype. */
export interface ConstExpr {
  readonly kind: "const";
  readonly value: number;
}
export interface PrimExpr {
  readonly kind: "prim";
  readonly prim: Prim;
  readonly args: readonly Expr[];
}
export type Expr = InputExpr | ConstExpr | PrimExpr;

/**
 * One map: the expressions computed for every element, one per output. Outputs may share
 * subexpressions (object identity), which are then computed once.
 */
export interface MapProgram {
  /** Operands read; each broadcasts to the map's shape. */
  readonly arity: number;
  readonly outputs: readonly Expr[];
}

/** The WGSL scalar types expressions compute in. */
export type WgslScalar = "f32" | "i32";

export interface PrimDef {
  readonly arity: 1 | 2 | 3;
  /** Comparisons and logical ops: the result is 0 or 1 (WGSL computes a `bool`). */
  readonly boolean: boolean;
  /** JavaScript source of the unrounded value from the operands' sources. */
  js(args: readonly string[], dtype: DType): string;
  /** WGSL source of the value (of type `t`, or `bool` when `boolean`) from the operands'. */
  wgsl(args: readonly string[], t: WgslScalar): string;
  /**
   * ∂L/∂operand for each operand, as expressions of the upstream gradient `g`, the
   * operands and `self` (this primitive's own value); null where no gradient flows.
   */
  grad(g: Expr, args: readonly Expr[], self: Expr): readonly (Expr | null)[];
}

export const input = (index: number): InputExpr => ({ kind: "input", index });
export const constant = (value: number): ConstExpr => ({ kind: "const", value });

type Operand = Expr | number;
const lift = (x: Operand): Expr => (typeof x === "number" ? constant(x) : x);
const prim = (p: Prim, ...args: Operand[]): Expr => ({ kind: "prim", prim: p, args: args.map(lift) });

/** Expression builders, one per primitive, numbers lifted to constants. */
export const E = {
  neg: (x: Operand) => prim("neg", x),
  abs: (x: Operand) => prim("abs", x),
  sign: (x: Operand) => prim("sign", x),
  exp: (x: Operand) => prim("exp", x),
  log: (x: Operand) => prim("log", x),
  log1p: (x: Operand) => prim("log1p", x),
  sqrt: (x: Operand) => prim("sqrt", x),
  square: (x: Operand) => prim("square", x),
  sin: (x: Operand) => prim("sin", x),
  cos: (x: Operand) => prim("cos", x),
  tanh: (x: Operand) => prim("tanh", x),
  sigmoid: (x: Operand) => prim("sigmoid", x),
  relu: (x: Operand) => prim("relu", x),
  erf: (x: Operand) => prim("erf", x),
  not: (x: Operand) => prim("not", x),
  add: (a: Operand, b: Operand) => prim("add", a, b),
  sub: (a: Operand, b: Operand) => prim("sub", a, b),
  mul: (a: Operand, b: Operand) => prim("mul", a, b),
  div: (a: Operand, b: Operand) => prim("div", a, b),
  pow: (a: Operand, b: Operand) => prim("pow", a, b),
  max: (a: Operand, b: Operand) => prim("max", a, b),
  min: (a: Operand, b: Operand) => prim("min", a, b),
  eq: (a: Operand, b: Operand) => prim("eq", a, b),
  ne: (a: Operand, b: Operand) => prim("ne", a, b),
  lt: (a: Operand, b: Operand) => prim("lt", a, b),
  le: (a: Operand, b: Operand) => prim("le", a, b),
  gt: (a: Operand, b: Operand) => prim("gt", a, b),
  ge: (a: Operand, b: Operand) => prim("ge", a, b),
  and: (a: Operand, b: Operand) => prim("and", a, b),
  or: (a: Operand, b: Operand) => prim("or", a, b),
  select: (c: Operand, a: Operand, b: Operand) => prim("select", c, a, b),
} as const;

const int = (dtype: DType) => dtype === "int32";
/** A JS boolean as 0/1. */
const bit = (cond: string) => `(${cond} ? 1 : 0)`;
const wgslFloat = (t: WgslScalar, body: string, fallback: string) => (t === "f32" ? body : fallback);
/** NaN test in WGSL through the bits (GPU compilers may assume `x != x` is false). */
const wgslNaN = (x: string, t: WgslScalar) => (t === "f32" ? `isnan_(${x})` : "false");

/** `2/√π`, erf's derivative scale. */
const TWO_OVER_SQRT_PI = 1.1283791670955126;

const comparison = (js: string, wgsl: string): PrimDef => ({
  arity: 2,
  boolean: true,
  js: ([a, b]) => bit(`${a} ${js} ${b}`),
  wgsl: ([a, b]) => `(${a} ${wgsl} ${b})`,
  grad: () => [null, null],
});

export const PRIMS: { readonly [P in Prim]: PrimDef } = {
  /** ∂(−x) = −1 */
  neg: { arity: 1, boolean: false, js: ([x]) => `(-${x})`, wgsl: ([x]) => `(-${x})`, grad: (g) => [E.neg(g)] },
  /** ∂|x| = sign x (0 at 0) */
  abs: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.abs(${x})`,
    wgsl: ([x]) => `abs(${x})`,
    grad: (g, [x]) => [E.mul(g, E.sign(x as Expr))],
  },
  /** ∂sign x = 0 (NaN stays NaN) */
  sign: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.sign(${x})`,
    wgsl: ([x]) => `sign(${x})`,
    grad: (g) => [E.mul(g, 0)],
  },
  /** ∂eˣ = eˣ */
  exp: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.exp(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `exp(${x})`, `i32(exp(f32(${x})))`),
    grad: (g, _, self) => [E.mul(g, self)],
  },
  /** ∂ln x = 1/x */
  log: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.log(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `safe_log(${x})`, `i32(safe_log(f32(${x})))`),
    grad: (g, [x]) => [E.div(g, x as Expr)],
  },
  /** ∂ln(1 + x) = 1/(1 + x) */
  log1p: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.log1p(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `log1p_(${x})`, `i32(log1p_(f32(${x})))`),
    grad: (g, [x]) => [E.div(g, E.add(x as Expr, 1))],
  },
  /** ∂√x = 1/(2√x) (∞ at 0, as PyTorch) */
  sqrt: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.sqrt(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `safe_sqrt(${x})`, `i32(safe_sqrt(f32(${x})))`),
    grad: (g, _, self) => [E.div(g, E.mul(self, 2))],
  },
  /** ∂x² = 2x */
  square: {
    arity: 1,
    boolean: false,
    js: ([x], dtype) => (int(dtype) ? `Math.imul(${x}, ${x})` : `(${x} * ${x})`),
    wgsl: ([x]) => `(${x} * ${x})`,
    grad: (g, [x]) => [E.mul(g, E.mul(x as Expr, 2))],
  },
  /** ∂sin x = cos x */
  sin: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.sin(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `sin(${x})`, `i32(sin(f32(${x})))`),
    grad: (g, [x]) => [E.mul(g, E.cos(x as Expr))],
  },
  /** ∂cos x = −sin x */
  cos: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.cos(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `cos(${x})`, `i32(cos(f32(${x})))`),
    grad: (g, [x]) => [E.mul(g, E.neg(E.sin(x as Expr)))],
  },
  /** ∂tanh x = 1 − tanh² x */
  tanh: {
    arity: 1,
    boolean: false,
    js: ([x]) => `Math.tanh(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `tanh_(${x})`, `i32(tanh_(f32(${x})))`),
    grad: (g, _, self) => [E.mul(g, E.sub(1, E.mul(self, self)))],
  },
  /** ∂σ(x) = σ(x)(1 − σ(x)) */
  sigmoid: {
    arity: 1,
    boolean: false,
    js: ([x]) => `(1 / (1 + Math.exp(-${x})))`,
    wgsl: ([x], t) => wgslFloat(t, `sigmoid_(${x})`, `i32(sigmoid_(f32(${x})))`),
    grad: (g, _, self) => [E.mul(g, E.mul(self, E.sub(1, self)))],
  },
  /** ∂relu x = 1 for x > 0, else 0 (relu'(0) = 0); NaN stays NaN, as torch.relu */
  relu: {
    arity: 1,
    boolean: false,
    js: ([x]) => `(${x} > 0 || ${x} !== ${x} ? ${x} : 0)`,
    wgsl: ([x], t) => `select(${t}(0), ${x}, ${x} > ${t}(0) || ${wgslNaN(x as string, t)})`,
    grad: (g, [x]) => [E.mul(g, E.gt(x as Expr, 0))],
  },
  /** ∂erf x = 2/√π · e^(−x²) */
  erf: {
    arity: 1,
    boolean: false,
    js: ([x]) => `erf(${x})`,
    wgsl: ([x], t) => wgslFloat(t, `erf_(${x})`, `i32(erf_(f32(${x})))`),
    grad: (g, [x]) => [E.mul(g, E.mul(TWO_OVER_SQRT_PI, E.exp(E.neg(E.square(x as Expr)))))],
  },
  /** logical NOT of truthiness (NaN is true) */
  not: {
    arity: 1,
    boolean: true,
    js: ([x]) => bit(`${x} === 0`),
    wgsl: ([x], t) => `(${x} == ${t}(0))`,
    grad: () => [null],
  },
  /** ∂(a + b) = 1, 1 */
  add: {
    arity: 2,
    boolean: false,
    js: ([a, b]) => `(${a} + ${b})`,
    wgsl: ([a, b]) => `(${a} + ${b})`,
    grad: (g) => [g, g],
  },
  /** ∂(a − b) = 1, −1 */
  sub: {
    arity: 2,
    boolean: false,
    js: ([a, b]) => `(${a} - ${b})`,
    wgsl: ([a, b]) => `(${a} - ${b})`,
    grad: (g) => [g, E.neg(g)],
  },
  /** ∂(a·b) = b, a */
  mul: {
    arity: 2,
    boolean: false,
    js: ([a, b], dtype) => (int(dtype) ? `Math.imul(${a}, ${b})` : `(${a} * ${b})`),
    wgsl: ([a, b]) => `(${a} * ${b})`,
    grad: (g, [a, b]) => [E.mul(g, b as Expr), E.mul(g, a as Expr)],
  },
  /** ∂(a/b) = 1/b, −a/b² = −self/b */
  div: {
    arity: 2,
    boolean: false,
    js: ([a, b]) => `(${a} / ${b})`,
    wgsl: ([a, b], t) => wgslFloat(t, `(${a} / ${b})`, `i32(f32(${a}) / f32(${b}))`),
    grad: (g, [, b], self) => [E.div(g, b as Expr), E.neg(E.div(E.mul(g, self), b as Expr))],
  },
  /** ∂(aᵇ) = b·aᵇ⁻¹ (0 where b = 0), aᵇ·ln a (0 where a = 0 and b ≥ 0, as PyTorch) */
  pow: {
    arity: 2,
    boolean: false,
    js: ([a, b], dtype) => (int(dtype) ? `intPow(${a}, ${b})` : `(${a} ** ${b})`),
    wgsl: ([a, b], t) => wgslFloat(t, `pow_(${a}, ${b})`, `ipow_(${a}, ${b})`),
    grad: (g, [a, b], self) => {
      const x = a as Expr;
      const e = b as Expr;
      return [
        E.select(E.eq(e, 0), 0, E.mul(g, E.mul(e, E.pow(x, E.sub(e, 1))))),
        E.select(E.and(E.eq(x, 0), E.ge(e, 0)), 0, E.mul(g, E.mul(self, E.log(x)))),
      ];
    },
  },
  /** ∂max(a, b) = 1 to the larger operand, ½ each on ties; NaN wins (as np.maximum) */
  max: {
    arity: 2,
    boolean: false,
    js: ([a, b]) => `(${a} > ${b} || ${a} !== ${a} ? ${a} : ${b})`,
    wgsl: ([a, b], t) => `select(${b}, ${a}, ${a} > ${b} || ${wgslNaN(a as string, t)})`,
    grad: (g, [a, b]) => {
      const tie = E.mul(E.eq(a as Expr, b as Expr), 0.5);
      return [E.mul(g, E.add(E.gt(a as Expr, b as Expr), tie)), E.mul(g, E.add(E.gt(b as Expr, a as Expr), tie))];
    },
  },
  /** ∂min(a, b) = 1 to the smaller operand, ½ each on ties; NaN wins */
  min: {
    arity: 2,
    boolean: false,
    js: ([a, b]) => `(${a} < ${b} || ${a} !== ${a} ? ${a} : ${b})`,
    wgsl: ([a, b], t) => `select(${b}, ${a}, ${a} < ${b} || ${wgslNaN(a as string, t)})`,
    grad: (g, [a, b]) => {
      const tie = E.mul(E.eq(a as Expr, b as Expr), 0.5);
      return [E.mul(g, E.add(E.lt(a as Expr, b as Expr), tie)), E.mul(g, E.add(E.lt(b as Expr, a as Expr), tie))];
    },
  },
  eq: comparison("===", "=="),
  ne: comparison("!==", "!="),
  lt: comparison("<", "<"),
  le: comparison("<=", "<="),
  gt: comparison(">", ">"),
  ge: comparison(">=", ">="),
  /** logical AND of truthiness */
  and: {
    arity: 2,
    boolean: true,
    js: ([a, b]) => bit(`${a} !== 0 && ${b} !== 0`),
    wgsl: ([a, b], t) => `(${a} != ${t}(0) && ${b} != ${t}(0))`,
    grad: () => [null, null],
  },
  /** logical OR of truthiness */
  or: {
    arity: 2,
    boolean: true,
    js: ([a, b]) => bit(`${a} !== 0 || ${b} !== 0`),
    wgsl: ([a, b], t) => `(${a} != ${t}(0) || ${b} != ${t}(0))`,
    grad: () => [null, null],
  },
  /** ∂select(c, a, b) = c, ¬c (the condition gets none) */
  select: {
    arity: 3,
    boolean: false,
    js: ([c, a, b]) => `(${c} !== 0 ? ${a} : ${b})`,
    wgsl: ([c, a, b], t) => `select(${b}, ${a}, ${c} != ${t}(0))`,
    grad: (g, [c]) => [null, E.select(c as Expr, g, 0), E.select(c as Expr, 0, g)],
  },
};

/**
 * A stable text key of a program (structure and constants, shared nodes numbered), for
 * caching compiled kernels.
 */
export function programKey(program: MapProgram): string {
  const ids = new Map<Expr, number>();
  const parts: string[] = [];
  const visit = (e: Expr): number => {
    const known = ids.get(e);
    if (known !== undefined) return known;
    let text: string;
    if (e.kind === "input") text = `i${e.index}`;
    else if (e.kind === "const") text = `c${Object.is(e.value, -0) ? "-0" : String(e.value)}`;
    else text = `${e.prim}(${e.args.map(visit).join(",")})`;
    const id = parts.length;
    parts.push(text);
    ids.set(e, id);
    return id;
  };
  const roots = program.outputs.map(visit);
  return `${program.arity}|${parts.join(";")}|${roots.join(",")}`;
}

/** Every node of the program once, operands before users. */
export function topological(outputs: readonly Expr[]): Expr[] {
  const order: Expr[] = [];
  const seen = new Set<Expr>();
  // Iterative post-order: expressions can be deep (long fused chains).
  const stack: [Expr, number][] = outputs.map((e) => [e, 0] as [Expr, number]).reverse();
  while (stack.length) {
    const top = stack[stack.length - 1] as [Expr, number];
    const [e, k] = top;
    if (seen.has(e)) {
      stack.pop();
      continue;
    }
    const args = e.kind === "prim" ? e.args : [];
    if (k < args.length) {
      top[1] = k + 1;
      const next = args[k] as Expr;
      if (!seen.has(next)) stack.push([next, 0]);
    } else {
      stack.pop();
      seen.add(e);
      order.push(e);
    }
  }
  return order;
}

/** The single primitive a program applies to its operands in order, if that is all it does. */
export function singlePrim(program: MapProgram): Prim | null {
  if (program.outputs.length !== 1) return null;
  const e = program.outputs[0] as Expr;
  if (e.kind !== "prim" || e.args.length !== program.arity) return null;
  return e.args.every((a, k) => a.kind === "input" && a.index === k) ? e.prim : null;
}

/** The operand indices a program reads (some operands of a derived gradient go unused). */
export function usedInputs(program: MapProgram): Set<number> {
  const used = new Set<number>();
  for (const node of topological(program.outputs)) if (node.kind === "input") used.add(node.index);
  return used;
}
