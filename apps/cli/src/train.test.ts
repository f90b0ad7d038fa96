/**
 * train, evaluate and predict through the built binary: a short spiral run with --json,
 * the save → evaluate → predict round trip, Ctrl-C, and every kind of bad input the issue
 * lists (one line on stderr, non-zero exit, no stack trace, no partial file).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spiral } from "@sinapse/data";
import { buildModel } from "@sinapse/layers";
import { Random } from "@sinapse/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliMetadata, modelFileBytes, readModelFile } from "./model-file.js";
import { cli, requireBuild, sinapse, stackTrace } from "./test-cli.js";

const dir = mkdtempSync(join(tmpdir(), "sinapse-cli-"));
const at = (name: string) => join(dir, name);
const run = (...args: string[]) => sinapse(args, { cwd: dir });

interface Epoch {
  epoch: number;
  loss: number;
  accuracy: number;
  learningRate: number;
}

/** A labelled spiral sample as CSV (features, then the class), and the same without labels. */
function spiralCsv(samples: number, seed: number): { labelled: string; features: string; labels: number[] } {
  const { X, y } = spiral(samples, 3, { rng: new Random(seed) });
  const x = Array.from(X.dataSync());
  const labels = Array.from(y.dataSync());
  const rows = labels.map((_, i) => `${x[2 * i]},${x[2 * i + 1]}`);
  return {
    labelled: `x1,x2,class\n${rows.map((r, i) => `${r},${labels[i]}`).join("\n")}\n`,
    features: `x1,x2\n${rows.join("\n")}\n`,
    labels,
  };
}

/** Files left in the test folder that look like temporaries of an atomic write. */
const temporaries = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

beforeAll(requireBuild);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent("sinapse train, evaluate, predict", () => {
  let history: Epoch[] = [];

  beforeAll(async () => {
    const { code, stdout, stderr } = await run(
      "train",
      "spiral",
      "--epochs",
      "40",
      "--json",
      "--save",
      "spiral.safetensors",
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("saved model to spiral.safetensors");
    history = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Epoch);
  });

  it("train --log keeps stdout to the log: the saved-model line goes to stderr", async () => {
    const { code, stdout, stderr } = await run(
      "train",
      "spiral",
      "--epochs",
      "2",
      "--log",
      "--print-every",
      "1",
      "--save",
      "log.safetensors",
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("saved model to log.safetensors");
    expect(stdout).not.toContain("saved model");
    // The book numbers full-batch iterations from 0: two epochs print iterations 0 and 1.
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^epoch: 1, acc: /);
  });

  it("train --json writes one object per epoch and the loss falls", () => {
    expect(history.map((h) => h.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(history[0]?.loss).toBeCloseTo(Math.log(3), 2); // the book's first epoch: 1.099
    expect((history[39] as Epoch).loss).toBeLessThan((history[0] as Epoch).loss - 0.05);
    expect(history[0]?.learningRate).toBe(0.05); // chapter 11's Adam
  });

  it("evaluate prints loss and accuracy on a fresh spiral without training flags", async () => {
    const { code, stdout } = await run("evaluate", "spiral.safetensors", "spiral", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { samples: number; loss: number; accuracy: number };
    expect(result.samples).toBe(300);
    expect(result.accuracy).toBeGreaterThan(0.34);
    expect(result.loss).toBeLessThan(1.1);
  });

  it("predict agrees with evaluate: its classes score evaluate's accuracy on the same CSV", async () => {
    const { labelled, features, labels } = spiralCsv(20, 5);
    writeFileSync(at("labelled.csv"), labelled);
    writeFileSync(at("features.csv"), features);
    const evaluation = await run("evaluate", "spiral.safetensors", "labelled.csv", "--json");
    const prediction = await run("predict", "spiral.safetensors", "features.csv", "--out", "predictions.txt");
    expect(evaluation.code).toBe(0);
    expect(prediction.code).toBe(0);
    expect(prediction.stdout).toBe("");
    const classes = readFileSync(at("predictions.txt"), "utf8").trim().split("\n").map(Number);
    expect(classes).toHaveLength(60);
    const hits = classes.filter((c, i) => c === labels[i]).length / 60;
    expect((JSON.parse(evaluation.stdout) as { accuracy: number }).accuracy).toBeCloseTo(hits, 6);
  });

  it("predict reads JSON from stdin and gives probabilities whose argmax is the class", async () => {
    const input = JSON.stringify([
      [0.1, 0.2],
      [-0.5, 0.3],
      [0.7, -0.1],
    ]);
    const { code, stdout } = await sinapse(["predict", "spiral.safetensors", "-", "--json", "--probabilities"], {
      cwd: dir,
      input,
    });
    expect(code).toBe(0);
    const { predictions, probabilities } = JSON.parse(stdout) as { predictions: number[]; probabilities: number[][] };
    expect(predictions).toHaveLength(3);
    probabilities.forEach((p, i) => {
      expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(p.indexOf(Math.max(...p))).toBe(predictions[i]);
    });
  });

  it("prints the book's log lines every --print-every epochs, numbered from 0 as the book, when stdout is not a terminal", async () => {
    const { code, stdout } = await run("train", "spiral", "--epochs", "21", "--print-every", "10");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    // The book's first line: the untrained model, loss ln 3, at the initial rate.
    expect(lines[0]).toMatch(/^epoch: 0, acc: 0\.\d{3}, loss: 1\.099, lr: 0\.05$/);
    // Iteration 10 shows the rate before its update: 0.05 / (1 + 5e-7 · 9).
    expect(lines[1]).toBe(lines[1]?.replace(/lr: .*$/, `lr: ${0.05 * (1 / (1 + 5e-7 * 9))}`));
    expect(lines[1]).toMatch(/^epoch: 10, /);
    expect(lines[2]).toMatch(/^epoch: 20, /);
  });
});

describe("Ctrl-C during training", () => {
  it("stops after the current batch, saves the model trained so far and exits 130", async () => {
    const child = spawn(
      process.execPath,
      [cli, "train", "spiral", "--epochs", "100000", "--json", "--save", "stopped.safetensors"],
      {
        cwd: dir,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on("data", (d) => {
        if (stdout === "") child.kill("SIGINT"); // at the first epoch line
        stdout += d;
      });
      child.on("exit", (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(
      /^sinapse: interrupted: stopped after \d+ complete epochs?; saved the model trained so far to stopped\.safetensors\n$/,
    );
    const epochs = stdout.trim().split("\n");
    expect(epochs.length).toBeLessThan(100000);
    expect(readModelFile(at("stopped.safetensors")).meta.features).toBe(2); // a whole, loadable model
    expect(temporaries()).toEqual([]);
  });
});

describe.concurrent("bad input: one line on stderr, non-zero exit, no stack trace, no partial file", () => {
  beforeAll(() => {
    writeFileSync(at("ragged.csv"), "x1,x2,label\n0.1,0.2,0\n0.3,0.1,1\n0.5,1\n");
    writeFileSync(at("malformed.csv"), "0.1,0.2,0\n0.3,abc,1\n");
    writeFileSync(at("three.csv"), "0.1,0.2,0.3\n");
    writeFileSync(at("garbage.safetensors"), "definitely not a model");
    const model = buildModel({
      layers: [{ type: "Dense", nInputs: 2, nNeurons: 3 }],
      head: { type: "multiclass" },
      optimizer: null,
    });
    const meta: CliMetadata = {
      task: "classification",
      features: 2,
      outputs: 3,
      classNames: null,
      preprocess: { type: "none" },
      dataset: { name: "spiral", samples: 5e7, classes: 3 },
    };
    writeFileSync(at("greedy.safetensors"), modelFileBytes(model, meta));
  });

  const cases: [string, string[], number, RegExp][] = [
    [
      "an unknown dataset, with the closest name",
      ["train", "spirl"],
      2,
      /^sinapse: unknown dataset "spirl" \(Did you mean spiral\?\)/,
    ],
    [
      "an unknown flag, with the closest flag",
      ["train", "spiral", "--epoch", "3"],
      2,
      /^sinapse: unknown option '--epoch' \(Did you mean --epochs\?\)\n$/,
    ],
    [
      "a ragged CSV, naming the line",
      ["train", "ragged.csv"],
      1,
      /^sinapse: ragged\.csv:4: 2 fields, expected 3 as on line 1 \(ragged CSV\)\n$/,
    ],
    [
      "a malformed CSV value, naming line and column",
      ["train", "malformed.csv"],
      1,
      /^sinapse: malformed\.csv:2: column 2 is "abc", not a finite number\n$/,
    ],
    [
      "a damaged model file",
      ["evaluate", "garbage.safetensors", "spiral"],
      1,
      /^sinapse: garbage\.safetensors: not a usable model file: /,
    ],
    [
      "a model for another input size",
      ["predict", "spiral.safetensors", "three.csv"],
      1,
      /^sinapse: three\.csv: 3 columns per row but the model expects 2 features/,
    ],
    [
      "a hidden layer of 1e9 units, before any work (regression: not checked up front)",
      ["train", "spiral", "--hidden", "1000000000"],
      2,
      /^sinapse: --hidden: a layer may have at most 65536 units, got 1000000000\n$/,
    ],
    [
      "--samples 1e9",
      ["train", "spiral", "--samples", "1e9"],
      2,
      /^sinapse: --samples must be an integer from 1 to 16777216, got "1e9"\n$/,
    ],
    [
      "--noise 1e9 (regression: accepted)",
      ["train", "circle", "--noise", "1e9"],
      2,
      /^sinapse: --noise must be a number from 0 to 0\.5, got "1e9"\n$/,
    ],
    [
      "more points in all than the data may hold",
      ["train", "spiral", "--samples", "10000000", "--classes", "3"],
      2,
      /^sinapse: --samples 10000000 × --classes 3 would draw 30000000 points, more than 16777216\n$/,
    ],
    [
      "a network of more than 2²⁶ parameters",
      ["train", "spiral", "--hidden", "65536,65536", "--epochs", "1"],
      2,
      /^sinapse: --hidden 65536,65536: a 2-65536-65536-3 network has 4295426051 parameters, more than 67108864\n$/,
    ],
    [
      "a dataset named like a property of every object",
      ["train", "constructor"],
      2,
      /^sinapse: unknown dataset "constructor"/,
    ],
    [
      "a model file whose dataset entry asks for 5e7 samples (regression: drew 1.97 GiB)",
      ["evaluate", "greedy.safetensors", "spiral"],
      1,
      /^sinapse: greedy\.safetensors: damaged sinapse\.cli metadata: dataset samples must be an integer from 1 to 16777216, got 50000000\n$/,
    ],
    [
      "missing Fashion-MNIST, saying how to install it",
      ["train", "fashion-mnist", "--data-dir", "/nonexistent"],
      1,
      /^sinapse: Fashion-MNIST is not installed in \/nonexistent: install it with `sudo apt-get install dataset-fashion-mnist`/,
    ],
  ];

  it.each(cases)("%s", async (_, args, exitCode, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(exitCode);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(stackTrace);
    expect(stdout).toBe("");
  });

  it("--debug adds the stack trace", async () => {
    const { code, stderr } = await run("--debug", "train", "malformed.csv");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^sinapse: malformed\.csv:2: /);
    expect(stderr).toMatch(stackTrace);
  });

  it("leaves no file behind when training or predicting fails", async () => {
    const [train, predict] = await Promise.all([
      run("train", "ragged.csv", "--save", "never.safetensors"),
      run("predict", "spiral.safetensors", "three.csv", "--out", "never.txt"),
    ]);
    expect(train.code).toBe(1);
    expect(predict.code).toBe(1);
    expect(existsSync(at("never.safetensors"))).toBe(false);
    expect(existsSync(at("never.txt"))).toBe(false);
    expect(temporaries()).toEqual([]);
  });
});

/** IDX bytes (ubyte): magic 00 00 08 <ndims>, big-endian sizes, then the values. */
function idx(shape: number[], values: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * shape.length));
  header.setUint32(0, 0x0800 + shape.length);
  shape.forEach((d, i) => {
    header.setUint32(4 + 4 * i, d);
  });
  return new Uint8Array([...new Uint8Array(header.buffer), ...values]);
}

/** A stand-in for Fashion-MNIST: class k lights up row 2k + 4 of its 28×28 image (uncompressed IDX files). */
function fakeFashionMnist(folder: string, train: number, test: number): void {
  mkdirSync(folder);
  for (const [prefix, n] of [
    ["train", train],
    ["t10k", test],
  ] as const) {
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
    const images = new Uint8Array(n * 784);
    labels.forEach((k, i) => {
      images.fill(255, i * 784 + (2 * k + 4) * 28, i * 784 + (2 * k + 5) * 28);
    });
    writeFileSync(join(folder, `${prefix}-images-idx3-ubyte`), idx([n, 28, 28], images));
    writeFileSync(join(folder, `${prefix}-labels-idx1-ubyte`), idx([n], labels));
  }
}

describe("fashion-mnist", () => {
  it("trains with chapter 19's settings, stores the pixel scaling and evaluates on the test split", async () => {
    fakeFashionMnist(at("fake-fashion"), 300, 50);
    const train = await run(
      "train",
      "fashion-mnist",
      "--data-dir",
      "fake-fashion",
      "--epochs",
      "2",
      "--json",
      "--save",
      "fashion.safetensors",
    );
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout.trim().split("\n")).toHaveLength(2);
    const { meta } = readModelFile(at("fashion.safetensors"));
    expect(meta).toMatchObject({ task: "classification", features: 784, outputs: 10 });
    expect(meta.preprocess).toEqual({ type: "scale", from: [0, 255], to: [-1, 1] });
    const evaluation = await run("evaluate", "fashion.safetensors", "fashion-mnist", "--json"); // the data dir is remembered
    expect(evaluation.code, evaluation.stderr).toBe(0);
    expect(JSON.parse(evaluation.stdout)).toMatchObject({ dataset: "fashion-mnist", samples: 50 });
  });

  const real = process.env.FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";
  const installed = ["t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte"].some((f) => existsSync(join(real, f)));
  if (!installed)
    console.warn(
      `skipping the real Fashion-MNIST test: no IDX files in ${real} (apt-get install dataset-fashion-mnist)`,
    );

  it.skipIf(!installed)(
    "learns the real Fashion-MNIST from 2,000 images in five epochs (needs dataset-fashion-mnist)",
    async () => {
      const train = await run(
        "train",
        "fashion-mnist",
        "--samples",
        "2000",
        "--epochs",
        "5",
        "--json",
        "--save",
        "real.safetensors",
      );
      expect(train.code, train.stderr).toBe(0);
      const evaluation = await run("evaluate", "real.safetensors", "fashion-mnist", "--samples", "1000", "--json");
      expect(evaluation.code, evaluation.stderr).toBe(0);
      expect((JSON.parse(evaluation.stdout) as { accuracy: number }).accuracy).toBeGreaterThan(0.5);
    },
    // Two CLI runs over the real files: minutes on a loaded 2-core machine, not seconds.
    120_000,
  );
});
