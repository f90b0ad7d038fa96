// `node --test`: the summaries the bench prints (no timing is asserted anywhere).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fmtRatio, perCallMs, quantile, roundRatios, summary, warm } from "./stats.mjs";

test("quantile interpolates linearly between order statistics, as NumPy does", () => {
  assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
  assert.equal(quantile([10], 0.75), 10);
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test("summary gives median, min, max and quartiles", () => {
  assert.deepEqual(summary([5, 1, 3]), { n: 3, median: 3, min: 1, max: 5, q1: 2, q3: 4 });
});

test("roundRatios pairs rounds and orients times so that higher is better", () => {
  assert.deepEqual(roundRatios([4, 6], [2, 3], true), [2, 2]);
  assert.deepEqual(roundRatios([2, 3], [4, 6], false), [2, 2]);
  assert.deepEqual(roundRatios([4, Number.NaN, 6], [2, 3, 0], true), [2]);
});

test("fmtRatio prints the median and the range over rounds", () => {
  assert.equal(fmtRatio(summary([2, 1.5, 3])), "2.00× [1.50–3.00]");
  assert.equal(fmtRatio(summary([2])), "2.00×");
});

const busy = (ms) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

test("perCallMs measures a call longer than the budget twice and keeps the faster", async () => {
  let calls = 0;
  const ms = await perCallMs(
    () => {
      calls++;
      busy(20);
    },
    { budgetMs: 5 },
  );
  assert.equal(calls, 2);
  assert.ok(ms >= 20);
});

test("perCallMs runs at least minBatches batches of short calls", async () => {
  let calls = 0;
  await perCallMs(
    () => {
      calls++;
    },
    { budgetMs: 1, batchMs: 0.01, minBatches: 4 },
  );
  assert.ok(calls >= 4);
});

test("warm calls once at least, stops at `calls`, and returns the first call's time", async () => {
  let calls = 0;
  const first = await warm(
    () => {
      calls++;
    },
    { calls: 7, capMs: 1e9 },
  );
  assert.equal(calls, 7);
  assert.ok(first >= 0);
  calls = 0;
  await warm(
    () => {
      calls++;
    },
    { calls: 7, capMs: 0 },
  );
  assert.equal(calls, 1);
});
