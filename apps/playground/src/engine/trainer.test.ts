import type { RegressionAccuracy } from "@sinapse/layers";
import { std } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { prepareData } from "./data.js";
import { DEFAULT_EXPERIMENT, type Experiment, normalize } from "./experiment.js";
import { Trainer } from "./trainer.js";

const small = (changes: Partial<Experiment>): Experiment =>
  normalize({ ...DEFAULT_EXPERIMENT, samples: 150, hidden: [{ units: 8, activation: "relu" }], ...changes });

describe("prepareData", () => {
  it("splits by the train ratio and appends the points added by hand to the training set", () => {
    const d = prepareData(small({ trainRatio: 0.6, points: [{ x: 0.1, y: 0.2, label: 2 }] }));
    expect(d.test.x.length).toBe(60);
    expect(d.train.x.length).toBe(91);
    expect(d.train.label.at(-1)).toBe(2);
    expect(d.trainX.shape).toEqual([91, 2]);
    expect(d.trainY.dtype).toBe("int32");
  });

  it("computes the chosen feature crosses in order", () => {
    const d = prepareData(small({ dataset: "xor", features: ["x1", "x1x2", "sinx2"] }));
    const [x1, cross, sin2] = (d.trainX.toArray() as number[][])[0] as number[];
    expect(cross).toBeCloseTo((d.train.x[0] as number) * (d.train.y[0] as number), 5);
    expect(x1).toBeCloseTo(d.train.x[0] as number, 6);
    expect(sin2).toBeCloseTo(Math.sin(d.train.y[0] as number), 6);
  });

  it("gives sine one input and float targets", () => {
    const d = prepareData(small({ dataset: "sine" }));
    expect(d.inputs).toBe(1);
    expect(d.task).toBe("regression");
    expect(d.trainY.shape).toEqual([d.trainX.shape[0], 1]);
  });

  it("is a function of the experiment: the same seed gives the same data, another seed other data", () => {
    const a = prepareData(small({ seed: 3 }));
    expect(prepareData(small({ seed: 3 })).train.x).toEqual(a.train.x);
    expect(prepareData(small({ seed: 4 })).train.x).not.toEqual(a.train.x);
  });
});

describe("Trainer", () => {
  it("lowers the loss on the spiral", () => {
    const t = new Trainer(small({ learningRate: 0.05 }), { grid: 8, thumbnailGrid: 4 });
    const first = t.curve[0]?.trainLoss as number;
    while (t.epoch < 15) t.step();
    expect(t.curve).toHaveLength(16);
    expect(t.curve.at(-1)?.trainLoss).toBeLessThan(first * 0.9);
  });

  it("replays exactly: the same experiment gives the same weights after the same batches", () => {
    const e = small({ dropout: 0.1, seed: 7 });
    const a = new Trainer(e, { grid: 4, thumbnailGrid: 2 });
    const b = new Trainer(e, { grid: 4, thumbnailGrid: 2 });
    a.run(Infinity, 12);
    b.run(Infinity, 12);
    expect(a.snapshot().weights).toEqual(b.snapshot().weights);
  });

  it("snapshots the diagram, the surface and one thumbnail per hidden neuron", () => {
    const t = new Trainer(
      small({
        hidden: [
          { units: 3, activation: "tanh" },
          { units: 2, activation: "relu" },
        ],
        dropout: 0.2,
      }),
      {
        grid: 6,
        thumbnailGrid: 4,
      },
    );
    const s = t.snapshot();
    expect(s.sizes).toEqual([2, 3, 2, 3]);
    expect(s.weights.map((w) => [w.length, w[0]?.length])).toEqual([
      [2, 3],
      [3, 2],
      [2, 3],
    ]);
    expect(s.surface.length).toBe(6 * 6 * 3);
    expect(s.thumbnails.map((l) => l.length)).toEqual([2, 3, 2, 3]);
    expect(s.thumbnails[0]?.[0]?.length).toBe(16);
    for (let i = 0; i < 36; i++) {
      const [a = 0, b = 0, c = 0] = s.surface.subarray(i * 3, i * 3 + 3);
      expect(a + b + c).toBeCloseTo(1, 5);
    }
  });

  it("trains regression and binary set-ups", () => {
    const sine = new Trainer(
      small({ dataset: "sine", hidden: [{ units: 16, activation: "tanh" }], learningRate: 0.01 }),
      {
        grid: 10,
      },
    );
    const before = sine.curve[0]?.trainLoss as number;
    while (sine.epoch < 10) sine.step();
    expect(sine.curve.at(-1)?.trainLoss).toBeLessThan(before);
    expect(sine.snapshot().surface.length).toBe(10);
    const binary = new Trainer(small({ dataset: "circle", loss: "binary" }), { grid: 4 });
    expect(binary.snapshot().sizes.at(-1)).toBe(1);
  });

  it("regression: the regression accuracy's precision is the training set's, not re-derived from each mini-batch", () => {
    const sine = new Trainer(small({ dataset: "sine", batchSize: 10 }), { grid: 2, thumbnailGrid: 2 });
    const accuracy = sine.model.accuracy as RegressionAccuracy;
    const precision = (std(sine.model.targetsFor(sine.data.trainY)).item() as number) / 250;
    expect(accuracy.precision).toBe(precision);
    sine.run(Number.POSITIVE_INFINITY, 7, () => 0);
    expect(sine.batches).toBe(7);
    expect(accuracy.precision).toBe(precision);
  });
});
