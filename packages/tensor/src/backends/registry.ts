/**
 * Which backend runs the kernels. `wasm` (WebAssembly SIMD kernels, threads for large
 * work) is chosen automatically where the platform validates its module; `js` is the
 * fallback and the reference. Force one with `setBackend(name)` or the `SINAPSE_BACKEND`
 * environment variable (`js` or `wasm`) at start-up.
 */
import { ValueError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { createWasmBackend } from "./wasm/index.js";

const backends: Partial<Record<BackendName, Backend>> = { js: jsBackend };
let wasmTried = false;

/** The wasm backend, created on first use (compiling its module takes ~1 ms); null where unsupported. */
function wasm(): Backend | null {
  if (!wasmTried) {
    wasmTried = true;
    const created = createWasmBackend();
    if (created) backends.wasm = created;
  }
  return backends.wasm ?? null;
}

function requested(): string | undefined {
  return typeof process !== "undefined" ? process.env?.SINAPSE_BACKEND : undefined;
}

function initial(): Backend {
  const name = requested();
  if (name === "js") return jsBackend;
  return wasm() ?? jsBackend;
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
