// `pnpm book`: replays the book's chapters from seed 0 and prints each final result next to
// the book's printed one (accuracy within ±0.03 and loss within ±0.05 is the goal: NumPy
// itself drifts from the book after a few hundred Adam epochs).
import * as ch11 from "./ch11.mjs";
import * as ch14 from "./ch14.mjs";
import * as ch15 from "./ch15.mjs";
import * as ch16 from "./ch16.mjs";
import * as ch17 from "./ch17.mjs";
import * as ch19 from "./ch19.mjs";

const rows = [];
for (const [name, chapter] of [
  ["11", ch11],
  ["14", ch14],
  ["15", ch15],
  ["16", ch16],
  ["17", ch17],
]) {
  const started = performance.now();
  const { history, validation } = chapter.run();
  const seconds = (performance.now() - started) / 1000;
  const last = history.at(-1);
  const b = chapter.book;
  const within = (ours, theirs, tol) => (theirs === undefined ? "" : Math.abs(ours - theirs) <= tol ? "✓" : "✗");
  rows.push({
    chapter: name,
    "train acc": `${last.accuracy.toFixed(3)}${b ? ` (book ${b.train.acc.toFixed(3)}) ${within(last.accuracy, b.train.acc, 0.03)}` : ""}`,
    "train loss": `${last.loss.toFixed(3)}${b ? ` (book ${b.train.loss.toFixed(3)}) ${within(last.loss, b.train.loss, 0.05)}` : ""}`,
    "val acc": `${validation.accuracy.toFixed(3)}${b ? ` (book ${b.validation.acc.toFixed(3)}) ${within(validation.accuracy, b.validation.acc, 0.03)}` : ""}`,
    "val loss": `${validation.loss.toFixed(3)}${b ? ` (book ${b.validation.loss.toFixed(3)}) ${within(validation.loss, b.validation.loss, 0.05)}` : ""}`,
    seconds: seconds.toFixed(1),
  });
  console.log(`chapter ${name} done in ${seconds.toFixed(1)} s`);
}
try {
  const { validation, seconds } = await ch19.run();
  rows.push({
    chapter: "19",
    "train acc": "",
    "train loss": "",
    "val acc": `${validation.accuracy.toFixed(3)} (goal ≥ ${ch19.goal.validationAccuracy}) ${validation.accuracy >= ch19.goal.validationAccuracy ? "✓" : "✗"}`,
    "val loss": validation.loss.toFixed(3),
    seconds: seconds.toFixed(1),
  });
} catch (error) {
  console.log(`Chapter 19 skipped: ${error.message}`);
}
console.table(rows);
