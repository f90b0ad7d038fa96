// The single-op cases: each builds its inputs (from a seeded Random, on the active Sinapse
// backend), a Sinapse call, the same call in TensorFlow.js and the spec PyTorch's worker
// (peers.py `micro_fn`) builds the same call from. `per(ms)` turns ms per call into the unit.
import { sum as gradSum, tensor } from "@sinapse/autograd";
import { Dense } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";

const us = (ms) => ms * 1000;
const melem = (n) => (ms) => n / (ms * 1e3);
const gflops = (m, k, n) => (ms) => (2 * m * n * k) / (ms * 1e6);

/** The cases; `quick` keeps a short subset. Goals are on the Sinapse rows. */
export function microCases({ quick }) {
  const list = [
    {
      name: "tiny op: add of 64 floats",
      unit: "µs/op",
      per: us,
      higher: false,
      goal: { op: "≤", value: 0.3, text: "≤ 0.3 µs" },
      inputs: (rng) => [rng.randn([64]), rng.randn([64])],
      sinapse:
        ([a, b]) =>
        () =>
          sn.add(a, b),
      tfjs:
        (tf, [a, b]) =>
        () =>
          tf.add(a, b).dispose(),
      torch: { kind: "add", n: 64 },
    },
    {
      name: "add, 1M float32",
      unit: "Melem/s",
      per: melem(1e6),
      higher: true,
      goal: { op: "≥", value: 1500, text: "≥ 1,500 Melem/s" },
      inputs: (rng) => [rng.randn([1_000_000]), rng.randn([1_000_000])],
      sinapse:
        ([a, b]) =>
        () =>
          sn.add(a, b),
      tfjs:
        (tf, [a, b]) =>
        () =>
          tf.add(a, b).dispose(),
      torch: { kind: "add", n: 1_000_000 },
    },
    {
      name: "add, 1M float32 into out= (tfjs allocates)",
      unit: "Melem/s",
      per: melem(1e6),
      higher: true,
      inputs: (rng) => [rng.randn([1_000_000]), rng.randn([1_000_000])],
      sinapse: ([a, b]) => {
        const out = sn.zeros([1_000_000]);
        return () => sn.add(a, b, { out });
      },
      tfjs:
        (tf, [a, b]) =>
        () =>
          tf.add(a, b).dispose(),
      torch: { kind: "add_out", n: 1_000_000 },
    },
    {
      name: "relu, 1M float32",
      unit: "Melem/s",
      per: melem(1e6),
      higher: true,
      inputs: (rng) => [rng.randn([1_000_000])],
      sinapse:
        ([a]) =>
        () =>
          sn.relu(a),
      tfjs:
        (tf, [a]) =>
        () =>
          tf.relu(a).dispose(),
      torch: { kind: "relu", n: 1_000_000 },
    },
    {
      name: "sum, 1M float32",
      unit: "Melem/s",
      per: melem(1e6),
      higher: true,
      inputs: (rng) => [rng.randn([1_000_000])],
      sinapse:
        ([a]) =>
        () =>
          sn.sum(a),
      tfjs:
        (tf, [a]) =>
        () =>
          tf.sum(a).dispose(),
      torch: { kind: "sum", n: 1_000_000 },
    },
    {
      // Sinapse and PyTorch return views (O(1)); tfjs copies for transpose and slice.
      name: "views: transpose, slice, expandDims of [1000,1000]",
      unit: "µs/op",
      per: us,
      higher: false,
      inputs: (rng) => [rng.randn([1000, 1000])],
      sinapse:
        ([a]) =>
        () =>
          sn.expandDims(sn.slice(sn.transpose(a), ":, 1:"), 0),
      tfjs:
        (tf, [a]) =>
        () =>
          tf.tidy(() => tf.expandDims(tf.slice(tf.transpose(a), [0, 1], [1000, 999]), 0)),
      torch: { kind: "views", n: 1000 },
    },
  ];
  for (const n of quick ? [64, 256] : [64, 128, 256, 512, 1024]) {
    list.push(matmulCase(`matmul ${n}×${n}`, n, n, n, false, false));
  }
  const shaped = [
    ["matmul 1024, Aᵀ·B", 1024, 1024, 1024, true, false],
    ["matmul 1024, A·Bᵀ", 1024, 1024, 1024, false, true],
    ["matmul 1024, Sinapse 1 thread", 1024, 1024, 1024, false, false, 1],
    ["MLP forward X[128×784]·W[784×128]", 128, 784, 128, false, false],
    ["MLP backward Xᵀ·G (784×128, k = 128)", 784, 128, 128, true, false],
    ["MLP backward G·Wᵀ (128×784, k = 128)", 128, 128, 784, false, true],
  ];
  for (const args of quick ? shaped.slice(3, 4) : shaped) list.push(matmulCase(...args));
  list.push({
    name: "Dense(784,128) forward+backward, batch 128",
    unit: "steps/s",
    per: (ms) => 1000 / ms,
    higher: true,
    inputs: (rng) => [rng.randn([128, 784]), rng.randn([784, 128])],
    sinapse: ([x]) => {
      const layer = new Dense(784, 128, { rng: new sn.Random(1) });
      const t = tensor(x);
      return () => {
        layer.weights.grad = null;
        layer.biases.grad = null;
        gradSum(layer.forward(t)).backward();
      };
    },
    tfjs: (tf, [input, w]) => {
      const W = tf.variable(w);
      const b = tf.variable(tf.zeros([1, 128]));
      return () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => tf.sum(tf.add(tf.matMul(input, W), b)), [W, b]);
          for (const g of Object.values(grads)) g.dataSync();
        });
    },
    torch: { kind: "dense", batch: 128, in: 784, out: 128 },
  });
  return list;
}

/** C[m,n] = A[m,k]·B[k,n], A or B stored transposed and passed as a transposed view. */
function matmulCase(name, m, k, n, ta, tb, threads) {
  return {
    name,
    unit: "GFLOP/s",
    per: gflops(m, k, n),
    higher: true,
    threads,
    inputs: (rng) => [rng.randn(ta ? [k, m] : [m, k]), rng.randn(tb ? [n, k] : [k, n])],
    sinapse: ([a, b]) => {
      const x = ta ? sn.transpose(a) : a;
      const y = tb ? sn.transpose(b) : b;
      return () => sn.matmul(x, y);
    },
    tfjs:
      (tf, [a, b]) =>
      () =>
        tf.matMul(a, b, ta, tb).dispose(),
    torch: { kind: "matmul", m, k, n, ta, tb },
    minBatches: m * n * k >= 2 ** 30 ? 2 : 3,
  };
}
