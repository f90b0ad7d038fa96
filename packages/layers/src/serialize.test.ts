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
import { checksumOf, modelFromBytes, modelMetadata } from "./serialize.js";

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
    const names = Object.fromEntries([
      ["__proto__", "p"],
      ["constructor", "c"],
    ]);
    expect(Object.entries(modelMetadata(model.toBytes({ metadata: names })))).toEqual([
      ["__proto__", "p"],
      ["constructor", "c"],
    ]);
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

/** Fuzz runs per property: bounded for `pnpm test`; SINAPSE_FUZZ_RUNS for a long run. */
const RUNS = Number(process.env.SINAPSE_FUZZ_RUNS ?? 1500);

describe("damaged model files", () => {
  const good = trained().toBytes();
  const n = Number(new DataView(good.buffer).getBigUint64(0, true));
  const headerOf = (bytes: Uint8Array): Record<string, unknown> => {
    const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  };
  /** The file with its header edited and (unless `seal` is false) its checksum recomputed, as a hostile writer would. */
  const withHeader = (edit: (h: Record<string, unknown>) => void, data = good.subarray(8 + n), seal = true) => {
    const header = headerOf(good);
    edit(header);
    const meta = header.__metadata__ as Record<string, string>;
    if (seal && meta) {
      const entries = Object.entries(header)
        .filter(([name]) => name !== "__metadata__")
        .map(([name, e]) => {
          const { dtype, shape, data_offsets } = e as { dtype: string; shape: number[]; data_offsets: number[] };
          return { name, dtype, shape, begin: data_offsets[0] as number, end: data_offsets[1] as number };
        });
      meta.checksum = checksumOf(meta, entries, [data]);
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + data.length);
    new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    out.set(data, 8 + json.length);
    return out;
  };
  const editArchitecture = (edit: (a: { layers: Record<string, unknown>[]; [k: string]: unknown }) => void) =>
    withHeader((h) => {
      const meta = h.__metadata__ as Record<string, string>;
      const arch = JSON.parse(meta.architecture as string);
      edit(arch);
      meta.architecture = JSON.stringify(arch);
    });
  const editOptimizer = (edit: (o: Record<string, unknown>) => void) =>
    withHeader((h) => {
      const meta = h.__metadata__ as Record<string, string>;
      const o = JSON.parse(meta.optimizer as string);
      edit(o);
      meta.optimizer = JSON.stringify(o);
    });

  it("(the test's own writer: an unedited header loads as the same model)", () => {
    expect(Array.from(modelFromBytes(withHeader(() => {})).toBytes())).toEqual(Array.from(good));
  });

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
      "the header is not valid",
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
      "a changed hyper-parameter without a new checksum",
      withHeader(
        (h) => {
          const meta = h.__metadata__ as Record<string, string>;
          meta.optimizer = (meta.optimizer as string).replace('"learningRate":0.02', '"learningRate":0.03');
        },
        good.subarray(8 + n),
        false,
      ),
      "the file is damaged",
    ],
    [
      "a flipped data bit",
      (() => {
        const b = good.slice();
        b[b.length - 1] = (b[b.length - 1] as number) ^ 1;
        return b;
      })(),
      "the file is damaged",
    ],
    [
      "wrong dtype",
      withHeader((h) => {
        (h["layers.0.weights"] as Record<string, unknown>).dtype = "I32";
      }),
      'dtype "I32", expected "F32" or "F64"',
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
      editArchitecture((a) => Object.assign(a.layers[0] as object, { nInputs: 3 })),
      "the architecture needs [3,16]",
    ],
    [
      "an unknown layer",
      editArchitecture((a) => Object.assign(a.layers[1] as object, { type: "Conv2D" })),
      'unknown type "Conv2D"',
    ],
    [
      "a layer with an unknown field",
      editArchitecture((a) => Object.assign(a.layers[1] as object, { beta: 1 })),
      'layers[1] has an unknown field "beta"',
    ],
    [
      "a negative dropout rate",
      editArchitecture((a) => Object.assign(a.layers[2] as object, { rate: -0.5 })),
      "layers[2].rate must be in [0, 1), got -0.5",
    ],
    [
      "11,000 layers",
      editArchitecture((a) => Object.assign(a, { layers: Array.from({ length: 11_000 }, () => ({ type: "ReLU" })) })),
      "11000 layers is more than the 10000 a model may have",
    ],
    [
      "an optimizer setting the optimizer does not have",
      editOptimizer((o) => Object.assign(o, { lookahead: 5 })),
      'optimizer has an unknown field "lookahead"',
    ],
    [
      "a non-integer iteration count",
      editOptimizer((o) => Object.assign(o, { iterations: 2.5 })),
      "iterations must be an integer",
    ],
  ] as const)("%s → FormatError", (_, bytes, message) => {
    expect(() => modelFromBytes(bytes)).toThrow(FormatError);
    expect(() => modelFromBytes(bytes)).toThrow(message);
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"])(
    "looks class names up in own-property tables: %j as head, layer or optimizer type → FormatError (regression: loss = Object)",
    (name) => {
      for (const [bytes, what] of [
        [editArchitecture((a) => Object.assign(a, { head: { type: name } })), "head has unknown type"],
        [editArchitecture((a) => Object.assign(a.layers[1] as object, { type: name })), "layers[1] has unknown type"],
        [editOptimizer((o) => Object.assign(o, { type: name })), "optimizer has unknown type"],
      ] as const) {
        expect(() => modelFromBytes(bytes)).toThrow(FormatError);
        expect(() => modelFromBytes(bytes)).toThrow(`${what} ${JSON.stringify(name)}`);
      }
    },
  );

  it("names a tensor whose name has a flipped bit instead of dropping it (regression: optimizer state lost)", () => {
    const flipped = withHeader((h) => {
      h["optimizer.0.momentun"] = h["optimizer.0.momentum"];
      delete h["optimizer.0.momentum"];
    });
    expect(() => modelFromBytes(flipped)).toThrow(
      'Model.fromBytes: the file holds tensors the model does not have: "optimizer.0.momentun"',
    );
    const missing = withHeader((h) => {
      const w = h["layers.3.biases"] as { data_offsets: number[] };
      delete h["layers.3.biases"];
      h["layers.3.biasez"] = w;
    });
    expect(() => modelFromBytes(missing)).toThrow('tensors the model does not have: "layers.3.biasez"');
  });

  it("refuses offsets pointing into another tensor's bytes (regression: 8 of 16 weights NaN after a step)", () => {
    const overlapping = withHeader((h) => {
      (h["layers.0.biases"] as { data_offsets: number[] }).data_offsets = [0, 64];
    });
    expect(() => modelFromBytes(overlapping)).toThrow(/overlaps|gap/);
  });

  it("refuses a header length off by 1 to 5 bytes (regression: weights like -2.6e13)", () => {
    for (const delta of [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]) {
      const b = good.slice();
      new DataView(b.buffer).setBigUint64(0, BigInt(n + delta), true);
      expect(() => modelFromBytes(b), `delta ${delta}`).toThrow(FormatError);
    }
  });

  it("refuses Dense(20000, 20000) in a 2 KB file before allocating (regression: +1.1 GB, then FormatError)", () => {
    const rng = new Random(0);
    const small = new Model()
      .add(new Dense(4, 4, { rng }))
      .add(new Softmax())
      .toBytes();
    const arrays = process.memoryUsage().arrayBuffers;
    for (const bytes of [
      // The architecture alone says 20000 × 20000; the tensors are still 4 × 4.
      (() => {
        const h = headerOf(small);
        const meta = h.__metadata__ as Record<string, string>;
        meta.architecture = meta.architecture?.replace(
          '"nInputs":4,"nNeurons":4',
          '"nInputs":20000,"nNeurons":20000',
        ) as string;
        return h;
      })(),
      // The tensor table agrees with the architecture but the data is not there.
      (() => {
        const h = headerOf(small);
        const meta = h.__metadata__ as Record<string, string>;
        meta.architecture = meta.architecture?.replace(
          '"nInputs":4,"nNeurons":4',
          '"nInputs":20000,"nNeurons":20000',
        ) as string;
        (h["layers.0.weights"] as { shape: number[] }).shape = [20000, 20000];
        return h;
      })(),
    ]) {
      const json = new TextEncoder().encode(JSON.stringify(bytes));
      const file = new Uint8Array(8 + json.length + 80);
      new DataView(file.buffer).setBigUint64(0, BigInt(json.length), true);
      file.set(json, 8);
      expect(file.length).toBeLessThan(2100);
      expect(() => modelFromBytes(file)).toThrow(FormatError);
    }
    expect(process.memoryUsage().arrayBuffers - arrays).toBeLessThan(2 ** 20);
    // Dense(2²⁴, 2²⁴) threw an untyped RangeError before.
    const huge = editArchitecture((a) => {
      Object.assign(a.layers[0] as Record<string, unknown>, { nInputs: 2 ** 24, nNeurons: 2 ** 24 });
    });
    expect(() => modelFromBytes(huge)).toThrow(FormatError);
  });

  it("refuses 300 × Dense(1024, 1024) declared in 31 KB before building one (regression: 1.26 GiB peak)", () => {
    /** A sealed file (valid checksum, as a hostile writer would make) declaring `count` Dense(1024, 1024), with 1 KB of data. */
    const fileOf = (count: number, table: boolean) => {
      const layers = Array.from({ length: count }, () => ({ type: "Dense", nInputs: 1024, nNeurons: 1024 }));
      const h: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }> = {};
      const size = 4 * 1024 * 1025;
      if (table) {
        layers.forEach((_, i) => {
          const at = i * size;
          h[`layers.${i}.weights`] = { dtype: "F32", shape: [1024, 1024], data_offsets: [at, at + 4 * 1024 * 1024] };
          h[`layers.${i}.biases`] = { dtype: "F32", shape: [1, 1024], data_offsets: [at + 4 * 1024 * 1024, at + size] };
        });
      } else h["layers.0.weights"] = { dtype: "U8", shape: [1024], data_offsets: [0, 1024] };
      const meta = {
        format: "sinapse.model",
        version: "2",
        architecture: JSON.stringify({ layers, head: null }),
        optimizer: "null",
      };
      const entries = Object.entries(h).map(([name, { dtype, shape, data_offsets }]) => {
        return { name, dtype, shape, begin: data_offsets[0] as number, end: data_offsets[1] as number };
      });
      const sealed = { ...meta, checksum: checksumOf(meta, entries, [new Uint8Array(1024)]) };
      const json = new TextEncoder().encode(JSON.stringify({ __metadata__: sealed, ...h }));
      const file = new Uint8Array(8 + json.length + 1024);
      new DataView(file.buffer).setBigUint64(0, BigInt(json.length), true);
      file.set(json, 8);
      return file;
    };
    const arrays = process.memoryUsage().arrayBuffers;
    const probe = fileOf(300, false);
    expect(probe.length).toBeLessThan(32 * 1024);
    expect(() => modelFromBytes(probe)).toThrow("parameters, more than the limit 134217728");
    // Within the spec's limits, the tensor table is matched before anything is built.
    expect(() => modelFromBytes(fileOf(100, false))).toThrow(
      'the file lacks tensors the model needs: "layers.0.biases", "layers.1.weights", "layers.1.biases", "layers.2.weights", "layers.2.biases", … (199 in all)',
    );
    expect(() => modelFromBytes(fileOf(100, true))).toThrow(
      'tensor "layers.0.weights" claims bytes 0-4194304 but the file holds 1024 bytes of data',
    );
    expect(process.memoryUsage().arrayBuffers - arrays).toBeLessThan(2 ** 20);
  });

  it("refuses deeply nested JSON inside the architecture (regression: 8M levels loaded after 3 s, +452 MiB)", () => {
    const deep = withHeader((h) => {
      const meta = h.__metadata__ as Record<string, string>;
      meta.architecture = `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`;
    });
    expect(() => modelFromBytes(deep)).toThrow("nested deeper than 128 levels");
  });

  it("round-trips to the same bytes: toBytes(fromBytes(b)) = b", () => {
    expect(Array.from(Model.fromBytes(good).toBytes())).toEqual(Array.from(good));
  });

  it("throws only FormatError for hostile headers with a valid checksum, allocating at most a few times the file (fuzz)", () => {
    const text = new TextDecoder().decode(good.subarray(8, 8 + n)).trimEnd();
    const data = good.subarray(8 + n);
    const alphabet = '0123456789-.e"[]{},:\\ abcdefghijklmnopqrstuvwxyzDRLSAG_';
    let loaded = 0;
    let rejected = 0;
    let worst = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(text.length - 1), fc.nat(alphabet.length - 1), fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          let t = text;
          for (const [i, c, insert] of edits) t = t.slice(0, i) + alphabet[c] + t.slice(insert ? i : i + 1);
          let header: Record<string, unknown> | null = null;
          try {
            header = JSON.parse(t);
          } catch {
            // not JSON: the loader must say so
          }
          const meta = header?.__metadata__ as Record<string, unknown> | undefined;
          if (header && typeof meta === "object" && meta !== null) {
            const entries = Object.entries(header)
              .filter(([name]) => name !== "__metadata__")
              .map(([name, e]) => {
                const x = (e ?? {}) as { dtype?: string; shape?: number[]; data_offsets?: number[] };
                return {
                  name,
                  dtype: x.dtype as string,
                  shape: x.shape as number[],
                  begin: x.data_offsets?.[0] as number,
                  end: x.data_offsets?.[1] as number,
                };
              });
            try {
              meta.checksum = checksumOf(meta as Record<string, string>, entries, [data]);
              t = JSON.stringify(header);
            } catch {
              // entries too broken to seal; the loader rejects them anyway
            }
          }
          const json = new TextEncoder().encode(t);
          const b = new Uint8Array(8 + json.length + data.length);
          new DataView(b.buffer).setBigUint64(0, BigInt(json.length), true);
          b.set(json, 8);
          b.set(data, 8 + json.length);
          const before = process.memoryUsage();
          try {
            const model = modelFromBytes(b);
            loaded++;
            // A loaded model is whole: it saves and loads again to the same bytes.
            const again = model.toBytes();
            expect(Array.from(modelFromBytes(again).toBytes())).toEqual(Array.from(again));
          } catch (error) {
            rejected++;
            expect(error).toBeInstanceOf(FormatError);
          }
          const after = process.memoryUsage();
          const grown = Math.max(after.arrayBuffers - before.arrayBuffers, after.heapUsed - before.heapUsed);
          worst = Math.max(worst, grown);
          expect(grown).toBeLessThan(16 * b.length + 32 * 2 ** 20);
        },
      ),
      { seed: 18, numRuns: RUNS },
    );
    expect(loaded + rejected).toBe(RUNS);
    if (process.env.SINAPSE_FUZZ_REPORT) console.log("sealed", { loaded, rejected, worstGrowth: worst });
  });

  it("throws only FormatError, allocates at most a few times the file, and never loads something else (fuzz)", () => {
    const headerEnd = 8 + n;
    const limit = 16 * good.length + 2 ** 20;
    let loaded = 0;
    let rejected = 0;
    let worst = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(good.length)),
        fc.boolean(),
        (edits, cut, headerOnly) => {
          const b = good.slice(0, cut ?? good.length);
          for (const [i, v] of edits) {
            const at = headerOnly ? i % headerEnd : i;
            if (at < b.length) b[at] = v;
          }
          const before = process.memoryUsage();
          try {
            const model = modelFromBytes(b);
            loaded++;
            const sameHeader = b.length >= headerEnd && b.subarray(0, headerEnd).every((x, k) => x === good[k]);
            if (!sameHeader) expect(Array.from(model.toBytes())).toEqual(Array.from(good));
          } catch (error) {
            rejected++;
            expect(error).toBeInstanceOf(FormatError);
          }
          const after = process.memoryUsage();
          const grown = Math.max(after.arrayBuffers - before.arrayBuffers, after.heapUsed - before.heapUsed);
          worst = Math.max(worst, grown);
          expect(grown).toBeLessThan(limit + 32 * 2 ** 20);
        },
      ),
      { seed: 18, numRuns: RUNS },
    );
    expect(loaded + rejected).toBe(RUNS);
    if (process.env.SINAPSE_FUZZ_REPORT) console.log({ loaded, rejected, worstGrowth: worst, fileBytes: good.length });
  });
});
