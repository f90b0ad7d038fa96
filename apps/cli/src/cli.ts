#!/usr/bin/env node
/** Entry point of the `sinapse` binary. Exit codes: 0 success, 1 failure, 2 bad usage, 130 Ctrl-C. */
import { CommanderError } from "commander";
import { EXIT, formatError, reportError } from "./errors.js";
import { createProgram } from "./program.js";

// A closed pipe (`sinapse train … | head`) must not end a run before its model is saved.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

const program = createProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version exit through here with code 0; usage errors were already printed.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const report = reportError(error);
    process.stderr.write(formatError(report, process.argv.includes("--debug")));
    process.exitCode = report.exitCode;
  }
}
