// Autograd costs, in one run: bookkeeping per op on tiny tensors (Sinapse op minus the bare
// NDArray op) beside tfjs's tf.grad on the same tiny graph, and the heap of a training loop
// (no dispose, no tidy) after GC at step 1,000 vs 100,000. Run with --expose-gc.
import * as ag from "@sinapse/autograd";
import * as sn from "@sinapse/tensor";
import * as tf from "@tensorflow/tfjs";
import { Bench } from "tinybench";

const quick = process.argv.includes("--quick");
await tf.setBackend("cpu");

async function perCall(fn, iterations = 200) {
  const bench = new Bench({ time: quick ? 150 : 500, iterations, warmupTime: 100 });
  bench.add("x", fn);
  await bench.run();
  return bench.tasks[0].result.latency.p50 * 1000; // µs
}

// 1. Bookkeeping per op: the same add on tiny arrays, bare and recorded.
const rng = new sn.Random(0);
const a = rng.randn([4]);
const b = rng.randn([4]);
const ta = ag.tensor(a, { requiresGrad: true });
const tb = ag.tensor(b);
const bare = await perCall(() => sn.add(a, b), 2000);
const recorded = await perCall(() => ag.add(ta, tb), 2000);

// 2. A tiny graph, forward and backward: y = Σ relu(x·w + b) with x [1,4], w [4,3], b [1,3].
const x = rng.randn([1, 4]);
const w = rng.randn([4, 3]);
const bias = rng.randn([1, 3]);
const W = ag.tensor(w, { requiresGrad: true });
const B = ag.tensor(bias, { requiresGrad: true });
const sinapseStep = await perCall(() => {
  W.grad = null;
  B.grad = null;
  ag.sum(ag.relu(ag.add(ag.matmul(x, W), B))).backward();
});
const tx = tf.tensor(x.dataSync(), [1, 4]);
const tw = tf.tensor(w.dataSync(), [4, 3]);
const tbias = tf.tensor(bias.dataSync(), [1, 3]);
const g = tf.grads((wv, bv) => tf.sum(tf.relu(tf.add(tf.matMul(tx, wv), bv))));
const tfjsStep = await perCall(() => {
  const grads = g([tw, tbias]);
  for (const t of grads) t.dispose();
});

// 3. Heap of a training loop with no dispose: a 2-16-3 MLP on spiral-like data, SGD.
const steps = quick ? 20_000 : 100_000;
const X = rng.randn([32, 2]);
const y = sn.array(Int32Array.from({ length: 32 }, (_, i) => i % 3));
const params = [rng.randn([2, 16]), sn.zeros([1, 16]), rng.randn([16, 3]), sn.zeros([1, 3])].map((v) =>
  ag.tensor(sn.mul(v, 0.1), { requiresGrad: true }),
);
const heapAt = {};
const t0 = performance.now();
for (let step = 1; step <= steps; step++) {
  const [w1, b1, w2, b2] = params;
  const h = ag.relu(ag.add(ag.matmul(X, w1), b1));
  const loss = ag.softmaxCrossEntropy(ag.add(ag.matmul(h, w2), b2), y);
  loss.backward();
  ag.noGrad(() => {
    for (const p of params) {
      sn.sub(p.value, sn.mul(p.grad.value, 0.1), { out: p.value });
      p.grad = null;
    }
  });
  if (step === 1000 || step === steps) {
    globalThis.gc?.();
    heapAt[step] = process.memoryUsage().heapUsed / 2 ** 20;
  }
}
const seconds = (performance.now() - t0) / 1000;

console.log(
  `Autograd, Node ${process.version}, TensorFlow.js ${tf.version.tfjs} (cpu), one run${quick ? " (quick)" : ""}.`,
);
console.table([
  { measure: "NDArray add, 4 floats", value: `${bare.toFixed(3)} µs` },
  { measure: "autograd add, 4 floats (recorded)", value: `${recorded.toFixed(3)} µs` },
  { measure: "bookkeeping per op (difference; target ≤ 0.5 µs)", value: `${(recorded - bare).toFixed(3)} µs` },
  { measure: "tiny graph Σrelu(xW+b): forward + backward, Sinapse", value: `${sinapseStep.toFixed(2)} µs` },
  { measure: "same graph, tfjs tf.grads (cpu)", value: `${tfjsStep.toFixed(2)} µs` },
  { measure: "Sinapse / tfjs speed", value: `${(tfjsStep / sinapseStep).toFixed(2)}×` },
  { measure: "MLP 2-16-3 training loop", value: `${steps} steps, ${(steps / seconds).toFixed(0)} steps/s` },
  {
    measure: globalThis.gc ? "heap after GC: step 1,000 → last step" : "heap (run with --expose-gc for GC'd numbers)",
    value: `${heapAt[1000].toFixed(1)} MB → ${heapAt[steps].toFixed(1)} MB`,
  },
]);
