/**
 * The part of the WebAssembly JS API the wasm backend uses, typed locally: the package
 * compiles against ES2022 without the DOM library, which is where TypeScript declares it.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

/** An opaque compiled module (cloneable to workers). */
export interface WasmModule {
  readonly __wasmModule?: never;
}

export interface WasmApi {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
}

/** `globalThis.WebAssembly`, or undefined where the platform has none. */
export function webAssembly(): WasmApi | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof api === "object" && typeof api.validate === "function" ? api : undefined;
}
