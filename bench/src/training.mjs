// Training speed in one run, Sinapse (js and wasm backends) against TensorFlow.js layers
// (cpu and wasm backends) and PyTorch on one thread: the book's chapter 11 model (2-64-3,
// Adam, 300 spiral samples, full batch) in epochs/s, an MLP 784-128-10 at batch 128 in
// steps/s, and (when the data is installed) the book's chapter 19 Fashion-MNIST run, ten
// epochs, on the wasm backend. `--quick` measures fewer steps and skips chapter 19.
// Goals (wasm): chapter 11 ≥ 1.5× PyTorch, MLP ≥ 0.7× PyTorch, chapter 19 ≤ 11 s at ≥ 0.87.
import { spiral } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";
import * as tf from "@tensorflow/tfjs";
import * as tfwasm from "@tensorflow/tfjs-backend-wasm";
import { runTorch } from "./torch.mjs";

const quick = process.argv.includes("--quick");

function sinapseModel(sizes) {
  const model = new Model();
  sizes.slice(1).forEach((n, i) => {
    model.add(new Dense(sizes[i], n));
    model.add(i === sizes.length - 2 ? new Softmax() : new ReLU());
  });
  return model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.01 }),
    accuracy: new CategoricalAccuracy(),
  });
}

function tfjsModel(sizes) {
  const model = tf.sequential();
  for (let i = 1; i < sizes.length; i++) {
    const last = i === sizes.length - 1;
    model.add(
      tf.layers.dense({
        units: sizes[i],
        inputShape: i === 1 ? [sizes[0]] : undefined,
        activation: last ? "softmax" : "relu",
      }),
    );
  }
  model.compile({ optimizer: tf.train.adam(0.01), loss: "sparseCategoricalCrossentropy" });
  return model;
}

/** Steps per second of `step` over `count` calls after a short warm-up. */
async function rate(step, count) {
  for (let i = 0; i < Math.min(5, count); i++) await step();
  const t = performance.now();
  for (let i = 0; i < count; i++) await step();
  return count / ((performance.now() - t) / 1000);
}

sn.random.seed(0);
const { X, y } = spiral(100, 3);
const mnistX = sn.random.rand([128, 784]);
const mnistY = sn.random.randint(0, 10, [128]);
const cases = [
  {
    name: "chapter 11: 2-64-3, Adam, 300 samples, full batch",
    unit: "epochs/s",
    sizes: [2, 64, 3],
    X,
    y,
    count: quick ? 100 : 500,
    torch: "chapter 11",
  },
  {
    name: "MLP 784-128-10, batch 128",
    unit: "steps/s",
    sizes: [784, 128, 10],
    X: mnistX,
    y: mnistY,
    count: quick ? 30 : 150,
    torch: "mlp",
  },
];

const torch = runTorch({
  quick,
  trainOnly: true,
  ch11: { X: X.toArray(), y: Array.from(y.dataSync()) },
});

const rows = [];
for (const c of cases) {
  const ours = {};
  for (const backend of ["js", "wasm"]) {
    sn.setBackend(backend);
    const model = sinapseModel(c.sizes);
    ours[backend] = await rate(() => model.fit(c.X, c.y, { epochs: 1 }), c.count);
  }
  const peers = {};
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    const m = tfjsModel(c.sizes);
    const tx = tf.tensor(c.X.dataSync(), [...c.X.shape]);
    const ty = tf.tensor(Float32Array.from(c.y.dataSync()), [c.y.shape[0]]);
    peers[backend] = await rate(() => m.trainOnBatch(tx, ty), c.count);
    tx.dispose();
    ty.dispose();
  }
  const torchRate = torch?.[c.torch];
  rows.push({
    benchmark: c.name,
    unit: c.unit,
    "sinapse js": ours.js.toFixed(0),
    "sinapse wasm": ours.wasm.toFixed(0),
    "tfjs-cpu": peers.cpu.toFixed(0),
    "tfjs-wasm": peers.wasm.toFixed(0),
    "wasm vs js": `${(ours.wasm / ours.js).toFixed(2)}×`,
    "vs tfjs-cpu": `${(ours.wasm / peers.cpu).toFixed(2)}×`,
    "vs tfjs-wasm": `${(ours.wasm / peers.wasm).toFixed(2)}×`,
    ...(torch ? { "torch 1t": torchRate.toFixed(0), "vs torch": `${(ours.wasm / torchRate).toFixed(2)}×` } : {}),
  });
}
sn.setBackend("wasm");
console.log(
  `Training, Sinapse (js and wasm backends) vs TensorFlow.js ${tf.version.tfjs} layers (wasm: ${tfwasm.getThreadsCount()} thread)${torch ? ` and PyTorch ${torch.torch} (1 thread, BLAS: ${torch.blas})` : ""}, Node ${process.version}, one run${quick ? " (quick)" : ""}.`,
);
console.table(rows);

// The book's chapter 19: Fashion-MNIST, ten epochs, wasm backend (examples/ch19.mjs).
if (!quick) {
  const { run, goal } = await import("../../examples/ch19.mjs");
  try {
    const { validation, seconds } = await run({ epochs: 10 });
    console.log(
      `Chapter 19 (Fashion-MNIST, 784-128-128-10, 10 epochs, batch 128, wasm backend): ${seconds.toFixed(1)} s, validation accuracy ${validation.accuracy.toFixed(4)} (goals: ≤ 11 s, ≥ ${goal.validationAccuracy}).`,
    );
  } catch (error) {
    console.log(`Chapter 19: skipped (${error.message}; set FASHION_MNIST_DIR or install dataset-fashion-mnist).`);
  }
}
