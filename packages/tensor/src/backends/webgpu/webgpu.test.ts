/**
 * The webgpu backend against the JS backend (the reference) on random small shapes, odd
 * sizes included: matmul in every layout, elementwise ops with broadcasting, reductions,
 * logsumexp, take/assign, the Adam update through `{ out }`; plus the read rules
 * (`dataSync` throws, `await data()` reads), the fallback without an adapter, and the
 * memory bound. Runs where Dawn finds an adapter: Mesa's lavapipe on CPU-only machines.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { array } from "../../creation.js";
import { ValueError } from "../../errors.js";
import {
  add,
  argmax,
  astype,
  copy,
  div,
  E,
  erf,
  exp,
  gelu,
  gt,
  logaddexp,
  logsumexp,
  map,
  matmul,
  max,
  maximum,
  mul,
  relu,
  sigmoid,
  softplus,
  sqrt,
  square,
  sub,
  sum,
  tanh,
  where,
} from "../../index.js";
import type { NDArray } from "../../ndarray.js";
import { Random } from "../../random.js";
import { experimental_webgpu, getBackend, setBackend } from "../registry.js";
import { findGpu } from "./gpu.js";
import { GpuReadError } from "./memory.js";

if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = "/tmp";
const found = await findGpu();
const adapter = found.gpu ? await found.gpu.requestAdapter() : null;
const suite = adapter ? describe : describe.skip;
if (!adapter) {
  console.warn(
    "webgpu tests skipped: no WebGPU adapter: install libvulkan1 and bookworm-backports mesa-vulkan-drivers (lavapipe)",
  );
}

const rng = new Random(7);
const before = getBackend().name;

function rand(shape: number[]): NDArray {
  return rng.randn(shape);
}

/** `f` on the JS backend (the reference) and on webgpu, read back. */
async function both(f: () => NDArray): Promise<[Float32Array, Float32Array, NDArray]> {
  setBackend("js");
  const ref = f();
  await setBackend("webgpu", { required: true });
  const gpu = f();
  const got = await gpu.data();
  return [ref.dataSync() as Float32Array, got as Float32Array, gpu];
}

function close(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as number;
    const g = got[i] as number;
    if (Math.abs(g - w) > tol * (1 + Math.abs(w))) expect(g, `element ${i}`).toBeCloseTo(w, 4);
  }
}

// NOTE: lavapipe compiles each new pipeline on the CPU (tens of ms, seconds under load):
// the first tests, which meet many shader variants, get a minute, not vitest's default.
suite("webgpu backend", { timeout: 60_000 }, () => {
  beforeAll(async () => {
    await setBackend("webgpu", { required: true });
  }, 60_000);
  afterAll(() => {
    setBackend(before === "webgpu" ? "js" : before);
  });

  it("multiplies random shapes in every layout like the JS backend", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 37 }),
        fc.integer({ min: 1, max: 37 }),
        fc.integer({ min: 1, max: 37 }),
        fc.boolean(),
        fc.boolean(),
        async (m, k, n, ta, tb) => {
          setBackend("js");
          const a = ta ? rand([k, m]).T : rand([m, k]);
          const b = tb ? rand([n, k]).T : rand([k, n]);
          const [want, got] = await both(() => matmul(a, b));
          close(got, want);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("multiplies across tile edges (130×20 @ 20×132) and batched, broadcast stacks", async () => {
    setBackend("js");
    const a = rand([130, 20]);
    const b = rand([20, 132]);
    const [w1, g1] = await both(() => matmul(a, b));
    close(g1, w1);
    setBackend("js");
    const c = rand([3, 5, 7]);
    const d = rand([7, 6]);
    const [w2, g2] = await both(() => matmul(c, d));
    close(g2, w2);
  });

  it("computes elementwise ops with broadcasting like the JS backend", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), async (r, c) => {
        setBackend("js");
        const a = rand([r, c]);
        const row = rand([c]);
        const col = rand([r, 1]);
        for (const f of [
          () => add(a, row),
          () => sub(col, a),
          () => mul(a.T, 2.5),
          () => div(a, add(maximum(row, 0), 1)),
          () => relu(a),
          () => sigmoid(a),
          () => tanh(a),
          () => exp(a),
          () => sqrt(square(a)),
          () => where(gt(a, 0), a, col),
        ]) {
          const [want, got] = await both(f);
          close(got, want);
        }
      }),
      { numRuns: 6 },
    );
  });

  it("reduces over any axes (sum, max, argmax, logsumexp) like the JS backend", async () => {
    setBackend("js");
    const a = rand([5, 300, 3]);
    for (const f of [
      () => sum(a),
      () => sum(a, { axis: 0 }),
      () => sum(a, { axis: [1, 2] }),
      () => max(a, { axis: 1 }),
      () => max(a.T, { axis: -1 }),
      () => logsumexp(a, { axis: -1 }),
      () => logsumexp(a.slice(":, :, 0"), { axis: -1 }),
    ]) {
      const [want, got] = await both(f);
      close(got, want, 1e-4);
    }
    setBackend("js");
    const want = argmax(a, { axis: 1 }).dataSync();
    await setBackend("webgpu");
    expect(await argmax(a, { axis: 1 }).data()).toEqual(want);
  });

  it("gathers, slices and writes into views on the GPU", async () => {
    setBackend("js");
    const a = rand([6, 5]);
    const [w1, g1] = await both(() => a.take([4, 0, 4], 0));
    close(g1, w1);
    const [w2, g2] = await both(() => a.slice("::2, ::-1").copy());
    close(g2, w2);
    const [w3, g3] = await both(() => {
      const t = a.copy();
      t.set("1:3, 2:", 7);
      return t;
    });
    close(g3, w3);
  });

  it("runs the Adam update in place through { out } on the GPU", async () => {
    const step = (p: NDArray, g: NDArray, m: NDArray, v: NDArray): NDArray => {
      mul(m, 0.9, { out: m });
      add(m, mul(g, 0.1), { out: m });
      add(mul(v, 0.999, { out: v }), mul(square(g), 0.001), { out: v });
      add(p, div(mul(m, -0.01), add(sqrt(v), 1e-7)), { out: p });
      return p;
    };
    setBackend("js");
    const g = rand([33, 17]);
    const p0 = rand([33, 17]);
    const [want, got] = await both(() => {
      const p = p0.copy();
      const m = p0.mul(0);
      const v = p0.mul(0);
      for (let i = 0; i < 3; i++) step(p, g, m, v);
      return p;
    });
    close(got, want, 1e-5);
  });

  it("runs the op table's expressions like the JS backend: softplus, gelu, erf, logaddexp, a fused map", async () => {
    setBackend("js");
    const x = rand([7, 9]);
    const y = rand([9]);
    for (const f of [
      () => softplus(mul(x, 30)),
      () => gelu(x),
      () => gelu(x, { approximate: "tanh" }),
      () => erf(mul(x, 2)),
      () => logaddexp(x, y),
      () => map((a, b) => E.div(E.add(E.mul(a, b), E.sin(a)), E.add(1, E.square(b))), [x, y]),
    ]) {
      const [want, got] = await both(f);
      close(got, want, 2e-5);
    }
  });

  it("copies with conversion like the JS backend: float to bool by truthiness, bool and int32 to float, strided views", async () => {
    setBackend("js");
    const x = array([
      [0, 0.5, -2],
      [3, 0, 7],
    ]);
    for (const f of [
      () => astype(astype(x, "bool"), "float32"),
      () => astype(astype(x, "int32"), "float32"),
      () => copy(x.T),
    ]) {
      const [want, got] = await both(f);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });

  it("keeps NaN through relu as the JS and wasm kernels do (one primitive definition for every backend)", async () => {
    setBackend("js");
    const x = array([Number.NaN, -1, 2]);
    const [want, got] = await both(() => relu(x));
    expect(Number.isNaN(got[0] as number)).toBe(true);
    expect(Array.from(got.slice(1))).toEqual(Array.from(want.slice(1)));
  });

  it("throws GpuReadError from dataSync, item and toArray, pointing to await data()", async () => {
    const x = add(array([1, 2, 3]), 1);
    expect(() => x.dataSync()).toThrow(GpuReadError);
    expect(() => x.dataSync()).toThrow(/dataSync: .*await array\.data\(\)/);
    expect(() => sum(x).item()).toThrow(/item: .*GPU memory/);
    expect(() => x.toArray()).toThrow(GpuReadError);
    expect(Array.from(await x.data())).toEqual([2, 3, 4]);
  });

  it("keeps live GPU bytes bounded over 300 steps with dispose() and reuses pooled buffers", async () => {
    const gpu = experimental_webgpu();
    if (!gpu) throw new Error("webgpu not started");
    const w = rand([64, 64]);
    let x = add(rand([8, 64]), 0);
    const unit = add(array([1]), 0);
    await gpu.sync();
    const start = gpu.memory();
    for (let i = 0; i < 300; i++) {
      const h = matmul(x, w);
      const y = relu(h);
      const top = max(y);
      const one = add(top, unit);
      const z = div(y, one);
      for (const t of [h, y, top, one, x]) t.dispose();
      x = z;
    }
    await x.data();
    const end = gpu.memory();
    expect(end.liveBytes).toBeLessThanOrEqual(start.liveBytes + 64 * 1024);
    expect(end.created - start.created).toBeLessThan(20);
    expect(() => x.dispose()).not.toThrow();
    await expect(x.data()).rejects.toThrow(/disposed/);
  });
});

describe("setBackend('webgpu') without an adapter", () => {
  it("warns and stays on the current backend, or rejects with ValueError when required", async () => {
    vi.resetModules();
    vi.stubGlobal("navigator", { gpu: { requestAdapter: async () => null } });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const registry = await import("../registry.js");
      const name = registry.getBackend().name;
      await registry.setBackend("webgpu");
      expect(registry.getBackend().name).toBe(name);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/setBackend: no WebGPU adapter: .*staying on the/));
      await expect(registry.setBackend("webgpu", { required: true })).rejects.toThrow(
        expect.objectContaining({ name: "ValueError" }) as unknown as Error,
      );
    } finally {
      warn.mockRestore();
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

void ValueError;
