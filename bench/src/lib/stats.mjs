// Summaries over rounds, the per-call timer every in-process case uses, and number formats.

/** The q-quantile (0 ≤ q ≤ 1) of `values`, linearly interpolated (NumPy's default). */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Median, min, max, first and third quartiles of `values`. */
export function summary(values) {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
  };
}

/**
 * Per-round ratios `ours[i] / peer[i]` (rates: higher is better) or `peer[i] / ours[i]`
 * (times: lower is better), so the ratio always reads "how many times better Sinapse is".
 * Rounds where either side is missing are left out.
 */
export function roundRatios(ours, peer, higherIsBetter) {
  const out = [];
  for (let i = 0; i < Math.min(ours.length, peer.length); i++) {
    const a = ours[i];
    const b = peer[i];
    if (!(a > 0) || !(b > 0)) continue;
    out.push(higherIsBetter ? a / b : b / a);
  }
  return out;
}

/** A rate or time with three significant figures (at least), no exponent. */
export function fmt(v) {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

/** `median [min–max]` of a summary. */
export function fmtSpread(s, unit = "") {
  if (!s || s.n === 0) return "–";
  if (s.n === 1) return `${fmt(s.median)}${unit}`;
  return `${fmt(s.median)}${unit} [${fmt(s.min)}–${fmt(s.max)}]`;
}

/** A ratio summary as `2.10× [1.93–2.31]`. */
export function fmtRatio(s) {
  if (!s || s.n === 0) return "–";
  const r = (v) => (v >= 100 ? Math.round(v).toLocaleString("en-US") : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  if (s.n === 1) return `${r(s.median)}×`;
  return `${r(s.median)}× [${r(s.min)}–${r(s.max)}]`;
}

/**
 * Milliseconds per call of `fn`, the median over batches: calls are timed in batches of k
 * (k doubled until a batch takes ≥ `batchMs`), so the timer's own cost (tens of ns) does
 * not count against sub-microsecond calls; batches run until `budgetMs` has passed and at
 * least `minBatches` have run. A first call longer than `budgetMs`: the faster of two calls.
 * `fn` may return a promise (awaited).
 */
export async function perCallMs(fn, { budgetMs, batchMs = Math.max(1, budgetMs / 25), minBatches = 3 }) {
  const run = async (k) => {
    const t0 = performance.now();
    for (let i = 0; i < k; i++) {
      const r = fn();
      if (r && typeof r.then === "function") await r;
    }
    return performance.now() - t0;
  };
  let k = 1;
  let t = await run(1);
  // A call longer than the whole budget: the faster of it and one more call is the
  // measurement (one call alone may have met a GC pause or a descheduled thread).
  if (t >= budgetMs) return Math.min(t, await run(1));
  while (t < batchMs && k < 1 << 24) {
    k *= 2;
    t = await run(k);
  }
  const per = [t / k];
  const start = performance.now();
  while (per.length < minBatches || performance.now() - start < budgetMs) per.push((await run(k)) / k);
  return quantile(per, 0.5);
}

/**
 * Runs `fn` until it has been called `calls` times or `capMs` has passed (V8 warm-up), at
 * least once; returns the first call's time in ms.
 */
export async function warm(fn, { calls, capMs }) {
  const start = performance.now();
  let first = null;
  for (let i = 0; i < calls && (i === 0 || performance.now() - start < capMs); i++) {
    const r = fn();
    if (r && typeof r.then === "function") await r;
    first ??= performance.now() - start;
  }
  return first;
}
