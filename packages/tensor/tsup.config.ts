import { readFileSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

// ESM only, one file per source module (not one bundle): a bundler then drops whole modules
// that an import does not reach (`sideEffects: false`), whatever it can or cannot prove about
// the statements inside them — `import { ValueError }` loads errors.js alone.
// `scripts/cjs-entries.mjs` then writes dist/index.cjs and dist/errors.cjs, which require()
// this build.
export default defineConfig({
  entry: ["src/**/*.ts", "!src/**/*.test.ts", "!src/__fixtures__/**"],
  bundle: false,
  format: ["esm"],
  // Declarations come from tsc (tsconfig.build.json), one per module with declaration maps.
  dts: false,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // The version a second loaded copy names (src/index.ts).
  define: { __SINAPSE_TENSOR_VERSION__: JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version) },
  // The kernels ship once, beside the module that reads them on the wasm backend's first use.
  onSuccess: () => copyFile("src/backends/wasm/kernels.wasm", "dist/backends/wasm/kernels.wasm"),
});
