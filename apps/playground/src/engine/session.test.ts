import { describe, expect, it, vi } from "vitest";
import { DEFAULT_EXPERIMENT, normalize } from "./experiment.js";
import type { Report } from "./protocol.js";
import { Session } from "./session.js";

const experiment = normalize({ ...DEFAULT_EXPERIMENT, samples: 60, hidden: [{ units: 4, activation: "tanh" }] });

describe("Session", () => {
  it("reports a snapshot on load and after each single step", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    s.handle({ type: "load", experiment });
    s.handle({ type: "step" });
    s.handle({ type: "step" });
    const batches = reports.map((r) => (r.type === "snapshot" ? r.snapshot.batches : -1));
    expect(batches).toEqual([0, 1, 2]);
  });

  it("plays in slices until paused, reporting as it goes", async () => {
    vi.useFakeTimers();
    try {
      const reports: Report[] = [];
      let clock = 0;
      const s = new Session(
        (r) => reports.push(r),
        () => (clock += 5),
      );
      s.handle({ type: "load", experiment });
      s.handle({ type: "play" });
      await vi.advanceTimersByTimeAsync(5);
      s.handle({ type: "pause" });
      const last = reports.at(-1);
      expect(last?.type === "snapshot" && last.playing).toBe(false);
      expect(last?.type === "snapshot" && last.snapshot.batches).toBeGreaterThan(0);
      const batchesAtPause = last?.type === "snapshot" ? last.snapshot.batches : 0;
      await vi.advanceTimersByTimeAsync(50);
      const after = reports.at(-1);
      expect(after?.type === "snapshot" && after.snapshot.batches).toBe(batchesAtPause);
    } finally {
      vi.useRealTimers();
    }
  });

  it("exports the model in the layers format", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    s.handle({ type: "load", experiment });
    s.handle({ type: "export" });
    const model = reports.find((r) => r.type === "model");
    expect(model?.type === "model" && model.bytes.byteLength).toBeGreaterThan(100);
  });

  it("reports a failure instead of throwing", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    s.handle({ type: "load", experiment: { ...experiment, learningRate: -1 } });
    expect(reports).toEqual([{ type: "error", message: expect.stringContaining("learningRate") }]);
  });

  it("measures the loss after one batch at once, as a point between epochs (it waited for the epoch's end)", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    s.handle({ type: "load", experiment });
    s.handle({ type: "step" });
    const snaps = reports.filter((r) => r.type === "snapshot");
    expect(snaps[0]?.curve.map((c) => c.epoch)).toEqual([0]);
    const after = snaps[1];
    expect(after?.curveStart).toBe(1);
    expect(after?.curve).toHaveLength(1);
    expect(after?.curve[0]?.epoch).toBeGreaterThan(0);
    expect(after?.curve[0]?.epoch).toBeLessThan(1);
    expect(after?.curve[0]?.trainLoss).not.toBe(snaps[0]?.curve[0]?.trainLoss);
  });

  it("sends only the curve points that are new since the last snapshot", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    s.handle({ type: "load", experiment });
    for (let i = 0; i < 5; i++) s.handle({ type: "step" });
    const snaps = reports.filter((r) => r.type === "snapshot");
    // Each snapshot starts where the previous one ended: no point twice, none missing.
    for (let i = 1; i < snaps.length; i++) {
      const prev = snaps[i - 1] as (typeof snaps)[number];
      expect(snaps[i]?.curveStart).toBe(prev.curveStart + prev.curve.length);
    }
    const epochs = snaps.flatMap((r) => r.curve.map((c) => c.epoch));
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    expect(snaps.every((r) => !("curve" in r.snapshot))).toBe(true);
  });

  it("pauses and reports a divergence with the epoch and batch where the loss stopped being finite", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    const e = normalize({
      ...experiment,
      dataset: "regressionPlane",
      hidden: [{ units: 8, activation: "relu" }],
      optimizer: "sgd",
      learningRate: 10,
      momentum: 0.9,
    });
    s.handle({ type: "load", experiment: e });
    for (let i = 0; i < 50; i++) s.handle({ type: "step" });
    const last = reports.at(-1);
    expect(last?.type).toBe("snapshot");
    if (last?.type !== "snapshot") return;
    expect(last.playing).toBe(false);
    expect(last.diverged).toMatchObject({ epoch: expect.any(Number), batches: last.snapshot.batches });
    expect(["Infinity", "NaN", "-Infinity"]).toContain(last.diverged?.loss);
    // The pictures are the last finite state's, so they can still be drawn.
    expect(last.snapshot.weights.flat(2).every(Number.isFinite)).toBe(true);
    expect(reports.some((r) => r.type === "error")).toBe(false);
  });

  it("sets a weight by hand and reports it at once", () => {
    const reports: Report[] = [];
    const s = new Session((r) => reports.push(r));
    s.handle({ type: "load", experiment });
    s.handle({ type: "setWeight", layer: 0, from: 1, to: 2, value: 3.5 });
    const last = reports.at(-1);
    expect(last?.type === "snapshot" && last.snapshot.weights[0]?.[1]?.[2]).toBe(3.5);
    s.handle({ type: "setWeight", layer: 0, from: 9, to: 0, value: 1 });
    expect(reports.at(-1)).toEqual({ type: "error", message: expect.stringContaining("w[0][9][0]") });
  });
});
