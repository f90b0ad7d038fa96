/**
 * Loads the AssemblyScript kernels synchronously, the first time the wasm backend starts:
 * the module's bytes are the file `kernels.wasm` beside the package's JS (made by
 * `scripts/build-wasm.mjs`, shipped once for the ESM and the CJS build), compiled with
 * `new WebAssembly.Module`, and instantiated over one linear memory. The memory is shared
 * (a `SharedArrayBuffer`, so worker threads can run the same kernels on it) where the
 * platform allows it; otherwise the module's memory import is rewritten to a plain one.
 *
 * The file is found as `new URL("./kernels.wasm", import.meta.url)`, the form Vite, webpack,
 * Rollup and esbuild (with a file loader) recognise and emit as an asset. Node, Deno and
 * Bun read it with `fs.readFileSync` (reached through `process.getBuiltinModule`, so that
 * no `node:fs` import reaches a browser bundle); browsers and workers read it with a
 * synchronous `XMLHttpRequest`.
 */
import { type WasmApi, type WasmMemory, type WasmModule, webAssembly } from "./webassembly.js";

/** The exports of `assembly/index.ts` (addresses are byte offsets into the memory). */
export interface KernelExports {
  heapBase(): number;
  packedASize(m: number, k: number): number;
  packedBSize(k: number, n: number): number;
  packA(a: number, rs: number, cs: number, m: number, k: number, dst: number): void;
  packB(b: number, rs: number, cs: number, k: number, n: number, dst: number): void;
  gemmPacked(ap: number, bp: number, c: number, m: number, n: number, k: number, ip0: number, ip1: number): void;
  packA64(a: number, rs: number, cs: number, m: number, k: number, dst: number): void;
  packB64(b: number, rs: number, cs: number, k: number, n: number, dst: number): void;
  gemm64(ap: number, bp: number, c: number, m: number, n: number, k: number, ip0: number, ip1: number): void;
  binary(op: number, a: number, sa: number, b: number, sb: number, out: number, n: number): void;
  binaryRows(op: number, m: number, r: number, out: number, rows: number, cols: number, matrixFirst: number): void;
  binaryCols(op: number, m: number, c: number, out: number, rows: number, cols: number, matrixFirst: number): void;
  unary(op: number, a: number, out: number, n: number): void;
  compare(op: number, a: number, sa: number, b: number, sb: number, out: number, n: number): void;
  bytesToF32(a: number, out: number, n: number): void;
  sumRows(a: number, rows: number, cols: number, out: number): void;
  sumCols(a: number, rows: number, cols: number, out: number): void;
  extremeRows(isMax: number, a: number, rows: number, cols: number, out: number): void;
  extremeCols(isMax: number, a: number, rows: number, cols: number, out: number): void;
}

/** 64 KiB pages: the memory starts at 16 (1 MiB) and may grow to the module's 1 GiB maximum. */
const INITIAL_PAGES = 16;
const MAX_PAGES = 16384;

export interface LoadedKernels {
  module: WasmModule;
  memory: WasmMemory;
  exports: KernelExports;
  shared: boolean;
}

/** The part of Node's `fs` used here (the package compiles without Node's types). */
interface NodeFs {
  readFileSync(path: URL): Uint8Array;
}

interface SyncRequest {
  open(method: string, url: string, async: false): void;
  overrideMimeType(mime: string): void;
  send(): void;
  readonly status: number;
  readonly responseText: string;
}

/** Reads `url` with a synchronous request, as bytes (a binary string: one char per byte). */
function requestSync(url: URL): Uint8Array<ArrayBuffer> | null {
  const Request = (globalThis as { XMLHttpRequest?: new () => SyncRequest }).XMLHttpRequest;
  if (typeof Request !== "function") return null;
  const request = new Request();
  request.open("GET", url.href, false);
  // NOTE: a window may not set responseType on a synchronous request; this charset keeps each
  // byte as one char of responseText instead.
  request.overrideMimeType("text/plain; charset=x-user-defined");
  request.send();
  if (request.status !== 200 && request.status !== 0) return null;
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/**
 * The kernels' bytes (`kernels.wasm` beside this module), or null where they cannot be read:
 * the wasm backend is then unavailable and the JS backend runs everything.
 */
export function kernelBytes(): Uint8Array<ArrayBuffer> | null {
  const url = new URL("./kernels.wasm", import.meta.url);
  try {
    const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    if (url.protocol === "file:" && typeof node?.getBuiltinModule === "function") {
      const fs = node.getBuiltinModule("node:fs") as NodeFs;
      return new Uint8Array(fs.readFileSync(url));
    }
    return requestSync(url);
  } catch {
    return null;
  }
}

/** Reads an unsigned LEB128 at `pos`: `[value, next position]`. */
function leb(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/**
 * The same module with its shared memory import made unshared (limits flag 0x03 → 0x01).
 * The kernels use no atomic instructions, so the rest of the module is valid either way.
 * Returns null if the import is not where it is expected.
 */
export function unshareMemoryImport(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  const copy = bytes.slice();
  let pos = 8; // magic + version
  while (pos < copy.length) {
    const id = copy[pos++] as number;
    let size: number;
    [size, pos] = leb(copy, pos);
    const end = pos + size;
    if (id === 2) {
      // The kernels import exactly one thing, their memory: read the first entry.
      let len: number;
      [, pos] = leb(copy, pos); // count
      [len, pos] = leb(copy, pos);
      pos += len; // module name
      [len, pos] = leb(copy, pos);
      pos += len; // field name
      if (copy[pos] !== 2 || copy[pos + 1] !== 0x03) return null; // a memory, shared, with a maximum
      copy[pos + 1] = 0x01;
      return copy;
    }
    pos = end;
  }
  return null;
}

function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === "undefined") return false;
  // Browsers hand shared memory to workers only when the page is cross-origin isolated.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return isolated !== false;
}

function instantiate(wa: WasmApi, bytes: Uint8Array<ArrayBuffer>, shared: boolean): LoadedKernels {
  const module = new wa.Module(bytes);
  const memory = new wa.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared });
  const instance = new wa.Instance(module, { env: { memory } });
  return { module, memory, exports: instance.exports as unknown as KernelExports, shared };
}

/**
 * Compiles and instantiates the kernels, or returns null where this platform cannot run
 * them (no WebAssembly, no SIMD): the JS backend is then the only one.
 */
export function loadKernels(): LoadedKernels | null {
  const wa = webAssembly();
  if (!wa) return null;
  try {
    const bytes = kernelBytes();
    if (!bytes) return null;
    if (canShareMemory() && wa.validate(bytes)) {
      try {
        return instantiate(wa, bytes, true);
      } catch {
        // Shared memory refused (e.g. a browser without cross-origin isolation): unshare below.
      }
    }
    const plain = unshareMemoryImport(bytes);
    if (!plain || !wa.validate(plain)) return null;
    return instantiate(wa, plain, false);
  } catch {
    return null;
  }
}
