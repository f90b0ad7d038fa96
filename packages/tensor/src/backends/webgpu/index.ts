/**
 * The webgpu backend: storage in GPU buffers, kernels in WGSL (`kernels.ts`). Every op of
 * the backend seam runs on the GPU for float32 (int32 and bool where the op allows), so a
 * training step built from these ops never leaves the device; elements come back only
 * through `await array.data()`. Arrays made by the other backends are uploaded when a
 * kernel first reads them. float64 has no WebGPU type and is refused with a typed error.
 *
 * NOTE: kernels accumulate in float32 (sums in a 256-wide tree, matmul in fp32 FMA
 * chains), where the JS backend accumulates in float64; expect ~1e-6 relative differences.
 */
import { broadcastStrides } from "../../broadcast.js";
import type { DType, TypedArrayFor } from "../../dtype.js";
import { constant, input, type MapProgram, usedInputs } from "../../expr/expr.js";
import { mapSource } from "../../expr/wgsl.js";
import { NDArray } from "../../ndarray.js";
import { type Shape, shapesEqual, sizeOf } from "../../shape.js";
import type { Backend, Storage } from "../backend.js";
import type { GpuBuffer, GpuDevice, GpuPipeline } from "./gpu.js";
import { argReduceSource, copySource, matmulSource, reduceSource, takeSource, wgslType } from "./kernels.js";
import { GpuContext, type GpuMemoryInfo, GpuStorage, WebGpuUnsupportedError } from "./memory.js";

export { type GpuMemoryInfo, GpuReadError, WebGpuUnsupportedError } from "./memory.js";

/** The webgpu backend plus its memory controls. */
export interface WebGpuBackend extends Backend {
  /** Which adapter runs the kernels, e.g. `nvidia-h100-80gb-hbm3` or `llvmpipe`. */
  readonly adapter: string;
  /** Live and pooled GPU bytes. */
  memory(): GpuMemoryInfo;
  /** Resolves when every kernel submitted so far has finished (for timing). */
  sync(): Promise<void>;
  /** Frees the pooled (unused) buffers. */
  trim(): void;
}

const MAX_GROUPS = 65535;
/** A program of no operands that writes 0. */
const ZEROS: MapProgram = { arity: 0, outputs: [constant(0)] };
/** A program that copies its operand (converting to the result's type). */
const IDENTITY: MapProgram = { arity: 1, outputs: [input(0)] };

function groups2d(count: number): [number, number] {
  if (count <= MAX_GROUPS) return [Math.max(1, count), 1];
  return [MAX_GROUPS, Math.ceil(count / MAX_GROUPS)];
}

export function createWebGpuBackend(device: GpuDevice, adapter: string): WebGpuBackend {
  const ctx = new GpuContext(device);
  const pipelines = new Map<string, GpuPipeline>();

  function pipeline(code: string): GpuPipeline {
    let p = pipelines.get(code);
    if (!p) {
      p = device.createComputePipeline({
        layout: "auto",
        compute: { module: device.createShaderModule({ code }), entryPoint: "main" },
      });
      pipelines.set(code, p);
    }
    return p;
  }

  /** Runs `code` with `meta` at binding 0 and `buffers` after it, in `[x, y, z]` workgroups. */
  function dispatch(code: string, meta: number[], buffers: GpuBuffer[], grid: [number, number, number]): void {
    const p = pipeline(code);
    const metaWords = Int32Array.from(meta.length ? meta : [0]);
    const metaBuf = ctx.pool.acquire(metaWords.byteLength);
    device.queue.writeBuffer(metaBuf, 0, metaWords);
    const entries = [metaBuf, ...buffers].map((buffer, binding) => ({ binding, resource: { buffer } }));
    const group = device.createBindGroup({ layout: p.getBindGroupLayout(0), entries });
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(p);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(grid[0], grid[1], grid[2]);
    pass.end();
    device.queue.submit([enc.finish()]);
    // Later writes to this buffer are queued after this submit: safe to reuse now.
    ctx.pool.release(metaBuf);
  }

  function gpuStorage(s: Storage): GpuStorage {
    if (s instanceof GpuStorage) return s;
    // An array from another backend: upload a copy.
    return new GpuStorage(ctx, s.dtype, s.length, s.view().slice() as TypedArrayFor[DType]);
  }

  function bufferOf(a: NDArray, op: string): GpuBuffer {
    return gpuStorage(a.storage).buffer(op);
  }

  function fresh(dtype: DType, shape: Shape, op: string): { out: NDArray; buffer: GpuBuffer } {
    if (dtype === "float64") {
      throw new WebGpuUnsupportedError(
        op,
        "float64 results cannot be computed on the GPU (WebGPU has no float64): use float32",
      );
    }
    const storage = new GpuStorage(ctx, dtype, sizeOf(shape), null);
    const out = new NDArray(storage, shape);
    return { out, buffer: storage.buffer(op) };
  }

  function checkInput(a: NDArray, op: string): void {
    if (a.dtype === "float64") {
      throw new WebGpuUnsupportedError(op, "float64 arrays cannot go to the GPU (WebGPU has no float64): use float32");
    }
  }

  /** Runs a map program (see `Backend.map`): one kernel computes every output. */
  function runMap(
    program: MapProgram,
    inputs: readonly NDArray[],
    shape: Shape,
    dtype: DType,
    outTypes: readonly DType[],
    targets: readonly NDArray[] | undefined,
  ): NDArray[] {
    const op = "map";
    for (const x of inputs) checkInput(x, op);
    const n = sizeOf(shape);
    const made = targets ? null : outTypes.map((t) => fresh(t, shape, op));
    const outs = targets ? [...targets] : (made as { out: NDArray }[]).map((m) => m.out);
    if (n === 0) return outs;
    // An operand that is exactly an output is read from the output's binding; one that
    // shares a buffer with an output any other way is computed aside first.
    const aliases = inputs.map((x) =>
      outs.findIndex(
        (o) =>
          o.storage === x.storage &&
          o.offset === x.offset &&
          x.isContiguous &&
          x.size === n &&
          shapesEqual(o.shape, x.shape),
      ),
    );
    if (inputs.some((x, k) => aliases[k] === -1 && outs.some((o) => o.storage === x.storage))) {
      const aside = runMap(program, inputs, shape, dtype, outTypes, undefined);
      aside.forEach((a, k) => {
        copyInto(outs[k] as NDArray, a);
      });
      return outs;
    }
    const strided = !inputs.every((x) => x.size === 1 || (x.size === n && x.isContiguous));
    const meta = [n, strided ? shape.length : 0, ...outs.map((o) => o.offset)];
    if (strided) meta.push(...shape);
    for (const x of inputs) {
      if (strided) meta.push(x.offset, ...broadcastStrides(x.shape, x.strides, shape));
      else meta.push(x.offset, x.size === n && n > 1 ? 1 : 0);
    }
    const used = usedInputs(program);
    const code = mapSource(
      program,
      dtype,
      inputs.map((x) => x.dtype),
      outTypes,
      aliases,
      strided,
    );
    const buffers = [
      ...outs.map((o) => bufferOf(o, op)),
      ...inputs.filter((_, k) => aliases[k] === -1 && used.has(k)).map((x) => bufferOf(x, op)),
    ];
    if (buffers.length + 1 > device.limits.maxStorageBuffersPerShaderStage) {
      throw new WebGpuUnsupportedError(
        op,
        `the expression binds ${buffers.length + 1} storage buffers, more than this adapter's ${device.limits.maxStorageBuffersPerShaderStage}`,
      );
    }
    const [gx, gy] = groups2d(Math.ceil(n / 256));
    dispatch(code, meta, buffers, [gx, gy, 1]);
    return outs;
  }

  /** Copies `value` (broadcast to `target`'s shape) into the strided view `target`. */
  function copyInto(target: NDArray, value: NDArray): void {
    const op = "assign";
    checkInput(value, op);
    const src = value.storage === target.storage ? backend.copy(value, value.dtype) : value;
    const n = target.size;
    if (n === 0) return;
    const shape = target.shape;
    const meta = [n, shape.length, 0, ...shape];
    meta.push(src.offset, ...broadcastStrides(src.shape, src.strides, shape));
    meta.push(target.offset, ...target.strides);
    const code = copySource(wgslType(src.dtype), wgslType(target.dtype));
    const [gx, gy] = groups2d(Math.ceil(n / 256));
    dispatch(code, meta, [bufferOf(target, op), bufferOf(src, op)], [gx, gy, 1]);
  }

  const backend: WebGpuBackend = {
    name: "webgpu",
    adapter,

    memory() {
      return ctx.pool.info();
    },

    async sync() {
      await device.queue.onSubmittedWorkDone();
    },

    trim() {
      ctx.pool.trim();
    },

    alloc<D extends DType>(dtype: D, length: number): Storage<D> {
      const ctor = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array }[dtype];
      return new GpuStorage(ctx, dtype, length, new ctor(length) as TypedArrayFor[D]);
    },

    adopt<D extends DType>(dtype: D, data: TypedArrayFor[D]): Storage<D> {
      return new GpuStorage(ctx, dtype, data.length, data);
    },

    copy(a, dtype) {
      checkInput(a, "copy");
      // The identity program: a bool result keeps the source's truthiness (computed in its type).
      return runMap(IDENTITY, [a], a.shape, dtype === "bool" ? a.dtype : dtype, [dtype], undefined)[0] as NDArray;
    },

    assign(target, value) {
      checkInput(target, "assign");
      copyInto(target, value);
    },

    map(program, inputs, shape, dtype, outTypes, outs) {
      return runMap(program, inputs, shape, dtype, outTypes, outs);
    },

    reduce(op, a, axes, requested) {
      checkInput(a, op);
      // NOTE: mean/variance ask for float64 sums of float32 data (extra precision on the
      // CPU); WebGPU has no float64, so those sums are float32 (a float32 result).
      const dtype = requested === "float64" ? "float32" : requested;
      const outShape = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
      const { out, buffer } = fresh(dtype, outShape, op);
      const nOut = sizeOf(outShape);
      if (nOut === 0) return out;
      const keptShape = a.shape.filter((_, i) => !axes.includes(i));
      const keptStrides = a.strides.filter((_, i) => !axes.includes(i));
      const redShape = axes.map((ax) => a.shape[ax] as number);
      const redStrides = axes.map((ax) => a.strides[ax] as number);
      const meta = [
        nOut,
        sizeOf(redShape),
        keptShape.length,
        redShape.length,
        a.offset,
        ...keptShape,
        ...keptStrides,
        ...redShape,
        ...redStrides,
      ];
      const [gx, gy] = groups2d(nOut);
      dispatch(reduceSource(op, wgslType(a.dtype), wgslType(dtype)), meta, [buffer, bufferOf(a, op)], [gx, gy, 1]);
      return out;
    },

    argReduce(op, a, axis) {
      checkInput(a, op);
      const outShape = a.shape.map((d, i) => (i === axis ? 1 : d));
      const { out, buffer } = fresh("int32", outShape, op);
      const nOut = sizeOf(outShape);
      if (nOut === 0) return out;
      const kept = a.shape.filter((_, i) => i !== axis);
      const keptStrides = a.strides.filter((_, i) => i !== axis);
      const meta = [
        nOut,
        a.shape[axis] as number,
        a.strides[axis] as number,
        kept.length,
        a.offset,
        ...kept,
        ...keptStrides,
      ];
      const [gx, gy] = groups2d(Math.ceil(nOut / 256));
      dispatch(argReduceSource(op === "argmax", wgslType(a.dtype)), meta, [buffer, bufferOf(a, op)], [gx, gy, 1]);
      return out;
    },

    matmul(a, b, batch, dtype) {
      const op = "matmul";
      if (dtype !== "float32" || a.dtype !== "float32" || b.dtype !== "float32") {
        throw new WebGpuUnsupportedError(
          op,
          `the webgpu backend multiplies float32 arrays only, got ${a.dtype} @ ${b.dtype}`,
        );
      }
      const m = a.shape[a.ndim - 2] as number;
      const k = a.shape[a.ndim - 1] as number;
      const n = b.shape[b.ndim - 1] as number;
      const count = sizeOf(batch);
      const { out, buffer } = fresh("float32", [...batch, m, n], op);
      if (count === 0 || m === 0 || n === 0) return out;
      if (k === 0) return runMap(ZEROS, [], out.shape, "float32", ["float32"], [out])[0] as NDArray;
      const [aRs, aCs] = a.strides.slice(-2) as [number, number];
      const [bRs, bCs] = b.strides.slice(-2) as [number, number];
      const aBatch = broadcastStrides(a.shape.slice(0, -2), a.strides.slice(0, -2), batch);
      const bBatch = broadcastStrides(b.shape.slice(0, -2), b.strides.slice(0, -2), batch);
      const aligned = (off: number, rs: number, bs: number[]): boolean =>
        off % 4 === 0 && rs % 4 === 0 && bs.every((s) => s % 4 === 0);
      const vecA = (aCs === 1 || k === 1) && k % 4 === 0 && aligned(a.offset, aRs, aBatch);
      const vecB = (bCs === 1 || n === 1) && n % 4 === 0 && aligned(b.offset, bRs, bBatch);
      const code = matmulSource({
        vecA,
        vecB,
        vecC: n % 4 === 0,
        aMajorM: aRs === 1 && aCs !== 1,
        bMajorN: bCs === 1,
      });
      const meta = [m, n, k, aRs, aCs, bRs, bCs, batch.length, a.offset, b.offset, ...batch, ...aBatch, ...bBatch];
      const grid: [number, number, number] = [Math.ceil(n / 128), Math.ceil(m / 128), count];
      dispatch(code, meta, [buffer, bufferOf(a, op), bufferOf(b, op)], grid);
      return out;
    },

    take(a, indices, axis) {
      const op = "take";
      checkInput(a, op);
      const outShape = [...a.shape.slice(0, axis), indices.length, ...a.shape.slice(axis + 1)];
      const { out, buffer } = fresh(a.dtype, outShape, op);
      const n = sizeOf(outShape);
      if (n === 0) return out;
      const idx = new GpuStorage(ctx, "int32", indices.length, indices.slice());
      const meta = [n, outShape.length, axis, a.offset, ...outShape, ...a.strides];
      const [gx, gy] = groups2d(Math.ceil(n / 256));
      dispatch(takeSource(wgslType(a.dtype)), meta, [buffer, bufferOf(a, op), idx.buffer(op)], [gx, gy, 1]);
      return out;
    },
  };

  return backend;
}
