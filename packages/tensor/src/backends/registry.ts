/**
 * Which backend runs the kernels: `setBackend(name)`, or the `SINAPSE_BACKEND` environment
 * variable at start-up (`js`, `wasm`, or `auto`: wasm where the platform validates its
 * SIMD module, else js). `js` is the default, the fallback and the reference.
 *
 * NOTE: the whole tensor/autograd/layers suite passes on `wasm`, and tiny ops cost the same;
 * `DEFAULT` stays `js` until apps/cli's `info` test (which expects "backend js") follows.
 */
import { ValueError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { createWasmBackend, type WasmBackend } from "./wasm/index.js";

const backends: Partial<Record<BackendName, Backend>> = { js: jsBackend };
let wasmTried = false;
let wasmBackend: WasmBackend | null = null;

/** The wasm backend, created on first use (compiling its module takes ~1 ms); null where unsupported. */
function wasm(): WasmBackend | null {
  if (!wasmTried) {
    wasmTried = true;
    wasmBackend = createWasmBackend();
    if (wasmBackend) backends.wasm = wasmBackend;
  }
  return wasmBackend;
}

function requested(): string | undefined {
  return typeof process !== "undefined" ? process.env?.SINAPSE_BACKEND : undefined;
}

/** The backend used when `SINAPSE_BACKEND` is unset. */
const DEFAULT: "js" | "auto" = "js";

function initial(): Backend {
  const name = requested() ?? DEFAULT;
  if (name === "wasm" || name === "auto") return wasm() ?? jsBackend;
  return jsBackend;
}

let active: Backend = initial();

/** The backend that runs kernels now. */
export function getBackend(): Backend {
  return active;
}

/** The names of the backends this platform can run (`js` always, `wasm` where WebAssembly SIMD validates). */
export function availableBackends(): BackendName[] {
  wasm();
  return (["js", "wasm"] as const).filter((name) => backends[name] !== undefined);
}

/** Selects a backend by name, or throws `ValueError` listing the available ones. */
export function setBackend(name: BackendName): void {
  const next = name === "wasm" ? wasm() : name === "js" ? jsBackend : undefined;
  if (!next) {
    throw new ValueError(
      "setBackend",
      `unknown or unavailable backend "${String(name)}", available: ${availableBackends().join(", ")}`,
    );
  }
  active = next;
}

/**
 * Sets how many threads the wasm backend may use for large products (matmuls of 2²¹
 * multiply-adds and more), the calling thread included; 1 keeps everything on the calling
 * thread. By default one per core, at most 4 (or `SINAPSE_THREADS`). Workers start in the
 * background; until they are ready, products run on the calling thread. Threads need
 * shared memory (cross-origin isolation in browsers) and a thread that may block (not a
 * browser's main thread); elsewhere this has no effect.
 * @throws ValueError unless `count` is an integer from 1 to 8.
 */
export function setThreads(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > 8) {
    throw new ValueError("setThreads", `count must be an integer from 1 to 8, got ${String(count)}`);
  }
  wasm()?.setThreads(count);
}

/** Threads the wasm backend uses for large products now (1 until its workers have started). */
export function getThreads(): number {
  return wasm()?.threads ?? 1;
}
