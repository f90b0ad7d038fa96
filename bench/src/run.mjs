// Benchmarks Sinapse against TensorFlow.js (cpu backend) in one run and prints ratios.
// Usage: pnpm bench   (or: node bench/src/run.mjs --quick)
import { sum, tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import { add, matmul, Random } from "@sinapse/tensor";
import * as tf from "@tensorflow/tfjs";
import { Bench } from "tinybench";

const quick = process.argv.includes("--quick");
const time = quick ? 200 : 1000;

await tf.setBackend("cpu");
await tf.ready();

const rng = new Random(0);
const data = (rows, cols) => rng.randn([rows, cols]);

/** Each case: a name and one function per library computing the same thing. */
function cases() {
  const x = data(128, 784);
  const w = data(784, 128);
  const tx = tf.tensor2d(x.dataSync(), [128, 784]);
  const tw = tf.tensor2d(w.dataSync(), [784, 128]);

  const a = data(256, 256);
  const row = data(1, 256);
  const ta = tf.tensor2d(a.dataSync(), [256, 256]);
  const trow = tf.tensor2d(row.dataSync(), [1, 256]);

  const layer = new Dense(784, 128, { rng: new Random(1) });
  const tW = tf.variable(tf.tensor2d(layer.weights.value.dataSync(), [784, 128]));
  const tb = tf.variable(tf.zeros([1, 128]));
  const input = tensor(x);

  return [
    {
      name: "matmul [128,784]·[784,128]",
      sinapse: () => matmul(x, w),
      tfjs: () => tf.tidy(() => tf.matMul(tx, tw).dataSync()),
    },
    {
      name: "add [256,256] + [1,256] (broadcast)",
      sinapse: () => add(a, row),
      tfjs: () => tf.tidy(() => tf.add(ta, trow).dataSync()),
    },
    {
      name: "Dense(784,128) forward + backward, batch 128",
      sinapse: () => {
        layer.weights.grad = null;
        layer.biases.grad = null;
        sum(layer.forward(input)).backward();
      },
      tfjs: () =>
        tf.tidy(() => {
          const grads = tf.variableGrads(() => tf.sum(tf.add(tf.matMul(tx, tW), tb)));
          for (const g of Object.values(grads.grads)) g.dataSync();
        }),
    },
  ];
}

const rows = [];
for (const c of cases()) {
  const bench = new Bench({ time, warmupTime: time / 4 });
  bench.add("sinapse", c.sinapse).add("tfjs-cpu", c.tfjs);
  await bench.run();
  const hz = {};
  for (const task of bench.tasks) {
    if (task.result.state !== "completed") {
      throw new Error(`bench: ${c.name} / ${task.name} ${task.result.state}: ${task.result.error?.message}`);
    }
    hz[task.name] = 1000 / task.result.latency.mean; // latency is in milliseconds
  }
  rows.push({
    benchmark: c.name,
    "sinapse ops/s": hz.sinapse.toFixed(1),
    "tfjs-cpu ops/s": hz["tfjs-cpu"].toFixed(1),
    "sinapse / tfjs-cpu": `${(hz.sinapse / hz["tfjs-cpu"]).toFixed(2)}×`,
  });
}

console.log(
  `Sinapse vs TensorFlow.js ${tf.version.tfjs} (cpu backend), Node ${process.version}, one run${quick ? " (quick)" : ""}`,
);
console.table(rows);
