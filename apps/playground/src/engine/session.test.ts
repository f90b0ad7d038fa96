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
});
