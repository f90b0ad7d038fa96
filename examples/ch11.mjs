// Chapter 10-11: spiral 100×3, Dense(2,64) → ReLU → Dense(64,3) → Softmax, Adam (lr 0.05,
// decay 5e-7), 10,001 epochs full batch; validation on a fresh spiral drawn after training.
import { spiral } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import { random } from "@sinapse/tensor";
import { report } from "./report.mjs";

export const book = { train: { acc: 0.983, loss: 0.074 }, validation: { acc: 0.803, loss: 0.858 } };

export function run({ epochs = 10_001, log } = {}) {
  random.seed(0); // nnfs.init()
  const { X, y } = spiral(100, 3);
  const model = new Model()
    .add(new Dense(2, 64))
    .add(new ReLU())
    .add(new Dense(64, 3))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.05, decay: 5e-7 }),
      accuracy: new CategoricalAccuracy(),
    })
    .finalize();
  const history = model.fit(X, y, { epochs, printEvery: log ? 1000 : undefined, log });
  const test = spiral(100, 3);
  return { history, validation: model.evaluate(test.X, test.y) };
}

if (import.meta.url === `file://${process.argv[1]}`) report("Chapter 11", book, run({ log: console.log }));
