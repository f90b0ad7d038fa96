/**
 * The expression layer: every primitive's compiled kernel gives the bits of the backend's
 * hand-written kernel for it, a fused expression gives the bits of the same primitives run
 * one array op at a time, and the op and primitive tables refuse incomplete entries at
 * compile time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { array } from "../creation.js";
import type { DType } from "../dtype.js";
import * as nd from "../index.js";
import type { NDArray } from "../ndarray.js";
import { ELEMENTWISE, type ElementwiseDef, type ElementwiseName } from "../ops/table.js";
import { runMap } from "./compile.js";
import { E, type Expr, input, type MapProgram, PRIMS, type Prim, type PrimDef, programKey } from "./expr.js";

const SPECIALS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -2.5,
  3,
  1e-30,
  -1e30,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

function bits(a: NDArray): number[] {
  return Array.from(a.dataSync() as ArrayLike<number>, (v) => (Object.is(v, -0) ? -1e-300 : v));
}

/** The compiled generic kernel, never a fast path. */
function generic(program: MapProgram, inputs: NDArray[], dtype: DType, outType: DType): NDArray {
  const out = nd.zeros([...(inputs[0]?.shape ?? [])], { dtype: outType });
  runMap(program, inputs, out.shape, dtype, [out]);
  return out;
}

const floats = fc.array(fc.oneof(fc.double(), fc.constantFrom(...SPECIALS)), { minLength: 1, maxLength: 40 });
const ints = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 });

describe("primitives", () => {
  const table: [Prim, ElementwiseName][] = [
    ["add", "add"],
    ["sub", "sub"],
    ["mul", "mul"],
    ["div", "div"],
    ["pow", "pow"],
    ["max", "maximum"],
    ["min", "minimum"],
    ["eq", "eq"],
    ["ne", "ne"],
    ["lt", "lt"],
    ["le", "le"],
    ["gt", "gt"],
    ["ge", "ge"],
    ["and", "logicalAnd"],
    ["or", "logicalOr"],
    ["not", "logicalNot"],
    ["neg", "neg"],
    ["abs", "abs"],
    ["sign", "sign"],
    ["square", "square"],
    ["exp", "exp"],
    ["log", "log"],
    ["log1p", "log1p"],
    ["sqrt", "sqrt"],
    ["sin", "sin"],
    ["cos", "cos"],
    ["tanh", "tanh"],
    ["sigmoid", "sigmoid"],
    ["relu", "relu"],
  ];

  it.each(table)(
    "%s: the compiled expression gives the hand-written kernel's bits (float32, float64, int32)",
    (prim, op) => {
      const def = ELEMENTWISE[op];
      fc.assert(
        fc.property(floats, ints, (fs, is) => {
          for (const [dtype, data] of [
            ["float32", fs],
            ["float64", fs],
            ["int32", is],
          ] as const) {
            if (dtype === "int32" && (prim === "pow" || prim === "div")) continue; // checked ops / float results
            const a = array(data, { dtype });
            const b = array([...data].reverse(), { dtype });
            const operands = def.arity === 1 ? [a] : [a, b];
            const fast = nd.elementwise(op, operands, {} as never);
            const compute = fast.dtype === "bool" ? dtype : fast.dtype;
            const program: MapProgram = {
              arity: def.arity,
              outputs: [
                def.expr(
                  operands.map((_, k) => input(k)),
                  {} as never,
                ),
              ],
            };
            expect(bits(generic(program, operands, compute, fast.dtype)), `${prim} ${dtype}`).toEqual(bits(fast));
          }
        }),
        { numRuns: 40, seed: 14 },
      );
    },
  );

  it("covers every primitive with a JS source, a WGSL source and a derivative", () => {
    for (const [name, def] of Object.entries(PRIMS)) {
      const args = Array.from({ length: def.arity }, (_, k) => `x${k}`);
      expect(def.js(args, "float32"), name).toContain("x0");
      expect(def.wgsl(args, "f32"), name).toContain("x0");
      expect(
        def.grad(
          input(9),
          args.map((_, k) => input(k)),
          input(8),
        ),
      ).toHaveLength(def.arity);
    }
  });
});

describe("fused expressions", () => {
  it("round every primitive like the op-by-op form: softplus, fused and as four ops, bit for bit", () => {
    fc.assert(
      fc.property(floats, (values) => {
        const x = array(values);
        const fused = nd.softplus(x);
        const stepwise = nd.add(nd.maximum(x, 0), nd.log1p(nd.exp(nd.neg(nd.abs(x)))));
        expect(bits(fused)).toEqual(bits(stepwise));
      }),
      { numRuns: 60, seed: 1 },
    );
  });

  it("map computes several outputs in one pass, in place, as the separate ops would", () => {
    const m = array([0.1, -0.2, 0.3]);
    const g = array([1, 2, -3]);
    const want = [nd.add(nd.mul(m, 0.9), nd.mul(g, 0.1)), nd.mul(g, g)];
    const [m2, sq] = nd.mapMany((a, b) => [E.add(E.mul(a, 0.9), E.mul(b, 0.1)), E.mul(b, b)], [m, g], {
      out: [m, nd.zeros([3])],
    });
    expect(m2).toBe(m);
    expect(bits(m)).toEqual(bits(want[0] as NDArray));
    expect(bits(sq as NDArray)).toEqual(bits(want[1] as NDArray));
  });

  it("computes a shared subexpression once and keys programs by structure", () => {
    const shared = E.exp(input(0));
    const a: MapProgram = { arity: 1, outputs: [E.add(shared, shared)] };
    const b: MapProgram = { arity: 1, outputs: [E.add(E.exp(input(0)), E.exp(input(0)))] };
    expect(programKey(a)).toBe("1|i0;exp(0);add(1,1)|2");
    expect(programKey(b)).not.toBe(programKey(a));
    expect(nd.map((x) => E.add(E.exp(x), E.exp(x)), [array([0, 1])]).toArray()).toEqual(
      nd.mapProgram(a, [array([0, 1])])[0]?.toArray(),
    );
  });

  it("broadcasts operands and reads strided views", () => {
    const x = nd.reshape(nd.arange(6), [2, 3]);
    const out = nd.map((a, b) => E.sub(E.mul(a, a), b), [x.T, array([10, 20])]);
    expect(out.toArray()).toEqual([
      [-10, -11],
      [-9, -4],
      [-6, 5],
    ]);
  });

  it("throws ValueError naming map for a function that returns no expression, ShapeError for a wrong out shape", () => {
    expect(() => nd.map((() => 3) as unknown as (x: Expr) => Expr, [array([1])])).toThrow(
      /map: the function must return expressions/,
    );
    expect(() => nd.map((x) => x, [array([1, 2])], { out: [nd.zeros([3])] })).toThrow(/map: out has shape \[3\]/);
    expect(() => nd.map((x) => x, [array([1, 2]), array([1, 2, 3])])).toThrow(nd.ShapeError);
  });
});

describe("the op and primitive tables refuse incomplete entries at compile time", () => {
  it("rejects a primitive without a derivative, an op without an expression, a table missing an op", () => {
    // @ts-expect-error a primitive must state its derivative
    const noGrad: PrimDef = { arity: 1, boolean: false, js: ([x]) => `${x}`, wgsl: ([x]) => `${x}` };
    // @ts-expect-error a primitive must state its WGSL kernel
    const noKernel: PrimDef = { arity: 1, boolean: false, js: ([x]) => `${x}`, grad: (g) => [g] };
    // @ts-expect-error an elementwise op must state its expression
    const noExpr: ElementwiseDef<"erf"> = { arity: 1, dtype: "float" };
    // @ts-expect-error the op table must have an entry for every op it names
    const partial: { readonly [Op in ElementwiseName]: ElementwiseDef<Op> } = { add: ELEMENTWISE.add };
    // @ts-expect-error the primitive table must have an entry for every primitive
    const prims: { readonly [P in Prim]: PrimDef } = { neg: PRIMS.neg };
    expect([noGrad, noKernel, noExpr, partial, prims].every((x) => typeof x === "object")).toBe(true);
  });
});
