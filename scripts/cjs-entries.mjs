// After tsup: the `require` side of every entry in a package's `exports` map, written as a
// two-line CommonJS file that loads the ESM build (Node's require(esm), 20.19 and 22.12 on)
// and a `.d.cts` copy of its types. A CommonJS user and an ESM user in one process then share
// one copy of each package: one NDArray class, one backend, one RNG — no dual-package hazard
// (the ESM and a separate CJS build would otherwise each make their own).
//
// Run in a package directory: `tsup && node ../../scripts/cjs-entries.mjs`.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const manifest = JSON.parse(readFileSync("package.json", "utf8"));
const entries = Object.values(manifest.exports ?? {}).filter((value) => typeof value === "object" && value.require);
if (entries.length === 0) throw new Error(`cjs-entries: ${manifest.name} has no exports with a require condition`);

/** ESM type files that have a CJS twin: a `.d.cts` must import the twin, not the ESM file. */
const twins = new Map(entries.map((e) => [join(e.import.types), join(e.require.types)]));

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
  const types = readFileSync(entry.import.types, "utf8").replace(/from '(\.[^']+)\.js'/g, (_match, path) => {
    const target = join(dirname(entry.import.types), `${path}.d.ts`);
    if (!twins.has(target))
      throw new Error(`cjs-entries: ${entry.import.types} imports ${path}.js, which has no .d.cts`);
    return `from '${path}.cjs'`;
  });
  writeFileSync(entry.require.types, types);
  console.log(`cjs-entries: ${join(cjs)} -> ${specifier}, ${entry.require.types}`);
}
