/**
 * Trains an experiment's network one mini-batch at a time with the real @sinapse/layers
 * code, and takes snapshots for the page: weights, biases, loss and accuracy curves, the
 * output over the input plane (decision boundary or regression surface) and every hidden
 * neuron's output over the plane (the diagram's thumbnails). Runs in a Web Worker in the
 * app and directly in tests.
 */

import { noGrad, type Tensor } from "@sinapse/autograd";
import { buildModel, Dense, Dropout, type Model, networkDiagramData } from "@sinapse/layers";
import { NDArray, Random, take } from "@sinapse/tensor";
import { featureMatrix, type PreparedData, prepareData } from "./data.js";
import type { Experiment } from "./experiment.js";
import { modelSpec } from "./plan.js";

export interface CurvePoint {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

export interface Snapshot {
  epoch: number;
  /** Mini-batches trained so far. */
  batches: number;
  sizes: number[];
  /** weights[l][i][j]: from neuron i of layer l to neuron j of layer l + 1. */
  weights: number[][][];
  biases: number[][];
  curve: CurvePoint[];
  /** Output over a `grid × grid` raster of the plane, row-major from the top-left. */
  grid: number;
  /** Classification: class probabilities `[grid², classes]`; regression: values `[grid²]`. */
  surface: Float32Array;
  /**
   * Every neuron's output over the plane (a small grid): thumbnails[0] the input features,
   * then each hidden layer's activations, then the network's outputs; each `[grid²]`.
   */
  thumbnails: Float32Array[][];
  thumbnailGrid: number;
}

/** The network for an experiment (see `modelSpec`), its weights drawn from `rng` in layer order. */
export function experimentModel(e: Experiment, rng: Random): Model {
  return buildModel(modelSpec(e), { rng });
}

export class Trainer {
  readonly experiment: Experiment;
  readonly data: PreparedData;
  readonly model: Model;
  epoch = 0;
  batches = 0;
  readonly curve: CurvePoint[] = [];
  private readonly rng: Random;
  private readonly trainY: NDArray;
  private readonly testY: NDArray;
  private order: Int32Array;
  private cursor = 0;
  private readonly gridX: NDArray<"float32">;
  private readonly thumbX: NDArray<"float32">;

  constructor(
    experiment: Experiment,
    readonly options: { grid?: number; thumbnailGrid?: number } = {},
  ) {
    this.experiment = experiment;
    this.data = prepareData(experiment);
    this.rng = new Random(experiment.seed + 1);
    this.model = experimentModel(experiment, this.rng);
    // The head encodes the labels as its loss wants them (indices, 0/1 column, one-hot rows, values).
    this.trainY = this.model.targetsFor(this.data.trainY);
    this.testY = this.model.targetsFor(this.data.testY);
    // The regression precision belongs to the training set, fixed for the whole run.
    this.model.accuracy?.init(this.trainY);
    this.order = this.shuffled();
    this.gridX = this.planeFeatures(options.grid ?? 48);
    this.thumbX = this.planeFeatures(options.thumbnailGrid ?? 16);
    this.curve.push(this.measure());
  }

  private shuffled(): Int32Array {
    return this.rng.permutation(this.trainY.shape[0] as number).dataSync() as Int32Array;
  }

  /** Features of a `g × g` raster of the plane (one-input sets: g points along x). */
  private planeFeatures(g: number): NDArray<"float32"> {
    const { x, y } = this.data.extent;
    const rows = this.data.inputs === 1 ? 1 : g;
    const x1 = new Float32Array(rows * g);
    const x2 = new Float32Array(rows * g);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < g; c++) {
        x1[r * g + c] = x[0] + ((c + 0.5) / g) * (x[1] - x[0]);
        x2[r * g + c] = y[1] - ((r + 0.5) / rows) * (y[1] - y[0]);
      }
    }
    return featureMatrix(x1, x2, this.experiment.features);
  }

  /**
   * One optimizer step on the next mini-batch (`model.trainStep`; nothing is read back); at
   * the end of a pass over the data, records the epoch's curve point.
   */
  step(): void {
    const n = this.order.length;
    const size = Math.min(this.experiment.batchSize, n - this.cursor);
    const rows = new NDArray(this.order.slice(this.cursor, this.cursor + size), [size]);
    const bx = take(this.data.trainX, rows, 0) as NDArray<"float32">;
    const by = take(this.trainY, rows, 0);
    this.model.trainStep(bx, by);
    this.batches++;
    this.cursor += size;
    if (this.cursor >= n) {
      this.cursor = 0;
      this.epoch++;
      this.order = this.shuffled();
      this.curve.push(this.measure());
    }
  }

  /** Trains until `ms` milliseconds pass on `now` or `maxBatches` are done; returns how many ran. */
  run(ms: number, maxBatches = Infinity, now: () => number = () => performance.now()): number {
    const start = now();
    let done = 0;
    while (done < maxBatches && now() - start < ms) {
      this.step();
      done++;
    }
    return done;
  }

  /** Loss and accuracy on the whole training and test sets now (public: the session measures after "One batch"). */
  measure(): CurvePoint {
    const train = this.model.evaluate(this.data.trainX, this.trainY);
    const test = this.model.evaluate(this.data.testX, this.testY);
    return {
      epoch: this.epoch,
      trainLoss: train.loss,
      testLoss: test.loss,
      trainAccuracy: train.accuracy,
      testAccuracy: test.accuracy,
    };
  }

  /** Dense layers in order. */
  get dense(): Dense[] {
    return this.model.layers.filter((l): l is Dense => l instanceof Dense);
  }

  /** Every hidden layer's activation output over `X`, in evaluation mode (no dropout). */
  private hiddenOutputs(X: NDArray<"float32">): NDArray[] {
    const layers = this.model.layers;
    const outs: NDArray[] = [];
    this.model.train(false);
    noGrad(() => {
      let h: Tensor | NDArray = X;
      for (const layer of layers.slice(0, -1)) {
        h = layer.forward(h);
        if (!(layer instanceof Dense) && !(layer instanceof Dropout)) outs.push(h.value);
      }
    });
    this.model.train(true);
    return outs;
  }

  snapshot(): Snapshot {
    const diagram = networkDiagramData(this.model);
    const surface = this.model.predict(this.gridX);
    const g = this.options.thumbnailGrid ?? 16;
    const columns = (out: NDArray): Float32Array[] => {
      const units = out.shape[1] as number;
      const values = out.dataSync();
      const rows = values.length / units;
      return Array.from({ length: units }, (_, j) =>
        Float32Array.from({ length: rows }, (_, r) => values[r * units + j] as number),
      );
    };
    const thumbnails = [
      columns(this.thumbX),
      ...this.hiddenOutputs(this.thumbX).map(columns),
      columns(this.model.predict(this.thumbX)),
    ];
    return {
      epoch: this.epoch,
      batches: this.batches,
      sizes: diagram.sizes,
      weights: diagram.weights,
      biases: diagram.biases,
      curve: [...this.curve],
      grid: this.options.grid ?? 48,
      surface: Float32Array.from(surface.dataSync()),
      thumbnails,
      thumbnailGrid: g,
    };
  }
}
