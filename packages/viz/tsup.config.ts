import { defineConfig } from "tsup";

// ESM only; `scripts/cjs-entries.mjs` then writes the .cjs entries, which require() this build.
export default defineConfig({
  // `layout`: the pure layouts alone, usable without React (`@sinapse/viz/layout`).
  entry: { index: "src/index.ts", layout: "src/layout/index.ts" },
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // React comes from the app (peer dependency); never bundle a second copy.
  external: ["react", "react/jsx-runtime"],
});
