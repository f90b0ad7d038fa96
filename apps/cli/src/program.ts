/** The `sinapse` command tree (commander), kept apart from process handling for tests. */
import { Command } from "commander";
import { registerBench } from "./commands/bench.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { collectInfo, registerInfo } from "./commands/info.js";
import { registerPredict } from "./commands/predict.js";
import { registerTrain } from "./commands/train.js";

/** Where commands write. */
export interface Io {
  /** Results: log lines, JSON, predictions, tables. */
  out: (text: string) => void;
  /** Messages and the progress bar. */
  err: NodeJS.WritableStream;
  /** Both streams are terminals: draw a progress bar instead of log lines. */
  interactive: boolean;
}

export const processIo = (): Io => ({
  out: (text) => process.stdout.write(text),
  err: process.stderr,
  interactive: Boolean(process.stdout.isTTY && process.stderr.isTTY),
});

/** Commander's two-line errors (`error: …` and `(Did you mean …?)`) as one `sinapse: …` line. */
function oneLine(text: string): string {
  const line = text
    .trim()
    .replace(/^error: /, "")
    .replace(/\s*\n\s*/g, " ");
  return `sinapse: ${line}\n`;
}

export function createProgram(io: Io = processIo()): Command {
  const program = new Command()
    .name("sinapse")
    .description("Train, evaluate and inspect Sinapse neural networks from a terminal.")
    .version(collectInfo().cli, "-V, --version", "print the sinapse version")
    .option("--debug", "print the stack trace of an error")
    .showSuggestionAfterError(true)
    // Set before adding commands: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err.write(text),
      outputError: (text, write) => write(oneLine(text)),
    })
    .addHelpText(
      "after",
      `
Examples:
  $ sinapse train spiral --save spiral.safetensors    the book's chapter 11 model
  $ sinapse evaluate spiral.safetensors spiral        accuracy on a fresh spiral
  $ sinapse predict spiral.safetensors points.csv     one class per row
  $ sinapse info --json                               versions, backend and runtime
  $ sinapse bench                                     ops and training speed

Run \`sinapse <command> --help\` for a command's flags and examples.

Exit codes:
  0    success
  1    failure: unreadable or malformed file, damaged model, missing data, error in training
  2    bad command line: unknown command, flag or dataset, or a bad flag value
  130  interrupted by Ctrl-C (train saves the model trained so far with --save)`,
    );

  registerTrain(program, io);
  registerEvaluate(program, io);
  registerPredict(program, io);
  registerInfo(program, io);
  registerBench(program, io);
  return program;
}
