import { defineConfig } from "tsup";

// ESM only, one file per source module (not one bundle), so that a bundler drops whole
// modules an import does not reach; `scripts/cjs-entries.mjs` then writes dist/index.cjs,
// which require()s this build.
export default defineConfig({
  entry: ["src/**/*.ts", "!src/**/*.test.ts", "!src/**/__fixtures__/**"],
  bundle: false,
  format: ["esm"],
  // Declarations come from tsc (tsconfig.build.json), one per module with declaration maps.
  dts: false,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
