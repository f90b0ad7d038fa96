// Training speed in one run, Sinapse against TensorFlow.js layers (cpu and wasm backends):
// the book's chapter 11 model (2-64-3, Adam, 300 spiral samples, full batch) in epochs/s,
// and an MLP 784-128-10 at batch 128 in steps/s. `--quick` measures fewer steps.
import { spiral } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

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
  },
  {
    name: "MLP 784-128-10, batch 128",
    unit: "steps/s",
    sizes: [784, 128, 10],
    X: mnistX,
    y: mnistY,
    count: quick ? 30 : 150,
  },
];

const rows = [];
for (const c of cases) {
  const model = sinapseModel(c.sizes);
  const ours = await rate(() => model.train(c.X, c.y, { epochs: 1 }), c.count);
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
  rows.push({
    benchmark: c.name,
    unit: c.unit,
    sinapse: ours.toFixed(0),
    "tfjs-cpu": peers.cpu.toFixed(0),
    "tfjs-wasm": peers.wasm.toFixed(0),
    "vs cpu": `${(ours / peers.cpu).toFixed(2)}×`,
    "vs wasm": `${(ours / peers.wasm).toFixed(2)}×`,
  });
}
console.log(
  `Training, Sinapse (js backend) vs TensorFlow.js ${tf.version.tfjs} layers, Node ${process.version}, one run${quick ? " (quick)" : ""}.`,
);
console.table(rows);
