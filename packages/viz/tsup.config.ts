import { defineConfig } from "tsup";

// ESM only, one file per source module (not one bundle): a bundler then drops whole modules
// that an import does not reach, with their own imports — layoutNetwork alone does not pull
// in dagre (which declares no sideEffects) or React. `scripts/cjs-entries.mjs` then writes the
// .cjs entries, which require() this build.
export default defineConfig({
  entry: ["src/**/*.ts", "src/**/*.tsx", "!src/**/*.test.ts", "!src/**/*.test.tsx", "!src/__fixtures__/**"],
  bundle: false,
  format: ["esm"],
  // `layout`: the pure layouts alone, usable without React (`@sinapse/viz/layout`).
  dts: { entry: { index: "src/index.ts", layout: "src/layout/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
});
