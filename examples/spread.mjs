// `pnpm --filter @sinapse/examples spread ch14 10`: how far a chapter's final numbers move
// when one first-layer weight is nudged by a relative 1e-5 before training (run k nudges
// weight k − 1; run 0 is the plain replay). Adam on these small networks is chaotic: a
// last-bit difference (NumPy's float32 exp or summation order against ours) grows into a
// different end point, so the book's printed numbers are one draw from this spread.
import { Model } from "@sinapse/layers";

const [chapter = "ch14", count = "10"] = process.argv.slice(2);
const runs = Number(count);
if (!/^ch1[1456]$/.test(chapter) || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: spread.mjs ch11|ch14|ch15|ch16 <runs ≥ 1>");
  process.exit(2);
}
const { run, book } = await import(`./${chapter}.mjs`);

let nudge = 0;
const finalize = Model.prototype.finalize;
// Test harness only: nudges the first Dense layer's weight `nudge − 1` in place as the
// chapter's model is finalized.
Model.prototype.finalize = function nudgedFinalize() {
  const model = finalize.call(this);
  if (nudge > 0) {
    const w = this.layers[0].weights.value;
    const view = w.storage.view().subarray(w.offset, w.offset + w.size);
    view[(nudge - 1) % view.length] *= 1 + 1e-5;
  }
  return model;
};

const metrics = [
  ["train acc", (r) => r.acc, book.train.acc, 0.03],
  ["train loss", (r) => r.loss, book.train.loss, 0.05],
  ["val acc", (r) => r.valAcc, book.validation.acc, 0.03],
  ["val loss", (r) => r.valLoss, book.validation.loss, 0.05],
];
const results = [];
for (nudge = 0; nudge <= runs; nudge++) {
  const started = performance.now();
  const { history, validation } = run();
  const last = history.at(-1);
  const r = { run: nudge, acc: last.accuracy, loss: last.loss, valAcc: validation.accuracy, valLoss: validation.loss };
  results.push(r);
  const inside = metrics.every(([, get, theirs, tol]) => Math.abs(get(r) - theirs) <= tol);
  console.log(
    `run ${nudge}: acc ${r.acc.toFixed(3)} loss ${r.loss.toFixed(3)} · validation acc ${r.valAcc.toFixed(3)} loss ${r.valLoss.toFixed(3)}` +
      ` ${inside ? "(all four within the book's tolerance)" : ""} ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}
const rows = {};
for (const [name, get, theirs, tol] of metrics) {
  const values = results.map(get).sort((a, b) => a - b);
  const within = values.filter((v) => Math.abs(v - theirs) <= tol).length;
  rows[name] = {
    book: theirs,
    min: values[0].toFixed(3),
    median: values[Math.floor(values.length / 2)].toFixed(3),
    max: values.at(-1).toFixed(3),
    "runs within tolerance": `${within} of ${values.length}`,
  };
}
console.table(rows);
