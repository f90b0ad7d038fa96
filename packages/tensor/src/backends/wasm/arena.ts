/**
 * The wasm backend's working memory: one linear memory, used as a scratch arena that each
 * op fills from the bottom (operands copied in, packed panels, results) and gives back
 * whole when it returns. Ops are synchronous and never nested, so one arena serves all.
 *
 * NOTE: arrays do not live in wasm memory between ops. `Model.train` and most user loops
 * are synchronous, and JavaScript cannot learn that an object died before the loop yields
 * (`FinalizationRegistry` callbacks and `WeakRef` clearing wait for the next task), so
 * resident blocks would pile up for the whole loop. Arrays stay in GC-managed JS memory;
 * the copy in and out costs ~0.1–0.4 ns per float, small beside the kernels it feeds.
 */
import type { KernelExports, LoadedKernels } from "./module.js";
import type { WasmMemory, WasmModule } from "./webassembly.js";

const PAGE = 65536;

export class Arena {
  readonly kernels: KernelExports;
  readonly memory: WasmMemory;
  readonly shared: boolean;
  readonly module: WasmModule;
  private readonly base: number;
  private top: number;
  private buffer: ArrayBufferLike;
  private f32view: Float32Array;
  private f64view: Float64Array;
  private u8view: Uint8Array;

  constructor(loaded: LoadedKernels) {
    this.kernels = loaded.exports;
    this.memory = loaded.memory;
    this.shared = loaded.shared;
    this.module = loaded.module;
    // Leave the first 256 bytes after the static data to the thread pool's control words.
    this.base = align(this.kernels.heapBase() + 256);
    this.top = this.base;
    this.buffer = this.memory.buffer;
    this.f32view = new Float32Array(this.buffer);
    this.f64view = new Float64Array(this.buffer);
    this.u8view = new Uint8Array(this.buffer);
  }

  /** Address of the thread pool's control block (64 Int32 words below the arena). */
  get controlAddress(): number {
    return align(this.kernels.heapBase());
  }

  /** Frees everything allocated since the op began. */
  reset(): void {
    this.top = this.base;
  }

  /** A 64-byte-aligned block of `bytes` (growing the memory when needed); its address. */
  alloc(bytes: number): number {
    const at = this.top;
    const end = align(at + bytes);
    if (end > this.buffer.byteLength) this.grow(end);
    this.top = end;
    return at;
  }

  /** Float32 view of the whole memory (re-created after the memory grew). */
  get f32(): Float32Array {
    if (this.memory.buffer !== this.buffer) this.refresh();
    return this.f32view;
  }

  /** Float64 view of the whole memory (re-created after the memory grew). */
  get f64(): Float64Array {
    if (this.memory.buffer !== this.buffer) this.refresh();
    return this.f64view;
  }

  /** Byte view of the whole memory (re-created after the memory grew). */
  get u8(): Uint8Array {
    if (this.memory.buffer !== this.buffer) this.refresh();
    return this.u8view;
  }

  /** Copies `n` floats of `src` from `start` into a new arena block; its address. */
  copyIn(src: Float32Array, start: number, n: number): number {
    const at = this.alloc(n * 4);
    this.f32.set(n === src.length && start === 0 ? src : src.subarray(start, start + n), at >> 2);
    return at;
  }

  private grow(end: number): void {
    const have = this.memory.buffer.byteLength;
    // Grow at least by half again, so a sequence of growing ops does not grow every time.
    const want = Math.max(end, have + (have >> 1));
    const pages = Math.ceil((want - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      this.memory.grow(Math.ceil((end - have) / PAGE)); // the maximum is near: take only what is needed
    }
    this.refresh();
  }

  private refresh(): void {
    this.buffer = this.memory.buffer;
    this.f32view = new Float32Array(this.buffer);
    this.f64view = new Float64Array(this.buffer);
    this.u8view = new Uint8Array(this.buffer);
  }
}

function align(n: number): number {
  return (n + 63) & ~63;
}

/** Largest arena (bytes) one op may ask for: beyond it the op runs on the JS backend. */
export const MAX_ARENA_BYTES = 768 * 2 ** 20;
