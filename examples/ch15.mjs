// Chapter 15: spiral 1000×3, chapter 14's model with Dropout(0.1) after the ReLU,
// Adam (lr 0.05, decay 5e-5).
import { spiral } from "@sinapse/data";
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  Model,
  ReLU,
  Softmax,
} from "@sinapse/layers";
import { random } from "@sinapse/tensor";
import { report } from "./report.mjs";

export const book = { train: { acc: 0.688, loss: 0.727 }, validation: { acc: 0.757, loss: 0.712 } };

export function run({ epochs = 10_001, log } = {}) {
  random.seed(0);
  const { X, y } = spiral(1000, 3);
  const model = new Model()
    .add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }))
    .add(new ReLU())
    .add(new Dropout(0.1))
    .add(new Dense(64, 3))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
      accuracy: new CategoricalAccuracy(),
    })
    .finalize();
  const history = model.fit(X, y, { epochs, printEvery: log ? 1000 : undefined, log });
  const test = spiral(100, 3);
  return { history, validation: model.evaluate(test.X, test.y) };
}

if (import.meta.url === `file://${process.argv[1]}`) report("Chapter 15", book, run({ log: console.log }));
