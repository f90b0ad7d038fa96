/**
 * The book's Chapter 10-11 loop (spiral 100×3, Dense(2,64) → ReLU → Dense(64,3) → softmax
 * cross-entropy, Adam lr 0.05 decay 5e-7), step by step against NumPy running the book's
 * code under nnfs.init() (scripts/fixtures/nnfs_ch11.py).
 */
import { argmax, array, eq, mean, Random } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import fixture from "./__fixtures__/nnfs-ch11.json";
import { ReLU } from "./activations.js";
import { Dense } from "./dense.js";
import { SoftmaxCrossentropy } from "./losses.js";
import { Adam } from "./optimizers/adam.js";

describe("nnfs chapter 11, first epochs", () => {
  const X = array(fixture.X);
  const y = array(Int32Array.from(fixture.y));
  const rng = new Random(0);
  // The book draws the dataset first (300 randn values), then the weights.
  for (let c = 0; c < 3; c++) rng.randn([100]);
  const dense1 = new Dense(2, 64, { rng });
  const relu = new ReLU();
  const dense2 = new Dense(64, 3, { rng });
  const loss = new SoftmaxCrossentropy();
  const optimizer = new Adam({ learningRate: 0.05, decay: 5e-7 });

  it("draws the same initial weights as NumPy after the dataset", () => {
    expect(dense1.weights.toArray()).toEqual(fixture.init.w1);
    expect(dense2.weights.toArray()).toEqual(fixture.init.w2);
  });

  it("matches NumPy's loss, accuracy and learning rate for 21 epochs, and the weights after 20 updates", () => {
    for (const expected of fixture.epochs) {
      const logits = dense2.forward(relu.forward(dense1.forward(X)));
      const dataLoss = loss.calculate(logits, y);
      const accuracy = Number(mean(eq(argmax(logits.value, { axis: 1 }), y)).item());
      expect([dataLoss.item()]).toBeAllclose([expected.loss], { rtol: 1e-5, atol: 0 }); // float32 exp and log differ in the last bits
      // Epoch 0 is exact; afterwards a sample on the decision boundary may flip (±2 of 300).
      if (expected.epoch === 0) expect(accuracy).toBeCloseTo(expected.acc, 6);
      else expect(Math.abs(accuracy - expected.acc)).toBeLessThanOrEqual(2 / 300 + 1e-6);
      expect(optimizer.currentLearningRate).toBeCloseTo(expected.lr, 12);
      dataLoss.backward();
      optimizer.step([...dense1.parameters(), ...dense2.parameters()]);
      for (const p of [...dense1.parameters(), ...dense2.parameters()]) p.grad = null;
    }
    // Adam divides by √v̂: where a gradient is near 0, last-bit differences in float32 exp
    // change the step, so weights drift apart slowly (≤ 0.5 % after 21 updates here).
    expect(dense1.weights).toBeAllclose(fixture.after20.w1, { rtol: 1e-2, atol: 1e-3 });
    expect(dense2.weights).toBeAllclose(fixture.after20.w2, { rtol: 1e-2, atol: 1e-3 });
    expect(dense2.biases).toBeAllclose(fixture.after20.b2, { rtol: 1e-2, atol: 1e-3 });
  });
});
