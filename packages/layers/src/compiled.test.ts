/**
 * The compiled training step: recorded once, replayed, and equal to the eager step.
 */
import { spiral } from "@sinapse/data";
import { getBackend, type NDArray, Random } from "@sinapse/tensor";
import { describe, expect, it, vi } from "vitest";
import { Dropout } from "./dropout.js";
import { type Model, StepMetrics } from "./model.js";
import { buildModel, type ModelSpec } from "./spec.js";

const bits = (a: NDArray) => Array.from(a.dataSync() as ArrayLike<number>);

function chapter11(optimizer: ModelSpec["optimizer"] = { type: "Adam", learningRate: 0.05, decay: 5e-7 }): Model {
  return buildModel(
    {
      layers: [
        { type: "Dense", nInputs: 2, nNeurons: 64 },
        { type: "ReLU" },
        { type: "Dense", nInputs: 64, nNeurons: 3 },
      ],
      head: { type: "multiclass" },
      optimizer,
    },
    { rng: new Random(0) },
  );
}

const weights = (m: Model) => m.parameters().flatMap((p) => bits(p.value));

describe(`the compiled step (${getBackend().name} backend)`, () => {
  const { X, y } = spiral(100, 3, { rng: new Random(0) });

  it("replays Chapter 11's full-batch step: fit gives the eager fit's weights and history bit for bit", () => {
    const eager = chapter11();
    const replayed = chapter11();
    const a = eager.fit(X, y, { epochs: 60, compile: false });
    const b = replayed.fit(X, y, { epochs: 60 });
    expect(b).toEqual(a);
    expect(weights(replayed)).toEqual(weights(eager));
  });

  it("records once, fuses elementwise chains and reads nothing back inside the step", () => {
    const model = chapter11();
    const step = model.compiledStep();
    const metrics = new StepMetrics();
    for (let i = 0; i < 5; i++) step(X, y, metrics);
    expect(step.reason).toBeNull();
    expect(step.kernels.replayed).toBeGreaterThan(0);
    expect(step.kernels.replayed).toBeLessThan(step.kernels.recorded);
    expect(metrics.read().losses).toHaveLength(5); // each step's loss kept: outputs are new arrays
    expect(new Set(metrics.read().losses).size).toBe(5);
  });

  it("replays mini-batches of new data with shuffling, the partial last batch recorded on its own", () => {
    const opts = { epochs: 3, batchSize: 64, shuffle: true } as const;
    const eager = chapter11({ type: "Adam", learningRate: 0.01 });
    const replayed = chapter11({ type: "Adam", learningRate: 0.01 });
    const a = eager.fit(X, y, { ...opts, rng: new Random(3), compile: false });
    const b = replayed.fit(X, y, { ...opts, rng: new Random(3) });
    expect(b).toEqual(a);
    expect(weights(replayed)).toEqual(weights(eager));
  });

  it("replays SGD with momentum and a regression head exactly too", () => {
    const spec: ModelSpec = {
      layers: [
        { type: "Dense", nInputs: 2, nNeurons: 8 },
        { type: "Tanh" },
        { type: "Dense", nInputs: 8, nNeurons: 1 },
      ],
      head: { type: "regression" },
      optimizer: { type: "SGD", learningRate: 0.1, momentum: 0.9 },
    };
    const target = X.sum({ axis: 1 }).reshape([-1, 1]);
    const eager = buildModel(spec, { rng: new Random(1) });
    const replayed = buildModel(spec, { rng: new Random(1) });
    expect(replayed.fit(X, target, { epochs: 20 })).toEqual(eager.fit(X, target, { epochs: 20, compile: false }));
    expect(weights(replayed)).toEqual(weights(eager));
  });

  it("runs eagerly, saying why, where a replay would not be exact: dropout, SGD with decay", () => {
    const withDropout = chapter11();
    withDropout.layers.splice(2, 0, new Dropout(0.1, { rng: new Random(2) }));
    expect(withDropout.compiledStep().reason).toMatch(/Dropout draws new masks/);
    expect(chapter11({ type: "SGD", learningRate: 1, decay: 1e-3 }).compiledStep().reason).toMatch(/SGD with decay/);
  });
});

describe("fit keeps its compiled step across calls", () => {
  it("records once for a loop of fit({ epochs: 1 }) and matches one long fit bit for bit", () => {
    const { X, y } = spiral(50, 3, { rng: new Random(0) });
    const once = chapter11();
    const looped = chapter11();
    const long = once.fit(X, y, { epochs: 8 });
    const recordings = vi.spyOn(looped, "compiledStep");
    const short = Array.from({ length: 8 }, () => looped.fit(X, y, { epochs: 1 })[0]);
    expect(recordings).toHaveBeenCalledTimes(1);
    expect(short.map((h) => h?.loss)).toEqual(long.map((h) => h.loss));
    expect(weights(looped)).toEqual(weights(once));
  });
});
