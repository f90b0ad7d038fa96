import { array, Random, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixture from "./__fixtures__/nnfs-ch11.json";
import { CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { Linear, ReLU, Softmax } from "./activations.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import { CategoricalCrossentropy, MeanSquaredError } from "./losses.js";
import { type EpochInfo, Model } from "./model.js";
import { Adam } from "./optimizers/adam.js";
import { SGD } from "./optimizers/sgd.js";

const X = array(fixture.X);
const y = array(Int32Array.from(fixture.y));

/** The book's chapter 11 model, built through Model with the book's RNG order. */
function chapter11(): Model {
  const rng = new Random(0);
  for (let c = 0; c < 3; c++) rng.randn([100]);
  return new Model()
    .add(new Dense(2, 64, { rng }))
    .add(new ReLU())
    .add(new Dense(64, 3, { rng }))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
      accuracy: new CategoricalAccuracy(),
    })
    .finalize();
}

describe("Model", () => {
  it("trains the book's chapter 11 model like NumPy runs the book's code (softmax + CE fused)", () => {
    const history = chapter11().fit(X, y, { epochs: 21 });
    expect(history).toHaveLength(21);
    history.forEach((h, i) => {
      const expected = fixture.epochs[i] as { loss: number; acc: number; lr: number };
      expect([h.dataLoss]).toBeAllclose([expected.loss], { rtol: 1e-5, atol: 0 });
      expect(Math.abs(h.accuracy - expected.acc)).toBeLessThanOrEqual(2 / 300 + 1e-6);
    });
    expect(history[0]?.regularizationLoss).toBe(0);
  });

  it("prints the book's lines every printEvery epochs, numbered from 0 as the book's chapters print them", () => {
    const lines: string[] = [];
    chapter11().fit(X, y, { epochs: 4, printEvery: 2, log: (l) => lines.push(l) });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^epoch: 0, acc: 0\.\d{3}, loss: 1\.\d{3} \(data_loss: 1\.\d{3}, reg_loss: 0\.000\), lr: 0\.05$/,
    );
    // The book prints the rate before each iteration's update: 0.05 / (1 + 5e-7 · 1) at iteration 2.
    expect(lines[1]).toMatch(/^epoch: 2, acc: 0\.\d{3}, .*lr: 0\.0499999750000125$/);
  });

  it("takes batches with a smaller last batch, calls callbacks, and stops on request", () => {
    const model = chapter11();
    const batches: number[] = [];
    const epochs: EpochInfo[] = [];
    model.fit(X, y, {
      epochs: 3,
      batchSize: 128,
      callbacks: {
        onBatchEnd: (b) => batches.push(b.step),
        onEpochEnd: (e) => {
          epochs.push(e);
          if (e.epoch === 2) model.stopTraining = true;
        },
      },
    });
    expect(batches).toEqual([0, 1, 2, 0, 1, 2]); // 300 samples: 128 + 128 + 44
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it("evaluates and predicts in eval mode, with the same numbers batched or not", () => {
    const model = chapter11();
    model.fit(X, y, { epochs: 5, validationData: [X, y] });
    const whole = model.evaluate(X, y);
    const batched = model.evaluate(X, y, { batchSize: 7 });
    expect(batched.loss).toBeCloseTo(whole.loss, 5);
    expect(batched.accuracy).toBeCloseTo(whole.accuracy, 6);
    const out = model.predict(X, { batchSize: 50 });
    expect(out.shape).toEqual([300, 3]);
    expect(out).toBeAllclose(model.predict(X), { rtol: 1e-6 });
    expect(model.predictions(out).shape).toEqual([300]);
  });

  it("fits a regression (the book's chapter 17 shape) with MSE and regression accuracy", () => {
    const xs = array(
      Float32Array.from({ length: 64 }, (_, i) => i / 64),
      [64, 1],
    );
    const ys = xs.mul(2).add(0.5);
    const rng = new Random(3);
    const model = new Model()
      .add(new Dense(1, 8, { rng, init: "he" }))
      .add(new ReLU())
      .add(new Dense(8, 1, { rng, init: "he" }))
      .add(new Linear())
      .set({
        loss: new MeanSquaredError(),
        optimizer: new Adam({ learningRate: 0.01 }),
        accuracy: new RegressionAccuracy(),
      });
    const history = model.fit(xs, ys, { epochs: 300 });
    expect(history.at(-1)?.loss).toBeLessThan((history[0]?.loss as number) / 20);
  });

  it("switches modes with train()/train(false) and keeps dropout off in evaluate", () => {
    const model = new Model().add(new Dense(2, 2)).add(new Dropout(0.5)).add(new Dense(2, 1));
    expect(model.train(false)).toBe(model);
    expect(model.layers[1]?.training).toBe(false);
    model.train();
    expect(model.layers[1]?.training).toBe(true);
  });

  it("names both layers when their sizes do not fit", () => {
    const model = new Model().add(new Dense(2, 64)).add(new ReLU()).add(new Dense(32, 3));
    expect(() => model.finalize()).toThrow(ShapeError);
    expect(() => model.finalize()).toThrow(
      "Model.finalize: layer 0 (Dense(2 → 64)) outputs 64 values but layer 2 (Dense(32 → 3)) expects 32",
    );
  });

  it("reports a non-finite loss with the epoch and the first layer that went non-finite", () => {
    const model = chapter11();
    model.set({ optimizer: new SGD({ learningRate: 1e30 }) });
    expect(() => model.fit(X, y, { epochs: 5 })).toThrow(
      /Model\.fit: the loss became (NaN|Infinity) at epoch \d, step 0; layer 0 \(Dense\(2 → 64\)\) holds non-finite parameters$/,
    );
  });

  it("rejects missing settings, mismatched samples and bad options", () => {
    expect(() => new Model().add(new Dense(2, 1)).fit(X, y)).toThrow(
      "Model.fit: call set({ loss, optimizer, accuracy }) first",
    );
    expect(() => chapter11().fit(X, array(new Int32Array(3)))).toThrow("Model.fit: X has 300 samples but y has 3");
    expect(() => chapter11().fit(X, y, { epochs: 0 })).toThrow(ValueError);
    expect(() => new Model().finalize()).toThrow("Model.finalize: the model has no layers");
  });
});
