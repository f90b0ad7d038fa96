// Benchmarks Sinapse (js and wasm backends) against TensorFlow.js 4.22 (cpu and wasm
// backends) and, for matmul, PyTorch on one thread, in one run, and prints a table with
// ratios. `pnpm bench` runs everything; `--quick` a short subset.
// Targets: tiny op ≤ 0.3 µs; wasm matmul 1024 ≥ 2× tfjs-wasm, transposed operands as fast
// as plain ones; (plain JS backend) elementwise ≥ 1,500 Melem/s, matmul ≥ 4 GFLOP/s.
import { sum as gradSum, tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";
import * as tf from "@tensorflow/tfjs";
import * as tfwasm from "@tensorflow/tfjs-backend-wasm";
import { Bench } from "tinybench";
import { runTorch } from "./torch.mjs";

const quick = process.argv.includes("--quick");
const time = quick ? 150 : 600;
const rng = new sn.Random(0);

/** Per-case work: Sinapse's function and one per tfjs backend, fed the same data. */
function cases() {
  const list = [];
  const tiny = [rng.randn([64]), rng.randn([64])];
  list.push({
    name: "tiny op: add of 64 floats",
    unit: "µs/op",
    per: (ms) => ms * 1000,
    inputs: tiny,
    sinapse:
      ([a, b]) =>
      () =>
        sn.add(a, b),
    tfjs:
      ([a, b]) =>
      () =>
        tf.add(a, b).dispose(),
  });
  const million = [rng.randn([1_000_000]), rng.randn([1_000_000])];
  const melem = (ms) => 1e6 / (ms * 1e3);
  list.push({
    name: "add, 1M float32",
    unit: "Melem/s",
    per: melem,
    higher: true,
    inputs: million,
    sinapse:
      ([a, b]) =>
      () =>
        sn.add(a, b),
    tfjs:
      ([a, b]) =>
      () =>
        tf.add(a, b).dispose(),
  });
  list.push({
    name: "add, 1M float32, Sinapse into out= (peers allocate)",
    unit: "Melem/s",
    per: melem,
    higher: true,
    inputs: million,
    sinapse: ([a, b]) => {
      const out = sn.zeros([1_000_000]);
      return () => sn.add(a, b, { out });
    },
    tfjs:
      ([a, b]) =>
      () =>
        tf.add(a, b).dispose(),
  });
  list.push({
    name: "relu, 1M float32",
    unit: "Melem/s",
    per: melem,
    higher: true,
    inputs: million,
    sinapse:
      ([a]) =>
      () =>
        sn.relu(a),
    tfjs:
      ([a]) =>
      () =>
        tf.relu(a).dispose(),
  });
  list.push({
    name: "views: transpose, slice, expandDims of [1000,1000]",
    unit: "µs/op",
    per: (ms) => ms * 1000,
    inputs: [rng.randn([1000, 1000])],
    // Sinapse returns views (O(1)); tfjs copies for transpose and slice.
    sinapse:
      ([a]) =>
      () =>
        sn.expandDims(sn.slice(sn.transpose(a), ":, 1:"), 0),
    tfjs:
      ([a]) =>
      () =>
        tf.tidy(() => tf.expandDims(tf.slice(tf.transpose(a), [0, 1], [1000, 999]), 0)),
  });
  list.push({
    name: "sum, 1M float32",
    unit: "Melem/s",
    per: melem,
    higher: true,
    inputs: million,
    sinapse:
      ([a]) =>
      () =>
        sn.sum(a),
    tfjs:
      ([a]) =>
      () =>
        tf.sum(a).dispose(),
  });
  const gflops = (m, k, n) => (ms) => (2 * m * n * k) / (ms * 1e6);
  for (const n of quick ? [64, 256] : [64, 128, 256, 512, 1024]) {
    list.push({
      name: `matmul ${n}×${n}`,
      unit: "GFLOP/s",
      per: gflops(n, n, n),
      higher: true,
      inputs: [rng.randn([n, n]), rng.randn([n, n])],
      sinapse:
        ([a, b]) =>
        () =>
          sn.matmul(a, b),
      tfjs:
        ([a, b]) =>
        () =>
          tf.matMul(a, b).dispose(),
      iterations: n >= 1024 ? 5 : 10,
      torch: n === 1024 ? "matmul 1024" : undefined,
    });
  }
  // Transposed operands (backward's products), as views: packing absorbs them.
  const transposedCases = [
    ["matmul 1024, Aᵀ·B", 1024, 1024, 1024, true, false, "matmul 1024 aT"],
    ["matmul 1024, A·Bᵀ", 1024, 1024, 1024, false, true, "matmul 1024 bT"],
    ["matmul 1024, 1 thread", 1024, 1024, 1024, false, false, "matmul 1024", 1],
    ["MLP forward X[128×784]·W[784×128]", 128, 784, 128, false, false, "matmul 128x784x128"],
    ["MLP backward Xᵀ·G (784×128, k = 128)", 784, 128, 128, true, false],
    ["MLP backward G·Wᵀ (128×784, k = 128)", 128, 128, 784, false, true],
  ];
  for (const [name, m, k, n, ta, tb, torch, threads] of quick ? transposedCases.slice(3) : transposedCases) {
    list.push({
      name,
      unit: "GFLOP/s",
      per: gflops(m, k, n),
      higher: true,
      // Stored as the transposed operand's layout; both libraries get a transposed view.
      inputs: [rng.randn(ta ? [k, m] : [m, k]), rng.randn(tb ? [n, k] : [k, n])],
      sinapse: ([a, b]) => {
        const x = ta ? sn.transpose(a) : a;
        const y = tb ? sn.transpose(b) : b;
        if (!threads) return () => sn.matmul(x, y);
        return () => {
          sn.setThreads(threads);
          sn.matmul(x, y);
          sn.setThreads(defaultThreads);
        };
      },
      tfjs:
        ([a, b]) =>
        () =>
          tf.matMul(a, b, ta, tb).dispose(),
      iterations: m * n * k >= 2 ** 30 ? 5 : 10,
      torch,
    });
  }
  const layer = new Dense(784, 128, { rng: new sn.Random(1) });
  const x = rng.randn([128, 784]);
  list.push({
    name: "Dense(784,128) forward+backward, batch 128",
    unit: "steps/s",
    per: (ms) => 1000 / ms,
    higher: true,
    inputs: [x, layer.weights.value],
    sinapse: ([input]) => {
      const t = tensor(input);
      return () => {
        layer.weights.grad = null;
        layer.biases.grad = null;
        gradSum(layer.forward(t)).backward();
      };
    },
    tfjs: ([input, w]) => {
      const W = tf.variable(w);
      const b = tf.variable(tf.zeros([1, 128]));
      return () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => tf.sum(tf.add(tf.matMul(input, W), b)));
          for (const g of Object.values(grads)) g.dataSync();
        });
    },
  });
  return list;
}

async function measure(fn, iterations) {
  const bench = new Bench({ time, iterations: iterations ?? 20, warmupTime: time / 4, warmupIterations: 2 });
  bench.add("x", fn);
  await bench.run();
  const task = bench.tasks[0];
  if (task.result.state !== "completed") throw new Error(`bench: ${task.result.state}: ${task.result.error?.message}`);
  // The median resists the GC pauses that earlier cases' garbage causes on this noisy VM.
  return task.result.latency.p50; // ms per call
}

// Start the wasm backend's workers before timing (they start in the background).
sn.setBackend("wasm");
sn.matmul(rng.randn([512, 512]), rng.randn([512, 512]));
for (let i = 0; i < 100 && sn.getThreads() < 2; i++) await new Promise((r) => setTimeout(r, 20));
const defaultThreads = sn.getThreads();

const toTf = (a) => tf.tensor(a.dataSync(), [...a.shape], "float32");
const rows = [];
const results = new Map();
for (const c of cases()) results.set(c.name, { case: c, values: {} });

// tfjs-wasm's threads need Web Workers; in Node it reports how many it got.
tfwasm.setThreadsCount(2);
for (const backend of ["js", "wasm", "cpu", "tfwasm"]) {
  if (backend === "js" || backend === "wasm") sn.setBackend(backend);
  else {
    await tf.setBackend(backend === "tfwasm" ? "wasm" : backend);
    await tf.ready();
  }
  for (const c of cases()) {
    const entry = results.get(c.name);
    let fn;
    let inputs = c.inputs;
    if (backend === "js" || backend === "wasm") fn = c.sinapse(inputs);
    else {
      inputs = c.inputs.map(toTf);
      fn = c.tfjs(inputs);
    }
    entry.values[backend] = c.per(await measure(fn, c.iterations));
    if (backend === "cpu" || backend === "tfwasm") for (const t of inputs) t.dispose();
  }
}
const tfwasmThreads = tfwasm.getThreadsCount();
sn.setBackend("wasm");

const torch = quick ? null : runTorch({ quick, ch11: { X: [[0, 0]], y: [0] }, matmulOnly: true });

const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
for (const { case: c, values } of results.values()) {
  // Ratios read "how many times better Sinapse wasm is": rates divide, times invert.
  const ratio = (peer) => (c.higher ? values.wasm / peer : peer / values.wasm);
  const torchValue = c.torch && torch ? torch[c.torch] : undefined;
  rows.push({
    benchmark: c.name,
    unit: c.unit,
    "sinapse js": fmt(values.js),
    "sinapse wasm": fmt(values.wasm),
    "tfjs-cpu": fmt(values.cpu),
    "tfjs-wasm": fmt(values.tfwasm),
    "wasm vs js": `${ratio(values.js).toFixed(2)}×`,
    "vs tfjs-cpu": `${ratio(values.cpu).toFixed(2)}×`,
    "vs tfjs-wasm": `${ratio(values.tfwasm).toFixed(2)}×`,
    ...(torch
      ? {
          "torch 1t": torchValue ? fmt(torchValue) : "",
          "vs torch": torchValue ? `${ratio(torchValue).toFixed(2)}×` : "",
        }
      : {}),
  });
}

console.log(
  `Sinapse (js and wasm backends, wasm with ${defaultThreads} threads for products ≥ 2^24 multiply-adds) vs TensorFlow.js ${tf.version.tfjs} cpu and wasm (${tfwasmThreads} thread${tfwasmThreads === 1 ? "" : "s"})${torch ? ` and PyTorch ${torch.torch} (1 thread, BLAS: ${torch.blas})` : ""}, Node ${process.version}, one run${quick ? " (quick)" : ""}.`,
);
console.log("Ratios: how many times better Sinapse's wasm backend is (higher rate, or lower µs/op).");
console.table(rows);
