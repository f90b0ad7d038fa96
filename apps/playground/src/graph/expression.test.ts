import { grad, type Tensor } from "@sinapse/autograd";
import { array } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Expr,
  ExpressionError,
  evaluateExpression,
  parseExpression,
  parseValue,
  printExpression,
  stripSpans,
  tokenize,
  variablesOf,
} from "./expression.js";

const shape = (source: string) => stripSpans(parseExpression(source));
const printed = (source: string) => printExpression(parseExpression(source));

function errorOf(source: string): ExpressionError {
  try {
    parseExpression(source);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`expected ${source} to fail`);
}

describe("tokenize", () => {
  it("reads numbers with decimals and exponents, names and operators with positions", () => {
    const tokens = tokenize("w1 * 2.5e-3+.5");
    expect(tokens.map((t) => [t.kind, t.text, t.start])).toEqual([
      ["name", "w1", 0],
      ["op", "*", 3],
      ["number", "2.5e-3", 5],
      ["op", "+", 11],
      ["number", ".5", 12],
      ["end", "", 14],
    ]);
  });

  it("throws badCharacter with the column for a stray character", () => {
    expect(() => tokenize("a $ b")).toThrow("unexpected character '$' at column 3");
  });
});

describe("parseExpression: precedence and associativity", () => {
  it("says 'unknown function' for foo(x) (it said 'expected an operator')", () => {
    expect(() => parseExpression("1 + foo(x)")).toThrow(
      expect.objectContaining({ problem: { kind: "unknownFunction", column: 5, name: "foo" } }),
    );
  });

  it("binds * tighter than +", () => {
    expect(printed("a + b * c")).toBe("a + b * c");
    expect(shape("a + b * c")).toEqual(shape("a + (b * c)"));
    expect(shape("a * b + c")).toEqual(shape("(a * b) + c"));
  });

  it("makes - and / left-associative", () => {
    expect(shape("a - b - c")).toEqual(shape("(a - b) - c"));
    expect(shape("a / b / c")).toEqual(shape("(a / b) / c"));
    expect(printed("a - (b - c)")).toBe("a - (b - c)");
  });

  it("makes ^ right-associative and tighter than unary minus", () => {
    expect(shape("2 ^ 3 ^ 2")).toEqual(shape("2 ^ (3 ^ 2)"));
    expect(shape("-a ^ 2")).toEqual(shape("-(a ^ 2)"));
    expect(printed("(a ^ b) ^ c")).toBe("(a^b)^c");
    expect(printed("(-a) ^ 2")).toBe("(-a)^2");
  });

  it("reads unary minus before a product as the negated factor", () => {
    expect(shape("-a * b")).toEqual(shape("(-a) * b"));
    expect(printed("-(a * b)")).toBe("-(a * b)");
    expect(printed("a - -b")).toBe("a - -b");
  });

  it("reads calls, vectors and the examples", () => {
    expect(printed("relu(w*x+b)")).toBe("relu(w * x + b)");
    expect(printed("sigmoid(w1 * x1 + w2 * x2 + b)")).toBe("sigmoid(w1 * x1 + w2 * x2 + b)");
    expect(printed("(a + b) * (a - b)")).toBe("(a + b) * (a - b)");
    expect(printed("sum([1, -2] * v)")).toBe("sum([1, -2] * v)");
    expect(printed("max(a, b)")).toBe("max(a, b)");
  });

  it("records source positions", () => {
    const e = parseExpression("relu(w * x + b)");
    expect([e.start, e.end]).toEqual([0, 15]);
    if (e.kind !== "call") throw new Error("expected a call");
    const inner = e.args[0] as Expr;
    expect([inner.start, inner.end]).toEqual([5, 14]);
  });

  it("lists variables in order of first appearance", () => {
    expect(variablesOf(parseExpression("(a + b) * (a - b) + relu(c)"))).toEqual(["a", "b", "c"]);
  });
});

describe("parseExpression: errors name the column and what was expected", () => {
  it.each([
    ["relu(w * x", "expected an operator or ',' or ')' at column 11, found the end of the input", 11],
    ["(a + b", "expected an operator or ')' at column 7, found the end of the input", 7],
    ["a + * b", "expected an expression at column 5, found '*'", 5],
    ["", "expected an expression at column 1, found the end of the input", 1],
    ["a b", "expected an operator or the end of the input at column 3, found 'b'", 3],
    ["relu x", "expected '(' at column 6, found 'x'", 6],
    ["[1, a]", "expected a number at column 5, found 'a'", 5],
    ["max(a, b, c)", "max takes 1 or 2 argument(s), got 3 at column 1", 1],
    ["x + relu()", "relu takes 1 argument(s), got 0 at column 5", 5],
  ])("%s → %s", (source, message, column) => {
    const err = errorOf(source);
    expect(err.message).toBe(message);
    expect(err.column).toBe(column);
  });

  it("never throws anything but ExpressionError on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab1.+-*/^()[], relu"), maxLength: 20 }), (source) => {
        try {
          parseExpression(source);
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
        }
      }),
    );
  });
});

const NAMES = ["a", "b", "x", "w1"];
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: 0, max: 99 }).map((value): Expr => ({ kind: "number", value, start: 0, end: 0 })),
    fc.constantFrom(...NAMES).map((name): Expr => ({ kind: "variable", name, start: 0, end: 0 })),
    tie("e").map((operand): Expr => ({ kind: "negate", operand, start: 0, end: 0 })),
    fc
      .tuple(fc.constantFrom("+", "-", "*", "/", "^" as const), tie("e"), tie("e"))
      .map(([op, left, right]): Expr => ({ kind: "binary", op, left, right, start: 0, end: 0 })),
    fc
      .tuple(fc.constantFrom("relu", "tanh", "exp" as const), tie("e"))
      .map(([name, arg]): Expr => ({ kind: "call", name, args: [arg], start: 0, end: 0 })),
  ),
})).e;

describe("printExpression", () => {
  it("round-trips: parse(print(e)) has the structure of e", () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        expect(shape(printExpression(e))).toEqual(stripSpans(e));
      }),
      { numRuns: 300 },
    );
  });

  it("is a fixed point after one parse", () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const once = printExpression(e);
        expect(printed(once)).toBe(once);
      }),
    );
  });
});

describe("evaluateExpression", () => {
  it("computes relu(w * x + b) with one leaf per variable", () => {
    const { output, variables } = evaluateExpression(parseExpression("relu(w * x + b)"), { w: 3, x: 2, b: -1 });
    expect(output.item()).toBe(5);
    expect([...variables.keys()]).toEqual(["w", "x", "b"]);
    expect(variables.get("w")?.requiresGrad).toBe(true);
  });

  it("uses one leaf for a variable used twice", () => {
    const { output, variables } = evaluateExpression(parseExpression("(a + b) * (a - b)"), { a: 3, b: 2 });
    expect(output.item()).toBe(5);
    expect(variables.size).toBe(2);
  });

  it("follows precedence: 2 ^ 3 ^ 2 = 512 and -2 ^ 2 = -4", () => {
    expect(evaluateExpression(parseExpression("2 ^ 3 ^ 2"), {}).output.item()).toBe(512);
    expect(evaluateExpression(parseExpression("-2 ^ 2"), {}).output.item()).toBe(-4);
  });

  it("evaluates vectors and reductions", () => {
    const { output } = evaluateExpression(parseExpression("sum([1, 2] * v) + mean(v) + max(v)"), { v: [3, 5] });
    expect(output.item()).toBe(13 + 4 + 5);
  });

  it("reports a shape mismatch as a shapes problem at the operator's node", () => {
    const run = () => evaluateExpression(parseExpression("a + [1, 2, 3] * v"), { a: 1, v: [1, 2] });
    expect(run).toThrow(ExpressionError);
    try {
      run();
    } catch (err) {
      expect((err as ExpressionError).problem.kind).toBe("shapes");
      expect((err as ExpressionError).column).toBe(5);
    }
  });

  it("reports a missing variable value", () => {
    expect(() => evaluateExpression(parseExpression("a + q"), { a: 1 })).toThrow("no value for q");
  });
});

/** ∂f/∂v by central differences in float64. */
function finiteDifference(source: string, values: Record<string, number>, name: string, h = 1e-6): number {
  const e = parseExpression(source);
  const at = (delta: number) =>
    evaluateExpression(e, { ...values, [name]: (values[name] as number) + delta }).output.item();
  return (at(h) - at(-h)) / (2 * h);
}

describe("gradients of expressions", () => {
  const cases: [string, Record<string, number>][] = [
    ["relu(w * x + b)", { w: 3, x: 2, b: -1 }],
    ["sigmoid(w1 * x1 + w2 * x2 + b)", { w1: 0.5, x1: 1.5, w2: -1, x2: 0.25, b: 0.1 }],
    ["(a + b) * (a - b)", { a: 3, b: 2 }],
    ["tanh(a) / (1 + exp(-b)) - log(square(a) + 1)", { a: 0.7, b: -0.3 }],
    ["a ^ b - sqrt(b) * abs(a - 2)", { a: 1.3, b: 2.2 }],
    ["max(a, b) * min(a, 2 * b) + sin(a) * cos(b)", { a: 0.4, b: 1.1 }],
  ];

  it.each(cases)("%s matches autograd's grad and finite differences", (source, values) => {
    const e = parseExpression(source);
    const names = variablesOf(e);
    const fn = (...args: Tensor[]) =>
      evaluateExpression(e, values, { leaves: new Map(names.map((n, i) => [n, args[i] as Tensor])) }).output;
    const grads = grad(fn, { argnums: names.map((_, i) => i) })(
      ...names.map((n) => array(values[n] as number, { dtype: "float64" })),
    ) as Tensor[];
    names.forEach((name, i) => {
      const g = (grads[i] as Tensor).value.dataSync()[0] as number;
      expect(Math.abs(g - finiteDifference(source, values, name))).toBeLessThan(1e-5);
    });
  });
});

describe("parseValue", () => {
  it("reads numbers and vectors, and refuses the rest", () => {
    expect(parseValue(" -1.5 ")).toBe(-1.5);
    expect(parseValue("[1, 2]")).toEqual([1, 2]);
    expect(parseValue("1, 2")).toEqual([1, 2]);
    expect(parseValue("[3]")).toEqual([3]);
    expect(parseValue("")).toBeNull();
    expect(parseValue("abc")).toBeNull();
    expect(parseValue("[1,,2]")).toBeNull();
  });
});
