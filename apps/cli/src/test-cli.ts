/** Test helper: runs the built binary (dist/cli.js) as a child process, as a user would. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `sinapse ...args` in `cwd`, with `input` on stdin; resolves with the exit code and output. */
export function sinapse(args: string[], options: { cwd?: string; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { cwd: options.cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? "");
  });
}

export function requireBuild(): void {
  if (!existsSync(cli))
    throw new Error("cli tests: dist/cli.js is missing, run `pnpm --filter @sinapse/cli build` first");
}

/** No stack-trace line (`at fn (file:1:2)`) in `text`. */
export const stackTrace = /\bat .+:\d+:\d+/;
