/**
 * `sinapse info`: versions of the Sinapse packages, the active backend and the ones this
 * build has, and what the runtime offers for faster kernels — WebAssembly, its SIMD and
 * threads (shared memory and atomics), and the cores — each tested, not assumed.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { availableBackends, getBackend } from "@sinapse/tensor";
import type { Command } from "commander";
import type { Io } from "../program.js";

const PACKAGES = ["@sinapse/tensor", "@sinapse/autograd", "@sinapse/layers", "@sinapse/data"] as const;

export interface Runtime {
  /** `WebAssembly` compiles modules here. */
  wasm: boolean;
  /** A module using 128-bit SIMD (`i8x16.popcnt`) validates. */
  wasmSimd: boolean;
  /** A module with shared memory and an atomic load validates, and `SharedArrayBuffer` exists. */
  wasmThreads: boolean;
  sharedArrayBuffer: boolean;
  /** `os.availableParallelism()`: how many threads can run at once. */
  cores: number;
}

export interface Info {
  cli: string;
  packages: Record<string, string>;
  backend: string;
  backends: string[];
  runtime: Runtime;
  node: string;
  platform: string;
}

const require = createRequire(import.meta.url);

function versionOf(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** The CLI's own version, from the nearest package.json above this file (src/commands/ or dist/). */
function cliVersion(): string {
  for (const up of ["../package.json", "../../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as {
        name: string;
        version: string;
      };
      if (manifest.name === "@sinapse/cli") return manifest.version;
    } catch {
      // not this folder
    }
  }
  return "unknown";
}

// () → v128: i32.const 0; i8x16.splat; i8x16.popcnt (the test of the wasm-feature-detect project).
const SIMD_MODULE = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
];
// A shared memory and i32.atomic.load.
const THREADS_MODULE = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0,
  26, 11,
];

/** The `WebAssembly` global, when the runtime has one (the ES2022 lib does not declare it). */
const wasm = (globalThis as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

function validates(bytes: number[]): boolean {
  try {
    return wasm?.validate(new Uint8Array(bytes)) ?? false;
  } catch {
    return false;
  }
}

export function probeRuntime(): Runtime {
  const sharedArrayBuffer = typeof SharedArrayBuffer === "function";
  return {
    wasm: wasm !== undefined,
    wasmSimd: validates(SIMD_MODULE),
    wasmThreads: sharedArrayBuffer && validates(THREADS_MODULE),
    sharedArrayBuffer,
    cores: availableParallelism(),
  };
}

export function collectInfo(): Info {
  return {
    cli: cliVersion(),
    packages: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
    backend: getBackend().name,
    backends: availableBackends(),
    runtime: probeRuntime(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

const yesNo = (v: boolean) => (v ? "available" : "not available");

export function formatInfo(info: Info): string {
  const r = info.runtime;
  const rows: [string, string][] = [
    ["sinapse", info.cli],
    ...Object.entries(info.packages),
    ["backend", info.backend],
    ["backends", `${info.backends.join(", ")} (in this build)`],
    ["wasm", `${yesNo(r.wasm)} in this runtime`],
    ["wasm simd", `${yesNo(r.wasmSimd)} in this runtime`],
    ["wasm threads", `${yesNo(r.wasmThreads)} in this runtime (SharedArrayBuffer ${yesNo(r.sharedArrayBuffer)})`],
    ["cores", String(r.cores)],
    ["node", info.node],
    ["platform", info.platform],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

export function registerInfo(program: Command, io: Io): void {
  program
    .command("info")
    .description("print package versions, the active backend and the runtime")
    .option("--json", "print one JSON object instead of a table")
    .addHelpText(
      "after",
      `
The wasm rows say what this runtime could run; Sinapse itself computes with the backends
listed on the "backends" row.

Example:
  $ sinapse info --json`,
    )
    .action((options: { json?: boolean }) => {
      const info = collectInfo();
      io.out(`${options.json ? JSON.stringify(info) : formatInfo(info)}\n`);
    });
}
