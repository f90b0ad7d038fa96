#!/usr/bin/env node
/** Entry point of the `sinapse` binary. Exit codes: 0 success, 1 failure, 2 bad usage. */
import { CommanderError } from "commander";
import { createProgram } from "./program.js";

const program = createProgram();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version exit through here with code 0; usage errors were already printed.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    const debug = process.argv.includes("--debug");
    process.stderr.write(
      `sinapse: ${debug && error instanceof Error ? error.stack : String(error instanceof Error ? error.message : error)}\n`,
    );
    process.exitCode = 1;
  }
}
