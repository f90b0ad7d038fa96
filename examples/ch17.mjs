// Chapter 17: regression on sine data, Dense(1,64) → ReLU → Dense(64,64) → ReLU →
// Dense(64,1) → Linear, mean squared error, Adam (lr 0.005, decay 1e-3). As the book's
// chapter 17 does after its first attempt stalls, weights start at 0.1·randn instead of
// 0.01·randn. The book prints no final numbers; the fit follows the sine.
import { sine } from "@sinapse/data";
import { Adam, Dense, Linear, MeanSquaredError, Model, RegressionAccuracy, ReLU } from "@sinapse/layers";
import { mul, random } from "@sinapse/tensor";

const init = (n, m, rng) => mul(rng.randn([n, m]), 0.1);

import { report } from "./report.mjs";

export const book = null;

export function run({ epochs = 10_001, log } = {}) {
  random.seed(0);
  const { X, y } = sine();
  const model = new Model()
    .add(new Dense(1, 64, { init }))
    .add(new ReLU())
    .add(new Dense(64, 64, { init }))
    .add(new ReLU())
    .add(new Dense(64, 1, { init }))
    .add(new Linear())
    .set({
      loss: new MeanSquaredError(),
      optimizer: new Adam({ learningRate: 0.005, decay: 1e-3 }),
      accuracy: new RegressionAccuracy(),
    })
    .finalize();
  const history = model.fit(X, y, { epochs, printEvery: log ? 1000 : undefined, log });
  return { history, validation: model.evaluate(X, y) };
}

if (import.meta.url === `file://${process.argv[1]}`) report("Chapter 17", book, run({ log: console.log }));
