/**
 * A 2-8-8-8-3 diagram redrawn with new weights on every animation frame while running,
 * with the updates committed per second and the time per update (from setting new
 * weights to their commit), for checking "30+ updates a second" in a real browser.
 */
import { Random } from "@sinapse/tensor";
import { NetworkDiagram } from "@sinapse/viz";
import { type ReactElement, useEffect, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { lerpWeights, randomWeights } from "./model.js";

const SIZES = [2, 8, 8, 8, 3];

export interface LiveStats {
  updates: number;
  /** Updates in the last full second. */
  perSecond: number;
  /** Median milliseconds from setting new weights to their commit. */
  medianMs: number;
}

/** Per-update cost measured synchronously: React render + DOM commit + style and layout. */
export interface LiveBench {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export function LiveDiagram(): ReactElement {
  const rng = useRef(new Random(7));
  const [data, setData] = useState(() => randomWeights(SIZES, rng.current));
  const [running, setRunning] = useState(false);
  const [stats, setStats] = useState<LiveStats>({ updates: 0, perSecond: 0, medianMs: 0 });
  const started = useRef(0);
  const durations = useRef<number[]>([]);
  const times = useRef<number[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const [bench, setBench] = useState<LiveBench | null>(null);

  /** 60 updates, each flushed and laid out before the next, timed one by one. */
  const measure = () => {
    const samples: number[] = [];
    let current = data;
    for (let i = 0; i < 60; i++) {
      const target = randomWeights(SIZES, rng.current);
      const next = { weights: lerpWeights(current.weights, target.weights, 0.5), biases: target.biases };
      const t0 = performance.now();
      flushSync(() => setData(next));
      box.current?.querySelector("svg")?.getBoundingClientRect();
      samples.push(performance.now() - t0);
      current = next;
    }
    samples.sort((a, b) => a - b);
    setBench({ runs: samples.length, medianMs: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95) });
  };

  useLayoutEffect(() => {
    if (started.current) {
      const now = performance.now();
      durations.current.push(now - started.current);
      times.current.push(now);
      started.current = 0;
    }
  });

  useEffect(() => {
    if (!running) return;
    let frame = 0;
    let target = randomWeights(SIZES, rng.current);
    let t = 0;
    const tick = () => {
      t += 1 / 30;
      if (t >= 1) {
        t = 0;
        target = randomWeights(SIZES, rng.current);
      }
      if (!started.current) started.current = performance.now();
      setData((d) => ({ weights: lerpWeights(d.weights, target.weights, 0.08), biases: d.biases }));
      const now = performance.now();
      if (times.current.length > 0 && times.current.length % 15 === 0) {
        const sorted = [...durations.current].sort((a, b) => a - b);
        setStats({
          updates: times.current.length,
          perSecond: times.current.filter((x) => x > now - 1000).length,
          medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
        });
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [running]);

  return (
    <div ref={box}>
      <p className="gallery-control">
        <button type="button" data-role="live-toggle" onClick={() => setRunning((r) => !r)}>
          {running ? "Stop" : "Start"}
        </button>{" "}
        <button type="button" data-role="live-measure" onClick={measure} disabled={running}>
          Measure 60 updates
        </button>{" "}
        <output
          data-role="live-stats"
          data-updates={stats.updates}
          data-per-second={stats.perSecond}
          data-median-ms={stats.medianMs.toFixed(2)}
        >
          {`${stats.updates} updates, ${stats.perSecond} in the last second, median ${stats.medianMs.toFixed(2)} ms per update`}
        </output>
        {bench ? (
          <output
            data-role="live-bench"
            data-median-ms={bench.medianMs.toFixed(2)}
            data-p95-ms={bench.p95Ms.toFixed(2)}
            style={{ display: "block" }}
          >
            {`${bench.runs} synchronous updates: median ${bench.medianMs.toFixed(2)} ms, 95th percentile ${bench.p95Ms.toFixed(2)} ms (render, commit, layout)`}
          </output>
        ) : null}
      </p>
      <NetworkDiagram sizes={SIZES} weights={data.weights} biases={data.biases} width={560} height={300} />
    </div>
  );
}
