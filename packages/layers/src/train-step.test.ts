/**
 * `trainStep`, `fit` built from it, the task heads, and the fixes an outside suite found
 * (each test named for its bug).
 */
import { Tensor, tensor } from "@sinapse/autograd";
import { sine, spiral } from "@sinapse/data";
import { array, IndexError, type NDArray, Random, ShapeError, slice, std, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { CategoricalAccuracy, type RegressionAccuracy } from "./accuracy.js";
import { Softmax } from "./activations.js";
import { Dense } from "./dense.js";
import { BinaryHead, MulticlassHead, RegressionHead } from "./heads.js";
import { CategoricalCrossentropy, MeanAbsoluteError, MeanSquaredError, SoftmaxCrossentropy } from "./losses.js";
import { Model, StepMetrics } from "./model.js";
import { Adagrad } from "./optimizers/adagrad.js";
import { Adam } from "./optimizers/adam.js";
import { RMSprop } from "./optimizers/rmsprop.js";
import { SGD } from "./optimizers/sgd.js";
import { buildModel, type ModelSpec } from "./spec.js";

const spec: ModelSpec = {
  layers: [
    { type: "Dense", nInputs: 2, nNeurons: 16, weightRegularizerL2: 5e-4, biasRegularizerL1: 1e-4 },
    { type: "ReLU" },
    { type: "Dropout", rate: 0.1 },
    { type: "Dense", nInputs: 16, nNeurons: 3 },
  ],
  head: { type: "multiclass" },
  optimizer: { type: "Adam", learningRate: 0.02, decay: 1e-3 },
};
const { X, y } = spiral(40, 3, { rng: new Random(0) });
const weights = (m: Model) => m.parameters().map((p) => Array.from(p.dataSync()));

describe("trainStep and fit", () => {
  it("fit is a loop of trainStep, bit for bit (weights, losses, dropout draws)", () => {
    const a = buildModel(spec, { rng: new Random(1) });
    const b = buildModel(spec, { rng: new Random(1) });
    // Dropout draws from the rng given to buildModel: both models have their own, equal ones.
    const history = a.fit(X, y, { epochs: 3, batchSize: 50 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      const metrics = new StepMetrics();
      for (let start = 0; start < 120; start += 50) {
        const range = `${start}:${start + 50}`;
        b.trainStep(slice(X, range), slice(y, range), metrics);
      }
      losses.push(metrics.read().loss);
    }
    expect(weights(b)).toEqual(weights(a));
    expect(losses).toEqual(history.map((h) => h.dataLoss));
    expect(b.optimizer?.iterations).toBe(9);
  });

  it("returns the batch's data loss as a scalar Tensor without reading it back", () => {
    const model = buildModel(spec, { rng: new Random(1) });
    const loss = model.trainStep(X, y);
    expect(loss).toBeInstanceOf(Tensor);
    expect(loss.shape).toEqual([]);
    expect(loss.item()).toBeGreaterThan(1);
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it("adds no regularisation term when no layer has a penalty", () => {
    const model = buildModel({ ...spec, layers: [{ type: "Dense", nInputs: 2, nNeurons: 3 }] });
    expect(model.regularizationLoss()).toBeNull();
    const [epoch] = model.fit(X, y, { epochs: 1 });
    expect(epoch?.regularizationLoss).toBe(0);
  });

  it("rejects a step before anything changes when the optimizer is missing", () => {
    const model = buildModel({ ...spec, optimizer: null }, { rng: new Random(1) });
    const before = weights(model);
    expect(() => model.trainStep(X, y)).toThrow("Model.trainStep: call set({ optimizer }) first");
    expect(weights(model)).toEqual(before);
  });

  it("stops after the current step when the signal is aborted, and leaves the cut epoch out", () => {
    const model = buildModel(spec, { rng: new Random(1) });
    const signal = { aborted: false };
    const steps: string[] = [];
    const history = model.fit(X, y, {
      epochs: 5,
      batchSize: 50,
      signal,
      callbacks: {
        onBatchEnd: (b) => {
          steps.push(`${b.epoch}.${b.step}`);
          if (b.epoch === 2 && b.step === 1) signal.aborted = true;
        },
      },
    });
    expect(steps).toEqual(["1.0", "1.1", "1.2", "2.0", "2.1"]);
    expect(history.map((h) => h.epoch)).toEqual([1]);
  });

  it("regression: the regression precision is the whole training set's, fixed per fit, not the last mini-batch's", () => {
    const { X: sx, y: sy } = sine(256);
    const model = buildModel(
      {
        layers: [
          { type: "Dense", nInputs: 1, nNeurons: 8 },
          { type: "ReLU" },
          { type: "Dense", nInputs: 8, nNeurons: 1 },
        ],
        head: { type: "regression" },
        optimizer: { type: "Adam", learningRate: 0.01 },
      },
      { rng: new Random(0) },
    );
    const whole = (std(sy).item() as number) / 250;
    model.fit(sx, sy, { epochs: 2, batchSize: 100 });
    const accuracy = model.accuracy as RegressionAccuracy;
    expect(accuracy.precision).toBe(whole);
    // Stepping batch by batch (as the playground does) never re-derives it.
    for (let start = 0; start < 256; start += 32)
      model.trainStep(slice(sx, `${start}:${start + 32}`), slice(sy, `${start}:${start + 32}`));
    expect(accuracy.precision).toBe(whole);
    const batched = model.evaluate(sx, sy, { batchSize: 7 });
    const all = model.evaluate(sx, sy);
    expect(batched.accuracy).toBe(all.accuracy);
    expect(batched.loss).toBeCloseTo(all.loss, 6);
  });

  it("regression: validationData of the wrong width is rejected before the first update", () => {
    const model = buildModel(spec, { rng: new Random(1) });
    const before = weights(model);
    expect(() =>
      model.fit(X, y, { epochs: 2, validationData: [array([[1, 2, 3]]), array(new Int32Array([0]))] }),
    ).toThrow("Model.fit: validationData X is [1,3] but the training X is [120,2]: samples differ in width");
    expect(() => model.fit(X, y, { validationData: [X, array([[0.5, 0.5, 0]])] as [NDArray, NDArray] })).toThrow(
      ShapeError,
    );
    expect(weights(model)).toEqual(before);
    expect(model.optimizer?.iterations).toBe(0);
  });

  it.each([0, -1, Number.NaN, 1.5])(
    "regression: predict and evaluate with batchSize %s throw ValueError naming batchSize",
    (batchSize) => {
      const model = buildModel(spec, { rng: new Random(1) });
      expect(() => model.predict(X, { batchSize })).toThrow(ValueError);
      expect(() => model.predict(X, { batchSize })).toThrow(
        `Model.predict: batchSize must be a positive integer, got ${batchSize}`,
      );
      expect(() => model.evaluate(X, y, { batchSize })).toThrow(
        `Model.evaluate: batchSize must be a positive integer, got ${batchSize}`,
      );
    },
  );

  it("regression: the fused softmax cross-entropy value is clipped like the book's (16.118 for logits [20, 0, −20], class 2)", () => {
    const logits = array([[20, 0, -20]]);
    const target = array(new Int32Array([2]));
    expect(new SoftmaxCrossentropy().calculate(logits, target).item()).toBeCloseTo(16.118, 3);
    expect(new CategoricalCrossentropy().calculate(tensor([[1, 2.06e-9, 4.25e-18]]), target).item()).toBeCloseTo(
      16.118,
      3,
    );
    // Unclipped samples keep the fused value and the (ŷ − y)/N gradient.
    const z = tensor([[1, 2, 3]], { requiresGrad: true });
    const loss = new SoftmaxCrossentropy().calculate(z, array(new Int32Array([0])));
    expect(loss.item()).toBeCloseTo(2.4076, 4);
    loss.backward();
    expect(z.grad?.value).toBeAllclose([[0.09003057 - 1, 0.24472847, 0.66524096]], { rtol: 1e-5 });
  });

  it("regression: a Model of only Softmax + categorical cross-entropy trains (was: operand … got undefined)", () => {
    const model = new Model()
      .add(new Softmax())
      .set({ loss: new CategoricalCrossentropy(), accuracy: new CategoricalAccuracy(), optimizer: new SGD() });
    expect(model.evaluate(array([[20, 0, -20]]), array(new Int32Array([2]))).loss).toBeCloseTo(16.118, 3);
    const [epoch] = model.fit(array([[1, 0, 0]]), array(new Int32Array([0])), { epochs: 1 });
    expect(epoch?.accuracy).toBe(1);
  });

  it("regression: MSE and MAE given a Tensor target throw a typed ValueError, not a raw TypeError", () => {
    const out = tensor([[1], [2]]);
    for (const loss of [new MeanSquaredError(), new MeanAbsoluteError()]) {
      expect(() => loss.calculate(out, tensor([[1], [2]]) as unknown as NDArray)).toThrow(ValueError);
      expect(() => loss.calculate(out, tensor([[1], [2]]) as unknown as NDArray)).toThrow(
        `${loss.constructor.name}: targets must be an NDArray, got a Tensor (pass its .value)`,
      );
    }
  });

  it("regression: SoftmaxCrossentropy given a Tensor or a plain list reports the type, not a shape", () => {
    const z = tensor([[1, 2, 3]]);
    expect(() => new SoftmaxCrossentropy().calculate(z, [0] as unknown as NDArray)).toThrow(
      "SoftmaxCrossentropy: targets must be an NDArray, got a plain list (wrap it with array())",
    );
    expect(() => new SoftmaxCrossentropy().calculate(z, tensor([0]) as unknown as NDArray)).toThrow(ValueError);
  });

  it("regression: Dense takes initial biases (a number or one per neuron)", () => {
    expect(Array.from(new Dense(2, 3, { initialBiases: 0.5 }).biases.dataSync())).toEqual([0.5, 0.5, 0.5]);
    expect(new Dense(2, 3, { initialBiases: [1, 2, 3] }).biases.shape).toEqual([1, 3]);
    expect(Array.from(new Dense(2, 3, { initialBiases: array([1, 2, 3]) }).biases.dataSync())).toEqual([1, 2, 3]);
    expect(() => new Dense(2, 3, { initialBiases: [1, 2] })).toThrow(
      "Dense: initialBiases must hold 3 values (one per neuron), got 2",
    );
    expect(() => new Dense(2, 3, { initialBiases: Number.NaN })).toThrow(ValueError);
  });

  it("regression: Tensor has dataSync() like NDArray", () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(t.dataSync()).toEqual(new Float32Array([1, 2, 3, 4]));
  });

  it("regression: full-batch log lines number epochs from 0 as the book prints them; batched ones from 1", () => {
    const full: string[] = [];
    buildModel(spec, { rng: new Random(1) }).fit(X, y, { epochs: 3, printEvery: 1, log: (l) => full.push(l) });
    expect(full.map((l) => l.split(",")[0])).toEqual(["epoch: 0", "epoch: 1", "epoch: 2"]);
    const batched: string[] = [];
    buildModel(spec, { rng: new Random(1) }).fit(X, y, {
      epochs: 1,
      batchSize: 64,
      printEvery: 1,
      validationData: [X, y],
      log: (l) => batched.push(l),
    });
    expect(batched[0]).toBe("epoch: 1");
    expect(batched[1]).toMatch(
      /^step: 0, acc: \d\.\d{3}, loss: \d\.\d{3} \(data_loss: \d\.\d{3}, reg_loss: \d\.\d{3}\), lr: /,
    );
    expect(batched[3]).toMatch(/^training, acc: /);
    expect(batched[4]).toMatch(/^validation, acc: \d\.\d{3}, loss: \d\.\d{3}$/);
  });
});

describe("optimizer hyper-parameters", () => {
  it.each([
    ["Adam", () => new Adam({ beta1: 1 }), "Adam: beta1 must be in [0, 1), got 1"],
    ["Adam", () => new Adam({ beta2: 1.5 }), "Adam: beta2 must be in [0, 1), got 1.5"],
    ["Adam", () => new Adam({ epsilon: 0 }), "Adam: epsilon must be a finite number > 0, got 0"],
    [
      "Adam",
      () => new Adam({ learningRate: Number.POSITIVE_INFINITY }),
      "Adam: learningRate must be a finite number ≥ 0, got Infinity",
    ],
    ["SGD", () => new SGD({ momentum: 1 }), "SGD: momentum must be in [0, 1), got 1"],
    ["SGD", () => new SGD({ decay: -1 }), "SGD: decay must be a finite number ≥ 0, got -1"],
    ["RMSprop", () => new RMSprop({ rho: Number.NaN }), "RMSprop: rho must be in [0, 1), got NaN"],
    ["Adagrad", () => new Adagrad({ epsilon: -1e-7 }), "Adagrad: epsilon must be a finite number > 0, got -1e-7"],
    [
      "Adam",
      () => new Adam({ lr: 0.1 } as never),
      'Adam: unknown option "lr", expected learningRate, decay, epsilon, beta1, beta2',
    ],
  ])("regression: %s rejects a bad hyper-parameter in its constructor (%s)", (_, make, message) => {
    expect(make).toThrow(ValueError);
    expect(make).toThrow(message);
  });
});

describe("task heads", () => {
  it("encode labels once for each task (targetsFor)", () => {
    const labels = array(new Int32Array([0, 2, 1]));
    expect(new MulticlassHead().targetsFor(labels, 3).toArray()).toEqual([0, 2, 1]);
    expect(new MulticlassHead({ loss: "mse" }).targetsFor(labels, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(new BinaryHead().targetsFor(array([0, 1, 1]), 1).toArray()).toEqual([[0], [1], [1]]);
    expect(new RegressionHead().targetsFor(array([0.5, 2]), 1).shape).toEqual([2, 1]);
  });

  it("reject labels that do not fit the task, naming them", () => {
    expect(() => new MulticlassHead().targetsFor(array(new Int32Array([0, 3])), 3)).toThrow(IndexError);
    expect(() => new MulticlassHead().targetsFor(array([0.5]), 3)).toThrow(
      "MulticlassHead.targetsFor: labels must be whole class numbers, got 0.5 at 0",
    );
    expect(() => new BinaryHead().targetsFor(array([0, 2]), 1)).toThrow(
      "BinaryHead.targetsFor: binary labels must be 0 or 1, got 2 at 1",
    );
    expect(() => new RegressionHead().targetsFor(array([[1, 2]]), 1)).toThrow(ShapeError);
  });

  it("are recognised in models built the book's way, sharing their loss and accuracy", () => {
    const model = buildModel(spec);
    const head = model.head as MulticlassHead;
    expect(head.task).toBe("multiclass");
    expect(head.loss).toBe(model.loss);
    expect(head.accuracy).toBe(model.accuracy);
    expect(model.targetsFor(array([0, 1, 2])).dtype).toBe("int32");
  });
});
