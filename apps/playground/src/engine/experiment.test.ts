import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  DATASETS,
  DEFAULT_EXPERIMENT,
  type Experiment,
  FEATURES,
  fromQuery,
  LOSSES,
  lossesFor,
  normalize,
  OPTIMIZERS,
  problemText,
  toQuery,
  withDataset,
} from "./experiment.js";

const float = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((v) => Number(v.toPrecision(6)));

const experiment: fc.Arbitrary<Experiment> = fc
  .record({
    dataset: fc.constantFrom(...DATASETS),
    classes: fc.integer({ min: 2, max: 5 }),
    samples: fc.integer({ min: 10, max: 2000 }),
    noise: float(0, 0.5),
    trainRatio: float(0.1, 0.9),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    points: fc.array(fc.record({ x: float(-6, 6), y: float(-6, 6), label: fc.integer({ min: 0, max: 4 }) }), {
      maxLength: 5,
    }),
    features: fc.subarray([...FEATURES], { minLength: 1 }),
    hidden: fc.array(
      fc.record({ units: fc.integer({ min: 1, max: 64 }), activation: fc.constantFrom(...ACTIVATIONS) }),
      { maxLength: 8 },
    ),
    dropout: float(0, 0.9),
    l1: float(0, 0.1),
    l2: float(0, 0.1),
    loss: fc.constantFrom(...LOSSES),
    optimizer: fc.constantFrom(...OPTIMIZERS),
    learningRate: float(1e-4, 10),
    decay: float(0, 0.1),
    momentum: float(0, 0.99),
    rho: float(0, 0.99),
    beta1: float(0, 0.99),
    beta2: float(0, 0.9999),
    batchSize: fc.integer({ min: 1, max: 2000 }),
  })
  .map(normalize);

describe("experiment URLs", () => {
  it("the default experiment is the empty query", () => {
    expect(toQuery(DEFAULT_EXPERIMENT)).toBe("");
    expect(fromQuery("")).toEqual({ experiment: DEFAULT_EXPERIMENT, problems: [] });
  });

  it("round-trips every experiment through the query string", () => {
    fc.assert(
      fc.property(experiment, (e) => {
        const { experiment: back, problems } = fromQuery(toQuery(e));
        expect(problems).toEqual([]);
        expect(back).toEqual(e);
      }),
    );
  });

  it("writes a readable query for a changed experiment", () => {
    const e = normalize({
      ...DEFAULT_EXPERIMENT,
      dataset: "xor",
      hidden: [{ units: 4, activation: "tanh" }],
      points: [{ x: 1.5, y: -2, label: 1 }],
    });
    expect(toQuery(e)).toBe("data=xor&net=4tanh&pts=1.5_-2_1");
  });

  it("opens a damaged link with defaults and says what it could not read", () => {
    const { experiment: e, problems } = fromQuery("data=moons&lr=fast&net=8relu,x&f=x1,cube&pts=1_2");
    expect(e.dataset).toBe("spiral");
    expect(e.learningRate).toBe(DEFAULT_EXPERIMENT.learningRate);
    expect(e.hidden).toEqual([{ units: 8, activation: "relu" }]);
    expect(e.features).toEqual(["x1"]);
    expect(problems.map(problemText)).toEqual([
      'data: unknown value "moons"',
      'lr: not a number "fast"',
      'f: unknown feature "cube"',
      'net: cannot read layer "x"',
      'pts: cannot read "1_2"',
    ]);
  });
});

describe("link values out of range", () => {
  it("refuses lr=-1 and decay=-3 with a problem each and keeps the defaults (the page went blank)", () => {
    const { experiment: e, problems } = fromQuery("lr=-1&decay=-3");
    expect(e.learningRate).toBe(DEFAULT_EXPERIMENT.learningRate);
    expect(e.decay).toBe(0);
    expect(problems.map(problemText)).toEqual(["lr: -1 is outside 0 < lr ≤ 10", "decay: -3 is outside 0 ≤ decay ≤ 10"]);
  });

  it("reports c=99, bs=0, drop=5, split=2, n=-5 instead of clamping them silently", () => {
    const { experiment: e, problems } = fromQuery("c=99&bs=0&drop=5&split=2&n=-5");
    expect(problems.map((p) => p.key)).toEqual(["c", "n", "split", "drop", "bs"]);
    expect(problems.every((p) => p.kind === "outOfRange")).toBe(true);
    expect(e).toMatchObject({ classes: 3, batchSize: 32, dropout: 0, trainRatio: 0.7, samples: 300 });
  });

  it("reports a layer of 500 neurons", () => {
    expect(fromQuery("net=500relu").problems).toEqual([{ key: "net", kind: "badLayer", value: "500relu" }]);
  });
});

describe("withDataset", () => {
  it("starts a set fresh: Spiral → Sine → Circle ends with x₁, x₂ and cross-entropy (it kept x₁ and MSE)", () => {
    const sine = withDataset(DEFAULT_EXPERIMENT, "sine");
    expect(sine).toMatchObject({ features: ["x1"], loss: "mse" });
    const circle = withDataset({ ...sine, points: [{ x: 0, y: 0, label: 1 }] }, "circle");
    expect(circle).toMatchObject({ features: ["x1", "x2"], loss: "crossentropy", points: [] });
    expect(toQuery(circle)).toBe("data=circle");
  });
});

describe("normalize", () => {
  it("falls back to working optimizer settings for a negative learning rate or decay", () => {
    const e = normalize({ ...DEFAULT_EXPERIMENT, learningRate: -1, decay: -3, beta1: 1 });
    expect(e).toMatchObject({ learningRate: 0.02, decay: 0, beta1: 0.9 });
  });

  it("keeps counts and rates in range and the loss valid for the task", () => {
    const e = normalize({
      ...DEFAULT_EXPERIMENT,
      dataset: "sine",
      classes: 9,
      samples: 5,
      noise: 3,
      batchSize: 0,
      loss: "crossentropy",
      features: ["x2", "x1x2"],
      hidden: Array.from({ length: 12 }, () => ({ units: 500, activation: "relu" as const })),
    });
    expect(e).toMatchObject({ classes: 5, samples: 10, noise: 0.5, batchSize: 1, loss: "mse", features: ["x1"] });
    expect(e.hidden).toHaveLength(8);
    expect(e.hidden[0]?.units).toBe(64);
  });

  it("offers binary cross-entropy only for two classes", () => {
    expect(lossesFor({ dataset: "xor", classes: 3 })).toContain("binary");
    expect(lossesFor({ dataset: "spiral", classes: 3 })).not.toContain("binary");
    expect(lossesFor({ dataset: "spiral", classes: 2 })).toContain("binary");
  });
});
