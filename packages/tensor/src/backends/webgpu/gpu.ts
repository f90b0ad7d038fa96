/**
 * The slice of the WebGPU API this backend uses, typed structurally so the package needs
 * neither `@webgpu/types` nor the DOM lib. The browser's `navigator.gpu` and the `webgpu`
 * npm package (Dawn, for Node) both satisfy it.
 */

export interface GpuBuffer {
  readonly size: number;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

export interface GpuComputePass {
  setPipeline(pipeline: GpuPipeline): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface GpuEncoder {
  beginComputePass(): GpuComputePass;
  copyBufferToBuffer(src: GpuBuffer, srcOffset: number, dst: GpuBuffer, dstOffset: number, size: number): void;
  finish(): unknown;
}

export interface GpuPipeline {
  getBindGroupLayout(index: number): unknown;
}

export interface GpuDevice {
  readonly queue: {
    submit(buffers: unknown[]): void;
    writeBuffer(buffer: GpuBuffer, offset: number, data: ArrayBufferView): void;
    onSubmittedWorkDone(): Promise<void>;
  };
  readonly limits: {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly maxStorageBuffersPerShaderStage: number;
  };
  createBuffer(desc: { size: number; usage: number }): GpuBuffer;
  createShaderModule(desc: { code: string }): unknown;
  createComputePipeline(desc: { layout: "auto"; compute: { module: unknown; entryPoint: string } }): GpuPipeline;
  createBindGroup(desc: { layout: unknown; entries: { binding: number; resource: { buffer: GpuBuffer } }[] }): unknown;
  createCommandEncoder(): GpuEncoder;
  destroy(): void;
}

export interface GpuAdapter {
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly description?: string };
  readonly limits: {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly maxStorageBuffersPerShaderStage: number;
  };
  requestDevice(desc?: { requiredLimits?: Record<string, number> }): Promise<GpuDevice>;
}

export interface Gpu {
  requestAdapter(options?: { powerPreference?: "high-performance" | "low-power" }): Promise<GpuAdapter | null>;
}

/** `GPUBufferUsage` flags. */
export const USAGE = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, STORAGE: 0x80 } as const;
/** `GPUMapMode.READ`. */
export const MAP_READ = 0x1;

/**
 * A WebGPU entry point: `navigator.gpu` in browsers (and Deno), else the `webgpu` npm
 * package, imported only now (never bundled: the specifier is not a literal).
 * @returns the GPU object and how it was found, or null with the reason.
 */
export async function findGpu(): Promise<{ gpu: Gpu; via: string } | { gpu: null; reason: string }> {
  const nav = (globalThis as { navigator?: { gpu?: Gpu } }).navigator;
  if (nav?.gpu) return { gpu: nav.gpu, via: "navigator.gpu" };
  const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
  if (!isNode) return { gpu: null, reason: "navigator.gpu is undefined (this browser has no WebGPU)" };
  const specifier = "webgpu";
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as {
      create: (options: string[]) => Gpu;
      globals: object;
    };
    // Dawn looks for a runtime directory; /tmp serves where none is set (containers, CI).
    if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = "/tmp";
    Object.assign(globalThis, mod.globals);
    return { gpu: mod.create([]), via: "the webgpu package (Dawn)" };
  } catch (e) {
    return {
      gpu: null,
      reason: `the optional "webgpu" package could not be loaded (npm install webgpu): ${(e as Error).message}`,
    };
  }
}
