/**
 * The page's handle on training: one runner (a worker when possible) for the app's life;
 * every change of the experiment reloads it (a fresh network, as TensorFlow Playground
 * does), and reports become React state. Snapshots bring only new curve points, which
 * are appended here, so the message per frame stays small however long the run.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import type { Experiment } from "../engine/experiment.js";
import type { Divergence, Report, SnapshotReport } from "../engine/protocol.js";
import { createRunner, type Runner } from "../engine/runner.js";
import type { CurvePoint, Snapshot } from "../engine/trainer.js";

/** requestAnimationFrame where there is one (browsers), a 16 ms timer elsewhere. */
function requestFrame(callback: () => void): number {
  if (typeof requestAnimationFrame === "function") return requestAnimationFrame(callback);
  return setTimeout(callback, 16) as unknown as number;
}

/**
 * The pictures are redrawn at most this often while training (about 16 times a second):
 * the eye sees smooth progress, and the page keeps most of each second for input.
 */
const DRAW_MS = 60;

export interface Training {
  snapshot: Snapshot | null;
  playing: boolean;
  batchesPerSecond: number;
  error: string | null;
  /** Where the loss stopped being finite, or null. */
  diverged: Divergence | null;
  /** Where training runs; null until the runner has started. */
  inWorker: boolean | null;
  play: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  setWeight: (layer: number, from: number, to: number, value: number) => void;
  exportModel: () => Promise<Uint8Array>;
}

export function useTraining(experiment: Experiment, options: { worker?: boolean } = {}): Training {
  const worker = options.worker;
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [diverged, setDiverged] = useState<Divergence | null>(null);
  const runner = useRef<Runner | null>(null);
  const exports = useRef<((bytes: Uint8Array) => void)[]>([]);
  const [inWorker, setInWorker] = useState<boolean | null>(null);
  const pending = useRef<SnapshotReport | null>(null);
  const frame = useRef<number | null>(null);
  const curve = useRef<{ run: number; points: CurvePoint[] }>({ run: 0, points: [] });
  const lastDraw = useRef(0);

  useEffect(() => {
    const onReport = (r: Report) => {
      if (r.type === "snapshot") {
        // Every report's new curve points are kept, even when its pictures are skipped.
        const c = curve.current;
        if (c.run !== r.run) curve.current = { run: r.run, points: r.curve.slice() };
        else if (r.curve.length > 0) c.points = [...c.points.slice(0, r.curveStart), ...r.curve];
        // Draw at most once per animation frame: snapshots that arrive while the page is
        // still drawing the previous one are replaced by the newest, never queued.
        pending.current = r;
        if (frame.current === null) {
          // While playing, wait until DRAW_MS have passed since the last drawing; a pause,
          // a step or a new run is drawn on the next frame.
          const wait = r.playing ? Math.max(0, lastDraw.current + DRAW_MS - performance.now()) : 0;
          const draw = () => {
            frame.current = null;
            lastDraw.current = performance.now();
            const latest = pending.current;
            if (!latest) return;
            const points = curve.current.points;
            const next: Snapshot = { ...latest.snapshot, curve: points };
            // Buttons follow at once; the pictures render as a transition, in slices that
            // yield to input, so drawing a snapshot never blocks the page for long.
            setPlaying(latest.playing);
            setDiverged(latest.diverged);
            startTransition(() => {
              setSnapshot(next);
              setRate(latest.batchesPerSecond);
            });
          };
          frame.current =
            wait > 0 ? (setTimeout(() => requestFrame(draw), wait) as unknown as number) : requestFrame(draw);
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
    setDiverged(null);
    runner.current?.send({ type: "load", experiment });
  }, [experiment]);

  const send = useCallback((type: "play" | "pause" | "step") => runner.current?.send({ type }), []);
  return {
    snapshot,
    playing,
    batchesPerSecond: rate,
    error,
    diverged,
    inWorker,
    play: useCallback(() => {
      send("play");
      setPlaying(true);
    }, [send]),
    pause: useCallback(() => {
      send("pause");
      setPlaying(false);
    }, [send]),
    step: useCallback(() => send("step"), [send]),
    reset: useCallback(() => {
      setError(null);
      setDiverged(null);
      setPlaying(false);
      runner.current?.send({ type: "load", experiment });
    }, [experiment]),
    setWeight: useCallback(
      (layer: number, from: number, to: number, value: number) =>
        runner.current?.send({ type: "setWeight", layer, from, to, value }),
      [],
    ),
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
