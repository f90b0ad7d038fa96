/**
 * Which backend runs the kernels: `setBackend(name)`, or the `SINAPSE_BACKEND` environment
 * variable at start-up (`js`, `wasm`, or `auto`: wasm where the platform validates its
 * SIMD module, else js). `auto` is the default; `js` is the fallback and the reference. `webgpu`
 * needs an asynchronous start (an adapter and a device): `await setBackend("webgpu")`,
 * which stays on the current backend, with a warning, where no adapter exists.
 *
 * Nothing starts at import: the backend is chosen (and the wasm module compiled) on the
 * first call that needs one, so importing the package, or only its errors, costs nothing
 * and keeps a bundler free to drop what is not used.
 */
import { ValueError } from "../errors.js";
import type { Backend, BackendName } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { createWasmBackend, type WasmBackend } from "./wasm/index.js";
import type { WebGpuBackend } from "./webgpu/index.js";

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
const DEFAULT: "js" | "auto" = "auto";

function initial(): Backend {
  const name = requested() ?? DEFAULT;
  if (name === "wasm" || name === "auto") return wasm() ?? jsBackend;
  return jsBackend;
}

/** The backend chosen by `setBackend`, or by `SINAPSE_BACKEND` on first use; unset until then. */
let active: Backend | undefined;
/** While `compile` records, the backend that writes calls down (it runs them on `active`). */
let recorder: Backend | null = null;

/** Routes `getBackend()` to a recording backend, or back (null). For `compile` only. */
export function setRecorder(backend: Backend | null): void {
  recorder = backend;
}

/** The backend that runs kernels now. */
export function getBackend(): Backend {
  if (recorder) return recorder;
  active ??= initial();
  return active;
}

/** The backends this platform can run: `js` always, `wasm` where WebAssembly SIMD validates, `webgpu` once started. */
export function availableBackends(): BackendName[] {
  wasm();
  return (["js", "wasm", "webgpu"] as const).filter((name) => backends[name] !== undefined);
}

let webgpuBackend: WebGpuBackend | null = null;
/** NOTE: Dawn destroys its instance when the GPU object is collected: keep it (and the adapter) alive. */
const keepAlive: unknown[] = [];

/**
 * Starts the webgpu backend (once): an adapter from `navigator.gpu`, or in Node from the
 * optional `webgpu` package (Dawn), loaded only now. Null, with the reason, where none.
 */
async function webgpu(): Promise<WebGpuBackend | string> {
  if (webgpuBackend) return webgpuBackend;
  // The GPU code (WGSL generation, buffer pool) loads only for `setBackend("webgpu")`.
  const [{ findGpu }, { createWebGpuBackend }] = await Promise.all([
    import("./webgpu/gpu.js"),
    import("./webgpu/index.js"),
  ]);
  const found = await findGpu();
  if (!found.gpu) return found.reason;
  const adapter = await found.gpu.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) {
    return `${found.via} found no adapter (in Node on Linux: install libvulkan1 and a Vulkan driver, e.g. Mesa's lavapipe from bookworm-backports mesa-vulkan-drivers)`;
  }
  keepAlive.push(found.gpu, adapter);
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      // A fused map (Adam's update: 12 operands, 3 outputs) binds more than the default 8.
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
    },
  });
  const info = adapter.info;
  const label = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(" ") || "unknown adapter";
  webgpuBackend = createWebGpuBackend(device, label);
  backends.webgpu = webgpuBackend;
  return webgpuBackend;
}

/** The webgpu backend once `setBackend("webgpu")` has started it (for its memory and sync controls), else null. */
export function experimental_webgpu(): WebGpuBackend | null {
  return webgpuBackend;
}

/**
 * Selects a backend by name, or throws `ValueError` listing the available ones.
 * `webgpu` returns a promise: await it. Where no WebGPU adapter exists it resolves on the
 * current backend after a `console.warn` saying why (pass `{ required: true }` to reject
 * with a `ValueError` instead).
 */
export function setBackend(name: "webgpu", options?: { required?: boolean }): Promise<void>;
export function setBackend(name: "js" | "wasm"): void;
export function setBackend(name: BackendName, options?: { required?: boolean }): void | Promise<void>;
export function setBackend(name: BackendName, options: { required?: boolean } = {}): void | Promise<void> {
  if (name === "webgpu") {
    return webgpu().then((next) => {
      if (typeof next !== "string") {
        active = next;
        return;
      }
      const message = `no WebGPU adapter: ${next}; staying on the ${getBackend().name} backend`;
      if (options.required) throw new ValueError("setBackend", message);
      console.warn(`setBackend: ${message}`);
    });
  }
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
