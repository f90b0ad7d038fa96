/**
 * `Model.fit` on the webgpu backend (Mesa's lavapipe on CPU-only machines): the same
 * training as on the CPU within float32 rounding, compiled and eager, with losses read back
 * once per epoch through `fitAsync`. Skipped, saying why, where no adapter exists.
 */
import { spiral } from "@sinapse/data";
import { getBackend, Random, setBackend } from "@sinapse/tensor";
import { afterAll, describe, expect, it } from "vitest";
import { buildModel, type ModelSpec } from "./spec.js";

if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = "/tmp";
const before = getBackend().name as "js" | "wasm";
const warn = console.warn;
console.warn = () => {};
await setBackend("webgpu");
console.warn = warn;
const gpu = getBackend().name === "webgpu";
setBackend(before);
if (!gpu)
  console.warn(
    "webgpu fit tests skipped: no WebGPU adapter (install libvulkan1 and bookworm-backports mesa-vulkan-drivers)",
  );

const spec: ModelSpec = {
  layers: [{ type: "Dense", nInputs: 2, nNeurons: 16 }, { type: "ReLU" }, { type: "Dense", nInputs: 16, nNeurons: 3 }],
  head: { type: "multiclass" },
  optimizer: { type: "Adam", learningRate: 0.05, decay: 5e-7 },
};

describe.skipIf(!gpu)("Model.fit on the webgpu backend", () => {
  afterAll(() => setBackend(before));
  const { X, y } = spiral(50, 3, { rng: new Random(0) });

  it.each([true, false])(
    "trains like the CPU within float32 rounding (compile: %s), one read per epoch",
    async (compile) => {
      setBackend("js");
      const cpu = buildModel(spec, { rng: new Random(0) }).fit(X, y, { epochs: 15, compile });
      await setBackend("webgpu", { required: true });
      const model = buildModel(spec, { rng: new Random(0) });
      const history = await model.fitAsync(X, y, { epochs: 15, compile, batchSize: 150 });
      setBackend(before);
      expect(history.map((h) => h.loss)).toBeAllclose(
        cpu.map((h) => h.loss),
        { rtol: 1e-3, atol: 1e-4 },
      );
      expect(history.at(-1)?.loss).toBeLessThan(history[0]?.loss ?? 0);
    },
  );

  it("throws ValueError from the synchronous fit, pointing to fitAsync", async () => {
    await setBackend("webgpu", { required: true });
    try {
      const model = buildModel(spec, { rng: new Random(0) });
      expect(() => model.fit(X, y)).toThrow(/use `await model.fitAsync/);
      const v = await model.evaluateAsync(X, y);
      expect(v.accuracy).toBeGreaterThanOrEqual(0);
    } finally {
      setBackend(before);
    }
  });
});
