import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mul, Tensor, tensor } from "@sinapse/autograd";
import { array, FormatError, type NDArray, Random, ValueError } from "@sinapse/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import fixture from "./__fixtures__/nnfs-ch11.json";
import { CategoricalAccuracy } from "./accuracy.js";
import { LeakyReLU, ReLU, Softmax } from "./activations.js";
import { Dense } from "./dense.js";
import { Dropout } from "./dropout.js";
import { CategoricalCrossentropy } from "./losses.js";
import { Model } from "./model.js";
import { Module } from "./module.js";
import { Adam } from "./optimizers/adam.js";
import { modelFromBytes, modelMetadata } from "./serialize.js";

const X = array(fixture.X);
const y = array(Int32Array.from(fixture.y));

function trained(): Model {
  const rng = new Random(0);
  const model = new Model()
    .add(new Dense(2, 16, { rng, weightRegularizerL2: 5e-4 }))
    .add(new LeakyReLU(0.02))
    .add(new Dropout(0.1, { rng }))
    .add(new Dense(16, 3, { rng }))
    .add(new Softmax())
    .set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.02, decay: 1e-4 }),
      accuracy: new CategoricalAccuracy(),
    });
  model.fit(X, y, { epochs: 5 });
  return model;
}

describe("model files", () => {
  const model = trained();
  const bytes = model.toBytes();

  it("carry extra metadata entries an app writes, read back without loading the tensors", () => {
    const withMeta = model.toBytes({ metadata: { "app.task": "classification", "app.classes": '["a","b","c"]' } });
    expect(modelMetadata(withMeta)).toEqual({ "app.task": "classification", "app.classes": '["a","b","c"]' });
    expect(modelMetadata(bytes)).toEqual({});
    const copy = Model.fromBytes(withMeta);
    expect(Array.from(copy.predict(X).dataSync())).toEqual(Array.from(model.predict(X).dataSync()));
    expect(new DataView(withMeta.buffer).getBigUint64(0, true) % 8n).toBe(0n);
  });

  it("refuse metadata that takes a format key or is not a string, and unreadable bytes", () => {
    expect(() => model.toBytes({ metadata: { version: "2" } })).toThrow(
      new ValueError("Model.toBytes", 'metadata key "version" is reserved by the format'),
    );
    expect(() => model.toBytes({ metadata: { n: 3 as unknown as string } })).toThrow(
      'Model.toBytes: metadata "n" must be a string, got number',
    );
    expect(() => modelMetadata(bytes.subarray(0, 4))).toThrow(FormatError);
    expect(() => modelMetadata(bytes.subarray(0, 4))).toThrow(/^modelMetadata: the file is 4 bytes long/);
  });

  it("round-trip through bytes and predict bit-identically", () => {
    const copy = Model.fromBytes(bytes);
    expect(Array.from(copy.predict(X).dataSync())).toEqual(Array.from(model.predict(X).dataSync()));
    expect(copy.layers.map((l) => l.describe())).toEqual(model.layers.map((l) => l.describe()));
    expect((copy.layers[0] as Dense).weightRegularizerL2).toBe(5e-4);
    expect((copy.layers[1] as LeakyReLU).alpha).toBe(0.02);
  });

  it("keep the optimizer's state, so training continues exactly where it stopped", () => {
    const rng = new Random(1);
    const plain = new Model()
      .add(new Dense(2, 8, { rng }))
      .add(new ReLU())
      .add(new Dense(8, 3, { rng }))
      .add(new Softmax())
      .set({
        loss: new CategoricalCrossentropy(),
        optimizer: new Adam({ learningRate: 0.02, decay: 1e-3 }),
        accuracy: new CategoricalAccuracy(),
      });
    plain.fit(X, y, { epochs: 3 });
    const copy = Model.fromBytes(plain.toBytes());
    expect(copy.optimizer?.iterations).toBe(3);
    expect(copy.optimizer?.currentLearningRate).toBe(plain.optimizer?.currentLearningRate);
    const a = plain.fit(X, y, { epochs: 2 }).map((h) => h.loss);
    const b = copy.fit(X, y, { epochs: 2 }).map((h) => h.loss);
    expect(b).toEqual(a);
  });

  it("use the safetensors layout: u64 header length, JSON header, 8-byte aligned data", () => {
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.__metadata__.format).toBe("sinapse.model");
    expect(header["layers.0.weights"]).toEqual({ dtype: "F32", shape: [2, 16], data_offsets: [0, 128] });
    expect(Object.keys(header)).toContain("optimizer.0.momentum");
  });

  it("save atomically and load in Node; a save that fails keeps the earlier file and leaves no temporary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sinapse-model-"));
    const path = join(dir, "model.safetensors");
    await model.save(path);
    const loaded = await Model.load(path);
    expect(Array.from(loaded.predict(X).dataSync())).toEqual(Array.from(model.predict(X).dataSync()));
    const before = readFileSync(path);
    // A layer the format does not know: saving fails before anything is written.
    class Scale extends Module {
      forward(x: Tensor | NDArray) {
        return mul(x instanceof Tensor ? x : tensor(x), 2);
      }
    }
    const unsaveable = new Model().add(new Dense(2, 2)).add(new Scale());
    await expect(unsaveable.save(path)).rejects.toThrow("Model.toBytes: cannot describe layer 1, a Scale");
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(["model.safetensors"]);
    expect(existsSync(path)).toBe(true);
  });
});

describe("damaged model files", () => {
  const good = trained().toBytes();
  const n = Number(new DataView(good.buffer).getBigUint64(0, true));
  const withHeader = (edit: (h: Record<string, unknown>) => void): Uint8Array => {
    const header = JSON.parse(new TextDecoder().decode(good.subarray(8, 8 + n)));
    edit(header);
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + (good.length - 8 - n));
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    out.set(good.subarray(8 + n), 8 + json.length);
    return out;
  };

  it.each([
    ["too short", good.subarray(0, 5), "too short for a header"],
    ["truncated data", good.subarray(0, good.length - 3), "claims bytes"],
    [
      "absurd header length",
      (() => {
        const b = good.slice();
        new DataView(b.buffer).setBigUint64(0, 2n ** 60n, true);
        return b;
      })(),
      "the header claims",
    ],
    [
      "header not JSON",
      (() => {
        const b = good.slice();
        b[9] = 0x7b;
        b[10] = 0x7b;
        return b;
      })(),
      "not valid UTF-8 JSON",
    ],
    [
      "another format",
      withHeader((h) => {
        (h.__metadata__ as Record<string, string>).format = "pytorch";
      }),
      'format is "pytorch"',
    ],
    [
      "a future version",
      withHeader((h) => {
        (h.__metadata__ as Record<string, string>).version = "9";
      }),
      'unsupported version "9"',
    ],
    [
      "wrong dtype",
      withHeader((h) => {
        (h["layers.0.weights"] as Record<string, unknown>).dtype = "I64";
      }),
      'dtype "I64"',
    ],
    [
      "shape not matching bytes",
      withHeader((h) => {
        (h["layers.0.weights"] as Record<string, unknown>).shape = [2, 17];
      }),
      "needs 136 bytes but has 128",
    ],
    [
      "a tensor for another input size",
      withHeader((h) => {
        const arch = JSON.parse((h.__metadata__ as Record<string, string>).architecture as string);
        arch.layers[0].nInputs = 3;
        (h.__metadata__ as Record<string, string>).architecture = JSON.stringify(arch);
      }),
      "the architecture needs [3,16]",
    ],
    [
      "an unknown layer",
      withHeader((h) => {
        const arch = JSON.parse((h.__metadata__ as Record<string, string>).architecture as string);
        arch.layers[1].type = "Conv2D";
        (h.__metadata__ as Record<string, string>).architecture = JSON.stringify(arch);
      }),
      'unknown type "Conv2D"',
    ],
  ] as const)("%s → FormatError", (_, bytes, message) => {
    expect(() => modelFromBytes(bytes)).toThrow(FormatError);
    expect(() => modelFromBytes(bytes)).toThrow(message);
  });

  it("never throws anything but FormatError for mutated or truncated bytes (fuzz)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(good.length),
        (edits, cut) => {
          const b = good.slice(0, Math.max(cut, 0) || good.length);
          for (const [i, v] of edits) if (i < b.length) b[i] = v;
          try {
            modelFromBytes(b);
          } catch (error) {
            expect(error).toBeInstanceOf(FormatError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
