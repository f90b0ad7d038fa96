import { defineConfig } from "tsup";

// ESM only; `scripts/cjs-entries.mjs` then writes dist/index.cjs, which require()s this build.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
