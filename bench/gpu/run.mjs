/**
 * Sinapse webgpu against PyTorch CUDA (fp32, TF32 off) in one run, over interleaved rounds
 * (a Sinapse round, a PyTorch round, …), rates per side and ratios per round with their
 * spread (median [min–max]):
 *   node bench/gpu/run.mjs [--quick] [--rounds N] [--out DIR] [--no-torch]
 * matmul GFLOP/s at n = 1024…8192, MLP 784-128-10 and wide 4096-4096-4096-10 training steps
 * (forward, backward, Adam, all on the GPU; goal for the wide one: ≥ 0.7× PyTorch CUDA), a
 * Model.fitAsync row for the wide MLP (the public API; reported unavailable where it fails),
 * then live GPU memory over 10,000 MLP steps (no dispose(): the FinalizationRegistry and the
 * pool). `--quick`: tiny sizes, for a software GPU (Mesa's lavapipe, `XDG_RUNTIME_DIR=/tmp`).
 * Without CUDA (no torch, or torch without a GPU) the PyTorch peer is reported absent and no
 * ratio is printed: PyTorch on the CPU is not this benchmark's peer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import * as t from "@sinapse/tensor";
import { startWorker } from "../src/lib/python.mjs";
import { fmtRatio, fmtSpread, roundRatios, summary } from "../src/lib/stats.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const outDir = args.includes("--out") ? args[args.indexOf("--out") + 1] : null;
const cfg = quick
  ? {
      sizes: [64, 128],
      small: [784, 128, 10],
      smallBatch: 32,
      wide: [256, 256, 256, 10],
      wideBatch: 64,
      memSteps: 200,
      iters: 3,
      smallSteps: 5,
      wideSteps: 2,
      rounds: 2,
    }
  : {
      sizes: [1024, 2048, 4096, 8192],
      small: [784, 128, 10],
      smallBatch: 128,
      wide: [4096, 4096, 4096, 10],
      wideBatch: 1024,
      memSteps: 10000,
      iters: 10,
      smallSteps: 200,
      wideSteps: 20,
      rounds: 5,
    };
if (args.includes("--rounds")) cfg.rounds = Number(args[args.indexOf("--rounds") + 1]);
const WIDE_GOAL = 0.7;

if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = "/tmp";
await t.setBackend("webgpu", { required: true });
const gpu = t.experimental_webgpu();
const log = (...a) => console.log(...a);
log(`Sinapse webgpu vs PyTorch CUDA, ${new Date().toISOString()}, Node ${process.version}`);
log(
  `adapter: ${gpu.adapter}${quick ? " (--quick sizes)" : ""}; ${cfg.rounds} interleaved round${cfg.rounds === 1 ? "" : "s"}`,
);
const results = { adapter: gpu.adapter, quick, rounds: cfg.rounds, sinapse: {}, torch: {}, ratios: {} };

// ---------------------------------------------------------------------------- the CUDA peer
let torch = null;
if (!args.includes("--no-torch")) {
  // PATH's python3 first: on a GPU machine that is usually the one with CUDA's PyTorch.
  const pythons = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);
  const worker = await startWorker({ module: "torch", script: join(here, "torch_ref.py"), pythons }).catch((e) => ({
    why: e.message,
  }));
  if (!worker.request) log(`PyTorch CUDA peer: absent (${worker.why}); Sinapse rates only, no ratios.`);
  else {
    const info = await worker.request({ op: "info" });
    if (!info.cuda) {
      log(`PyTorch CUDA peer: absent (PyTorch ${info.torch} sees no CUDA device); Sinapse rates only, no ratios.`);
      await worker.close();
    } else {
      torch = worker;
      results.torchInfo = info;
      log(`PyTorch ${info.torch}, CUDA ${info.cudaVersion}, ${info.device}, float32, TF32 ${info.tf32 ? "ON" : "off"}`);
    }
  }
} else log("PyTorch CUDA peer: not run (--no-torch).");

// ---------------------------------------------------------------------------- Sinapse cases
function uniform(shape, scale = 1) {
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    d[i] = ((s >>> 8) / 16777216 - 0.5) * 2 * scale;
  }
  return new t.NDArray(gpu.adopt("float32", d), shape);
}

/** An MLP `sizes` with He-uniform weights, Adam state, and a one-step function (forward, backward, Adam). */
function mlp(sizes, batch) {
  const params = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const w = uniform([sizes[i], sizes[i + 1]], Math.sqrt(6 / sizes[i]));
    const b = t.add(uniform([sizes[i + 1]], 0), 0);
    params.push(w, b);
  }
  const state = params.map((p) => ({ m: t.mul(p, 0), v: t.mul(p, 0), a: t.mul(p, 0), b: t.mul(p, 0) }));
  const x = uniform([batch, sizes[0]]);
  const labels = new Float32Array(batch * sizes.at(-1));
  for (let r = 0; r < batch; r++) labels[r * sizes.at(-1) + (r % sizes.at(-1))] = 1;
  const y = new t.NDArray(gpu.adopt("float32", labels), [batch, sizes.at(-1)]);
  let k = 0;
  const lr = 1e-3;
  return function step() {
    // forward
    const acts = [x];
    const pre = [];
    for (let i = 0; i < params.length; i += 2) {
      const z = t.add(t.matmul(acts.at(-1), params[i]), params[i + 1]);
      pre.push(z);
      acts.push(i + 2 < params.length ? t.relu(z) : z);
    }
    const logits = acts.at(-1);
    const lse = t.logsumexp(logits, { axis: -1, keepdims: true });
    const loss = t.mean(t.sub(lse, t.sum(t.mul(logits, y), { axis: -1, keepdims: true })));
    // backward: softmax cross-entropy, then the layers in reverse
    let g = t.div(t.sub(t.exp(t.sub(logits, lse)), y), batch);
    const grads = new Array(params.length);
    for (let i = params.length - 2; i >= 0; i -= 2) {
      const inp = acts[i / 2];
      grads[i] = t.matmul(inp.T, g);
      grads[i + 1] = t.sum(g, { axis: 0 });
      if (i > 0) g = t.mul(t.matmul(g, params[i].T), t.gt(pre[i / 2 - 1], 0));
    }
    // Adam, in place (as @sinapse/layers' Adam)
    k++;
    for (let i = 0; i < params.length; i++) {
      const { m, v, a, b } = state[i];
      const gr = grads[i];
      t.mul(m, 0.9, { out: m });
      t.add(m, t.mul(gr, 0.1, { out: a }), { out: m });
      t.mul(t.square(gr, { out: a }), 0.001, { out: a });
      t.add(t.mul(v, 0.999, { out: v }), a, { out: v });
      const mHat = t.div(m, 1 - 0.9 ** k, { out: a });
      const vHat = t.div(v, 1 - 0.999 ** k, { out: b });
      const stepv = t.mul(mHat, -lr, { out: a });
      const den = t.add(t.sqrt(vHat, { out: b }), 1e-7, { out: b });
      t.add(params[i], t.div(stepv, den, { out: a }), { out: params[i] });
    }
    return loss;
  };
}

/** The wide MLP through the public Model API (what a user writes); null with the reason when fit cannot run here. */
async function fitStep(sizes, batch) {
  const model = new Model();
  for (let i = 1; i < sizes.length; i++) {
    model.add(new Dense(sizes[i - 1], sizes[i]));
    model.add(i === sizes.length - 1 ? new Softmax() : new ReLU());
  }
  model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam(), accuracy: new CategoricalAccuracy() });
  const X = uniform([batch, sizes[0]]);
  const y = t.random.randint(0, sizes.at(-1), [batch]);
  // fitAsync where the layers package has it (webgpu reads losses back asynchronously).
  const fit = model.fitAsync ? model.fitAsync.bind(model) : model.fit.bind(model);
  const run = async (epochs) => {
    await fit(X, y, { epochs });
    await gpu.sync();
  };
  try {
    await run(2);
    return { run };
  } catch (e) {
    return { why: e.message.split("\n")[0] };
  }
}

const cases = [];
for (const n of cfg.sizes) {
  let a = null;
  let b = null;
  const iters = n >= 8192 ? Math.max(2, cfg.iters / 2) : cfg.iters;
  cases.push({
    name: `matmul ${n}×${n}`,
    unit: "GFLOP/s",
    per: (ms) => (2 * n ** 3) / (ms * 1e6),
    async sinapse() {
      if (!a) {
        // one size at a time on the GPU
        for (const c of cases) c.release?.();
        a = uniform([n, n]);
        b = uniform([n, n]);
        t.matmul(a, b).dispose();
        await gpu.sync();
      }
      const t0 = performance.now();
      for (let i = 0; i < iters; i++) t.matmul(a, b).dispose();
      await gpu.sync();
      return (performance.now() - t0) / iters;
    },
    release() {
      a?.dispose();
      b?.dispose();
      a = b = null;
    },
    torch: { op: "matmul", n, iters },
  });
}
for (const [name, sizes, batch, steps] of [
  ["small", cfg.small, cfg.smallBatch, cfg.smallSteps],
  ["wide", cfg.wide, cfg.wideBatch, cfg.wideSteps],
]) {
  let step = null;
  cases.push({
    name: `MLP ${sizes.join("-")} batch ${batch}, step`,
    key: name,
    unit: "steps/s",
    per: (ms) => 1000 / ms,
    goal: name === "wide" ? WIDE_GOAL : undefined,
    async sinapse() {
      if (!step) {
        step = mlp(sizes, batch);
        for (let i = 0; i < 3; i++) step();
        await gpu.sync();
      }
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) step();
      await gpu.sync();
      return (performance.now() - t0) / steps;
    },
    torch: { op: "mlp", name, sizes, batch, steps },
  });
}
{
  let fit = null;
  cases.push({
    name: `MLP ${cfg.wide.join("-")} batch ${cfg.wideBatch}, Model.fitAsync epoch`,
    unit: "steps/s",
    per: (ms) => 1000 / ms,
    goal: WIDE_GOAL,
    async sinapse() {
      fit ??= await fitStep(cfg.wide, cfg.wideBatch);
      if (!fit.run) throw new Error(`Model.fitAsync on webgpu: ${fit.why}`);
      const t0 = performance.now();
      await fit.run(cfg.wideSteps);
      return (performance.now() - t0) / cfg.wideSteps;
    },
    torch: { op: "mlp", name: "wide", sizes: cfg.wide, batch: cfg.wideBatch, steps: cfg.wideSteps },
  });
}

// Correctness of the tiled kernel at an odd size against the JS backend.
{
  const m = 333;
  const a = uniform([m, 257]);
  const b = uniform([257, 129]);
  const got = await t.matmul(a, b).data();
  const ha = await a.data();
  const hb = await b.data();
  t.setBackend("js");
  const want = t.matmul(t.array(ha).reshape(m, 257), t.array(hb).reshape(257, 129)).dataSync();
  await t.setBackend("webgpu");
  let err = 0;
  for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(want[i] - got[i]) / (1 + Math.abs(want[i])));
  results.matmulMaxRelErr = err;
  log(`matmul 333×257 @ 257×129 max rel err vs JS: ${err.toExponential(2)}`);
}

// ---------------------------------------------------------------------------- rounds
const values = new Map(cases.map((c) => [c.name, { sinapse: [], torch: [], error: null }]));
for (let round = 1; round <= cfg.rounds; round++) {
  process.stderr.write(`gpu: round ${round}/${cfg.rounds}\n`);
  for (const c of cases) {
    const v = values.get(c.name);
    const sides = round % 2 ? ["sinapse", "torch"] : ["torch", "sinapse"];
    for (const side of sides) {
      if (side === "torch") {
        if (torch) v.torch.push(c.per((await torch.request(c.torch)).ms));
        continue;
      }
      if (v.error) continue;
      try {
        v.sinapse.push(c.per(await c.sinapse()));
      } catch (e) {
        v.error = e.message;
      }
    }
  }
}
for (const c of cases) c.release?.();

const rows = cases.map((c) => {
  const v = values.get(c.name);
  const s = summary(v.sinapse);
  const p = summary(v.torch);
  const r = summary(roundRatios(v.sinapse, v.torch, true));
  results.sinapse[c.name] = { unit: c.unit, values: v.sinapse, ...(v.error ? { error: v.error } : {}) };
  if (torch) {
    results.torch[c.name] = { unit: c.unit, values: v.torch };
    results.ratios[c.name] = r;
  }
  const goal = c.goal === undefined ? "" : r.n ? `≥ ${c.goal}× ${r.median >= c.goal ? "✓" : "✗"}` : `≥ ${c.goal}×`;
  return [
    c.name,
    c.unit,
    v.error ? "unavailable (below)" : fmtSpread(s),
    torch ? fmtSpread(p) : "absent",
    torch ? fmtRatio(r) : "–",
    goal,
  ];
});
const headers = ["case", "unit", "sinapse webgpu", "torch CUDA", "ratio (Sinapse ÷ PyTorch)", "goal"];
const width = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) =>
  cells
    .map((c, i) => (i === 0 ? String(c).padEnd(width[i]) : String(c).padStart(width[i])))
    .join("  ")
    .trimEnd();
log(
  `\nrates: median [min–max] over ${cfg.rounds} round${cfg.rounds === 1 ? "" : "s"}; ratio per round, median [min–max]`,
);
log(line(headers));
log(width.map((w) => "─".repeat(w)).join("  "));
for (const r of rows) log(line(r));
for (const c of cases) {
  const { error } = values.get(c.name);
  if (error) log(`${c.name}: ${error}`);
}

// Memory over many steps, no dispose(): collected arrays return their buffers to the pool.
{
  const step = mlp(cfg.small, cfg.smallBatch);
  const every = Math.max(1, cfg.memSteps / 10);
  const t0 = performance.now();
  results.memory = [];
  log("");
  for (let i = 1; i <= cfg.memSteps; i++) {
    step();
    if (i % 50 === 0) await gpu.sync(); // yields, so finalizers run
    if (i % every === 0) {
      const info = gpu.memory();
      results.memory.push({ step: i, ...info });
      log(
        `memory after ${i} steps: live ${(info.liveBytes / 2 ** 20).toFixed(2)} MiB, pooled ${(info.pooledBytes / 2 ** 20).toFixed(2)} MiB, buffers created ${info.created}`,
      );
    }
  }
  results.memorySeconds = (performance.now() - t0) / 1000;
}

await torch?.close();
if (outDir) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "gpu-bench.json"), `${JSON.stringify(results, null, 2)}\n`);
}
process.exit(0);
