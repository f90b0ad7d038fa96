/** Flags → config → data and model → training, in-process (the worker's work without the worker). */
import { spiral } from "@sinapse/data";
import { BinaryCrossentropy, Dense, Linear, MeanSquaredError, Sigmoid, Softmax } from "@sinapse/layers";
import { random } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { trainConfig } from "./commands/train.js";
import { prepare, train } from "./training.js";

const config = (dataset: string, flags: Record<string, unknown> = {}) =>
  trainConfig(dataset, { seed: 0, printEvery: 100, ...flags });

describe("defaults", () => {
  it("are the book's chapter 11 model on spiral, weights drawn after the data from seed 0", async () => {
    const c = config("spiral");
    expect(c.epochs).toBe(10_000);
    expect(c.optimizer).toEqual({ name: "adam", learningRate: 0.05, decay: 5e-7 });
    const session = await prepare(c);
    expect(session.model.layers.map((l) => l.describe())).toEqual([
      "Dense(2 → 64)",
      "ReLU",
      "Dense(64 → 3)",
      "Softmax",
    ]);
    random.seed(0); // nnfs.init(); spiral_data(100, 3); Layer_Dense(2, 64)
    spiral(100, 3);
    const book = new Dense(2, 64);
    expect((session.model.layers[0] as Dense).weights.toArray()).toEqual(book.weights.toArray());
    const { history } = train(session, { ...c, epochs: 2 });
    expect(history[0]?.loss).toBeCloseTo(1.0986, 4); // the book's epoch 0: loss 1.099
  });

  it("follow the book's chapter 17 for sine and 19 for fashion-mnist; another optimizer starts from its own", () => {
    expect(config("sine").optimizer).toEqual({ name: "adam", learningRate: 0.005, decay: 1e-3 });
    expect(config("sine").architecture.hidden).toEqual([64, 64]);
    expect(config("fashion-mnist").batchSize).toBe(128);
    expect(config("spiral", { optimizer: "sgd", momentum: 0.9 }).optimizer).toEqual({ name: "sgd", momentum: 0.9 });
    expect(config("spiral", { lr: 0.01 }).optimizer).toEqual({ name: "adam", learningRate: 0.01, decay: 5e-7 });
  });
});

describe("prepare", () => {
  it("builds a linear output with mean squared error for sine (regression)", async () => {
    const session = await prepare({ ...config("sine", { samples: 20 }), epochs: 3 });
    expect(session.model.layers.at(-1)).toBeInstanceOf(Linear);
    expect(session.model.loss).toBeInstanceOf(MeanSquaredError);
    expect(session.meta).toMatchObject({
      task: "regression",
      features: 1,
      outputs: 1,
      dataset: { name: "sine", samples: 20 },
    });
  });

  it("builds a sigmoid output with binary cross-entropy for --task binary, softmax otherwise", async () => {
    const binary = await prepare(config("xor", { task: "binary", samples: 20 }));
    expect(binary.model.layers.at(-1)).toBeInstanceOf(Sigmoid);
    expect(binary.model.loss).toBeInstanceOf(BinaryCrossentropy);
    expect(binary.y.shape).toEqual([20, 1]);
    const softmax = await prepare(config("xor", { samples: 20 }));
    expect(softmax.model.layers.at(-1)).toBeInstanceOf(Softmax);
    expect(softmax.meta.outputs).toBe(2);
  });

  it("holds out --validation-split and reports on it every epoch", async () => {
    const c = { ...config("spiral", { samples: 20, validationSplit: 0.25 }), epochs: 2 };
    const session = await prepare(c);
    expect(session.X.shape[0]).toBe(45);
    expect(session.validation?.[0].shape[0]).toBe(15);
    const { history } = train(session, c);
    expect(history[1]?.validationAccuracy).toBeGreaterThanOrEqual(0);
  });

  it("adds dropout and L2 to the hidden layers only, and --standardize stores the statistics", async () => {
    const session = await prepare(
      config("spiral", { samples: 10, dropout: 0.1, l2: 5e-4, standardize: true, hidden: [8, 4] }),
    );
    expect(session.model.layers.map((l) => l.describe())).toEqual([
      "Dense(2 → 8)",
      "ReLU",
      "Dropout(0.1)",
      "Dense(8 → 4)",
      "ReLU",
      "Dropout(0.1)",
      "Dense(4 → 3)",
      "Softmax",
    ]);
    const dense = session.model.layers.filter((l): l is Dense => l instanceof Dense);
    expect(dense.map((d) => d.weightRegularizerL2)).toEqual([5e-4, 5e-4, 0]);
    expect(session.meta.preprocess.type).toBe("standardize");
  });
});

describe("train", () => {
  it("stops after the batch where shouldStop says so and reports no cut-short epoch", async () => {
    const c = { ...config("spiral", { samples: 20, batchSize: 10 }), epochs: 5 };
    const session = await prepare(c);
    let batches = 0;
    const { history, stopped } = train(session, c, { onBatchEnd: () => batches++, shouldStop: () => batches === 8 });
    expect(stopped).toBe(true);
    expect(batches).toBe(8); // 6 batches per epoch: epoch 1 complete, epoch 2 cut after 2
    expect(history.map((h) => h.epoch)).toEqual([1]);
  });
});
