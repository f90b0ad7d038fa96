/** The `sinapse` command tree (commander), kept apart from process handling for tests. */
import { Command } from "commander";
import { collectInfo, formatInfo } from "./info.js";

export function createProgram(write: (text: string) => void = (t) => process.stdout.write(t)): Command {
  const program = new Command()
    .name("sinapse")
    .description("Train, evaluate and inspect Sinapse neural networks from a terminal.")
    .version(collectInfo().cli, "-V, --version", "print the sinapse version")
    .showSuggestionAfterError(true)
    // Set before adding commands: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText(
      "after",
      `
Examples:
  $ sinapse info            versions, backend and runtime
  $ sinapse info --json     the same as one JSON object`,
    );

  program
    .command("info")
    .description("print package versions, the active backend and the runtime")
    .option("--json", "print one JSON object instead of a table")
    .addHelpText("after", "\nExample:\n  $ sinapse info --json")
    .action((options: { json?: boolean }) => {
      const info = collectInfo();
      write(`${options.json ? JSON.stringify(info) : formatInfo(info)}\n`);
    });

  return program;
}
