/**
 * Threads for large kernels: splits a packed matmul's row panels between the calling
 * thread and worker threads that share the wasm memory. (Single-threaded in this file's
 * first version.)
 */
import type { Arena } from "./arena.js";

export class ThreadPool {
  private readonly arena: Arena;

  constructor(arena: Arena) {
    this.arena = arena;
  }

  /** C[m, n] = packed A · packed B, rows split between threads when large enough. */
  gemm(ap: number, bp: number, c: number, m: number, n: number, k: number): void {
    this.arena.kernels.gemmPacked(ap, bp, c, m, n, k, 0, Math.ceil(m / 4));
  }
}
