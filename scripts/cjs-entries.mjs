// After tsup (and tsc's declarations): the `require` side of every entry in a package's
// `exports` map, written as a two-line CommonJS file that loads the ESM build (Node's
// require(esm), 20.19 and 22.12 on), and a `.d.cts` twin of every `.d.ts` in dist/ (relative
// imports pointed at the twins), so TypeScript reads CommonJS types for `require`. A
// CommonJS user and an ESM user in one process then share one copy of each package: one
// NDArray class, one backend, one RNG — no dual-package hazard (the ESM and a separate CJS
// build would otherwise each make their own).
//
// Run in a package directory: `tsup && node ../../scripts/cjs-entries.mjs`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const manifest = JSON.parse(readFileSync("package.json", "utf8"));
const entries = Object.values(manifest.exports ?? {}).filter((value) => typeof value === "object" && value.require);
if (entries.length === 0) throw new Error(`cjs-entries: ${manifest.name} has no exports with a require condition`);

for (const entry of entries) {
  const esm = entry.import.default;
  const cjs = entry.require.default;
  const from = relative(dirname(cjs), esm);
  const specifier = from.startsWith(".") ? from : `./${from}`;
  if (!existsSync(esm)) throw new Error(`cjs-entries: ${esm} is missing; run tsup first`);
  writeFileSync(
    cjs,
    `"use strict";\n// ${manifest.name} is ESM; this loads the same module for require() (Node >= 20.19 / 22.12).\nmodule.exports = require(${JSON.stringify(specifier)});\n`,
  );
  console.log(`cjs-entries: ${join(cjs)} -> ${specifier}`);
}

// Every relative `./x.js` in a declaration (`from "./x.js"`, `import("./x.js")`) becomes
// `./x.cjs`, which TypeScript resolves to the twin `x.d.cts`.
const declarations = readdirSync("dist", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".d.ts"));
const present = new Set(declarations.map((f) => join("dist", f)));
for (const file of declarations.map((f) => join("dist", f))) {
  const text = readFileSync(file, "utf8").replace(/(["'])(\.\.?\/[^"']+)\.js\1/g, (_match, quote, path) => {
    if (!present.has(join(dirname(file), `${path}.d.ts`))) {
      throw new Error(`cjs-entries: ${file} imports ${path}.js, which has no declaration`);
    }
    return `${quote}${path}.cjs${quote}`;
  });
  writeFileSync(file.replace(/\.d\.ts$/, ".d.cts"), text);
}
for (const entry of entries) {
  if (!existsSync(entry.require.types)) throw new Error(`cjs-entries: ${entry.require.types} was not written`);
}
console.log(`cjs-entries: ${declarations.length} .d.cts twins`);
