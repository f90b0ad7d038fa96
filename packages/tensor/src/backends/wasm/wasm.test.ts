/**
 * The wasm kernels against the JS backend, the reference: random shapes (odd sizes, sizes
 * around the kernels' thresholds and tile edges), transposed, strided, reversed and
 * broadcast views, and special values. Each case computes once per backend.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { array, ones, zeros } from "../../creation.js";
import { ValueError } from "../../errors.js";
import * as ops from "../../index.js";
import {
  abs,
  add,
  div,
  exp,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  neg,
  relu,
  sigmoid,
  sqrt,
  square,
  sub,
  sum,
} from "../../index.js";
import type { NDArray } from "../../ndarray.js";
import { Random } from "../../random.js";
import { availableBackends, getBackend, getThreads, setBackend, setThreads } from "../registry.js";
import { DEFAULT_BUDGET_BYTES, Heap, MIGRATE_READS, MIN_RESIDENT_BYTES, WasmStorage } from "./heap.js";
import type { WasmBackend } from "./index.js";
import { type KernelExports, kernelBytes, type LoadedKernels, loadKernels, unshareMemoryImport } from "./module.js";
import { type WasmApi, webAssembly } from "./webassembly.js";

const hasWasm = availableBackends().includes("wasm");
const before = getBackend().name;
afterEach(() => setBackend(before));

/** `f` on the JS backend and on the wasm backend (each reading the same inputs). */
function both(f: () => NDArray): { js: NDArray; wasm: NDArray } {
  setBackend("js");
  const js = f();
  setBackend("wasm");
  const wasm = f();
  return { js, wasm };
}

function expectClose(f: () => NDArray, rtol = 1e-5, atol = 1e-6): void {
  const { js, wasm } = both(f);
  expect(wasm.shape).toEqual(js.shape);
  expect(wasm.dtype).toBe(js.dtype);
  expect(wasm).toBeAllclose(js, { rtol, atol });
}

/** Views of `a` (2-D) that read the same values through different layouts. */
function layouts(rng: Random, rows: number, cols: number): NDArray[] {
  const plain = rng.randn([rows, cols]);
  const transposed = ops.transpose(rng.randn([cols, rows]));
  const strided = ops.slice(rng.randn([rows * 2, cols + 3]), `::2, 1:${cols + 1}`);
  const reversed = ops.slice(rng.randn([rows, cols]), "::-1, ::-1");
  return [plain, transposed, strided, reversed];
}

const dim = fc.integer({ min: 1, max: 70 });

describe.skipIf(!hasWasm)("wasm backend kernels vs the JS backend", () => {
  it("lists wasm among the available backends and selects it by name", () => {
    expect(availableBackends()).toEqual(["js", "wasm"]);
    setBackend("wasm");
    expect(getBackend().name).toBe("wasm");
  });

  it("throws ValueError naming the available backends for an unknown one", () => {
    expect(() => setBackend("cuda" as "js")).toThrow(ValueError);
    expect(() => setBackend("cuda" as "js")).toThrow(/available: js, wasm/);
  });

  it("matmul matches on random shapes and every operand layout (float32 accumulation beyond 2^20)", () => {
    const big = fc.integer({ min: 90, max: 170 });
    fc.assert(
      fc.property(big, big, big, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (m, k, n, seed) => {
        const rng = new Random(seed);
        const as = layouts(rng, m, k);
        const bs = layouts(rng, k, n);
        for (let i = 0; i < as.length; i++) {
          const a = as[i] as NDArray;
          const b = bs[(i + seed) % bs.length] as NDArray;
          expectClose(() => ops.matmul(a, b), 1e-4, 1e-4 * Math.sqrt(k));
        }
      }),
      { numRuns: 12 },
    );
  });

  it("matmul up to 2^20 multiply-adds is bit-identical to the JS backend (float64 accumulation)", () => {
    fc.assert(
      fc.property(dim, dim, dim, fc.integer({ min: 0, max: 1000 }), (m, k, n, seed) => {
        const rng = new Random(seed);
        const a = layouts(rng, m, k)[seed % 4] as NDArray;
        const b = layouts(rng, k, n)[(seed >> 2) % 4] as NDArray;
        const { js, wasm } = both(() => ops.matmul(a, b));
        expect(wasm.toArray()).toEqual(js.toArray());
      }),
      { numRuns: 40 },
    );
  });

  it("matmul matches for batches with broadcasting, vectors and k = 0", () => {
    const rng = new Random(3);
    const a = rng.randn([3, 1, 17, 40]);
    const b = rng.randn([5, 40, 33]);
    expectClose(() => ops.matmul(a, b), 1e-4, 1e-3);
    const strided = ops.slice(rng.randn([5, 40, 90]), ":, :, ::3");
    expectClose(() => ops.matmul(ops.transpose(b, [0, 2, 1]), strided), 1e-4, 1e-3);
    const [v, w] = [rng.randn([300]), rng.randn([300, 40])];
    expectClose(() => ops.matmul(v, w), 1e-4, 1e-3);
    expectClose(() => ops.matmul(ops.transpose(w), v), 1e-4, 1e-3);
    expectClose(() => ops.matmul(zeros([64, 0]), zeros([0, 100])));
  });

  it("matmul of a large product grows the memory and later ops still read it correctly", () => {
    const rng = new Random(4);
    const a = rng.randn([600, 700]);
    const b = rng.randn([700, 650]);
    expectClose(() => ops.matmul(a, b), 1e-4, 1e-3);
    expectClose(() => ops.add(a, 1));
  });

  it("leaves other dtypes to the JS kernels (int32 and float64 matmul are exact)", () => {
    const a = ops.astype(new Random(5).randint(-9, 9, [40, 50]), "int32");
    const b = ops.astype(new Random(6).randint(-9, 9, [50, 30]), "int32");
    const { js, wasm } = both(() => ops.matmul(a, b));
    expect(wasm.dtype).toBe("int32");
    expect(wasm.toArray()).toEqual(js.toArray());
    const { js: j64, wasm: w64 } = both(() => ops.matmul(ops.astype(a, "float64"), ops.astype(b, "float64")));
    expect(w64.toArray()).toEqual(j64.toArray());
  });

  const binaries = { add, sub, mul, div, maximum, minimum };

  it("binary ops match for full, scalar, row-broadcast, column-broadcast and strided operands", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom(...Object.values(binaries)),
        fc.integer({ min: 0, max: 1000 }),
        (rows, cols, f, seed) => {
          const rng = new Random(seed);
          const [a, t] = layouts(rng, rows, cols) as [NDArray, NDArray];
          const row = rng.randn([cols]);
          const column = rng.randn([rows, 1]);
          const s = rng.randn([]);
          expectClose(() => f(a, t));
          expectClose(() => f(a, row));
          expectClose(() => f(row, a));
          expectClose(() => f(a, column));
          expectClose(() => f(column, a));
          expectClose(() => f(ops.reshape(a, [1, rows, cols]), ops.reshape(column, [1, rows, 1])));
          expectClose(() => f(a, s));
          expectClose(() => f(s, a));
          expectClose(() => f(a, 1.5));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("comparisons match for full and scalar operands, NaN included, and bool → float32 too", () => {
    const rng = new Random(14);
    const x = rng.randn([40, 37]);
    x.set("1, 2", Number.NaN);
    x.set("3", 0);
    const y = rng.randn([40, 37]);
    for (const f of [ops.eq, ops.ne, ops.lt, ops.le, ops.gt, ops.ge]) {
      for (const [a, b] of [
        [x, y],
        [x, 0],
        [0, x],
        [x, ops.slice(y, "::-1")],
        [x, ops.slice(y, "0")],
      ] as const) {
        const { js, wasm } = both(() => f(a, b));
        expect(wasm.dtype).toBe("bool");
        expect(wasm.toArray()).toEqual(js.toArray());
        const { js: jf, wasm: wf } = both(() => ops.astype(f(a, b), "float32"));
        expect(wf.toArray()).toEqual(jf.toArray());
      }
    }
  });

  it("binary ops write into out= and in place", () => {
    const rng = new Random(8);
    const a = rng.randn([40, 50]);
    const b = rng.randn([40, 50]);
    const { js, wasm } = both(() => {
      const out = ops.copy(a);
      ops.add(out, b, { out });
      ops.mul(out, ops.slice(b, "0:1"), { out });
      return out;
    });
    expect(wasm).toBeAllclose(js, { rtol: 0, atol: 0 });
  });

  it("binary ops keep NaN, ±Infinity and division by zero as the JS backend", () => {
    const specials = array(
      Array.from({ length: 1024 }, (_, i) => [Number.NaN, Infinity, -Infinity, 0, -0, 1, -2.5, 1e30][i % 8] as number),
    );
    const flipped = ops.slice(specials, "::-1");
    for (const f of Object.values(binaries)) {
      const { js, wasm } = both(() => f(specials, ops.contiguous(flipped)));
      expect(wasm).toBeAllclose(js, { rtol: 0, atol: 0 });
    }
  });

  const unaries = { neg, abs, sqrt, square, relu, exp, sigmoid };

  it("unary ops match on random sizes and on special values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(...Object.values(unaries)), (n, f) => {
        const x = ops.mul(new Random(n).randn([n]), 10);
        // exp and sigmoid compute in float64 and round once, like the JS backend: equal bits.
        const { js, wasm } = both(() => f(x));
        expect(wasm.toArray()).toEqual(js.toArray());
      }),
      { numRuns: 60 },
    );
    const specials = array(
      Array.from(
        { length: 600 },
        (_, i) => [Number.NaN, Infinity, -Infinity, 0, -0, 88.5, 89, -87, -104, 1e-8, -1e-8, 30][i % 12] as number,
      ),
    );
    for (const f of Object.values(unaries)) {
      const { js, wasm } = both(() => f(specials));
      expect(wasm.toArray()).toEqual(js.toArray());
    }
  });

  it("unary ops of strided views and into out= match", () => {
    const x = ops.slice(new Random(9).randn([100, 40]), "::3, ::-2");
    for (const f of Object.values(unaries)) expectClose(() => f(x), 4e-7, 1e-30);
    const { js, wasm } = both(() => {
      const out = ops.abs(new Random(10).randn([50, 40]));
      ops.sqrt(out, { out });
      return out;
    });
    expect(wasm).toBeAllclose(js, { rtol: 0, atol: 0 });
  });

  it("sum, max and min match over leading, trailing, middle and all axes", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 4 }), (shape) => {
        const x = new Random(shape.length).randn(shape);
        const axesList: (number | number[] | undefined)[] = [undefined, 0, -1, shape.length > 2 ? [0, 1] : 0];
        if (shape.length > 2) axesList.push(1, [1, 2]);
        for (const axis of axesList) {
          for (const f of [sum, max, min, mean]) {
            expectClose(() => f(x, { axis, keepdims: true }), 1e-6, 1e-6);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("max and min propagate NaN; a strided input falls back", () => {
    const x = new Random(11).randn([40, 30]);
    x.set("3, 7", Number.NaN);
    for (const f of [max, min]) {
      for (const axis of [0, 1]) {
        const { js, wasm } = both(() => f(x, { axis }));
        expect(wasm).toBeAllclose(js, { rtol: 0, atol: 0 });
      }
    }
    expectClose(() => ops.sum(ops.transpose(x), { axis: 1 }));
  });

  it("logsumexp over a narrow last axis gives the JS backend's bits", () => {
    for (const cols of [1, 3, 5, 10]) {
      const x = ops.mul(new Random(cols).randn([300, cols]), 4);
      const { js, wasm } = both(() => ops.logsumexp(x, { axis: -1, keepdims: true }));
      expect(wasm.toArray()).toEqual(js.toArray());
    }
  });

  it("logsumexp over the last axis matches, with -Infinity and +Infinity rows", () => {
    const x = ops.mul(new Random(12).randn([64, 37]), 20);
    expectClose(() => ops.logsumexp(x, { axis: -1 }), 1e-6, 1e-5);
    expectClose(() => ops.logsumexp(x, { axis: -1, keepdims: true }), 1e-6, 1e-5);
    const special = ops.copy(x);
    special.set("0", -Infinity);
    special.set("1, 3", Infinity);
    special.set("2, 5", Number.NaN);
    const { js, wasm } = both(() => ops.logsumexp(special, { axis: 1 }));
    expect(wasm).toBeAllclose(js, { rtol: 1e-6, atol: 1e-5 });
  });

  it("operands made under one backend are read by the other", () => {
    setBackend("wasm");
    const a = ones([30, 40]);
    setBackend("js");
    const b = ops.mul(a, 3);
    setBackend("wasm");
    expect(ops.sum(ops.matmul(b, ops.transpose(a))).item()).toBe(3 * 40 * 30 * 30);
  });
});

describe.skipIf(!hasWasm)("wasm backend threads", () => {
  it("splits a large product between threads with the same result, bit for bit", async () => {
    setBackend("wasm");
    const rng = new Random(13);
    const a = rng.randn([300, 260]);
    const b = ops.transpose(rng.randn([270, 260]));
    setThreads(1);
    const single = ops.matmul(a, b).toArray();
    setThreads(2);
    for (let i = 0; i < 200 && getThreads() < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(getThreads()).toBe(2);
    for (let i = 0; i < 3; i++) expect(ops.matmul(a, b).toArray()).toEqual(single);
    setThreads(1);
    expect(getThreads()).toBe(1);
  });

  it("setThreads rejects counts that are not integers from 1 to 8", () => {
    for (const bad of [0, 9, 1.5, Number.NaN]) expect(() => setThreads(bad)).toThrow(ValueError);
  });
});

describe.skipIf(!hasWasm)("wasm module loading", () => {
  it("reads kernels.wasm beside the module as a WebAssembly binary", () => {
    const bytes = kernelBytes();
    expect(bytes).not.toBeNull();
    expect([...(bytes as Uint8Array).subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  });

  it("reads the same bytes with a synchronous request where there is no fs (browsers, workers)", () => {
    const fromFs = kernelBytes() as Uint8Array;
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    const requested: string[] = [];
    // A request as a browser answers it with charset=x-user-defined: bytes ≥ 0x80 come back as
    // chars U+F780–U+F7FF, which the loader masks back to one byte each.
    class FakeRequest {
      status = 0;
      responseText = "";
      private url = "";
      open(_method: string, url: string) {
        this.url = url;
      }
      overrideMimeType(mime: string) {
        expect(mime).toBe("text/plain; charset=x-user-defined");
      }
      send() {
        requested.push(this.url);
        const bytes = readFileSync(new URL(this.url));
        this.responseText = Array.from(bytes, (b) => String.fromCharCode(b < 0x80 ? b : 0xf700 + b)).join("");
        this.status = 200;
      }
    }
    proc.getBuiltinModule = undefined;
    (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeRequest;
    try {
      expect(kernelBytes()).toEqual(fromFs);
      expect(requested).toHaveLength(1);
      expect(requested[0]).toMatch(/\/kernels\.wasm$/);
    } finally {
      proc.getBuiltinModule = saved;
      delete (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
    }
  });

  it("rewrites the shared memory import into a plain one that validates", () => {
    const bytes = kernelBytes() as Uint8Array<ArrayBuffer>;
    const plain = unshareMemoryImport(bytes);
    expect(plain).not.toBeNull();
    const wa = webAssembly() as WasmApi;
    expect(wa.validate(plain as Uint8Array<ArrayBuffer>)).toBe(true);
    const memory = new wa.Memory({ initial: 1, maximum: 16384, shared: false });
    const instance = new wa.Instance(new wa.Module(plain as Uint8Array<ArrayBuffer>), { env: { memory } });
    expect(typeof (instance.exports as Record<string, unknown>).gemmPacked).toBe("function");
  });

  it("returns null for bytes whose memory import is not shared", () => {
    const bytes = kernelBytes() as Uint8Array<ArrayBuffer>;
    const plain = unshareMemoryImport(bytes) as Uint8Array<ArrayBuffer>;
    expect(unshareMemoryImport(plain)).toBeNull();
  });
});

/** A heap over fresh kernels; `shared: false` instantiates the unshared module (whose buffer detaches on growth). */
function freshHeap(shared = true): Heap {
  const heap = shared ? new Heap(loadKernels() as LoadedKernels) : unsharedHeap();
  heap.setBudget(DEFAULT_BUDGET_BYTES); // whatever SINAPSE_WASM_BUDGET says
  return heap;
}

function unsharedHeap(): Heap {
  const wa = webAssembly() as WasmApi;
  const bytes = unshareMemoryImport(kernelBytes() as Uint8Array<ArrayBuffer>);
  const module = new wa.Module(bytes as Uint8Array<ArrayBuffer>);
  const memory = new wa.Memory({ initial: 16, maximum: 16384, shared: false });
  const exports = new wa.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  return new Heap({ module, memory, exports, shared: false });
}

/** A storage's byte address in `heap` (pinning it for the current op). */
function addressOf(heap: Heap, s: WasmStorage): number {
  return s.addressIn(heap);
}

function wasmBackend(): WasmBackend {
  setBackend("wasm");
  return getBackend() as WasmBackend;
}

describe.skipIf(!hasWasm)("wasm storage in linear memory", () => {
  // The default budget, whatever SINAPSE_WASM_BUDGET says (the suites also run with tiny ones).
  let saved = DEFAULT_BUDGET_BYTES;
  beforeEach(() => {
    saved = wasmBackend().memoryInfo().budgetBytes;
    wasmBackend().setMemoryBudget(DEFAULT_BUDGET_BYTES);
  });
  afterEach(() => wasmBackend().setMemoryBudget(saved));

  it("keeps large arrays resident, small ones in JS memory, and round-trips elements through view()", () => {
    const heap = freshHeap();
    const big = heap.storage("float32", 5000, true);
    const small = heap.storage("float32", MIN_RESIDENT_BYTES / 4 - 16, true);
    expect(big.resident).toBe(true);
    expect(small.resident).toBe(false);
    expect(addressOf(heap, big) % 64).toBe(0);
    expect(Array.from(big.view().subarray(0, 4))).toEqual([0, 0, 0, 0]);
    big.view().set([1.5, -2, 3], 10);
    expect(Array.from(big.view().subarray(10, 13))).toEqual([1.5, -2, 3]);
    for (const dtype of ["float64", "int32", "bool"] as const) {
      const s = heap.storage(dtype, 16384, true);
      expect(s.resident).toBe(true);
      s.view()[16383] = 1;
      expect(s.view()[16383]).toBe(1);
      expect(s.view().constructor).toBe({ float64: Float64Array, int32: Int32Array, bool: Uint8Array }[dtype]);
    }
    expect(heap.info().residentBytes).toBe(20032 + 16384 + 4 * 16384 + 8 * 16384);
  });

  it("zero-fills a reused block for alloc()", () => {
    const heap = freshHeap();
    const a = heap.storage("float32", 4096, true);
    a.view().fill(7);
    const at = addressOf(heap, a);
    a.dispose();
    const b = heap.storage("float32", 4096, true);
    expect(addressOf(heap, b)).toBe(at);
    expect(b.view().every((x) => x === 0)).toBe(true);
  });

  it.each([true, false])("re-creates views after the memory grows (shared memory: %s)", (shared) => {
    const heap = freshHeap(shared);
    const a = heap.storage("float32", 5000, true);
    a.view().set([1, 2, 3]);
    const stale = a.view();
    const before = heap.info().memoryBytes;
    const huge = heap.storage("float32", 8 * 2 ** 20, true); // 32 MiB: the memory must grow
    expect(heap.info().memoryBytes).toBeGreaterThan(before);
    if (!shared) expect(stale.length).toBe(0); // an unshared memory's old buffer is detached
    expect(a.view() === stale).toBe(false);
    expect(Array.from(a.view().subarray(0, 3))).toEqual([1, 2, 3]);
    expect(a.view().buffer).toBe(huge.view().buffer);
  });

  it("reuses a freed block for the next array of its size and coalesces freed neighbours", () => {
    const heap = freshHeap();
    const [a, b, c] = [0, 1, 2].map(() => heap.storage("float32", 5000, false)) as [
      WasmStorage,
      WasmStorage,
      WasmStorage,
    ];
    const [pa, pb, pc] = [a, b, c].map((s) => addressOf(heap, s)) as [number, number, number];
    expect(pb - pa).toBe(20032);
    expect(pc - pb).toBe(20032);
    b.dispose();
    expect(heap.info().freeBytes).toBe(20032);
    const d = heap.storage("float32", 4500, false); // a smaller request fits the freed block
    expect(addressOf(heap, d)).toBe(pb);
    d.dispose();
    a.dispose(); // coalesces with b's block
    expect(heap.info().freeBytes).toBe(40064);
    const e = heap.storage("float32", 10000, false);
    expect(addressOf(heap, e)).toBe(pa);
    e.dispose();
    c.dispose(); // the last block: the heap shrinks back to nothing
    expect(heap.info()).toMatchObject({ residentBytes: 0, freeBytes: 0, heapBytes: 0, disposed: 5 });
  });

  it("never hands out overlapping blocks, and frees back to an empty heap (random sequences)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 4096, max: 40000 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        (steps) => {
          const heap = freshHeap();
          const live: { s: WasmStorage; at: number; bytes: number }[] = [];
          for (const [length, drop] of steps) {
            const s = heap.storage("float32", length, false);
            live.push({ s, at: addressOf(heap, s), bytes: length * 4 });
            if (drop && live.length > 1) live.splice((length * 7) % live.length, 1)[0]?.s.dispose();
            const sorted = [...live].sort((x, y) => x.at - y.at);
            for (let i = 1; i < sorted.length; i++) {
              const prev = sorted[i - 1] as (typeof sorted)[0];
              expect((sorted[i] as (typeof sorted)[0]).at).toBeGreaterThanOrEqual(prev.at + prev.bytes);
            }
            for (const x of live) expect(x.at % 64).toBe(0);
          }
          for (const x of live) x.s.dispose();
          expect(heap.info()).toMatchObject({ residentBytes: 0, freeBytes: 0, heapBytes: 0 });
        },
      ),
      { numRuns: 30 },
    );
  });

  it("setMemoryBudget throws ValueError naming bytes for a negative or fractional budget", () => {
    const backend = wasmBackend();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => backend.setMemoryBudget(bad)).toThrow(ValueError);
      expect(() => backend.setMemoryBudget(bad)).toThrow(/setMemoryBudget: bytes must be a non-negative integer/);
    }
    expect(backend.memoryInfo().budgetBytes).toBe(DEFAULT_BUDGET_BYTES); // unchanged
  });

  it("dispose() frees an array's block now; reading it afterwards throws ValueError", () => {
    const backend = wasmBackend();
    const a = ones([100, 50]);
    expect(a.storage).toBeInstanceOf(WasmStorage);
    expect((a.storage as WasmStorage).resident).toBe(true);
    const before = backend.memoryInfo();
    a.dispose();
    a.dispose(); // twice is harmless
    const after = backend.memoryInfo();
    expect(after.residentBytes).toBe(before.residentBytes - 20032);
    expect(after.disposed).toBe(before.disposed + 1);
    expect(() => a.dataSync()).toThrow(ValueError);
    expect(() => a.dataSync()).toThrow(/disposed/);
  });

  it("beyond the budget, evicts the least recently used arrays to JS memory with their elements", () => {
    const heap = freshHeap();
    heap.setBudget(64 * 1024);
    const arrays = Array.from({ length: 10 }, (_, i) => {
      heap.beginOp(); // as each op does: the previous op's arrays may be evicted
      const s = heap.storage("float32", 4096, false); // 16 KiB each
      s.view().fill(i);
      return s;
    });
    const info = heap.info();
    expect(info.residentBytes).toBeLessThanOrEqual(64 * 1024);
    expect(info.evicted).toBe(6);
    expect(info.fallbacks).toBe(0);
    arrays.forEach((s, i) => {
      expect(s.view().length).toBe(4096);
      expect(s.view().every((x) => x === i)).toBe(true);
    });
    expect(arrays.filter((s) => s.resident)).toHaveLength(4);
    // Kernels that keep reading an evicted array move it back.
    const first = arrays[0] as WasmStorage;
    for (let read = 1; read < MIGRATE_READS; read++) {
      heap.beginOp();
      expect(addressOf(heap, first)).toBe(-1);
    }
    heap.beginOp();
    expect(addressOf(heap, first)).toBeGreaterThanOrEqual(0);
    expect(first.view().every((x) => x === 0)).toBe(true);
  });

  it("keeps an op's operands resident while another operand moves in (pinned, not evicted)", () => {
    const backend = wasmBackend();
    const budget = backend.memoryInfo().budgetBytes;
    try {
      const rng = new Random(21);
      const a = zeros([10000]);
      ops.add(rng.randn([10000]), 0, { out: a }); // written in place
      const other = zeros([10000]);
      backend.setMemoryBudget(backend.memoryInfo().residentBytes + 40000); // room for one more
      const b = rng.randn([10000]); // in JS memory until kernels have read it MIGRATE_READS times
      setBackend("js");
      const expected = ops.add(a, b).dataSync();
      setBackend("wasm");
      for (let read = 1; read <= MIGRATE_READS + 1; read++) {
        expect(ops.add(a, b).dataSync()).toEqual(expected);
        expect((a.storage as WasmStorage).resident).toBe(true); // never evicted for b
      }
      expect((b.storage as WasmStorage).resident).toBe(true);
      expect((other.storage as WasmStorage).resident).toBe(true); // there was room: nothing evicted
      const evicted = backend.memoryInfo().evicted;
      const c = zeros([10000]); // no room left: an array the clock finds unread moves out
      expect((c.storage as WasmStorage).resident).toBe(true);
      expect(backend.memoryInfo().evicted).toBeGreaterThan(evicted);
      expect(backend.memoryInfo().residentBytes).toBeLessThanOrEqual(backend.memoryInfo().budgetBytes);
      // Wherever each array is now, its elements are intact.
      expect(ops.add(a, b).dataSync()).toEqual(expected);
      expect(other.dataSync().every((x) => x === 0)).toBe(true);
      expect(c.dataSync().every((x) => x === 0)).toBe(true);
    } finally {
      backend.setMemoryBudget(budget);
    }
  });

  it("gives an array larger than the budget JS memory, and ops on it match the JS backend", () => {
    const backend = wasmBackend();
    const budget = backend.memoryInfo().budgetBytes;
    try {
      backend.setMemoryBudget(0);
      const fallbacks = backend.memoryInfo().fallbacks;
      const a = zeros([70, 90]);
      expect((a.storage as WasmStorage).resident).toBe(false);
      expect(backend.memoryInfo().fallbacks).toBe(fallbacks + 1);
      const rng = new Random(5);
      ops.add(rng.randn([70, 90]), 0, { out: a });
      const b = rng.randn([90, 60]);
      const { js, wasm } = both(() => ops.relu(ops.add(ops.matmul(a, b), 1)));
      expect(wasm.toArray()).toEqual(js.toArray());
    } finally {
      backend.setMemoryBudget(budget);
    }
  });

  it("keeps memory bounded over a long synchronous training-like loop, with the JS backend's results", () => {
    const backend = wasmBackend();
    const budget = backend.memoryInfo().budgetBytes;
    try {
      backend.setMemoryBudget(4 * 2 ** 20);
      const run = () => {
        const rng = new Random(8);
        const X = rng.randn([300, 2]);
        let W = ops.mul(rng.randn([2, 64]), 0.1);
        let W2 = ops.mul(rng.randn([64, 3]), 0.1);
        const sizes: number[] = [];
        for (let step = 0; step < 1200; step++) {
          const h = ops.relu(ops.matmul(X, W), { out: zeros([300, 64]) }); // a new resident array each step
          const out = ops.matmul(h, W2); // [300, 3]
          const g = ops.sub(out, ops.mean(out, { axis: 0, keepdims: true }));
          W2 = ops.sub(W2, ops.mul(ops.matmul(ops.transpose(h), g), 1e-4));
          const gh = ops.mul(ops.matmul(g, ops.transpose(W2)), ops.gt(h, 0));
          W = ops.sub(W, ops.mul(ops.matmul(ops.transpose(X), gh), 1e-4));
          if (step % 400 === 399 && getBackend().name === "wasm") sizes.push(backend.memoryInfo().memoryBytes);
        }
        return { W, W2, sizes };
      };
      setBackend("js");
      const js = run();
      setBackend("wasm");
      const wasm = run();
      expect(wasm.W.toArray()).toEqual(js.W.toArray());
      expect(wasm.W2.toArray()).toEqual(js.W2.toArray());
      // The memory stops growing once the budget is reached: the same size at steps 400, 800 and 1200.
      expect(new Set(wasm.sizes).size).toBe(1);
      expect(backend.memoryInfo().residentBytes).toBeLessThanOrEqual(4 * 2 ** 20);
      expect(backend.memoryInfo().evicted).toBeGreaterThan(0);
    } finally {
      backend.setMemoryBudget(budget);
    }
  });

  it("returns the blocks of collected arrays to the free list between tasks", async () => {
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const backend = wasmBackend();
    const before = backend.memoryInfo();
    (() => {
      for (let i = 0; i < 200; i++) ops.add(ones([5000]), 1);
    })();
    expect(backend.memoryInfo().residentBytes).toBeGreaterThan(before.residentBytes);
    for (let i = 0; i < 20 && backend.memoryInfo().collected < before.collected + 100; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(backend.memoryInfo().collected).toBeGreaterThanOrEqual(before.collected + 100);
  });

  it("threads compute on resident operands, also after the memory grew", async () => {
    setBackend("wasm");
    const rng = new Random(17);
    const a = ops.add(rng.randn([260, 300]), 0, { out: zeros([260, 300]) }); // resident
    const b = ops.add(rng.randn([300, 270]), 0, { out: zeros([300, 270]) });
    expect((a.storage as WasmStorage).resident).toBe(true);
    setThreads(1);
    const single = ops.matmul(a, b).toArray();
    setThreads(2);
    for (let i = 0; i < 200 && getThreads() < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(getThreads()).toBe(2);
    expect(ops.matmul(a, b).toArray()).toEqual(single);
    const grow = zeros([40 * 2 ** 20]); // 160 MiB beyond the heap: the memory grows
    expect(ops.matmul(a, b).toArray()).toEqual(single);
    grow.dispose();
    setThreads(1);
  });
});
