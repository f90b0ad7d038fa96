import { defineConfig } from "tsup";

// ESM only, one file per source module (not one bundle): a bundler then drops whole modules
// that an import does not reach, with their own imports — layoutNetwork alone does not pull
// in dagre (which declares no sideEffects) or React. `scripts/cjs-entries.mjs` then writes the
// .cjs entries, which require() this build.
export default defineConfig({
  entry: ["src/**/*.ts", "src/**/*.tsx", "!src/**/*.test.ts", "!src/**/*.test.tsx", "!src/__fixtures__/**"],
  bundle: false,
  format: ["esm"],
  // Declarations come from tsc (tsconfig.build.json), one per module with declaration maps.
  dts: false,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
