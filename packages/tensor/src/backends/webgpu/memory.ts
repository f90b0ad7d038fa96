/**
 * GPU memory: a pool of storage buffers by size class, and `GpuStorage`, the backend's
 * `Storage`. A storage starts on the host (what `alloc`/`adopt` return, so creation code
 * can fill it through `view()`) and moves to a GPU buffer the first time a kernel reads or
 * writes it; from then on only `read()` (async) reaches its elements. Buffers go back to
 * the pool when `dispose()` is called or, failing that, when the storage is collected
 * (a FinalizationRegistry): no bookkeeping is needed in the common case.
 */
import type { DType, TypedArrayFor } from "../../dtype.js";
import { GpuReadError, WebGpuUnsupportedError } from "../../errors.js";
import type { Storage } from "../backend.js";
import { type GpuBuffer, type GpuDevice, MAP_READ, USAGE } from "./gpu.js";

export { GpuReadError, WebGpuUnsupportedError } from "../../errors.js";

/** Every element takes 4 bytes on the GPU: float32, int32, and bool as a u32 0/1. */
export const ELEMENT_BYTES = 4;

/** Rounds up to a size class: four per power of two (≤ 25 % waste), at least 256 bytes. */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return 256;
  const p = 2 ** Math.floor(Math.log2(bytes));
  const step = p / 4;
  return Math.ceil(bytes / step) * step;
}

/** Live and pooled GPU bytes, for tests and benchmarks. */
export interface GpuMemoryInfo {
  /** Bytes in buffers held by arrays (or kernels in flight). */
  liveBytes: number;
  /** Bytes in free buffers kept for reuse. */
  pooledBytes: number;
  /** Buffers created since start-up (stays flat when the pool serves every request). */
  created: number;
}

export class BufferPool {
  private readonly free = new Map<number, GpuBuffer[]>();
  private live = 0;
  private pooled = 0;
  private created = 0;
  /** Free bytes above which released buffers are destroyed instead of kept. */
  maxPooledBytes = 1 << 30;

  constructor(readonly device: GpuDevice) {}

  acquire(bytes: number): GpuBuffer {
    const size = sizeClass(bytes);
    const list = this.free.get(size);
    const reused = list?.pop();
    this.live += size;
    if (reused) {
      this.pooled -= size;
      return reused;
    }
    this.created++;
    return this.device.createBuffer({ size, usage: USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST });
  }

  release(buffer: GpuBuffer): void {
    this.live -= buffer.size;
    if (this.pooled + buffer.size > this.maxPooledBytes) {
      buffer.destroy();
      return;
    }
    let list = this.free.get(buffer.size);
    if (!list) {
      list = [];
      this.free.set(buffer.size, list);
    }
    list.push(buffer);
    this.pooled += buffer.size;
  }

  /** Destroys every pooled buffer. */
  trim(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.pooled = 0;
  }

  info(): GpuMemoryInfo {
    return { liveBytes: this.live, pooledBytes: this.pooled, created: this.created };
  }
}

/** The buffer of a storage, shared with the finalizer (which must not hold the storage). */
interface Handle {
  buffer: GpuBuffer | null;
}

function typedFor<D extends DType>(dtype: D, length: number): TypedArrayFor[D] {
  const ctor = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array }[dtype];
  return new ctor(length) as TypedArrayFor[D];
}

export class GpuStorage<D extends DType = DType> implements Storage<D> {
  readonly backend = "webgpu" as const;
  readonly dtype: D;
  readonly length: number;
  private host: TypedArrayFor[D] | null;
  private readonly handle: Handle = { buffer: null };
  private disposed = false;

  constructor(
    private readonly ctx: GpuContext,
    dtype: D,
    length: number,
    host: TypedArrayFor[D] | null,
  ) {
    this.dtype = dtype;
    this.length = length;
    this.host = host;
  }

  /** True while the elements are still in JS memory (nothing ran on them yet). */
  get onHost(): boolean {
    return this.host !== null;
  }

  view(op = "dataSync"): TypedArrayFor[D] {
    if (this.host) return this.host;
    this.checkAlive(op);
    throw new GpuReadError(
      op,
      "this array is in GPU memory (webgpu backend) and cannot be read synchronously: use `await array.data()`",
    );
  }

  /** The GPU buffer holding the elements, uploading them on first use. */
  buffer(op: string): GpuBuffer {
    this.checkAlive(op);
    if (this.handle.buffer) return this.handle.buffer;
    if (this.dtype === "float64") {
      throw new WebGpuUnsupportedError(op, "float64 arrays cannot go to the GPU (WebGPU has no float64): use float32");
    }
    const buffer = this.ctx.pool.acquire(Math.max(1, this.length) * ELEMENT_BYTES);
    this.handle.buffer = buffer;
    this.ctx.registry.register(this, this.handle, this.handle);
    const host = this.host;
    this.host = null;
    if (host && host.length > 0) {
      this.ctx.device.queue.writeBuffer(buffer, 0, host instanceof Uint8Array ? Uint32Array.from(host) : host);
    }
    return buffer;
  }

  /** Adopts a kernel's freshly written buffer (the storage was created without data). */
  attach(buffer: GpuBuffer): void {
    this.host = null;
    this.handle.buffer = buffer;
    this.ctx.registry.register(this, this.handle, this.handle);
  }

  /** `length` elements from `offset`, copied back from the GPU. */
  async read(offset = 0, length = this.length - offset): Promise<TypedArrayFor[D]> {
    if (this.host) return this.host.slice(offset, offset + length) as TypedArrayFor[D];
    this.checkAlive("data");
    const out = typedFor(this.dtype, length);
    if (length === 0) return out;
    const bytes = length * ELEMENT_BYTES;
    const staging = this.ctx.device.createBuffer({
      size: Math.ceil(bytes / 4) * 4,
      usage: USAGE.MAP_READ | USAGE.COPY_DST,
    });
    const enc = this.ctx.device.createCommandEncoder();
    enc.copyBufferToBuffer(this.handle.buffer as GpuBuffer, offset * ELEMENT_BYTES, staging, 0, bytes);
    this.ctx.device.queue.submit([enc.finish()]);
    await staging.mapAsync(MAP_READ);
    const words = staging.getMappedRange().slice(0, bytes);
    staging.unmap();
    staging.destroy();
    if (this.dtype === "bool") (out as Uint8Array).set(new Uint32Array(words));
    else if (this.dtype === "int32") (out as Int32Array).set(new Int32Array(words));
    else (out as Float32Array).set(new Float32Array(words));
    return out;
  }

  /** Returns the buffer to the pool now; the storage (and every view of it) is unusable after. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host = null;
    if (this.handle.buffer) {
      this.ctx.registry.unregister(this.handle);
      this.ctx.pool.release(this.handle.buffer);
      this.handle.buffer = null;
    }
  }

  private checkAlive(op: string): void {
    if (this.disposed) throw new GpuReadError(op, "this array was disposed (dispose() released its GPU memory)");
  }
}

/** The device, its pool, and the finalizer that returns collected arrays' buffers. */
export class GpuContext {
  readonly pool: BufferPool;
  readonly registry: FinalizationRegistry<Handle>;

  constructor(readonly device: GpuDevice) {
    const pool = new BufferPool(device);
    this.pool = pool;
    this.registry = new FinalizationRegistry((handle: Handle) => {
      if (handle.buffer) pool.release(handle.buffer);
      handle.buffer = null;
    });
  }
}
