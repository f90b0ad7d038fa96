// Chapter 16: binary logistic regression on spiral 100×2 (labels as a column),
// Dense(2,64, L2 5e-4) → ReLU → Dense(64,1) → Sigmoid, binary cross-entropy, Adam (decay 5e-7).
import { spiral } from "@sinapse/data";
import { Adam, BinaryAccuracy, BinaryCrossentropy, Dense, Model, ReLU, Sigmoid } from "@sinapse/layers";
import { random } from "@sinapse/tensor";
import { report } from "./report.mjs";

export const book = { train: { acc: 0.965, loss: 0.219 }, validation: { acc: 0.945, loss: 0.207 } };

export function run({ epochs = 10_001, log } = {}) {
  random.seed(0);
  const data = spiral(100, 2);
  const y = data.y.reshape(-1, 1);
  const model = new Model()
    .add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }))
    .add(new ReLU())
    .add(new Dense(64, 1))
    .add(new Sigmoid())
    .set({ loss: new BinaryCrossentropy(), optimizer: new Adam({ decay: 5e-7 }), accuracy: new BinaryAccuracy() })
    .finalize();
  const history = model.fit(data.X, y, { epochs, printEvery: log ? 1000 : undefined, log });
  const test = spiral(100, 2);
  return { history, validation: model.evaluate(test.X, test.y.reshape(-1, 1)) };
}

if (import.meta.url === `file://${process.argv[1]}`) report("Chapter 16", book, run({ log: console.log }));
