// One training measurement in a fresh process (so "the first 1,000 epochs" include V8's
// warm-up, as a user's first run does): `node train.mjs '<json>'` prints one JSON line.
// Sinapse is used through its public API as a user would: Model, Dense, …, `model.fit`.
//   { case: "ch11", lib: "sinapse"|"tfjs", backend, threads?, first, warm, steadyMs }
//   { case: "mlp",  lib: "sinapse"|"tfjs", backend, threads?, batch, warm, warmMs, steadyMs }
//   { case: "ch19", lib: "sinapse", backend, epochs, dir, limit? }
import { fashionMnist, scaleToRange, shuffleTogether, spiral } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";

const job = JSON.parse(process.argv[2]);

/** A Sinapse MLP: Dense layers with ReLU between, Softmax last, categorical cross-entropy, Adam. */
function sinapseModel(sizes, adam) {
  const model = new Model();
  for (let i = 1; i < sizes.length; i++) {
    model.add(new Dense(sizes[i - 1], sizes[i]));
    model.add(i === sizes.length - 1 ? new Softmax() : new ReLU());
  }
  return model
    .set({ loss: new CategoricalCrossentropy(), optimizer: new Adam(adam), accuracy: new CategoricalAccuracy() })
    .finalize();
}

async function tfjsModel(sizes, lr, backend) {
  const tf = await import("@tensorflow/tfjs");
  await import("@tensorflow/tfjs-backend-wasm");
  await tf.setBackend(backend);
  await tf.ready();
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
  model.compile({ optimizer: tf.train.adam(lr, 0.9, 0.999, 1e-7), loss: "sparseCategoricalCrossentropy" });
  return { tf, model };
}

/** Epochs per second of `run(k)` (k epochs or steps) over at least `budgetMs`. */
async function timedRate(run, budgetMs, chunk) {
  let done = 0;
  const start = performance.now();
  for (;;) {
    await run(chunk);
    done += chunk;
    const elapsed = performance.now() - start;
    if (elapsed >= budgetMs) return done / (elapsed / 1000);
  }
}

/** Selects the backend (and threads), and waits until the wasm workers it asked for run. */
async function useSinapse(backend, threads) {
  sn.setBackend(backend);
  if (backend !== "wasm") return;
  if (threads) sn.setThreads(threads);
  const want = threads ?? 2;
  if (want > 1) {
    sn.matmul(sn.random.randn([512, 512]), sn.random.randn([512, 512]));
    for (let i = 0; i < 200 && sn.getThreads() < want; i++) await new Promise((r) => setTimeout(r, 10));
  }
}

/** A trainer `run(k)` doing k full-batch epochs (one step each) of `sizes` on (X, y). */
async function trainer(sizes, X, y, adam) {
  if (job.lib === "sinapse") {
    const model = sinapseModel(sizes, adam);
    const state = { history: null };
    return {
      // awaited: fit is synchronous on the CPU backends today, and may return a promise on webgpu
      run: async (k) => {
        state.history = await model.fit(X, y, { epochs: k });
      },
      last: () => state.history?.at(-1),
    };
  }
  const { tf, model } = await tfjsModel(sizes, adam.learningRate, job.backend);
  const tx = tf.tensor(X.dataSync(), [...X.shape]);
  const ty = tf.tensor(Float32Array.from(y.dataSync()), [y.shape[0]]);
  let loss = null;
  return {
    run: async (k) => {
      for (let i = 0; i < k; i++) loss = await model.trainOnBatch(tx, ty);
    },
    last: () => ({ loss }),
  };
}

async function main() {
  if (job.lib === "sinapse") await useSinapse(job.backend, job.threads);
  sn.random.seed(0);
  if (job.case === "ch11") {
    const { X, y } = spiral(100, 3);
    const t = await trainer([2, 64, 3], X, y, { learningRate: 0.05, decay: 5e-7 });
    const t0 = performance.now();
    await t.run(job.first);
    const first = job.first ? job.first / ((performance.now() - t0) / 1000) : null;
    await t.run(job.warm);
    const steady = await timedRate(t.run, job.steadyMs, 250);
    const last = t.last();
    return { first, steady, loss: last?.loss, accuracy: last?.accuracy };
  }
  if (job.case === "mlp") {
    const X = sn.random.rand([job.batch, 784]);
    const y = sn.random.randint(0, 10, [job.batch]);
    const t = await trainer([784, 128, 10], X, y, { learningRate: 0.001 });
    const start = performance.now();
    let warmed = 0;
    while (warmed < job.warm && performance.now() - start < job.warmMs) {
      await t.run(5);
      warmed += 5;
    }
    const steady = await timedRate(t.run, job.steadyMs, 5);
    return { steady, warmed, loss: t.last()?.loss, threads: job.backend === "wasm" ? sn.getThreads() : 1 };
  }
  if (job.case === "ch19") {
    // The book's chapter 19, as examples/ch19.mjs: shuffled keys, pixels to [-1, 1], 784-128-128-10.
    const { train, test } = await fashionMnist(job.dir);
    const flat = (X) => scaleToRange(X.reshape(X.shape[0], -1), -1, 1, { from: [0, 255] });
    let trainX = train.X;
    let trainY = train.y;
    if (job.limit) {
      trainX = trainX.slice(`0:${job.limit}`);
      trainY = trainY.slice(`0:${job.limit}`);
    }
    const shuffled = shuffleTogether(trainX, trainY, sn.random);
    const X = flat(shuffled.X);
    const model = sinapseModel([784, 128, 128, 10], { decay: 1e-3 });
    const t0 = performance.now();
    const history = await model.fit(X, shuffled.y, { epochs: job.epochs, batchSize: 128 });
    const seconds = (performance.now() - t0) / 1000;
    const validation = await model.evaluate(flat(test.X), test.y, { batchSize: 128 });
    return {
      seconds,
      trainLoss: history.at(-1).loss,
      trainAccuracy: history.at(-1).accuracy,
      validationLoss: validation.loss,
      validationAccuracy: validation.accuracy,
      threads: job.backend === "wasm" ? sn.getThreads() : 1,
    };
  }
  throw new Error(`train.mjs: unknown case ${job.case}`);
}

const result = await main();
console.log(JSON.stringify(result));
process.exit(0);
