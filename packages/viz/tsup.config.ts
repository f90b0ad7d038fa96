import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  // React comes from the app (peer dependency); never bundle a second copy.
  external: ["react", "react/jsx-runtime"],
});
