import { type Tensor, tensor } from "@sinapse/autograd";
import * as nd from "@sinapse/tensor";
import { array, IndexError, type NDArray, Random, ShapeError, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { GELU, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from "./activations.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  MeanAbsoluteError,
  MeanSquaredError,
  SoftmaxCrossentropy,
} from "./losses.js";
import { Module } from "./module.js";
import { Adagrad } from "./optimizers/adagrad.js";
import { Adam } from "./optimizers/adam.js";
import type { Optimizer } from "./optimizers/optimizer.js";
import { RMSprop } from "./optimizers/rmsprop.js";
import { SGD } from "./optimizers/sgd.js";

const x = array([[-1, 0, 2]]);

describe("activations", () => {
  it("compute their functions", () => {
    expect(new ReLU().forward(x).toArray()).toEqual([[0, 0, 2]]);
    expect(new Linear().forward(x).toArray()).toEqual([[-1, 0, 2]]);
    expect(new LeakyReLU(0.1).forward(x)).toBeAllclose([[-0.1, 0, 2]]);
    expect(new Sigmoid().forward(x)).toBeAllclose([[1 / (1 + Math.E), 0.5, 1 / (1 + Math.exp(-2))]]);
    expect(new Tanh().forward(x)).toBeAllclose([[Math.tanh(-1), 0, Math.tanh(2)]]);
    const s = new Softmax().forward(x).toArray() as number[][];
    const e = [-1, 0, 2].map((v) => Math.exp(v - 2));
    const total = e.reduce((a, b) => a + b);
    expect(s).toBeAllclose([e.map((v) => v / total)], { rtol: 1e-6 });
    expect(new GELU().forward(array([[0, 1]]))).toBeAllclose([[0, 0.8411920070648193]], { rtol: 1e-6 }); // torch gelu(tanh)
  });

  it("turn outputs into predictions as the book's classes do", () => {
    expect(
      new Softmax()
        .predictions(
          array([
            [0.1, 0.7, 0.2],
            [0.5, 0.2, 0.3],
          ]),
        )
        .toArray(),
    ).toEqual([1, 0]);
    expect(new Sigmoid().predictions(array([[0.2], [0.7]])).toArray()).toEqual([[0], [1]]);
    expect(new Linear().predictions(x).toArray()).toEqual([[-1, 0, 2]]);
  });

  it("LeakyReLU rejects a non-finite alpha", () => {
    expect(() => new LeakyReLU(Number.NaN)).toThrow("LeakyReLU: alpha must be a finite number");
  });
});

describe("Dropout", () => {
  it("drops with binomial(1, 1 − rate) / (1 − rate) from the RNG in training, as the book", () => {
    const d = new Dropout(0.5, { rng: new Random(0) });
    const out = d.forward(array([[1, 1, 1, 1, 1, 1]])).toArray() as number[][];
    const mask = new Random(0).binomial(1, 0.5, [1, 6]).toArray() as number[][];
    expect(out).toEqual(mask.map((row) => row.map((m) => m * 2)));
  });

  it("is the identity in eval mode and for rate 0", () => {
    const input = array([[1, 2]]);
    expect(new Dropout(0.3).eval().forward(input).toArray()).toEqual([[1, 2]]);
    expect(new Dropout(0).forward(input).toArray()).toEqual([[1, 2]]);
  });

  it("rejects rates outside [0, 1)", () => {
    expect(() => new Dropout(1)).toThrow("Dropout: rate must be in [0, 1), got 1");
    expect(() => new Dropout(-0.1)).toThrow(ValueError);
  });
});

describe("losses", () => {
  const probs = array([
    [0.7, 0.2, 0.1],
    [0.1, 0.5, 0.4],
    [0.02, 0.9, 0.08],
  ]);

  it("categorical cross-entropy gives the book's chapter 5 example", () => {
    // −log of the correct-class confidences, averaged: the book prints 0.38506088005216804
    const l = new CategoricalCrossentropy().calculate(probs, array(new Int32Array([0, 1, 1])));
    expect(l.item()).toBeCloseTo(0.385060880052168, 6);
    const oneHot = new CategoricalCrossentropy().calculate(
      probs,
      array([
        [1, 0, 0],
        [0, 1, 0],
        [0, 1, 0],
      ]),
    );
    expect(oneHot.item()).toBeCloseTo(0.385060880052168, 6);
  });

  it("clips at 1e-7 so a zero confidence gives −log(1e-7), not Infinity", () => {
    const l = new CategoricalCrossentropy().calculate(array([[1, 0]]), array(new Int32Array([1])));
    expect(l.item()).toBeCloseTo(-Math.log(1e-7), 3);
  });

  it("the fused softmax loss has the book's gradient (ŷ − y) / N", () => {
    const z = tensor(
      array([
        [1, 2, 3],
        [1, 0, -1],
      ]),
      { requiresGrad: true },
    );
    new SoftmaxCrossentropy().calculate(z, array(new Int32Array([2, 0]))).backward();
    const soft = new Softmax().forward(z.value).toArray() as number[][];
    const expected = soft.map((row, i) => row.map((p, j) => (p - (j === [2, 0][i] ? 1 : 0)) / 2));
    expect(z.grad).toBeAllclose(expected, { rtol: 1e-5, atol: 1e-7 });
  });

  it("binary cross-entropy, MSE and MAE average over outputs then samples", () => {
    const p = array([[0.9], [0.2]]);
    const y = array([[1], [0]]);
    expect(new BinaryCrossentropy().calculate(p, y).item()).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 6);
    expect(
      new MeanSquaredError()
        .calculate(
          array([
            [1, 2],
            [3, 4],
          ]),
          array([
            [1, 1],
            [1, 1],
          ]),
        )
        .item(),
    ).toBeCloseTo((0 + 1 + 4 + 9) / 4, 6);
    expect(
      new MeanAbsoluteError()
        .calculate(
          array([
            [1, 2],
            [3, 4],
          ]),
          array([
            [1, 1],
            [1, 1],
          ]),
        )
        .item(),
    ).toBeCloseTo(1.5, 6);
  });

  it("rejects labels out of range and targets of the wrong shape", () => {
    expect(() => new SoftmaxCrossentropy().calculate(probs, array(new Int32Array([0, 3, 1])))).toThrow(IndexError);
    expect(() => new SoftmaxCrossentropy().calculate(probs, array(new Int32Array([0, 3, 1])))).toThrow(
      "SoftmaxCrossentropy: label 3 is out of range for 3 classes",
    );
    expect(() => new CategoricalCrossentropy().calculate(probs, array(new Int32Array([0, 1])))).toThrow(ShapeError);
    expect(() => new MeanSquaredError().calculate(probs, array([1, 2, 3]))).toThrow(
      "MeanSquaredError: targets [3] must match outputs [3,3]",
    );
  });

  it("reports regularisation separately: λ₁Σ|w| + λ₂Σw² over the layers", () => {
    const layer = new Dense(2, 2, { rng: new Random(0), weightRegularizerL1: 0.1, biasRegularizerL2: 0.5 });
    layer.biases.value.set(":", 2);
    const w = layer.weights.value.toArray() as number[][];
    const l1 = w.flat().reduce((a, v) => a + Math.abs(v), 0);
    const reg = new SoftmaxCrossentropy().regularizationLoss([layer]).item();
    expect(reg).toBeCloseTo(0.1 * l1 + 0.5 * (4 + 4), 6);
    expect(new SoftmaxCrossentropy().regularizationLoss([new Dense(2, 2)]).item()).toBe(0);
  });
});

describe("optimizers follow the book's formulas", () => {
  const param = () => {
    const p = tensor([1, -2], { requiresGrad: true });
    p.grad = tensor([0.5, -1]);
    return p;
  };

  it("SGD: p −= lr·g, lr decayed as lr / (1 + decay·k), and momentum", () => {
    const p = param();
    const sgd = new SGD({ learningRate: 1, decay: 0.1 });
    sgd.step([p]);
    expect(p.toArray()).toEqual([0.5, -1]);
    sgd.step([p]);
    expect(sgd.currentLearningRate).toBeCloseTo(1 / 1.1, 12);
    const q = param();
    const mom = new SGD({ learningRate: 0.1, momentum: 0.9 });
    mom.step([q]);
    mom.step([q]);
    // m1 = −0.1g, m2 = 0.9·m1 − 0.1g = −0.19g; p = p0 − 0.29g
    expect(q).toBeAllclose([1 - 0.29 * 0.5, -2 + 0.29], { rtol: 1e-6 });
  });

  it("AdaGrad and RMSProp divide by √cache + ε", () => {
    const a = param();
    new Adagrad({ learningRate: 1 }).step([a]);
    expect(a).toBeAllclose([1 - 0.5 / (0.5 + 1e-7), -2 + 1 / (1 + 1e-7)], { rtol: 1e-6, atol: 1e-6 });
    const r = param();
    new RMSprop({ learningRate: 0.01, rho: 0.9 }).step([r]);
    expect(r).toBeAllclose([1 - (0.01 * 0.5) / (Math.sqrt(0.1 * 0.25) + 1e-7), -2 + 0.01 / (Math.sqrt(0.1) + 1e-7)], {
      rtol: 1e-6,
    });
  });

  it("Adam corrects the bias: the first step moves each weight by lr·sign(g)", () => {
    const p = param();
    const adam = new Adam({ learningRate: 0.01 });
    adam.step([p]);
    expect(p).toBeAllclose([0.99, -1.99], { rtol: 1e-5 });
    expect(adam.iterations).toBe(1);
  });

  it("update in place through reused work arrays, bit for bit like the book's expressions", () => {
    const { add, div, mul, sqrt, square, sub } = nd;
    const rng = new Random(7);
    const start = rng.randn([37, 29]);
    const grads = [rng.randn([37, 29]), rng.randn([37, 29]), rng.randn([37, 29])];
    // The optimizers' formulas written as the book writes them, one new array per op.
    const references: [() => Optimizer, (p: NDArray, s: Record<string, NDArray>, g: NDArray, k: number) => NDArray][] =
      [
        [
          () => new SGD({ learningRate: 0.5, momentum: 0.9 }),
          (p, s, g) => {
            s.m = sub(mul(s.m as NDArray, 0.9), mul(g, 0.5));
            return add(p, s.m);
          },
        ],
        [
          () => new Adagrad({ learningRate: 0.5 }),
          (p, s, g) => {
            s.c = add(s.c as NDArray, square(g));
            return add(p, div(mul(g, -0.5), add(sqrt(s.c), 1e-7)));
          },
        ],
        [
          () => new RMSprop({ learningRate: 0.5, rho: 0.8 }),
          (p, s, g) => {
            s.c = add(mul(s.c as NDArray, 0.8), mul(square(g), 1 - 0.8));
            return add(p, div(mul(g, -0.5), add(sqrt(s.c), 1e-7)));
          },
        ],
        [
          () => new Adam({ learningRate: 0.5 }),
          (p, s, g, k) => {
            s.m = add(mul(s.m as NDArray, 0.9), mul(g, 1 - 0.9));
            s.v = add(mul(s.v as NDArray, 0.999), mul(square(g), 1 - 0.999));
            const mHat = div(s.m, 1 - 0.9 ** (k + 1));
            const vHat = div(s.v, 1 - 0.999 ** (k + 1));
            return add(p, div(mul(mHat, -0.5), add(sqrt(vHat), 1e-7)));
          },
        ],
      ];
    for (const [make, formula] of references) {
      const optimizer = make();
      const p = tensor(nd.copy(start), { requiresGrad: true });
      const storage = p.value.storage;
      let expected = nd.copy(start);
      const s: Record<string, NDArray> = { m: nd.zerosLike(start), v: nd.zerosLike(start), c: nd.zerosLike(start) };
      grads.forEach((g, k) => {
        p.grad = tensor(g);
        optimizer.step([p]);
        expected = formula(expected, s, g, k);
      });
      expect(p.value.storage).toBe(storage); // updated in place
      expect(p.value.toArray()).toEqual(expected.toArray());
    }
  });

  it("reject negative hyper-parameters and skip parameters without gradients", () => {
    expect(() => new Adam({ learningRate: -1 })).toThrow("Adam: learningRate must be a finite number ≥ 0, got -1");
    expect(() => new SGD({ momentum: Number.NaN })).toThrow(ValueError);
    const p = tensor([1], { requiresGrad: true });
    new SGD().step([p]);
    expect(p.toArray()).toEqual([1]);
    expect(() => new SGD().update(p)).toThrow("SGD: parameter of shape [1] has no gradient");
  });
});

describe("accuracy", () => {
  it("categorical: argmax predictions against labels or one-hot rows", () => {
    const preds = array(new Int32Array([0, 1, 1]));
    expect(new CategoricalAccuracy().calculate(preds, array(new Int32Array([0, 1, 2])))).toBeCloseTo(2 / 3, 6);
    expect(
      new CategoricalAccuracy().calculate(
        preds,
        array([
          [1, 0, 0],
          [0, 1, 0],
          [0, 1, 0],
        ]),
      ),
    ).toBe(1);
  });

  it("binary and regression (precision = std(y) / 250)", () => {
    expect(new BinaryAccuracy().calculate(array([[1], [0]]), array([[1], [1]]))).toBe(0.5);
    const reg = new RegressionAccuracy();
    const y = array([[0], [1], [2], [3]]);
    reg.init(y);
    expect(reg.precision).toBeCloseTo(Math.sqrt(1.25) / 250, 9);
    expect(reg.calculate(array([[0.001], [1.5], [2], [3.001]]), y)).toBe(0.75);
  });
});

describe("Module", () => {
  class Stack extends Module {
    readonly layers = [
      new Dense(2, 3, { rng: new Random(0) }),
      new ReLU(),
      new Dropout(0.2),
      new Dense(3, 1, { rng: new Random(1) }),
    ];
    forward(input: Tensor) {
      return this.layers.reduce((h, l) => l.forward(h), input);
    }
    override children() {
      return this.layers;
    }
  }

  it("names parameters by child, switches train/eval everywhere and clears gradients", () => {
    const m = new Stack();
    expect(m.namedParameters().map(([n]) => n)).toEqual(["0.weights", "0.biases", "3.weights", "3.biases"]);
    m.eval();
    expect(m.layers.every((l) => !l.training)).toBe(true);
    m.train();
    expect((m.layers[2] as Dropout).training).toBe(true);
    m.forward(tensor([[1, 2]]))
      .sum()
      .backward();
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it("summarises layers with their parameter counts", () => {
    const text = new Stack().summary();
    expect(text).toContain("Dense(2 → 3)");
    expect(text).toMatch(/Dense\(3 → 1\)\s+4/);
    expect(text).toMatch(/total\s+13$/);
  });
});

describe("Dense options", () => {
  it("offers He and Glorot initialisation", () => {
    const he = new Dense(1000, 10, { init: "he", rng: new Random(0) }).weights.value;
    const std = Math.sqrt((he.mul(he).mean().item() as number) - (he.mean().item() as number) ** 2);
    expect(std).toBeCloseTo(Math.sqrt(2 / 1000), 2);
    const glorot = new Dense(10, 20, { init: "glorot", rng: new Random(0) }).weights.value;
    expect(Math.max(...(glorot.dataSync() as Float32Array))).toBeLessThanOrEqual(Math.sqrt(6 / 30));
  });

  it("rejects bad initialisers and regularisation strengths", () => {
    expect(() => new Dense(2, 2, { init: "zeros" as never })).toThrow('Dense: unknown init "zeros"');
    expect(() => new Dense(2, 2, { weightRegularizerL2: -1 })).toThrow(
      "Dense: weightRegularizerL2 must be a finite number ≥ 0",
    );
  });
});
