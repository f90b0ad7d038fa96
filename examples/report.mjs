// Prints a chapter's final numbers next to the book's.
export function report(title, book, { history, validation }) {
  const last = history.at(-1);
  const row = (label, ours, theirs) =>
    `${label.padEnd(12)} acc ${ours.acc.toFixed(3)} loss ${ours.loss.toFixed(3)}${theirs ? `   (book: acc ${theirs.acc.toFixed(3)} loss ${theirs.loss.toFixed(3)})` : ""}`;
  console.log(title);
  console.log(row("  train", { acc: last.accuracy, loss: last.loss }, book?.train));
  console.log(row("  validation", { acc: validation.accuracy, loss: validation.loss }, book?.validation));
}
