import { readFileSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

// ESM only; `scripts/cjs-entries.mjs` then writes dist/index.cjs, which require()s this build.
export default defineConfig({
  // `errors` is its own entry so that packages needing only the error classes (viz) import
  // them without the rest, whichever bundler they meet; both entries share one chunk for them.
  entry: { index: "src/index.ts", errors: "src/errors.ts" },
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // The version a second loaded copy names (src/index.ts).
  define: { __SINAPSE_TENSOR_VERSION__: JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version) },
  // The kernels ship once, beside index.js, and are read on the wasm backend's first use.
  onSuccess: () => copyFile("src/backends/wasm/kernels.wasm", "dist/kernels.wasm"),
});
