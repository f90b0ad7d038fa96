// Chapter 19: Fashion-MNIST, 784-128-128-10 ReLU, softmax cross-entropy, Adam (decay 1e-3),
// 10 epochs, batch 128, the book's shuffle and [-1, 1] scaling. Needs Debian's
// dataset-fashion-mnist (`apt-get install dataset-fashion-mnist`) or FASHION_MNIST_DIR.
import { FASHION_MNIST_DIR, fashionMnist, scaleToRange, shuffleTogether } from "@sinapse/data";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import { random } from "@sinapse/tensor";

export const goal = { validationAccuracy: 0.87 };

export async function run({ epochs = 10, dir = process.env.FASHION_MNIST_DIR ?? FASHION_MNIST_DIR, log } = {}) {
  random.seed(0);
  const { train, test } = await fashionMnist(dir);
  const flat = (X) => scaleToRange(X.reshape(X.shape[0], -1), -1, 1, { from: [0, 255] });
  const shuffled = shuffleTogether(train.X, train.y, random); // keys = arange(n); np.random.shuffle(keys)
  const X = flat(shuffled.X);
  const y = shuffled.y;
  const model = new Model()
    .add(new Dense(784, 128))
    .add(new ReLU())
    .add(new Dense(128, 128))
    .add(new ReLU())
    .add(new Dense(128, 10))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ decay: 1e-3 }),
      accuracy: new CategoricalAccuracy(),
    })
    .finalize();
  const started = performance.now();
  const history = model.fit(X, y, { epochs, batchSize: 128, printEvery: log ? 100 : undefined, log });
  const seconds = (performance.now() - started) / 1000;
  return { history, validation: model.evaluate(flat(test.X), test.y, { batchSize: 128 }), seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { validation, seconds } = await run({ log: console.log });
    console.log(
      `Chapter 19: validation acc ${validation.accuracy.toFixed(4)} loss ${validation.loss.toFixed(3)} in ${seconds.toFixed(1)} s (goal ≥ ${goal.validationAccuracy})`,
    );
  } catch (error) {
    console.error(`Chapter 19 skipped: ${error.message}`);
    process.exitCode = 1;
  }
}
