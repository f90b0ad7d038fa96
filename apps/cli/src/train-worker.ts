/**
 * The training worker. Training is synchronous, so it runs here, off the main thread: the
 * main thread stays free to draw the progress bar and to catch Ctrl-C, which it passes on
 * through a shared flag that this worker reads after every batch.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { BatchInfo, EpochInfo } from "@sinapse/layers";
import { type ErrorReport, reportError } from "./errors.js";
import { modelFileBytes } from "./model-file.js";
import type { Plan } from "./progress.js";
import { prepare, type TrainConfig, train } from "./training.js";

export interface WorkerInput {
  config: TrainConfig;
  /** One Int32: set to 1 by the main thread to stop after the current batch. */
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: "start"; plan: Plan; summary: string }
  | { type: "batch"; info: BatchInfo }
  | { type: "epoch"; info: EpochInfo }
  | { type: "done"; bytes: Uint8Array | null; stopped: boolean; last: EpochInfo | null; epochs: number }
  | { type: "error"; error: ErrorReport };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const port = parentPort;
if (!port) throw new Error("train-worker.ts runs as a worker thread");
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function main({ config, stop }: WorkerInput): Promise<void> {
  const flag = new Int32Array(stop);
  const session = await prepare(config);
  const { model, meta } = session;
  const samples = session.X.shape[0] as number;
  const a = config.architecture;
  const regularized = a.l1 > 0 || a.l2 > 0;
  const sizes = [meta.features, ...a.hidden, meta.outputs].join("-");
  const validation = session.validation ? `, ${session.validation[0].shape[0]} held out for validation` : "";
  post({
    type: "start",
    plan: { epochs: config.epochs, steps: session.steps, regularized },
    summary: `${config.dataset}: ${samples} samples${validation}; ${meta.task} model ${sizes} (${a.activation}), ${config.optimizer.name}, ${plural(config.epochs, "epoch", "epochs")} of ${plural(session.steps, "batch", "batches")}`,
  });
  if (Atomics.load(flag, 0) !== 0) {
    post({ type: "done", bytes: null, stopped: true, last: null, epochs: 0 }); // Ctrl-C while the data loaded
    return;
  }
  const { history, stopped } = train(session, config, {
    onBatchEnd: session.steps > 1 ? (info) => post({ type: "batch", info }) : undefined,
    onEpochEnd: (info) => post({ type: "epoch", info }),
    shouldStop: () => Atomics.load(flag, 0) !== 0,
  });
  const bytes = modelFileBytes(model, meta);
  post({ type: "done", bytes, stopped, last: history.at(-1) ?? null, epochs: history.length }, [
    bytes.buffer as ArrayBuffer,
  ]);
}

main(workerData as WorkerInput).catch((error: unknown) => post({ type: "error", error: reportError(error) }));
