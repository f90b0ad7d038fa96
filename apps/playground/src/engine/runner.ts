/**
 * Where the page's training runs: a module Web Worker when the browser has one (the UI
 * thread only draws), otherwise the same Session in-thread (tests, old browsers).
 */
import type { Command, Report } from "./protocol.js";
import { Session } from "./session.js";

export interface Runner {
  send(command: Command): void;
  close(): void;
  readonly inWorker: boolean;
}

export function createRunner(onReport: (r: Report) => void, options: { worker?: boolean } = {}): Runner {
  if ((options.worker ?? true) && typeof Worker !== "undefined") {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<Report>) => onReport(event.data);
    worker.onerror = (event) => onReport({ type: "error", message: event.message || "the training worker failed" });
    return { send: (c) => worker.postMessage(c), close: () => worker.terminate(), inWorker: true };
  }
  let open = true;
  const session = new Session((r) => open && onReport(r));
  return {
    send: (c) => session.handle(c),
    close: () => {
      open = false;
      session.handle({ type: "pause" });
    },
    inWorker: false,
  };
}
