/**
 * `sinapse bench`: the Sinapse column of the repository's benchmark suite (bench/src), in
 * one process and without its peer libraries: the quick subset of ops, matmul and training
 * speeds, as a table. `--peers` runs the repository's own scripts (TensorFlow.js beside
 * Sinapse) instead, when the CLI runs from a checkout where they are installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { sum as gradSum, tensor } from "@sinapse/autograd";
import { spiral } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import * as sn from "@sinapse/tensor";
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { choice } from "../options.js";
import type { Io } from "../program.js";

const SIZES = ["tiny", "quick", "full"] as const;
type Size = (typeof SIZES)[number];

interface Scale {
  /** Time per case, ms. */
  budget: number;
  elements: number;
  matmul: number[];
  /** Dense layer [in, out] and batch. */
  dense: [number, number, number];
  /** MLP sizes and batch. */
  mlp: [number, number, number, number];
  spiralSamples: number;
}

const SCALES: Record<Size, Scale> = {
  tiny: {
    budget: 5,
    elements: 10_000,
    matmul: [16, 32],
    dense: [64, 32, 16],
    mlp: [64, 32, 10, 16],
    spiralSamples: 10,
  },
  quick: {
    budget: 150,
    elements: 1_000_000,
    matmul: [64, 256],
    dense: [784, 128, 128],
    mlp: [784, 128, 10, 128],
    spiralSamples: 100,
  },
  full: {
    budget: 600,
    elements: 1_000_000,
    matmul: [64, 128, 256, 512, 1024],
    dense: [784, 128, 128],
    mlp: [784, 128, 10, 128],
    spiralSamples: 100,
  },
};

export interface BenchRow {
  benchmark: string;
  unit: string;
  value: number;
}

interface Case {
  name: string;
  unit: string;
  /** From milliseconds per call to the unit. */
  per: (ms: number) => number;
  /** Returns the function to time (setup happens outside the timing). */
  setup: () => () => unknown;
}

/**
 * Median milliseconds per call of `fn` over `budget` ms, after a warm-up of a quarter of
 * it; calls are grouped so that each sample lasts about budget / 20.
 */
export function measure(fn: () => unknown, budget: number): number {
  let start = performance.now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (performance.now() - start < budget / 4 || calls < 2);
  const perCall = (performance.now() - start) / calls;
  const repeat = Math.max(1, Math.floor(budget / 20 / Math.max(perCall, 1e-6)));
  const samples: number[] = [];
  start = performance.now();
  do {
    const t = performance.now();
    for (let i = 0; i < repeat; i++) fn();
    samples.push((performance.now() - t) / repeat);
  } while (performance.now() - start < budget || samples.length < 3);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

function classifier(sizes: number[], rng: sn.Random, learningRate: number): Model {
  const model = new Model();
  sizes.slice(1).forEach((n, i) => {
    model.add(new Dense(sizes[i] as number, n, { rng }));
    model.add(i === sizes.length - 2 ? new Softmax() : new ReLU());
  });
  return model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate }),
    accuracy: new CategoricalAccuracy(),
  });
}

function cases(s: Scale): Case[] {
  const rng = new sn.Random(0);
  const rate = (ms: number) => s.elements / (ms * 1e3);
  const pair = () => [rng.randn([s.elements]), rng.randn([s.elements])] as const;
  const side = Math.round(Math.sqrt(s.elements));
  const list: Case[] = [
    {
      name: "tiny op: add of 64 floats",
      unit: "µs/op",
      per: (ms) => ms * 1000,
      setup: () => {
        const [a, b] = [rng.randn([64]), rng.randn([64])];
        return () => sn.add(a, b);
      },
    },
    {
      name: `add, ${s.elements.toLocaleString("en")} float32`,
      unit: "Melem/s",
      per: rate,
      setup: () => {
        const [a, b] = pair();
        return () => sn.add(a, b);
      },
    },
    {
      name: `add, ${s.elements.toLocaleString("en")} float32, into out=`,
      unit: "Melem/s",
      per: rate,
      setup: () => {
        const [a, b] = pair();
        const out = sn.zeros([s.elements]);
        return () => sn.add(a, b, { out });
      },
    },
    {
      name: `relu, ${s.elements.toLocaleString("en")} float32`,
      unit: "Melem/s",
      per: rate,
      setup: () => {
        const a = rng.randn([s.elements]);
        return () => sn.relu(a);
      },
    },
    {
      name: `views: transpose, slice, expandDims of [${side},${side}]`,
      unit: "µs/op",
      per: (ms) => ms * 1000,
      setup: () => {
        const a = rng.randn([side, side]);
        return () => sn.expandDims(sn.slice(sn.transpose(a), ":, 1:"), 0);
      },
    },
    {
      name: `sum, ${s.elements.toLocaleString("en")} float32`,
      unit: "Melem/s",
      per: rate,
      setup: () => {
        const a = rng.randn([s.elements]);
        return () => sn.sum(a);
      },
    },
  ];
  for (const n of s.matmul) {
    list.push({
      name: `matmul ${n}×${n}`,
      unit: "GFLOP/s",
      per: (ms) => (2 * n * n * n) / (ms * 1e6),
      setup: () => {
        const [a, b] = [rng.randn([n, n]), rng.randn([n, n])];
        return () => sn.matmul(a, b);
      },
    });
  }
  const [inputs, units, batch] = s.dense;
  list.push({
    name: `Dense(${inputs},${units}) forward+backward, batch ${batch}`,
    unit: "steps/s",
    per: (ms) => 1000 / ms,
    setup: () => {
      const layer = new Dense(inputs, units, { rng: new sn.Random(1) });
      const x = tensor(rng.randn([batch, inputs]));
      return () => {
        layer.weights.grad = null;
        layer.biases.grad = null;
        gradSum(layer.forward(x)).backward();
      };
    },
  });
  list.push({
    name: `chapter 11: 2-64-3, Adam, ${s.spiralSamples * 3} samples, full batch`,
    unit: "epochs/s",
    per: (ms) => 1000 / ms,
    setup: () => {
      const { X, y } = spiral(s.spiralSamples, 3, { rng: new sn.Random(0) });
      const model = classifier([2, 64, 3], new sn.Random(0), 0.01);
      return () => model.fit(X, y, { epochs: 1 });
    },
  });
  const [mIn, mHidden, mOut, mBatch] = s.mlp;
  list.push({
    name: `MLP ${mIn}-${mHidden}-${mOut}, batch ${mBatch}`,
    unit: "steps/s",
    per: (ms) => 1000 / ms,
    setup: () => {
      const X = rng.rand([mBatch, mIn]);
      const y = rng.randint(0, mOut, [mBatch]);
      const model = classifier([mIn, mHidden, mOut], new sn.Random(0), 0.01);
      return () => model.fit(X, y, { epochs: 1 });
    },
  });
  return list;
}

export function runBench(size: Size, onRow: (row: BenchRow) => void = () => {}): BenchRow[] {
  const scale = SCALES[size];
  return cases(scale).map((c) => {
    const row = { benchmark: c.name, unit: c.unit, value: c.per(measure(c.setup(), scale.budget)) };
    onRow(row);
    return row;
  });
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function formatRow(row: BenchRow, width: number): string {
  return `${row.benchmark.padEnd(width)}  ${fmt(row.value).padStart(8)}  ${row.unit}`;
}

/** The repository's bench/ folder, when this CLI runs from a checkout that has it installed. */
function repositoryBench(): string | null {
  const folder = fileURLToPath(new URL("../../../bench/", import.meta.url));
  return existsSync(`${folder}src/run.mjs`) && existsSync(`${folder}node_modules/@tensorflow/tfjs`) ? folder : null;
}

function runPeers(size: Size): void {
  const folder = repositoryBench();
  if (!folder)
    throw new CliError(
      "--peers runs the repository's bench/ scripts (TensorFlow.js beside Sinapse) and needs a Sinapse checkout with `pnpm install` done; an installed CLI has only the Sinapse-only table (sinapse bench)",
    );
  const quick = size === "full" ? [] : ["--quick"];
  for (const [script, flags] of [
    ["src/run.mjs", []],
    ["src/autograd.mjs", ["--expose-gc"]],
    ["src/training.mjs", []],
  ] as const) {
    const result = spawnSync(process.execPath, [...flags, script, ...quick], { cwd: folder, stdio: "inherit" });
    if (result.status !== 0) throw new CliError(`bench/${script} failed with exit code ${result.status}`);
  }
}

export function registerBench(program: Command, io: Io): void {
  program
    .command("bench")
    .description("measure Sinapse's speed: ops, matmul and training (the quick benchmark subset)")
    .option(
      "--size <size>",
      `${SIZES.join(", ")}: tiny is a smoke test, full adds matmul up to 1024`,
      choice("--size", SIZES),
      "quick",
    )
    .option("--json", "print one JSON object: the run, and results as {benchmark, unit, value}")
    .option("--peers", "run the repository's bench/ scripts instead: Sinapse beside TensorFlow.js (needs a checkout)")
    .addHelpText(
      "after",
      `
The table is the Sinapse column of the repository's benchmark suite (bench/src), measured
in this process: median time per call over 150 ms per case (quick). Higher is better
except for µs/op.

Examples:
  $ sinapse bench
  $ sinapse bench --size full --json > bench.json
  $ sinapse bench --peers`,
    )
    .action((flags: { size: Size; json?: boolean; peers?: boolean }) => {
      if (flags.peers) return runPeers(flags.size);
      const run = {
        backend: sn.getBackend().name,
        node: process.version,
        cores: availableParallelism(),
        size: flags.size,
      };
      if (flags.json) {
        io.out(`${JSON.stringify({ ...run, results: runBench(flags.size) })}\n`);
        return;
      }
      const width = Math.max(...cases(SCALES[flags.size]).map((c) => c.name.length));
      io.out(`Sinapse, ${run.backend} backend, Node ${run.node}, ${run.cores} cores, ${run.size} run\n`);
      io.out(`${"benchmark".padEnd(width)}  ${"value".padStart(8)}  unit\n`);
      runBench(flags.size, (row) => io.out(`${formatRow(row, width)}\n`));
    });
}
