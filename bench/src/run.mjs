// Benchmarks Sinapse against TensorFlow.js 4.22 (cpu and wasm backends) in one run and
// prints a table with ratios. `pnpm bench` runs everything; `--quick` a short subset.
// Targets (plain JS backend): tiny op ≤ 0.3 µs, elementwise ≥ 1,500 Melem/s,
// matmul ≥ 4 GFLOP/s at 256–1024.
import { sum as gradSum, tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { Bench } from "tinybench";

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
  for (const n of quick ? [64, 256] : [64, 128, 256, 512, 1024]) {
    list.push({
      name: `matmul ${n}×${n}`,
      unit: "GFLOP/s",
      per: (ms) => (2 * n * n * n) / (ms * 1e6),
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

const toTf = (a) => tf.tensor(a.dataSync(), [...a.shape], "float32");
const rows = [];
const results = new Map();
for (const c of cases()) results.set(c.name, { case: c, values: {} });

for (const backend of ["sinapse", "cpu", "wasm"]) {
  if (backend !== "sinapse") {
    await tf.setBackend(backend);
    await tf.ready();
  }
  for (const c of cases()) {
    const entry = results.get(c.name);
    let fn;
    let inputs = c.inputs;
    if (backend === "sinapse") fn = c.sinapse(inputs);
    else {
      inputs = c.inputs.map(toTf);
      fn = c.tfjs(inputs);
    }
    entry.values[backend] = c.per(await measure(fn, c.iterations));
    if (backend !== "sinapse") for (const t of inputs) t.dispose();
  }
}

const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
for (const { case: c, values } of results.values()) {
  // Ratios read "how many times better Sinapse is": rates divide, times invert.
  const ratio = (peer) => (c.higher ? values.sinapse / values[peer] : values[peer] / values.sinapse);
  rows.push({
    benchmark: c.name,
    unit: c.unit,
    sinapse: fmt(values.sinapse),
    "tfjs-cpu": fmt(values.cpu),
    "tfjs-wasm": fmt(values.wasm),
    "vs cpu": `${ratio("cpu").toFixed(2)}×`,
    "vs wasm": `${ratio("wasm").toFixed(2)}×`,
  });
}

console.log(
  `Sinapse (js backend) vs TensorFlow.js ${tf.version.tfjs} cpu and wasm, Node ${process.version}, one run${quick ? " (quick)" : ""}.`,
);
console.log("Ratios: how many times better Sinapse is (higher rate, or lower µs/op).");
console.table(rows);
