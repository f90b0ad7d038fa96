import { describe, expect, it } from "vitest";
import { measure, runBench } from "./bench.js";

describe("bench", () => {
  it("measure returns the median time per call in ms", () => {
    const ms = measure(() => {
      const end = performance.now() + 0.2;
      while (performance.now() < end);
    }, 10);
    // A lower bound only: how much longer a call takes depends on the machine's load.
    expect(ms).toBeGreaterThanOrEqual(0.2);
    expect(Number.isFinite(ms)).toBe(true);
  });

  it("runs every case at the tiny size with a positive value", () => {
    const rows = runBench("tiny");
    expect(rows.map((r) => r.unit)).toContain("GFLOP/s");
    expect(rows.map((r) => r.benchmark)).toContain("chapter 11: 2-64-3, Adam, 30 samples, full batch");
    for (const row of rows) expect(row.value, row.benchmark).toBeGreaterThan(0);
  });
});
