// Chapter 17: regression on sine data, Dense(1,64) → ReLU → Dense(64,64) → ReLU →
// Dense(64,1) → Linear, mean squared error, Adam (lr 0.005, decay 1e-3). The book prints no
// final numbers; the fit follows the sine.
import { sine } from "@sinapse/data";
import { Adam, Dense, Linear, MeanSquaredError, Model, RegressionAccuracy, ReLU } from "@sinapse/layers";
import { random } from "@sinapse/tensor";
import { report } from "./report.mjs";

export const book = null;

export function run({ epochs = 10_001, log } = {}) {
  random.seed(0);
  const { X, y } = sine();
  const model = new Model()
    .add(new Dense(1, 64))
    .add(new ReLU())
    .add(new Dense(64, 64))
    .add(new ReLU())
    .add(new Dense(64, 1))
    .add(new Linear())
    .set({
      loss: new MeanSquaredError(),
      optimizer: new Adam({ learningRate: 0.005, decay: 1e-3 }),
      accuracy: new RegressionAccuracy(),
    })
    .finalize();
  const history = model.train(X, y, { epochs, printEvery: log ? 1000 : undefined, log });
  return { history, validation: model.evaluate(X, y) };
}

if (import.meta.url === `file://${process.argv[1]}`) report("Chapter 17", book, run({ log: console.log }));
