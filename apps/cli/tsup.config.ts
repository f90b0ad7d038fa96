import { defineConfig } from "tsup";

export default defineConfig({
  // The training worker is its own entry: train.ts starts it from dist/train-worker.js.
  entry: ["src/cli.ts", "src/train-worker.ts"],
  format: ["esm"],
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: true,
});
