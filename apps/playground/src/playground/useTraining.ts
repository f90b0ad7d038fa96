/**
 * The page's handle on training: one runner (a worker when possible) for the page's
 * life; every change of the experiment reloads it (a fresh network, as TensorFlow
 * Playground does), and reports become React state.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import type { Experiment } from "../engine/experiment.js";
import type { Report } from "../engine/protocol.js";
import { createRunner, type Runner } from "../engine/runner.js";
import type { Snapshot } from "../engine/trainer.js";

/** requestAnimationFrame where there is one (browsers), a 16 ms timer elsewhere. */
function requestFrame(callback: () => void): number {
  if (typeof requestAnimationFrame === "function") return requestAnimationFrame(callback);
  return setTimeout(callback, 16) as unknown as number;
}

export interface Training {
  snapshot: Snapshot | null;
  playing: boolean;
  batchesPerSecond: number;
  error: string | null;
  /** Where training runs; null until the runner has started. */
  inWorker: boolean | null;
  play: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  exportModel: () => Promise<Uint8Array>;
}

export function useTraining(experiment: Experiment, options: { worker?: boolean } = {}): Training {
  const worker = options.worker;
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const runner = useRef<Runner | null>(null);
  const exports = useRef<((bytes: Uint8Array) => void)[]>([]);
  const [inWorker, setInWorker] = useState<boolean | null>(null);
  const pending = useRef<Report | null>(null);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    const onReport = (r: Report) => {
      if (r.type === "snapshot") {
        // Draw at most once per animation frame: snapshots that arrive while the page is
        // still drawing the previous one are replaced by the newest, never queued.
        pending.current = r;
        if (frame.current === null) {
          frame.current = requestFrame(() => {
            frame.current = null;
            const latest = pending.current;
            if (latest?.type !== "snapshot") return;
            // A transition: React renders the new pictures in slices and yields to input
            // between them, so drawing a snapshot never blocks the page for long.
            startTransition(() => {
              setSnapshot(latest.snapshot);
              setPlaying(latest.playing);
              setRate(latest.batchesPerSecond);
            });
          });
        }
      } else if (r.type === "model") {
        exports.current.shift()?.(r.bytes);
      } else {
        setError(r.message);
        setPlaying(false);
      }
    };
    const created = createRunner(onReport, worker === undefined ? {} : { worker });
    runner.current = created;
    setInWorker(created.inWorker);
    return () => {
      created.close();
      runner.current = null;
    };
  }, [worker]);

  useEffect(() => {
    setError(null);
    runner.current?.send({ type: "load", experiment });
  }, [experiment]);

  const send = useCallback((type: "play" | "pause" | "step") => runner.current?.send({ type }), []);
  return {
    snapshot,
    playing,
    batchesPerSecond: rate,
    error,
    inWorker,
    play: useCallback(() => {
      send("play");
      startTransition(() => setPlaying(true));
    }, [send]),
    pause: useCallback(() => send("pause"), [send]),
    step: useCallback(() => send("step"), [send]),
    reset: useCallback(() => {
      setError(null);
      setPlaying(false);
      runner.current?.send({ type: "load", experiment });
    }, [experiment]),
    exportModel: useCallback(
      () =>
        new Promise<Uint8Array>((resolve) => {
          exports.current.push(resolve);
          runner.current?.send({ type: "export" });
        }),
      [],
    ),
  };
}
