// Chapter 14: chapter 11 with L2 regularisation 5e-4 on the first layer's weights and
// biases, Adam (lr 0.02, decay 5e-7).
import { spiral } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import { random } from "@sinapse/tensor";
import { report } from "./report.mjs";

export const book = { train: { acc: 0.947, loss: 0.217 }, validation: { acc: 0.83, loss: 0.435 } };

export function run({ epochs = 10_001, log } = {}) {
  random.seed(0);
  const { X, y } = spiral(100, 3);
  const model = new Model()
    .add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }))
    .add(new ReLU())
    .add(new Dense(64, 3))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.02, decay: 5e-7 }),
      accuracy: new CategoricalAccuracy(),
    })
    .finalize();
  const history = model.fit(X, y, { epochs, printEvery: log ? 1000 : undefined, log });
  const test = spiral(100, 3);
  return { history, validation: model.evaluate(test.X, test.y) };
}

if (import.meta.url === `file://${process.argv[1]}`) report("Chapter 14", book, run({ log: console.log }));
