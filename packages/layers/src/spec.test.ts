import { sine, spiral } from "@sinapse/data";
import { array, FormatError, Random, ValueError } from "@sinapse/tensor";
import { describe, expect, it } from "vitest";
import { CategoricalAccuracy, RegressionAccuracy } from "./accuracy.js";
import { ReLU, Softmax } from "./activations.js";
import { Dense } from "./dense.js";
import { networkDiagramData } from "./diagram.js";
import { MulticlassHead, RegressionHead } from "./heads.js";
import { CategoricalCrossentropy } from "./losses.js";
import { Model } from "./model.js";
import { Adam } from "./optimizers/adam.js";
import { checksumOf, modelFromBytes } from "./serialize.js";
import { buildModel, checkSpec, type ModelSpec, SPEC_LIMITS } from "./spec.js";

const classifierSpec: ModelSpec = {
  layers: [
    { type: "Dense", nInputs: 2, nNeurons: 16, init: "he", weightRegularizerL2: 5e-4, initialBiases: 0.1 },
    { type: "LeakyReLU", alpha: 0.02 },
    { type: "Dropout", rate: 0.1 },
    { type: "Dense", nInputs: 16, nNeurons: 3 },
  ],
  head: { type: "multiclass" },
  optimizer: { type: "Adam", learningRate: 0.02, decay: 1e-4, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 },
};

const bits = (m: Model, X: ReturnType<typeof array>) => Array.from(m.predict(X).dataSync());

describe("buildModel and model.spec()", () => {
  const { X } = spiral(50, 3, { rng: new Random(0) });

  it("builds the layers, then the head's activation, loss and accuracy, and the optimizer", () => {
    const model = buildModel(classifierSpec, { rng: new Random(1) });
    expect(model.layers.map((l) => l.describe())).toEqual([
      "Dense(2 → 16)",
      "LeakyReLU",
      "Dropout(0.1)",
      "Dense(16 → 3)",
      "Softmax",
    ]);
    expect(model.loss).toBeInstanceOf(CategoricalCrossentropy);
    expect(model.accuracy).toBeInstanceOf(CategoricalAccuracy);
    expect(model.optimizer).toBeInstanceOf(Adam);
    expect(model.head).toBeInstanceOf(MulticlassHead);
    expect(Array.from((model.layers[0] as Dense).biases.dataSync())).toEqual(new Array(16).fill(Math.fround(0.1)));
  });

  it("round-trips: buildModel(model.spec()) with the same seed predicts bit-identically", () => {
    const a = buildModel(classifierSpec, { rng: new Random(7) });
    expect(a.spec()).toEqual(classifierSpec);
    const b = buildModel(a.spec(), { rng: new Random(7) });
    expect(bits(b, X)).toEqual(bits(a, X));
  });

  it("is plain JSON: the spec survives JSON.stringify and parse", () => {
    const spec = buildModel(classifierSpec).spec();
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it("describes a model built the book's way (add + set), its Softmax as the head", () => {
    const rng = new Random(0);
    const model = new Model()
      .add(new Dense(2, 8, { rng }))
      .add(new ReLU())
      .add(new Dense(8, 3, { rng }))
      .add(new Softmax())
      .set({ loss: new CategoricalCrossentropy(), accuracy: new CategoricalAccuracy(), optimizer: new Adam() });
    expect(model.spec()).toEqual({
      layers: [
        { type: "Dense", nInputs: 2, nNeurons: 8 },
        { type: "ReLU" },
        { type: "Dense", nInputs: 8, nNeurons: 3 },
      ],
      head: { type: "multiclass" },
      optimizer: { type: "Adam", learningRate: 0.001, decay: 0, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 },
    });
  });

  it("keeps the spec and the predictions through save and load, the fitted regression precision included", () => {
    const data = sine(200);
    const model = buildModel(
      {
        layers: [
          { type: "Dense", nInputs: 1, nNeurons: 16, init: 0.1 },
          { type: "ReLU" },
          { type: "Dense", nInputs: 16, nNeurons: 1, init: 0.1 },
        ],
        head: { type: "regression", loss: "mae" },
        optimizer: { type: "Adam", learningRate: 0.005 },
      },
      { rng: new Random(0) },
    );
    model.fit(data.X, data.y, { epochs: 3, batchSize: 64 });
    const precision = (model.accuracy as RegressionAccuracy).precision;
    expect(precision).toBeGreaterThan(0);
    const copy = modelFromBytes(model.toBytes());
    expect(copy.spec()).toEqual(model.spec());
    expect(copy.spec().head).toEqual({ type: "regression", loss: "mae", precision });
    expect(bits(copy, data.X)).toEqual(bits(model, data.X));
    expect(copy.evaluate(data.X, data.y)).toEqual(model.evaluate(data.X, data.y));
  });

  it("gives bare layers (no loss) a null head", () => {
    const model = new Model().add(new Dense(2, 2)).add(new ReLU());
    expect(model.spec().head).toBeNull();
    expect(buildModel(model.spec()).layers.map((l) => l.describe())).toEqual(["Dense(2 → 2)", "ReLU"]);
  });

  it("throws ValueError for a loss and accuracy that make no task head", () => {
    const model = new Model()
      .add(new Dense(2, 3))
      .add(new Softmax())
      .set({ loss: new CategoricalCrossentropy(), accuracy: new RegressionAccuracy() });
    expect(() => model.spec()).toThrow(ValueError);
    expect(() => model.spec()).toThrow(
      /Model\.spec: the output Softmax with loss CategoricalCrossentropy and accuracy RegressionAccuracy is not a task head/,
    );
  });
});

describe("checking a spec", () => {
  const bad = (edit: (s: Record<string, unknown>) => void): unknown => {
    const s = structuredClone(classifierSpec) as unknown as Record<string, unknown>;
    edit(s);
    return s;
  };
  const layers = (s: Record<string, unknown>) => s.layers as Record<string, unknown>[];

  it.each([
    ["constructor", "layer type"],
    ["toString", "layer type"],
    ["__proto__", "layer type"],
    ["hasOwnProperty", "layer type"],
  ])("treats the inherited name %s as an unknown %s (ValueError, never Object's)", (name) => {
    const spec = bad((s) => {
      (layers(s)[1] as Record<string, unknown>).type = name;
    });
    expect(() => buildModel(spec as ModelSpec)).toThrow(ValueError);
    expect(() => buildModel(spec as ModelSpec)).toThrow(`buildModel: layers[1] has unknown type "${name}"`);
  });

  it.each(["constructor", "toString", "__proto__", "valueOf"])(
    "treats %s as an unknown optimizer and head type",
    (name) => {
      const optimizer = bad((s) => {
        s.optimizer = { type: name };
      });
      expect(() => buildModel(optimizer as ModelSpec)).toThrow(`buildModel: optimizer has unknown type "${name}"`);
      const head = bad((s) => {
        s.head = { type: name };
      });
      expect(() => buildModel(head as ModelSpec)).toThrow(`buildModel: head has unknown type "${name}"`);
    },
  );

  it.each([
    [
      "an unknown field",
      (s: Record<string, unknown>) => Object.assign(layers(s)[0] as object, { units: 3 }),
      'layers[0] has an unknown field "units"',
    ],
    [
      "a fractional size",
      (s: Record<string, unknown>) => Object.assign(layers(s)[0] as object, { nNeurons: 2.5 }),
      "layers[0].nNeurons must be a whole number from 1 to",
    ],
    [
      "layers that do not fit",
      (s: Record<string, unknown>) => Object.assign(layers(s)[3] as object, { nInputs: 8 }),
      "layers[0] outputs 16 values but layers[3] (Dense) expects 8",
    ],
    [
      "a dropout rate of 1",
      (s: Record<string, unknown>) => Object.assign(layers(s)[2] as object, { rate: 1 }),
      "layers[2].rate must be in [0, 1), got 1",
    ],
    [
      "a negative penalty",
      (s: Record<string, unknown>) => Object.assign(layers(s)[0] as object, { weightRegularizerL2: -1 }),
      "layers[0].weightRegularizerL2 must be a finite number ≥ 0, got -1",
    ],
    [
      "the head's activation twice",
      (s: Record<string, unknown>) => layers(s).push({ type: "Softmax" }),
      "layers[4] is Softmax, which the multiclass head adds itself",
    ],
    ["a missing head", (s: Record<string, unknown>) => delete s.head, "head is missing"],
    [
      "an unknown regression loss",
      (s: Record<string, unknown>) => Object.assign(s, { head: { type: "regression", loss: "huber" } }),
      'head.loss of a regression head must be "mse" or "mae", got "huber"',
    ],
    [
      "Adam's β₂ of 1",
      (s: Record<string, unknown>) => Object.assign(s.optimizer as object, { beta2: 1 }),
      "Adam: beta2 must be in [0, 1), got 1",
    ],
    [
      "an optimizer option of another optimizer",
      (s: Record<string, unknown>) => Object.assign(s.optimizer as object, { momentum: 0.9 }),
      'optimizer has an unknown field "momentum"',
    ],
  ] as const)("throws ValueError naming the field for %s", (_, edit, message) => {
    const spec = bad(edit);
    expect(() => buildModel(spec as ModelSpec)).toThrow(ValueError);
    expect(() => buildModel(spec as ModelSpec)).toThrow(message);
  });

  it("refuses more parameters than the limit before allocating anything", () => {
    const huge = { type: "Dense", nInputs: 2 ** 14, nNeurons: 2 ** 14 } as const;
    const spec: ModelSpec = { layers: [huge], head: null, optimizer: null };
    expect(() => buildModel(spec)).toThrow(`more than the limit ${SPEC_LIMITS.parameters}`);
    const many = { layers: new Array(SPEC_LIMITS.layers + 1).fill({ type: "ReLU" }), head: null, optimizer: null };
    expect(() => checkSpec(many)).toThrow("10001 layers is more than the 10000 a model may have");
  });

  it("checks everything before drawing a weight: a bad optimizer leaves the generator untouched", () => {
    const rng = new Random(3);
    const spec = bad((s) => {
      s.optimizer = { type: "SGD", momentum: 1.5 };
    });
    expect(() => buildModel(spec as ModelSpec, { rng })).toThrow("SGD: momentum must be in [0, 1), got 1.5");
    expect(Array.from(rng.randn([4]).dataSync())).toEqual(Array.from(new Random(3).randn([4]).dataSync()));
  });

  it("turns a bad architecture in a model file into a FormatError", () => {
    const bytes = buildModel(classifierSpec).toBytes();
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    const arch = JSON.parse(header.__metadata__.architecture);
    arch.head = { type: "constructor" };
    header.__metadata__.architecture = JSON.stringify(arch);
    // Sealed with a valid checksum, as a hostile writer would: the spec check must catch it.
    const entries = Object.entries(header)
      .filter(([name]) => name !== "__metadata__")
      .map(([name, e]) => {
        const { dtype, shape, data_offsets } = e as { dtype: string; shape: number[]; data_offsets: [number, number] };
        return { name, dtype, shape, begin: data_offsets[0], end: data_offsets[1] };
      });
    header.__metadata__.checksum = checksumOf(header.__metadata__, entries, [bytes.subarray(8 + n)]);
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + (bytes.length - 8 - n));
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    out.set(bytes.subarray(8 + n), 8 + json.length);
    expect(() => modelFromBytes(out)).toThrow(FormatError);
    expect(() => modelFromBytes(out)).toThrow(
      'Model.fromBytes: the architecture is not usable: head has unknown type "constructor"',
    );
  });

  it("builds a regression head whose precision is given", () => {
    const model = buildModel({
      layers: [{ type: "Dense", nInputs: 1, nNeurons: 1 }],
      head: { type: "regression", precision: 0.25 },
      optimizer: null,
    });
    expect(model.head).toBeInstanceOf(RegressionHead);
    expect((model.accuracy as RegressionAccuracy).precision).toBe(0.25);
    const X = array([[0], [1]]);
    expect(model.evaluate(X, array([[0.1], [5]])).accuracy).toBe(0.5);
  });
});

describe("networkDiagramData", () => {
  it("gives NetworkDiagram's props as plain numbers: sizes, weights[l][i][j], biases[l][j]", () => {
    const model = buildModel(classifierSpec, { rng: new Random(2) });
    const data = networkDiagramData(model);
    expect(data.sizes).toEqual([2, 16, 3]);
    const first = model.layers[0] as Dense;
    expect(data.weights[0]).toEqual(first.weights.toArray());
    expect(data.biases[0]).toEqual((first.biases.toArray() as number[][])[0]);
    expect(data.biases[1]).toHaveLength(3);
    expect(data.gradients).toBeUndefined();
  });

  it("adds the gradients when asked and every Dense layer has them", () => {
    const model = buildModel(classifierSpec, { rng: new Random(2) });
    const { X, y } = spiral(10, 3, { rng: new Random(0) });
    new CategoricalCrossentropy().calculate(model.forward(X), y).backward();
    const data = networkDiagramData(model, { gradients: true });
    expect(data.gradients?.weights[1]).toEqual((model.layers[3] as Dense).weights.grad?.toArray());
  });

  it("throws ValueError for a model without a Dense layer", () => {
    expect(() => networkDiagramData(new Model().add(new ReLU()))).toThrow(
      "networkDiagramData: the model has no Dense layer to draw",
    );
  });
});
