/**
 * The CLI's errors and how they reach the user: one line `sinapse: <message>` on stderr,
 * exit 2 for a wrong command line (`UsageError`), 1 for anything that failed after the
 * command line was accepted (`CliError`, a Sinapse library error, a file error), and the
 * stack only with `--debug`.
 */
import { SinapseError } from "@sinapse/tensor";

/** Exit codes, as documented in `sinapse --help` and the README. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Something failed although the command line was fine: a file, the data, the model. Exit 1. */
export class CliError extends Error {
  readonly exitCode: number = EXIT.failure;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line itself is wrong: a flag value, a dataset name, a missing argument. Exit 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = EXIT.usage;
}

/** Ctrl-C ended the command. Exit 130, as shells report a SIGINT. */
export class Interrupted extends CliError {
  override readonly exitCode: number = EXIT.interrupted;
}

/** An error reduced to plain data, so that it can cross from the training worker. */
export interface ErrorReport {
  message: string;
  exitCode: number;
  /** False for errors nobody anticipated (a bug): the line then suggests --debug. */
  expected: boolean;
  stack?: string;
}

/** Node's file-system errors carry a code and (mostly) the path; without one, the message names none. */
function fileErrorMessage(error: Error & { code?: string; path?: string }): string | null {
  const at = error.path ? `${error.path}: ` : "";
  switch (error.code) {
    case "ENOENT":
      return `${at}no such file or directory`;
    case "EACCES":
    case "EPERM":
      return `${at}permission denied`;
    case "EISDIR":
      return `${at}is a directory`;
    case "ENOTDIR":
      return `${at}a parent of this path is not a directory`;
    case "ENOSPC":
      return `${at}no space left on the device`;
    default:
      return null;
  }
}

/** An error that happened in the training worker, as it reported it. */
export class WorkerError extends Error {
  constructor(readonly report: ErrorReport) {
    super(report.message);
  }
}

export function reportError(error: unknown): ErrorReport {
  if (error instanceof WorkerError) return error.report;
  if (!(error instanceof Error)) return { message: String(error), exitCode: EXIT.failure, expected: false };
  const stack = error.stack;
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode, expected: true, stack };
  if (error instanceof SinapseError) return { message: error.message, exitCode: EXIT.failure, expected: true, stack };
  const file = fileErrorMessage(error);
  return { message: file ?? error.message, exitCode: EXIT.failure, expected: file !== null, stack };
}

/** The text for stderr: one line, plus the stack with `debug`. */
export function formatError(report: ErrorReport, debug: boolean): string {
  const hint = report.expected || debug ? "" : " (run again with --debug for the stack trace)";
  const stack = debug && report.stack ? `\n${report.stack}` : "";
  return `sinapse: ${report.message}${hint}${stack}\n`;
}
