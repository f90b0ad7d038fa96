/**
 * Threads for large matmuls: worker threads (Node `worker_threads`, Web Workers in
 * browsers) instantiate the same kernels on the same shared wasm memory and take a share
 * of a packed product's row panels, while the calling thread computes its own share and
 * then waits with `Atomics.wait`. The API stays synchronous.
 *
 * - Workers are created on the first large product (synchronously where the platform
 *   allows, so that a synchronous training loop gets them) and boot in the background;
 *   until they report ready, products run on the calling thread alone.
 * - Below `MIN_THREADED_MACS` (2²⁴ ≈ 256³) multiply-adds one thread is faster: waking a
 *   sleeping worker costs 20–150 µs, and on the shared 2-core bench machine a second
 *   thread at MLP sizes (128·784·128) measured slower than one.
 * - Where the calling thread may not block (a browser's main thread) or memory cannot be
 *   shared (no cross-origin isolation), everything runs on the calling thread.
 * - Workers spin briefly after a job before sleeping, so back-to-back products (forward
 *   and backward of one layer) skip the wake-up cost; never more than one spinner per core.
 */
import type { Heap } from "./heap.js";

/** Products smaller than this (m·n·k) run on one thread. */
export const MIN_THREADED_MACS = 1 << 24;

/** Control block words (Int32, at `arena.controlAddress`). */
const GEN = 0; // job generation, bumped by the caller for each job
const ARGS = 1; // ap, bp, c, m, n, k
const READY = 32; // per worker: 1 once it has started (7 words)
const RANGES = 40; // ip0/ip1 pairs, one per worker (7 at most)
const DONE = 56; // per worker: the last generation it finished
const MAX_WORKERS = 7;

/** Source of the worker, run as a classic script (`eval` in Node, a Blob URL in browsers). */
const WORKER_SOURCE = `
"use strict";
const start = (data) => {
  const { module, memory, control, index } = data;
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const ctl = new Int32Array(memory.buffer, control, 64);
  let seen = Atomics.load(ctl, ${GEN});
  Atomics.store(ctl, ${READY} + index, 1);
  for (;;) {
    let gen = Atomics.load(ctl, ${GEN});
    for (let spin = 0; gen === seen && spin < 20000; spin++) gen = Atomics.load(ctl, ${GEN});
    if (gen === seen) {
      Atomics.wait(ctl, ${GEN}, seen);
      continue;
    }
    seen = gen;
    const ip0 = ctl[${RANGES} + 2 * index];
    const ip1 = ctl[${RANGES} + 2 * index + 1];
    if (ip1 > ip0) {
      kernels.gemmPacked(ctl[${ARGS}], ctl[${ARGS} + 1], ctl[${ARGS} + 2], ctl[${ARGS} + 3], ctl[${ARGS} + 4], ctl[${ARGS} + 5], ip0, ip1);
    }
    Atomics.store(ctl, ${DONE} + index, gen);
    Atomics.notify(ctl, ${DONE} + index);
  }
};
if (typeof require === "function") {
  const { parentPort } = require("node:worker_threads");
  parentPort.once("message", start);
} else {
  self.onmessage = (event) => start(event.data);
}
`;

interface WorkerHandle {
  postMessage(message: unknown): void;
  unref?(): void;
}

type Spawn = () => WorkerHandle;

/** Whether this thread may block in `Atomics.wait` (not a browser's main thread). */
function canBlock(): boolean {
  const g = globalThis as { document?: unknown; process?: { versions?: { node?: string } } };
  if (g.process?.versions?.node) return true;
  return typeof g.document === "undefined"; // inside a worker
}

interface NodeThreads {
  Worker: new (source: string, options: { eval: boolean }) => WorkerHandle;
}

interface NodeOs {
  availableParallelism?: () => number;
  cpus(): unknown[];
}

interface Factory {
  spawn: Spawn;
  cores: number;
}

function nodeFactory(threads: NodeThreads, os: NodeOs): Factory {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return { spawn: () => new threads.Worker(WORKER_SOURCE, { eval: true }), cores };
}

/**
 * The platform's way to start a worker from source, found synchronously where possible
 * (Node ≥ 20.16 has `process.getBuiltinModule`; a synchronous training loop never lets an
 * asynchronous import finish), else null (then see `workerFactoryAsync`).
 */
function workerFactorySync(): Factory | null {
  const g = globalThis as {
    process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };
    Worker?: new (url: string) => WorkerHandle;
    Blob?: new (parts: string[], options: { type: string }) => unknown;
    URL?: { createObjectURL(blob: unknown): string };
    navigator?: { hardwareConcurrency?: number };
  };
  if (g.process?.versions?.node) {
    const threads = g.process.getBuiltinModule?.("node:worker_threads") as NodeThreads | undefined;
    const os = g.process.getBuiltinModule?.("node:os") as NodeOs | undefined;
    return threads && os ? nodeFactory(threads, os) : null;
  }
  if (g.Worker && g.Blob && g.URL) {
    const url = g.URL.createObjectURL(new g.Blob([WORKER_SOURCE], { type: "text/javascript" }));
    const WorkerCtor = g.Worker;
    return { spawn: () => new WorkerCtor(url), cores: g.navigator?.hardwareConcurrency ?? 1 };
  }
  return null;
}

/** Node before 20.16: the built-ins by dynamic import. */
async function workerFactoryAsync(): Promise<Factory | null> {
  // Computed specifiers keep bundlers from resolving Node built-ins for browser builds.
  const threadsName = "node:worker_threads";
  const osName = "node:os";
  const threads = (await import(/* @vite-ignore */ threadsName)) as NodeThreads;
  const os = (await import(/* @vite-ignore */ osName)) as NodeOs;
  return nodeFactory(threads, os);
}

function defaultThreads(): number | undefined {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const value = Number(g.process?.env?.SINAPSE_THREADS);
  return Number.isInteger(value) && value >= 1 ? value : undefined;
}

export class ThreadPool {
  private readonly arena: Heap;
  private readonly ctl: Int32Array;
  /** Threads wanted, the calling one included (null: one per core, at most 4). */
  private wanted: number | null = defaultThreads() ?? null;
  private workers = 0;
  private starting = false;
  private readonly usable: boolean;

  constructor(arena: Heap) {
    this.arena = arena;
    this.usable = arena.shared && canBlock();
    this.ctl = new Int32Array(arena.memory.buffer, arena.controlAddress, 64);
  }

  /** Threads products may use now (started workers only), the calling one included. */
  get threads(): number {
    if (!this.usable) return 1;
    let ready = 0;
    for (let w = 0; w < MAX_WORKERS; w++) ready += Atomics.load(this.ctl, READY + w);
    return Math.min(1 + ready, this.wanted ?? 1 + ready);
  }

  /** Sets how many threads large products may use (1: the calling thread only). */
  setThreads(count: number): void {
    this.wanted = count;
    if (count > 1) this.start();
  }

  /** C[m, n] = packed A · packed B, its row panels split between threads when large enough. */
  gemm(ap: number, bp: number, c: number, m: number, n: number, k: number): void {
    const kernels = this.arena.kernels;
    const panels = Math.ceil(m / 4);
    if (!this.usable || m * n * k < MIN_THREADED_MACS || panels < 2) {
      kernels.gemmPacked(ap, bp, c, m, n, k, 0, panels);
      return;
    }
    if (this.workers === 0 && !this.starting && this.wanted !== 1) this.start();
    const ctl = this.ctl;
    // Workers that have started, in index order (they may start in any order).
    const helpers: number[] = [];
    const most = (this.wanted ?? MAX_WORKERS + 1) - 1;
    for (let w = 0; w < MAX_WORKERS && helpers.length < most; w++) {
      if (Atomics.load(ctl, READY + w) === 1) helpers.push(w);
    }
    if (helpers.length === 0) {
      kernels.gemmPacked(ap, bp, c, m, n, k, 0, panels);
      return;
    }
    const share = Math.ceil(panels / (helpers.length + 1));
    for (let w = 0; w < MAX_WORKERS; w++) {
      ctl[RANGES + 2 * w] = 0;
      ctl[RANGES + 2 * w + 1] = 0;
    }
    helpers.forEach((w, i) => {
      ctl[RANGES + 2 * w] = Math.min(panels, i * share);
      ctl[RANGES + 2 * w + 1] = Math.min(panels, (i + 1) * share);
    });
    ctl.set([ap, bp, c, m, n, k], ARGS);
    const gen = Atomics.add(ctl, GEN, 1) + 1;
    Atomics.notify(ctl, GEN);
    // The calling thread takes the last share, then waits for each worker's.
    kernels.gemmPacked(ap, bp, c, m, n, k, Math.min(panels, helpers.length * share), panels);
    for (const w of helpers) {
      for (let spin = 0; Atomics.load(ctl, DONE + w) !== gen && spin < 100000; spin++);
      for (let seen = Atomics.load(ctl, DONE + w); seen !== gen; seen = Atomics.load(ctl, DONE + w)) {
        Atomics.wait(ctl, DONE + w, seen, 50);
      }
    }
  }

  private start(): void {
    if (this.starting || !this.usable) return;
    this.starting = true;
    const spawnAll = (factory: Factory | null): void => {
      if (!factory) return;
      const count = Math.min(MAX_WORKERS, Math.max(0, (this.wanted ?? Math.min(4, factory.cores)) - 1));
      for (let index = 0; index < count; index++) {
        const worker = factory.spawn();
        worker.unref?.(); // idle workers must not keep Node running
        worker.postMessage({
          module: this.arena.module,
          memory: this.arena.memory,
          control: this.arena.controlAddress,
          index,
        });
        this.workers++;
      }
    };
    try {
      const factory = workerFactorySync();
      if (factory) {
        spawnAll(factory);
        return;
      }
    } catch {
      // Fall through to the asynchronous way, or to one thread.
    }
    const g = globalThis as { process?: { versions?: { node?: string } } };
    if (!g.process?.versions?.node) return;
    workerFactoryAsync()
      .then(spawnAll)
      .catch(() => {
        // No workers on this platform: products keep running on the calling thread.
      });
  }
}
