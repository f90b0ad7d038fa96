import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax } from "@sinapse/layers";
import { array } from "@sinapse/tensor";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { type CliMetadata, METADATA_KEY, modelFileBytes, readModelFile } from "./model-file.js";

const dir = mkdtempSync(join(tmpdir(), "sinapse-model-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function model(): Model {
  return new Model()
    .add(new Dense(2, 4))
    .add(new ReLU())
    .add(new Dense(4, 3))
    .add(new Softmax())
    .set({ loss: new CategoricalCrossentropy(), optimizer: new Adam(), accuracy: new CategoricalAccuracy() })
    .finalize();
}

const meta: CliMetadata = {
  task: "classification",
  features: 2,
  outputs: 3,
  classNames: ["a", "b", "c"],
  preprocess: { type: "standardize", mean: [1, 2], std: [3, 4] },
  dataset: null,
};

describe("model files", () => {
  it("keep the CLI's metadata beside the layers' and load to the same outputs", () => {
    const m = model();
    const path = join(dir, "m.safetensors");
    writeFileSync(path, modelFileBytes(m, meta));
    const loaded = readModelFile(path);
    expect(loaded.meta).toEqual(meta);
    const x = array([[0.5, -1]]);
    expect(loaded.model.predict(x).toArray()).toEqual(m.predict(x).toArray());
  });

  it("infer the task of a file saved by the library without CLI metadata", async () => {
    const path = join(dir, "plain.safetensors");
    await model().save(path);
    expect(readModelFile(path).meta).toEqual({ ...meta, classNames: null, preprocess: { type: "none" } });
  });

  it("reject CLI metadata that does not fit the model", () => {
    const path = join(dir, "lying.safetensors");
    writeFileSync(path, modelFileBytes(model(), { ...meta, features: 5 }));
    expect(() => readModelFile(path)).toThrow(
      new CliError(`${path}: damaged ${METADATA_KEY} metadata: features 5 but the first layer takes 2`),
    );
  });

  it("reject a truncated file with a FormatError's reason", () => {
    const path = join(dir, "cut.safetensors");
    writeFileSync(path, modelFileBytes(model(), meta).subarray(0, 200));
    expect(() => readModelFile(path)).toThrow(/cut\.safetensors: not a usable model file: /);
  });
});
