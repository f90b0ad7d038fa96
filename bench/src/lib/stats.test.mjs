// `node --test`: the summaries the bench prints (no timing is asserted anywhere).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fmtRatio, quantile, roundRatios, summary } from "./stats.mjs";

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
