/**
 * Sinapse webgpu against PyTorch CUDA (fp32, TF32 off) in one invocation:
 *   node bench/gpu/run.mjs [--quick] [--out DIR] [--no-torch]
 * matmul GFLOP/s at n = 1024…8192, MLP 784-128-10 and wide 4096-4096-4096-10 training
 * steps (forward, backward, Adam, all on the GPU), live GPU memory over 10,000 MLP steps
 * (no dispose(): the FinalizationRegistry and the pool), then bench/gpu/torch_ref.py and
 * the ratios. `--quick`: tiny sizes, for a software GPU (lavapipe).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as t from "../../packages/tensor/dist/index.js";

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
    }
  : {
      sizes: [1024, 2048, 4096, 8192],
      small: [784, 128, 10],
      smallBatch: 128,
      wide: [4096, 4096, 4096, 10],
      wideBatch: 1024,
      memSteps: 10000,
      iters: 10,
    };

if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = "/tmp";
await t.setBackend("webgpu", { required: true });
const gpu = t.experimental_webgpu();
const log = (...a) => console.log(...a);
log(`adapter: ${gpu.adapter}${quick ? " (--quick sizes)" : ""}`);
const results = { adapter: gpu.adapter, quick, matmul: {}, mlp: {}, memory: [] };

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

// matmul
for (const n of cfg.sizes) {
  const a = uniform([n, n]);
  const b = uniform([n, n]);
  const first = t.matmul(a, b);
  const row = await first.slice("0:1").copy().data();
  first.dispose();
  await gpu.sync();
  const iters = n >= 8192 ? Math.max(2, cfg.iters / 2) : cfg.iters;
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) t.matmul(a, b).dispose();
  await gpu.sync();
  const ms = (performance.now() - t0) / iters;
  const gflops = (2 * n ** 3) / (ms * 1e6);
  results.matmul[n] = { ms, gflops, row0sum: row.reduce((x, y) => x + y, 0) };
  log(`matmul ${n}: ${ms.toFixed(3)} ms, ${gflops.toFixed(1)} GFLOP/s`);
  a.dispose();
  b.dispose();
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

async function timeSteps(name, sizes, batch, steps) {
  const step = mlp(sizes, batch);
  const l0 = await step().data();
  for (let i = 0; i < 2; i++) step();
  await gpu.sync();
  const t0 = performance.now();
  let loss;
  for (let i = 0; i < steps; i++) loss = step();
  await gpu.sync();
  const ms = (performance.now() - t0) / steps;
  const l1 = (await loss.data())[0];
  results.mlp[name] = { sizes, batch, msPerStep: ms, stepsPerSec: 1000 / ms, lossFirst: l0[0], lossLast: l1 };
  log(
    `${name} ${sizes.join("-")} batch ${batch}: ${ms.toFixed(3)} ms/step (${(1000 / ms).toFixed(1)} steps/s), loss ${l0[0].toFixed(4)} → ${l1.toFixed(4)}`,
  );
}

await timeSteps("small", cfg.small, cfg.smallBatch, quick ? 5 : 200);
await timeSteps("wide", cfg.wide, cfg.wideBatch, quick ? 2 : 20);

// Memory over many steps, no dispose(): collected arrays return their buffers to the pool.
{
  const step = mlp(cfg.small, cfg.smallBatch);
  const every = Math.max(1, cfg.memSteps / 10);
  const t0 = performance.now();
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

let torch = null;
if (!args.includes("--no-torch")) {
  try {
    const py = process.env.PYTHON ?? "python3";
    const out = execFileSync(py, [join(here, "torch_ref.py"), ...(quick ? ["--quick"] : [])], { encoding: "utf8" });
    torch = JSON.parse(out.trim().split("\n").at(-1));
    results.torch = torch;
  } catch (e) {
    log(`PyTorch reference not run: ${e.message.split("\n")[0]}`);
  }
}
if (torch) {
  log(`\nPyTorch (${torch.device}, fp32, TF32 off) and ratios (Sinapse / PyTorch speed):`);
  results.ratios = {};
  for (const n of cfg.sizes) {
    const r = results.matmul[n].gflops / torch.matmul[n].gflops;
    results.ratios[`matmul${n}`] = r;
    log(`matmul ${n}: torch ${torch.matmul[n].gflops.toFixed(1)} GFLOP/s, ratio ${r.toFixed(3)}`);
  }
  for (const name of ["small", "wide"]) {
    const r = torch.mlp[name].msPerStep / results.mlp[name].msPerStep;
    results.ratios[name] = r;
    log(`${name} MLP step: torch ${torch.mlp[name].msPerStep.toFixed(3)} ms, ratio ${r.toFixed(3)}`);
  }
}
if (outDir) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "gpu-bench.json"), `${JSON.stringify(results, null, 2)}\n`);
}
process.exit(0);
