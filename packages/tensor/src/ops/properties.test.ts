/**
 * Property tests against deliberately naive references: every element computed from its
 * multi-index, one at a time, with no strides, no collapsing and no packing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { array } from "../creation.js";
import type { NDArray } from "../ndarray.js";
import { add, maximum, mul, sub, where } from "./elementwise.js";
import { slice } from "./indexing.js";
import { concat } from "./join.js";
import { matmul } from "./linalg.js";
import { broadcastTo, contiguous, transpose } from "./movement.js";
import { max, sum } from "./reduce.js";

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Row-major multi-index of flat position `k`. */
function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = k % shape[d];
    k = Math.floor(k / shape[d]);
  }
  return idx;
}

/** Element at a multi-index, read through the public `toArray()` nested lists. */
function at(nested: unknown, idx: readonly number[]): number {
  let v = nested;
  for (const i of idx) v = (v as unknown[])[i];
  return v as number;
}

const dims = (min: number, max: number) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: min, maxLength: max });
const ints = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 64 });

/** An int-valued float32 array (sums stay exact) of `shape` cycling through `values`. */
function filled(shape: readonly number[], values: number[]): NDArray {
  return array(
    Float32Array.from({ length: size(shape) }, (_, i) => values[i % values.length]),
    [...shape],
  );
}

describe("broadcasting elementwise ops match a per-index reference", () => {
  const ops = [
    ["add", add, (x: number, y: number) => x + y],
    ["sub", sub, (x: number, y: number) => x - y],
    ["mul", mul, (x: number, y: number) => x * y],
    ["maximum", maximum, (x: number, y: number) => Math.max(x, y)],
  ] as const;
  for (const [name, op, ref] of ops) {
    it(`${name}(a, b)[i] = ref(a[i'], b[i'']) with broadcast indices pinned to 0`, () => {
      fc.assert(
        fc.property(
          dims(1, 4),
          fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
          fc.nat(3),
          ints,
          (shape, ones, drop, values) => {
            const bShape = shape.map((d, i) => (ones[i] ? 1 : d)).slice(Math.min(drop, shape.length - 1));
            const a = filled(shape, values);
            const b = filled(bShape, [...values].reverse());
            const out = op(a, b);
            expect(out.shape).toEqual(shape);
            const A = a.toArray();
            const B = b.toArray();
            const O = out.toArray();
            for (let k = 0; k < size(shape); k++) {
              const idx = unravel(k, shape);
              const bIdx = idx.slice(idx.length - bShape.length).map((v, d) => (bShape[d] === 1 ? 0 : v));
              expect(at(O, idx)).toBe(Math.fround(ref(at(A, idx), at(B, bIdx))));
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it("where(cond, a, b) picks per index", () => {
    fc.assert(
      fc.property(dims(1, 3), ints, (shape, values) => {
        const a = filled(shape, values);
        const cond = array(
          Uint8Array.from({ length: size(shape) }, (_, i) => ((values[i % values.length] as number) > 0 ? 1 : 0)),
          shape,
        );
        const out = where(cond, a, 0).toArray();
        for (let k = 0; k < size(shape); k++) {
          const idx = unravel(k, shape);
          const v = at(a.toArray(), idx);
          expect(at(out, idx)).toBe(Math.max(v, 0));
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("reductions match a per-index reference", () => {
  it("sum and max over any set of axes, with and without keepdims", () => {
    fc.assert(
      fc.property(
        dims(1, 4),
        ints,
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (shape, values, pick, keepdims) => {
          const axes = shape.map((_, i) => i).filter((i) => pick[i]);
          const a = filled(shape, values);
          const s = sum(a, { axis: axes, keepdims: true });
          const m = max(a, { axis: axes, keepdims: true });
          const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
          const refSum = new Array<number>(size(outShape)).fill(0);
          const refMax = new Array<number>(size(outShape)).fill(Number.NEGATIVE_INFINITY);
          const A = a.toArray();
          for (let k = 0; k < size(shape); k++) {
            const idx = unravel(k, shape);
            const o = idx.map((v, i) => (axes.includes(i) ? 0 : v)).reduce((acc, v, i) => acc * outShape[i] + v, 0);
            refSum[o] += at(A, idx);
            refMax[o] = Math.max(refMax[o] as number, at(A, idx));
          }
          expect(Array.from(s.dataSync() as Float32Array)).toEqual(refSum);
          expect(Array.from(m.dataSync() as Float32Array)).toEqual(refMax);
          const dropped = sum(a, { axis: axes, keepdims });
          expect(dropped.shape).toEqual(keepdims ? outShape : shape.filter((_, i) => !axes.includes(i)));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("matmul matches a triple loop", () => {
  it("for random sizes, batches, broadcast batches and transposed operands", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.boolean(),
        (m, k, n, batch, transA, broadcastB) => {
          const values = Array.from({ length: 97 }, (_, i) => ((i * 7) % 13) - 6);
          const a = transA ? transpose(filled([batch, k, m], values), [0, 2, 1]) : filled([batch, m, k], values);
          const b = broadcastB ? filled([k, n], values.slice(3)) : filled([batch, k, n], values.slice(3));
          const out = matmul(a, b);
          expect(out.shape).toEqual([batch, m, n]);
          const A = a.toArray();
          const B = b.toArray();
          const O = out.toArray();
          for (let t = 0; t < batch; t++) {
            for (let i = 0; i < m; i++) {
              for (let j = 0; j < n; j++) {
                let acc = 0;
                for (let p = 0; p < k; p++) acc += at(A, [t, i, p]) * at(B, broadcastB ? [p, j] : [t, p, j]);
                expect(at(O, [t, i, j])).toBe(acc);
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("view ops match the explicit index mapping", () => {
  it("a permuted-then-contiguous array reads element [i…] from [perm⁻¹(i)…]", () => {
    fc.assert(
      fc.property(
        dims(1, 4).chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.shuffledSubarray(
              shape.map((_, i) => i),
              { minLength: shape.length },
            ),
          ),
        ),
        ([shape, perm]) => {
          const a = filled(
            shape,
            Array.from({ length: size(shape) }, (_, i) => i),
          );
          const t = contiguous(transpose(a, perm));
          expect(t.isContiguous).toBe(true);
          const tShape = perm.map((p) => shape[p] as number);
          const A = a.toArray();
          const flat = t.dataSync();
          for (let k = 0; k < size(tShape); k++) {
            const idx = unravel(k, tShape);
            const src = new Array<number>(shape.length);
            perm.forEach((p, d) => {
              src[p] = idx[d] as number;
            });
            expect(flat[k]).toBe(at(A, src));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("slice(start:stop:step) reads element i from start + i·step, shares storage", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: -4, max: 4 }).filter((s) => s !== 0),
        (n, start, stop, step) => {
          const base = Array.from({ length: n }, (_, i) => i);
          const a = filled([n], base.length ? base : [0]);
          const view = slice(a, `${start}:${stop}:${step}`);
          expect(view.storage).toBe(a.storage);
          // Python's own slice semantics, spelled out.
          const s0 = start < 0 ? Math.max(start + n, step > 0 ? 0 : -1) : Math.min(start, step > 0 ? n : n - 1);
          const s1 = stop < 0 ? Math.max(stop + n, step > 0 ? 0 : -1) : Math.min(stop, step > 0 ? n : n - 1);
          const expected: number[] = [];
          for (let i = s0; step > 0 ? i < s1 : i > s1; i += step) expected.push(i);
          expect(view.toArray()).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("broadcastTo reads every row from the one stored row", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), ints, (rows, cols, values) => {
        const row = filled([cols], values);
        const b = broadcastTo(row, [rows, cols]);
        expect(b.strides[0]).toBe(0);
        expect(b.toArray()).toEqual(Array.from({ length: rows }, () => row.toArray()));
      }),
    );
  });

  it("concat then slice gives back each part", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        ints,
        (r, c1, c2, values) => {
          const a = filled([r, c1], values);
          const b = filled(
            [r, c2],
            values.map((v) => -v),
          );
          const joined = concat([a, b], 1);
          expect(slice(joined, `:, :${c1}`).toArray()).toEqual(a.toArray());
          expect(slice(joined, `:, ${c1}:`).toArray()).toEqual(b.toArray());
        },
      ),
    );
  });
});
