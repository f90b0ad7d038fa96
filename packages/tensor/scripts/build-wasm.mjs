// Compiles the AssemblyScript kernels (assembly/index.ts) to WebAssembly with 128-bit SIMD
// and writes the module to src/backends/wasm/kernels.wasm; tsup copies it to dist/, beside
// index.js and index.cjs, so the package ships the bytes once for both formats and loads
// them only when the wasm backend starts (backends/wasm/module.ts). Runs before build,
// typecheck and test; skips the compile when the sources have not changed since the last
// run (the hash is stored beside the module, in kernels.wasm.hash).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(pkg, "assembly/index.ts");
const target = join(pkg, "src/backends/wasm/kernels.wasm");
const hashFile = `${target}.hash`;
const require = (await import("node:module")).createRequire(import.meta.url);
const ascPackage = require.resolve("assemblyscript/package.json");
const asc = join(dirname(ascPackage), "bin/asc.js");

// Shared, imported memory so that worker threads can run the same kernels on the same
// memory; the loader turns the import into a plain (unshared) one where threads are not
// available. 16384 pages = 1 GiB at most.
const flags = [
  "-O3",
  "--noAssert",
  "--runtime",
  "stub",
  "--enable",
  "simd",
  "--enable",
  "threads",
  "--importMemory",
  "--sharedMemory",
  "--initialMemory",
  "1",
  "--maximumMemory",
  "16384",
  "--use",
  "abort=",
];
const version = JSON.parse(readFileSync(ascPackage, "utf8")).version;
const hash = createHash("sha256")
  .update(readFileSync(source))
  .update(flags.join(" "))
  .update(version)
  .digest("hex")
  .slice(0, 16);

if (existsSync(target) && existsSync(hashFile) && readFileSync(hashFile, "utf8").trim() === hash) process.exit(0);

const dir = mkdtempSync(join(tmpdir(), "sinapse-wasm-"));
try {
  const out = join(dir, "kernels.wasm");
  execFileSync(process.execPath, [asc, source, "-o", out, ...flags], { stdio: "inherit" });
  const bytes = readFileSync(out);
  // Atomic renames: build, typecheck and test may run this at once. The hash goes last, so a
  // run stopped half-way compiles again next time.
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, target);
  writeFileSync(`${hashFile}.${process.pid}.tmp`, `${hash}\n`);
  renameSync(`${hashFile}.${process.pid}.tmp`, hashFile);
  console.log(`wasm kernels: ${bytes.length} bytes -> ${target.slice(pkg.length + 1)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
