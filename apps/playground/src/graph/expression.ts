/**
 * The graph explorer's small expression language: numbers, vectors (`[1, -2]`),
 * variables, `+ − * / ^`, unary minus, parentheses and function calls. A tokenizer and a
 * Pratt parser build an AST with source positions; `printExpression` writes it back with
 * as few parentheses as the precedences allow; `evaluateExpression` turns it into
 * @sinapse/autograd tensors, each variable one leaf that requires grad.
 *
 * Precedence, loosest first: `+ −` (left), `* /` (left), unary `−`, `^` (right), so
 * `-a^2` is `−(a²)` and `2^3^2` is `2^(3^2)`.
 */
import {
  abs,
  add,
  cos,
  div,
  exp,
  log,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  pow,
  relu,
  sigmoid,
  sin,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tanh,
  tensor,
} from "@sinapse/autograd";
import { array, type DType, ShapeError } from "@sinapse/tensor";

/** Half-open source range `[start, end)`, 0-based character offsets. */
export interface Span {
  start: number;
  end: number;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "^";

export type Expr =
  | ({ kind: "number"; value: number } & Span)
  | ({ kind: "vector"; values: number[] } & Span)
  | ({ kind: "variable"; name: string } & Span)
  | ({ kind: "negate"; operand: Expr } & Span)
  | ({ kind: "binary"; op: BinaryOp; left: Expr; right: Expr } & Span)
  | ({ kind: "call"; name: FunctionName; args: Expr[] } & Span);

/** Functions and how many arguments each takes. */
export const FUNCTIONS = {
  relu: [1],
  sigmoid: [1],
  tanh: [1],
  exp: [1],
  log: [1],
  sqrt: [1],
  square: [1],
  abs: [1],
  sin: [1],
  cos: [1],
  sum: [1],
  mean: [1],
  max: [1, 2],
  min: [1, 2],
} as const satisfies Record<string, readonly number[]>;
export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/**
 * What the parser wanted: a literal token (`")"`, `","`), or one of the kinds
 * `expression`, `number`, `end` (end of input), `(` after a function name.
 */
export type Expected = "expression" | "number" | "end" | "(" | ")" | "]" | "," | "operator";

/** Why an expression cannot be read or run; `column` is 1-based. */
export type ExpressionProblem =
  | { kind: "unexpected"; column: number; expected: Expected[]; found: string | null }
  | { kind: "badCharacter"; column: number; found: string }
  | { kind: "arity"; column: number; name: FunctionName; expected: readonly number[]; got: number }
  | { kind: "unknownFunction"; column: number; name: string }
  /** Operands whose shapes do not fit (a ShapeError from the op); `detail` is the op's own message. */
  | { kind: "shapes"; column: number; detail: string }
  | { kind: "evaluation"; column: number; detail: string };

function describeExpected(e: Expected): string {
  switch (e) {
    case "expression":
      return "an expression";
    case "number":
      return "a number";
    case "end":
      return "the end of the input";
    case "operator":
      return "an operator";
    default:
      return `'${e}'`;
  }
}

/** English text of a problem (the page translates the structured fields instead). */
export function describeProblem(p: ExpressionProblem): string {
  switch (p.kind) {
    case "unexpected":
      return `expected ${p.expected.map(describeExpected).join(" or ")} at column ${p.column}, found ${p.found === null ? "the end of the input" : `'${p.found}'`}`;
    case "badCharacter":
      return `unexpected character '${p.found}' at column ${p.column}`;
    case "arity":
      return `${p.name} takes ${p.expected.join(" or ")} argument(s), got ${p.got} at column ${p.column}`;
    case "unknownFunction":
      return `unknown function '${p.name}' at column ${p.column} (known: ${Object.keys(FUNCTIONS).join(", ")})`;
    case "shapes":
      return `the shapes do not fit at column ${p.column}: ${p.detail}`;
    case "evaluation":
      return `cannot evaluate at column ${p.column}: ${p.detail}`;
  }
}

/** A typed error carrying the problem and its position. */
export class ExpressionError extends Error {
  readonly problem: ExpressionProblem;
  constructor(problem: ExpressionProblem) {
    super(describeProblem(problem));
    this.name = "ExpressionError";
    this.problem = problem;
  }
  get column(): number {
    return this.problem.column;
  }
}

// ---------------------------------------------------------------- tokenizer

export type TokenKind = "number" | "name" | "op" | "(" | ")" | "[" | "]" | "," | "end";

export interface Token extends Span {
  kind: TokenKind;
  text: string;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Tokens of `source`, ending with an `end` token. @throws ExpressionError on a stray character. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ kind: "number", text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: "name", text: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const op = c === "−" ? "-" : c === "×" || c === "·" ? "*" : c === "÷" ? "/" : c;
    if ("+-*/^".includes(op)) {
      tokens.push({ kind: "op", text: op, start: i, end: i + 1 });
    } else if (op === "(" || op === ")" || op === "[" || op === "]" || op === ",") {
      tokens.push({ kind: op, text: op, start: i, end: i + 1 });
    } else {
      throw new ExpressionError({ kind: "badCharacter", column: i + 1, found: c });
    }
    i++;
  }
  tokens.push({ kind: "end", text: "", start: source.length, end: source.length });
  return tokens;
}

// ---------------------------------------------------------------- parser

/** Binding powers: left (how tightly an operator holds what is on its left) and right. */
const INFIX: Record<BinaryOp, [number, number]> = {
  "+": [10, 11],
  "-": [10, 11],
  "*": [20, 21],
  "/": [20, 21],
  "^": [41, 40],
};
const PREFIX_MINUS = 30;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.pos++;
    return t;
  }

  private fail(expected: Expected[], at: Token = this.peek()): never {
    throw new ExpressionError({
      kind: "unexpected",
      column: at.start + 1,
      expected,
      found: at.kind === "end" ? null : at.text,
    });
  }

  private expect(kind: ")" | "]" | "(", also: Expected[] = []): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail([...also, kind]);
    return this.next();
  }

  parseAll(): Expr {
    if (this.peek().kind === "end") this.fail(["expression"]);
    const e = this.expression(0);
    if (this.peek().kind !== "end") this.fail(["operator", "end"]);
    return e;
  }

  expression(minPower: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (t.kind !== "op") break;
      const op = t.text as BinaryOp;
      const [lbp, rbp] = INFIX[op];
      if (lbp < minPower) break;
      this.next();
      const right = this.expression(rbp);
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private prefix(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { kind: "number", value: Number(t.text), start: t.start, end: t.end };
      case "op":
        if (t.text === "-") {
          const operand = this.expression(PREFIX_MINUS);
          return { kind: "negate", operand, start: t.start, end: operand.end };
        }
        if (t.text === "+") return this.expression(PREFIX_MINUS);
        break;
      case "(": {
        const inner = this.expression(0);
        const close = this.expect(")", ["operator"]);
        return { ...inner, start: t.start, end: close.end };
      }
      case "[":
        return this.vector(t);
      case "name":
        if (isFunctionName(t.text)) return this.call(t, t.text);
        // A name followed by "(" is a call of a function we do not have, not a variable.
        if (this.peek().kind === "(") {
          throw new ExpressionError({ kind: "unknownFunction", column: t.start + 1, name: t.text });
        }
        return { kind: "variable", name: t.text, ...span(t) };
      default:
        break;
    }
    return this.fail(["expression"], t);
  }

  private vector(open: Token): Expr {
    const values: number[] = [];
    for (;;) {
      let sign = 1;
      if (this.peek().kind === "op" && this.peek().text === "-") {
        this.next();
        sign = -1;
      }
      const t = this.peek();
      if (t.kind !== "number") this.fail(["number"]);
      this.next();
      values.push(sign * Number(t.text));
      if (this.peek().kind === ",") {
        this.next();
        continue;
      }
      const close = this.expect("]", [","]);
      return { kind: "vector", values, start: open.start, end: close.end };
    }
  }

  private call(nameToken: Token, name: FunctionName): Expr {
    this.expect("(");
    const args: Expr[] = [];
    if (this.peek().kind !== ")") {
      for (;;) {
        args.push(this.expression(0));
        if (this.peek().kind !== ",") break;
        this.next();
      }
    }
    const close = this.expect(")", args.length ? ["operator", ","] : ["expression"]);
    const arities: readonly number[] = FUNCTIONS[name];
    if (!arities.includes(args.length)) {
      throw new ExpressionError({
        kind: "arity",
        column: nameToken.start + 1,
        name,
        expected: arities,
        got: args.length,
      });
    }
    return { kind: "call", name, args, start: nameToken.start, end: close.end };
  }
}

function span(t: Token): Span {
  return { start: t.start, end: t.end };
}

/**
 * The AST of `source`.
 * @example parseExpression("relu(w * x + b)").kind // "call"
 * @throws ExpressionError with the 1-based column and what was expected there.
 */
export function parseExpression(source: string): Expr {
  return new Parser(tokenize(source)).parseAll();
}

// ---------------------------------------------------------------- printer

function precedence(e: Expr): number {
  if (e.kind === "binary") return (INFIX[e.op] as [number, number])[0];
  if (e.kind === "negate") return PREFIX_MINUS;
  return 100;
}

function printNumber(v: number): string {
  return String(v);
}

/** The expression as text, with the parentheses its structure needs and no others. */
export function printExpression(e: Expr): string {
  switch (e.kind) {
    case "number":
      return printNumber(e.value);
    case "vector":
      return `[${e.values.map(printNumber).join(", ")}]`;
    case "variable":
      return e.name;
    case "negate": {
      const inner = printExpression(e.operand);
      return precedence(e.operand) < PREFIX_MINUS ? `-(${inner})` : `-${inner}`;
    }
    case "binary": {
      const p = precedence(e);
      const rightAssoc = e.op === "^";
      const lp = precedence(e.left);
      const rp = precedence(e.right);
      const leftNeeds = lp < p || (lp === p && rightAssoc) || (e.op === "^" && e.left.kind === "negate");
      const rightNeeds = rp < p || (rp === p && !rightAssoc);
      const l = printExpression(e.left);
      const r = printExpression(e.right);
      const sep = e.op === "^" ? "" : " ";
      return `${leftNeeds ? `(${l})` : l}${sep}${e.op}${sep}${rightNeeds ? `(${r})` : r}`;
    }
    case "call":
      return `${e.name}(${e.args.map(printExpression).join(", ")})`;
  }
}

/** The AST without positions, for comparing structures. */
export function stripSpans(e: Expr): unknown {
  switch (e.kind) {
    case "number":
      return { kind: e.kind, value: e.value };
    case "vector":
      return { kind: e.kind, values: e.values };
    case "variable":
      return { kind: e.kind, name: e.name };
    case "negate":
      return { kind: e.kind, operand: stripSpans(e.operand) };
    case "binary":
      return { kind: e.kind, op: e.op, left: stripSpans(e.left), right: stripSpans(e.right) };
    case "call":
      return { kind: e.kind, name: e.name, args: e.args.map(stripSpans) };
  }
}

/** Variable names in order of first appearance. */
export function variablesOf(e: Expr): string[] {
  const names: string[] = [];
  const visit = (x: Expr): void => {
    switch (x.kind) {
      case "variable":
        if (!names.includes(x.name)) names.push(x.name);
        return;
      case "negate":
        visit(x.operand);
        return;
      case "binary":
        visit(x.left);
        visit(x.right);
        return;
      case "call":
        x.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(e);
  return names;
}

// ---------------------------------------------------------------- evaluation

/** A variable's value: a number or a small vector. */
export type VariableValue = number | number[];

export interface Evaluated {
  output: Tensor;
  /** One leaf per variable (requires grad), by name. */
  variables: Map<string, Tensor>;
}

const UNARY: Record<Exclude<FunctionName, "max" | "min">, (x: Tensor) => Tensor> = {
  relu,
  sigmoid,
  tanh,
  exp,
  log,
  sqrt,
  square,
  abs,
  sin,
  cos,
  sum: (x) => sum(x),
  mean: (x) => mean(x),
};

const BINARY: Record<BinaryOp, (a: Tensor, b: Tensor) => Tensor> = {
  "+": add,
  "-": sub,
  "*": mul,
  "/": div,
  "^": pow,
};

/**
 * Runs `e` on autograd tensors (float64 unless `dtype` says otherwise). Every variable
 * becomes one leaf tensor named after it, requiring grad; constants are leaves that do
 * not. Operands are evaluated left to right.
 * @throws ExpressionError (`evaluation`, at the failing node's column) for a missing
 *   variable or an op that refuses its operands (e.g. vectors of different lengths).
 */
export function evaluateExpression(
  e: Expr,
  values: Readonly<Record<string, VariableValue>>,
  options: { dtype?: DType; leaves?: Map<string, Tensor> } = {},
): Evaluated {
  const dtype = options.dtype ?? "float64";
  const variables = new Map<string, Tensor>();
  const leafOf = (name: string, at: Span): Tensor => {
    const given = options.leaves?.get(name);
    if (given) {
      variables.set(name, given);
      return given;
    }
    let t = variables.get(name);
    if (!t) {
      const v = values[name];
      if (v === undefined) {
        throw new ExpressionError({ kind: "evaluation", column: at.start + 1, detail: `no value for ${name}` });
      }
      t = tensor(array(v, { dtype }), { requiresGrad: true, name });
      variables.set(name, t);
    }
    return t;
  };
  const run = (x: Expr): Tensor => {
    const guard = (fn: () => Tensor): Tensor => {
      try {
        return fn();
      } catch (err) {
        if (err instanceof ExpressionError) throw err;
        const detail = err instanceof Error ? err.message : String(err);
        const kind = err instanceof ShapeError ? "shapes" : "evaluation";
        throw new ExpressionError({ kind, column: x.start + 1, detail });
      }
    };
    switch (x.kind) {
      case "number":
        return tensor(array(x.value, { dtype }), { name: printNumber(x.value) });
      case "vector":
        return tensor(array(x.values, { dtype }), { name: printExpression(x) });
      case "variable":
        return leafOf(x.name, x);
      case "negate": {
        const a = run(x.operand);
        return guard(() => neg(a));
      }
      case "binary": {
        const a = run(x.left);
        const b = run(x.right);
        return guard(() => BINARY[x.op](a, b));
      }
      case "call": {
        const args = x.args.map(run);
        if (x.name === "max" || x.name === "min") {
          const [a, b] = args as [Tensor, Tensor | undefined];
          if (b === undefined) return guard(() => (x.name === "max" ? max(a) : min(a)));
          return guard(() => (x.name === "max" ? maximum(a, b) : minimum(a, b)));
        }
        const f = UNARY[x.name];
        return guard(() => f(args[0] as Tensor));
      }
    }
  };
  const output = run(e);
  return { output, variables };
}

/**
 * A variable's value from text: a number (`-1.5`) or a vector (`[1, 2]` or `1, 2`).
 * Returns null for anything else.
 */
export function parseValue(text: string): VariableValue | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const inner = trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.slice(1, -1) : trimmed;
  const parts = inner.split(",").map((p) => p.trim());
  const numbers = parts.map((p) => (p === "" ? Number.NaN : Number(p)));
  if (numbers.some((n) => !Number.isFinite(n))) return null;
  if (numbers.length === 1 && !trimmed.startsWith("[")) return numbers[0] as number;
  return numbers;
}

/** A value as the text an input shows. */
export function formatValue(v: VariableValue): string {
  return Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
}
