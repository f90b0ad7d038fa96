/**
 * The main thread's side of training: starts train-worker.js, feeds its messages to the
 * progress reporter, and turns the first Ctrl-C into a shared "stop after this batch" flag
 * (the worker polls it after every batch) and a second into an immediate stop.
 */
import { Worker } from "node:worker_threads";
import type { EpochInfo } from "@sinapse/layers";
import { CliError, Interrupted, WorkerError } from "./errors.js";
import type { Io } from "./program.js";
import { createReporter, type ReportMode } from "./progress.js";
import type { WorkerInput, WorkerMessage } from "./train-worker.js";
import type { TrainConfig } from "./training.js";

export interface Outcome {
  /** The model file's bytes; null when Ctrl-C came before training started. */
  bytes: Uint8Array | null;
  stopped: boolean;
  last: EpochInfo | null;
  epochs: number;
}

/** Runs the config in the worker; resolves when it is done, rejects on its error or a second Ctrl-C. */
export function trainInWorker(config: TrainConfig, mode: ReportMode, printEvery: number, io: Io): Promise<Outcome> {
  const stop = new SharedArrayBuffer(4);
  const input: WorkerInput = { config, stop };
  const worker = new Worker(new URL("./train-worker.js", import.meta.url), { workerData: input });
  const reporter = createReporter(mode, io, printEvery);
  let started = false;
  let interrupts = 0;
  return new Promise<Outcome>((resolvePromise, reject) => {
    const finish = (last: EpochInfo | null = null) => {
      process.off("SIGINT", onSigint);
      if (started) reporter.finish(last);
      started = false;
    };
    const onSigint = () => {
      interrupts += 1;
      if (interrupts === 1) {
        Atomics.store(new Int32Array(stop), 0, 1);
        return;
      }
      void worker.terminate();
      finish();
      reject(new Interrupted("interrupted twice: stopped at once, nothing saved"));
    };
    process.on("SIGINT", onSigint);
    worker.on("message", (message: WorkerMessage) => {
      switch (message.type) {
        case "start":
          if (mode !== "json") io.err.write(`${message.summary}\n`);
          reporter.start(message.plan);
          started = true;
          break;
        case "batch":
          reporter.batch(message.info);
          break;
        case "epoch":
          reporter.epoch(message.info);
          break;
        case "done":
          finish(mode === "bar" ? message.last : null);
          resolvePromise(message);
          break;
        case "error":
          finish();
          reject(new WorkerError(message.error));
          break;
      }
    });
    worker.on("error", (error) => {
      finish();
      reject(error);
    });
    worker.on("exit", (code) => {
      // After "done" or "error" this changes nothing; otherwise the worker died (e.g. out of memory).
      finish();
      reject(new CliError(`training stopped unexpectedly: the training thread exited with code ${code}`));
    });
  });
}
