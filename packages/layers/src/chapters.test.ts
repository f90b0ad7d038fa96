/**
 * The book's chapters 14-17 through `Model`: same data, same initial weights (seed 0, the
 * book's draw order), and the same first epochs as NumPy running the book's code
 * (scripts/fixtures/nnfs_chapters.py). The full 10,001-epoch runs are `pnpm book`.
 */
import { sine, spiral } from "@sinapse/data";
import { Random } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixture from "./__fixtures__/nnfs-chapters.json";
import { BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { Linear, ReLU, Sigmoid, Softmax } from "./activations.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import { BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError } from "./losses.js";
import { type History, Model } from "./model.js";
import { Adam } from "./optimizers/adam.js";

type Epoch = { dataLoss: number; regLoss: number; acc: number };

/**
 * `ties`: predictions at epoch 0 allowed to differ from NumPy's by a near-tie. In chapter
 * 15, sample 2363's logits differ by 3.7e-8; NumPy's float32 `exp` rounds e^(−3.7e-8) to 1
 * and its argmax takes the first of two equal probabilities, while the correctly rounded
 * 0.99999994 picks the larger logit (the true class): one sample of 3,000.
 */
function expectEpochs(history: History, expected: Epoch[], ties = 0, samples = 1): void {
  expect(history).toHaveLength(expected.length);
  history.forEach((h, i) => {
    const e = expected[i] as Epoch;
    expect([h.dataLoss]).toBeAllclose([e.dataLoss], { rtol: 1e-5, atol: 0 });
    expect([h.regularizationLoss]).toBeAllclose([e.regLoss], { rtol: 1e-4, atol: 1e-9 });
    expect(Math.abs(h.accuracy - e.acc)).toBeLessThanOrEqual(i === 0 ? ties / samples + 1e-6 : 0.01);
  });
}

function classifier(samples: number, dropout: number, learningRate: number, decay: number): History {
  const rng = new Random(0);
  const { X, y } = spiral(samples, 3, { rng });
  const model = new Model()
    .add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }))
    .add(new ReLU());
  if (dropout) model.add(new Dropout(dropout, { rng }));
  model
    .add(new Dense(64, 3, { rng }))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate, decay }),
      accuracy: new CategoricalAccuracy(),
    });
  return model.fit(X, y, { epochs: 3 });
}

describe("the book's chapters, first epochs against NumPy", () => {
  it("chapter 14: L2 regularisation, the loss reported as data + regularisation", () => {
    expectEpochs(classifier(100, 0, 0.02, 5e-7), fixture.chapters.ch14);
  });

  it("chapter 15: dropout draws its masks from the shared generator in the book's order", () => {
    expectEpochs(classifier(1000, 0.1, 0.05, 5e-5), fixture.chapters.ch15, 1, 3000);
  });

  it("chapter 16: binary logistic regression with a sigmoid output", () => {
    const rng = new Random(0);
    const { X, y } = spiral(100, 2, { rng });
    const model = new Model()
      .add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }))
      .add(new ReLU())
      .add(new Dense(64, 1, { rng }))
      .add(new Sigmoid())
      .set({ loss: new BinaryCrossentropy(), optimizer: new Adam({ decay: 5e-7 }), accuracy: new BinaryAccuracy() });
    expectEpochs(model.fit(X, y.reshape(-1, 1), { epochs: 3 }), fixture.chapters.ch16);
  });

  it("chapter 17: regression on sine data with regression accuracy", () => {
    const rng = new Random(0);
    const { X, y } = sine();
    const model = new Model()
      .add(new Dense(1, 64, { rng }))
      .add(new ReLU())
      .add(new Dense(64, 64, { rng }))
      .add(new ReLU())
      .add(new Dense(64, 1, { rng }))
      .add(new Linear())
      .set({
        loss: new MeanSquaredError(),
        optimizer: new Adam({ learningRate: 0.005, decay: 1e-3 }),
        accuracy: new RegressionAccuracy(),
      });
    expectEpochs(model.fit(X, y, { epochs: 3 }), fixture.chapters.ch17);
  });
});
