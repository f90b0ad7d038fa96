/**
 * The wasm backend's memory: one linear memory that holds resident arrays (a block
 * allocator with a free list) and each op's scratch (packed panels, copies of operands
 * that are not resident), so kernels read and write resident arrays where they live.
 *
 * - Blocks are 64-byte aligned (SIMD loads, cache lines). Free blocks are coalesced with
 *   their neighbours and kept in size classes (four per power of two); a request takes the
 *   first fitting block of its class, else any block of a larger class, else the top of
 *   the heap, growing the memory when needed.
 * - `WasmStorage` is the backend's `Storage`: a block of linear memory, or elements in JS
 *   memory. Its typed-array view is re-created after `memory.grow` (which detaches an
 *   unshared memory's buffer).
 * - Resident: arrays from `alloc` (`zeros`, `ones`, optimizer state, buffers for `out=`)
 *   and arrays kernels have read `MIGRATE_READS` times (parameters, a dataset read every
 *   epoch). In JS memory: adopted typed arrays until then, arrays under
 *   `MIN_RESIDENT_BYTES`, and kernels' fresh results, written in scratch and copied out.
 * - A block is freed by `dispose()` or, failing that, when its storage is collected
 *   (`FinalizationRegistry`).
 *
 * NOTE: `FinalizationRegistry` callbacks run between tasks, and V8 only finds dead arrays
 * in a full collection (measured here: ~400,000 small objects before the first callback),
 * so a synchronous loop (`Model.fit`, most user loops) never gets memory back that way.
 * Resident arrays are therefore capped by a budget, and an allocation beyond it first
 * evicts the least recently used unpinned arrays (a clock sweep): their elements move to
 * JS memory, where the JS collector frees the dead ones as it would any typed array, and
 * kernels read them through the copy-in path. An evicted array that kernels keep reading
 * moves back. Memory stays bounded whatever the GC does; correctness never depends on when
 * it runs, only speed does. That is also why fresh results are not resident: measured on
 * the Chapter-11 loop, resident results that later had to be evicted (a copy each, from
 * memory long out of cache, plus the allocator's and finalizer's bookkeeping) cost 1.5–1.8×
 * the copy out of hot scratch they replace. Results become resident without that cost
 * where their owner frees them: `dispose()`, or a captured step's preallocated buffers.
 */
import type { DType, TypedArray, TypedArrayFor } from "../../dtype.js";
import { ValueError } from "../../errors.js";
import type { Storage } from "../backend.js";
import { allocZeroed } from "../js/slab.js";
import type { KernelExports, LoadedKernels } from "./module.js";
import type { WasmMemory, WasmModule } from "./webassembly.js";

const PAGE = 65536;
export const ELEMENT_BYTES: Readonly<Record<DType, number>> = { float32: 4, float64: 8, int32: 4, bool: 1 };

/**
 * Arrays smaller than this stay in JS memory: registering a block with the finalizer costs
 * ~250 ns (and keeps the array through young-generation collections), as much as copying
 * a few thousand floats in, and small arrays are more often short-lived (a loss's one-hot
 * rows are allocated every step).
 */
export const MIN_RESIDENT_BYTES = 16384;
/**
 * Kernel reads after which an array in JS memory moves into linear memory: parameters and
 * optimizer state (read by the forward pass, the backward pass and the update, every
 * step) get there in their second step; activations (read two or three times, then dead)
 * never do, so they cost no eviction.
 */
export const MIGRATE_READS = 4;
/** Default cap on bytes held by resident arrays (see the NOTE above). */
export const DEFAULT_BUDGET_BYTES = 128 * 2 ** 20;

/** `SINAPSE_WASM_BUDGET` (bytes, a non-negative integer), else the default. */
function defaultBudget(): number {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const text = g.process?.env?.SINAPSE_WASM_BUDGET;
  const value = text === undefined || text === "" ? Number.NaN : Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : DEFAULT_BUDGET_BYTES;
}
/** Largest scratch (bytes) one op may ask for: beyond it the op runs on the JS backend. */
export const MAX_ARENA_BYTES = 768 * 2 ** 20;
/** Size classes: 16 exact ones up to 1 KiB, then four per power of two up to 1 GiB. */
const CLASSES = 100;

/** Thrown (and caught inside the backend) when the memory cannot grow to an op's scratch. */
export const NO_MEMORY: unique symbol = Symbol("wasm memory exhausted");

/** Where the wasm backend's memory is, for tests, benchmarks and budgets. */
export interface WasmMemoryInfo {
  /** Bytes in blocks held by arrays. */
  residentBytes: number;
  /** Bytes in free blocks below the top of the heap. */
  freeBytes: number;
  /** Bytes from the start of the heap to its top (resident + free + any scratch in use). */
  heapBytes: number;
  /** Size of the linear memory. */
  memoryBytes: number;
  /** Cap on `residentBytes`; arrays beyond it live in JS memory. */
  budgetBytes: number;
  /** Arrays given JS memory: larger than the budget, or the memory could not grow. */
  fallbacks: number;
  /** Arrays moved to JS memory to make room within the budget. */
  evicted: number;
  /** Blocks returned by the finalizer (arrays collected without `dispose()`). */
  collected: number;
  /** Blocks returned by `dispose()`. */
  disposed: number;
}

function align(n: number): number {
  return (n + 63) & ~63;
}

function classOf(bytes: number): number {
  const u = bytes >>> 6; // 64-byte units, ≥ 1
  if (u <= 16) return u - 1;
  const e = 31 - Math.clz32(u);
  return 16 + (e - 4) * 4 + ((u >>> (e - 2)) & 3);
}

/**
 * A resident array's block. The heap holds it (never the storage) while it is in linear
 * memory; `host` receives the elements if it is evicted.
 */
export class Block {
  /** Byte address, or -1 once freed or evicted. */
  at: number;
  readonly size: number;
  /** The elements in JS memory after an eviction. */
  host: TypedArray | null = null;
  readonly dtype: DType;
  readonly length: number;
  /** Read since the clock hand last passed. */
  touched = true;
  /** The op that may not evict it (its operand, result or scratch). */
  pin: number;

  constructor(at: number, size: number, dtype: DType, length: number, pin: number) {
    this.at = at;
    this.size = size;
    this.dtype = dtype;
    this.length = length;
    this.pin = pin;
  }
}

export class Heap {
  readonly kernels: KernelExports;
  readonly memory: WasmMemory;
  readonly shared: boolean;
  readonly module: WasmModule;
  /** Address of the thread pool's control block (64 Int32 words below the heap). */
  readonly controlAddress: number;
  /** Bumped whenever the memory grows: views made before are re-created. */
  epoch = 0;
  private budget = defaultBudget();
  private resident = 0;
  private free = 0;
  private fallbacks = 0;
  private evictions = 0;
  private collected = 0;
  private disposed = 0;
  /** The current op (blocks pinned to it are not evicted). */
  private op = 1;
  /** Resident blocks in clock order, and the hand. */
  private ring: Block[] = [];
  private hand = 0;
  private readonly base: number;
  private top: number;
  private buffer: ArrayBufferLike;
  private f32view: Float32Array;
  private f64view: Float64Array;
  private u8view: Uint8Array;
  /** Free blocks: start → size, end → start, and per size class the starts. */
  private readonly starts = new Map<number, number>();
  private readonly ends = new Map<number, number>();
  private readonly bins: Set<number>[] = Array.from({ length: CLASSES }, () => new Set<number>());
  /** Bit c set when bin c is not empty. */
  private readonly occupied = new Int32Array(Math.ceil(CLASSES / 32));
  /** The current op's scratch blocks: address, size, address, size, … */
  private readonly scratchBlocks: number[] = [];
  private readonly registry = new FinalizationRegistry<Block>((block) => {
    if (block.at < 0) return;
    this.collected++;
    this.releaseBlock(block);
  });

  constructor(loaded: LoadedKernels) {
    this.kernels = loaded.exports;
    this.memory = loaded.memory;
    this.shared = loaded.shared;
    this.module = loaded.module;
    this.controlAddress = align(this.kernels.heapBase());
    this.base = this.controlAddress + 256;
    this.top = this.base;
    this.buffer = this.memory.buffer;
    this.f32view = new Float32Array(this.buffer);
    this.f64view = new Float64Array(this.buffer);
    this.u8view = new Uint8Array(this.buffer);
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

  info(): WasmMemoryInfo {
    return {
      residentBytes: this.resident,
      freeBytes: this.free,
      heapBytes: this.top - this.base,
      memoryBytes: this.memory.buffer.byteLength,
      budgetBytes: this.budget,
      fallbacks: this.fallbacks,
      evicted: this.evictions,
      collected: this.collected,
      disposed: this.disposed,
    };
  }

  /** Sets the cap on resident bytes (arrays already resident stay where they are). */
  setBudget(bytes: number): void {
    this.budget = bytes;
  }

  /** Starts an op: blocks pinned from now on are safe from eviction until the next one. */
  beginOp(): void {
    this.op++;
  }

  /** Keeps `block` resident for the current op. */
  pin(block: Block): void {
    block.pin = this.op;
    block.touched = true;
  }

  /**
   * Storage for `length` elements: a block of linear memory when it is large enough (and
   * not beyond the budget), else JS memory. `zero`: the elements start at zero (a
   * kernel's result, which writes them all, skips the fill).
   */
  storage<D extends DType>(dtype: D, length: number, zero: boolean): WasmStorage<D> {
    const used = length * ELEMENT_BYTES[dtype];
    const bytes = align(used);
    if (bytes >= MIN_RESIDENT_BYTES) {
      const block = this.residentBlock(bytes, dtype, length, true);
      if (block) {
        const s = new WasmStorage(this, dtype, length, null);
        this.attach(s, block);
        if (zero) this.u8.fill(0, block.at, block.at + used);
        return s;
      }
    }
    return new WasmStorage(this, dtype, length, allocZeroed(dtype, length) as TypedArrayFor[D]);
  }

  /** Zero-filled storage in JS memory (a kernel's result; see the NOTE above). */
  fresh<D extends DType>(dtype: D, length: number): WasmStorage<D> {
    return new WasmStorage(this, dtype, length, allocZeroed(dtype, length) as TypedArrayFor[D]);
  }

  /** Storage over a typed array in JS memory (adopted, not copied). */
  host<D extends DType>(dtype: D, data: TypedArrayFor[D]): WasmStorage<D> {
    return new WasmStorage(this, dtype, data.length, data);
  }

  /** Moves `s`'s elements from JS memory into a block, if there is room; true if it did. */
  migrate(s: WasmStorage, host: TypedArray): boolean {
    const used = host.length * ELEMENT_BYTES[s.dtype];
    const bytes = align(used);
    if (bytes < MIN_RESIDENT_BYTES) return false;
    const block = this.residentBlock(bytes, s.dtype, host.length, false);
    if (!block) return false;
    this.u8.set(new Uint8Array(host.buffer, host.byteOffset, used), block.at);
    this.attach(s, block);
    return true;
  }

  /** A scratch block of `bytes` for the current op (freed by `endOp`); throws NO_MEMORY. */
  scratch(bytes: number): number {
    const size = align(Math.max(1, bytes));
    let at = this.allocBlock(size);
    while (at < 0 && this.evictOne()) at = this.allocBlock(size);
    if (at < 0) throw NO_MEMORY;
    this.scratchBlocks.push(at, size);
    return at;
  }

  /** Frees the current op's scratch. */
  endOp(): void {
    const list = this.scratchBlocks;
    while (list.length > 0) {
      const size = list.pop() as number;
      this.freeBlock(list.pop() as number, size);
    }
  }

  /** Frees a resident block now (`dispose()`). */
  release(block: Block): void {
    if (block.at < 0) return;
    this.registry.unregister(block);
    this.disposed++;
    this.releaseBlock(block);
  }

  /** A typed view of `length` elements of `dtype` at byte address `at`. */
  view<D extends DType>(dtype: D, at: number, length: number): TypedArrayFor[D] {
    if (this.memory.buffer !== this.buffer) this.refresh();
    const buffer = this.buffer;
    switch (dtype) {
      case "float32":
        return new Float32Array(buffer, at, length) as TypedArrayFor[D];
      case "float64":
        return new Float64Array(buffer, at, length) as TypedArrayFor[D];
      case "int32":
        return new Int32Array(buffer, at, length) as TypedArrayFor[D];
      default:
        return new Uint8Array(buffer, at, length) as TypedArrayFor[D];
    }
  }

  private attach(s: WasmStorage, block: Block): void {
    s.place(block);
    this.ring.push(block);
    this.registry.register(s, block, block);
  }

  private releaseBlock(block: Block): void {
    this.resident -= block.size;
    this.freeBlock(block.at, block.size);
    block.at = -1;
  }

  /**
   * A block for an array, evicting others to stay within the budget; null when the array
   * is larger than the budget or the memory cannot grow (it then lives in JS memory).
   */
  private residentBlock(bytes: number, dtype: DType, length: number, count: boolean): Block | null {
    let at = -1;
    if (bytes <= this.budget) {
      while (this.resident + bytes > this.budget && this.evictOne());
      if (this.resident + bytes <= this.budget) {
        at = this.allocBlock(bytes);
        while (at < 0 && this.evictOne()) at = this.allocBlock(bytes);
      }
    }
    if (at < 0) {
      if (count) this.fallbacks++;
      return null;
    }
    this.resident += bytes;
    return new Block(at, bytes, dtype, length, this.op);
  }

  /**
   * Evicts one resident block not pinned to the current op and not read since the hand
   * last passed it (clearing the mark of those it passes): its elements go to JS memory.
   * False when every block is pinned.
   */
  private evictOne(): boolean {
    const ring = this.ring;
    for (let steps = 2 * ring.length; steps > 0 && ring.length > 0; steps--) {
      if (this.hand >= ring.length) this.hand = 0;
      const block = ring[this.hand] as Block;
      if (block.at < 0) {
        // Freed (disposed or collected): drop it from the ring.
        ring[this.hand] = ring[ring.length - 1] as Block;
        ring.pop();
        continue;
      }
      if (block.pin === this.op) {
        this.hand++;
        continue;
      }
      if (block.touched) {
        block.touched = false;
        this.hand++;
        continue;
      }
      // NOTE: `slice` of a shared buffer's view copies element by element (3–4× slower).
      const host = allocZeroed(block.dtype, block.length);
      host.set(this.view(block.dtype, block.at, block.length) as never);
      block.host = host;
      this.registry.unregister(block);
      this.evictions++;
      this.releaseBlock(block);
      ring[this.hand] = ring[ring.length - 1] as Block;
      ring.pop();
      return true;
    }
    return false;
  }

  /** A block of `size` bytes (a multiple of 64), or -1 when the memory cannot grow to it. */
  private allocBlock(size: number): number {
    const c = classOf(size);
    const own = this.bins[c] as Set<number>;
    if (own.size > 0) {
      for (const at of own) {
        const have = this.starts.get(at) as number;
        if (have >= size) return this.take(at, have, size);
      }
    }
    const d = this.nextOccupied(c + 1);
    if (d >= 0) {
      const at = (this.bins[d] as Set<number>).values().next().value as number;
      return this.take(at, this.starts.get(at) as number, size);
    }
    const at = this.top;
    if (at + size > this.memory.buffer.byteLength && !this.grow(at + size)) return -1;
    this.top = at + size;
    return at;
  }

  private take(at: number, have: number, size: number): number {
    this.unlink(at, have);
    if (have > size) this.link(at + size, have - size);
    return at;
  }

  private freeBlock(at: number, size: number): void {
    let start = at;
    let len = size;
    const left = this.ends.get(start);
    if (left !== undefined) {
      const leftSize = start - left;
      this.unlink(left, leftSize);
      start = left;
      len += leftSize;
    }
    const right = this.starts.get(start + len);
    if (right !== undefined) {
      this.unlink(start + len, right);
      len += right;
    }
    if (start + len === this.top) this.top = start;
    else this.link(start, len);
  }

  private link(at: number, size: number): void {
    this.starts.set(at, size);
    this.ends.set(at + size, at);
    const c = classOf(size);
    (this.bins[c] as Set<number>).add(at);
    (this.occupied[c >>> 5] as number) |= 1 << (c & 31);
    this.free += size;
  }

  private unlink(at: number, size: number): void {
    this.starts.delete(at);
    this.ends.delete(at + size);
    const c = classOf(size);
    const bin = this.bins[c] as Set<number>;
    bin.delete(at);
    if (bin.size === 0) (this.occupied[c >>> 5] as number) &= ~(1 << (c & 31));
    this.free -= size;
  }

  /** The first non-empty size class from `from`, or -1. */
  private nextOccupied(from: number): number {
    for (let w = from >>> 5; w < this.occupied.length; w++) {
      let bits = this.occupied[w] as number;
      if (w === from >>> 5) bits &= -1 << (from & 31);
      if (bits !== 0) return w * 32 + (31 - Math.clz32(bits & -bits));
    }
    return -1;
  }

  private grow(end: number): boolean {
    const have = this.memory.buffer.byteLength;
    // Grow at least by half again, so a sequence of growing ops does not grow every time.
    const want = Math.max(end, have + (have >> 1));
    try {
      this.memory.grow(Math.ceil((want - have) / PAGE));
    } catch {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE)); // the maximum is near: take only what is needed
      } catch {
        return false;
      }
    }
    this.refresh();
    return true;
  }

  private refresh(): void {
    this.buffer = this.memory.buffer;
    this.f32view = new Float32Array(this.buffer);
    this.f64view = new Float64Array(this.buffer);
    this.u8view = new Uint8Array(this.buffer);
    this.epoch++;
  }
}

/**
 * The wasm backend's storage: a block of linear memory, or elements in JS memory (small,
 * adopted or evicted arrays) until kernels have read them twice and there is room.
 */
export class WasmStorage<D extends DType = DType> implements Storage<D> {
  readonly backend = "wasm" as const;
  readonly dtype: D;
  readonly length: number;
  /** Kernel reads while in JS memory (see `MIGRATE_READS`). */
  private reads = 0;
  private readonly heap: Heap;
  private block: Block | null = null;
  private host: TypedArrayFor[D] | null;
  private cached: TypedArrayFor[D] | null = null;
  private epoch = -1;
  private disposed = false;

  constructor(heap: Heap, dtype: D, length: number, host: TypedArrayFor[D] | null) {
    this.heap = heap;
    this.dtype = dtype;
    this.length = length;
    this.host = host;
  }

  /**
   * Byte address of the elements in `heap`'s memory (pinned for the current op), or -1
   * when they are not there. A kernel `read` is counted: the `MIGRATE_READS`th moves the
   * elements there if there is room.
   */
  addressIn(heap: Heap, read = true): number {
    if (heap !== this.heap) return -1;
    const block = this.block;
    if (block !== null) {
      if (block.at >= 0) {
        heap.pin(block);
        return block.at;
      }
      this.evicted(block);
    }
    if (read && this.host !== null && ++this.reads >= MIGRATE_READS && heap.migrate(this, this.host)) this.host = null;
    return this.block === null ? -1 : (this.block as Block).at;
  }

  /** Keeps the elements where they are for the current op, if they are in `heap`'s memory. */
  pinIn(heap: Heap): void {
    const block = this.block;
    if (block !== null && block.at >= 0 && heap === this.heap) heap.pin(block);
  }

  /** True while the elements are in linear memory. */
  get resident(): boolean {
    return this.block !== null && this.block.at >= 0;
  }

  /** True while the elements are in `heap`'s linear memory. */
  residentIn(heap: Heap): boolean {
    return heap === this.heap && this.resident;
  }

  /** Called by the heap when the storage gets its block. */
  place(block: Block): void {
    this.block = block;
    this.epoch = -1;
  }

  view(op = "view"): TypedArrayFor[D] {
    const block = this.block;
    if (block !== null) {
      if (block.at >= 0) {
        block.touched = true;
        if (this.epoch !== this.heap.epoch || this.cached === null) {
          this.cached = this.heap.view(this.dtype, block.at, this.length);
          this.epoch = this.heap.epoch;
        }
        return this.cached;
      }
      this.evicted(block);
    }
    if (this.host !== null) return this.host;
    throw new ValueError(op, "this array was disposed (dispose() released its memory)");
  }

  /** Frees the block now; the storage (and every view of it) is unusable after. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host = null;
    this.cached = null;
    if (this.block !== null) this.heap.release(this.block);
    this.block = null;
  }

  /** Takes the elements an eviction moved to JS memory. */
  private evicted(block: Block): void {
    this.block = null;
    if (block.host === null) return; // freed: `view` reports it
    this.cached = null;
    this.reads = 0;
    this.host = block.host as TypedArrayFor[D];
  }
}
