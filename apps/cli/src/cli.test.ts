/** Runs the built binary (dist/cli.js) as a child process, as a user would. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const run = promisify(execFile);

async function sinapse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  if (!existsSync(cli))
    throw new Error("cli tests: dist/cli.js is missing, run `pnpm --filter @sinapse/cli build` first");
});

describe("sinapse", () => {
  it("--help lists the commands with examples", async () => {
    const { code, stdout } = await sinapse("--help");
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: sinapse");
    expect(stdout).toMatch(/info \[options\]\s+print package versions/);
    expect(stdout).toContain("$ sinapse info --json");
  });

  it("exits 2 and shows help when no command is given", async () => {
    const { code, stderr } = await sinapse();
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: sinapse");
  });

  it("--version prints the CLI version", async () => {
    const { code, stdout } = await sinapse("--version");
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("info prints every package version and the active backend", async () => {
    const { code, stdout } = await sinapse("info");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^@sinapse\/tensor\s+\d+\.\d+\.\d+$/m);
    expect(stdout).toMatch(/^@sinapse\/layers\s+\d+\.\d+\.\d+$/m);
    expect(stdout).toMatch(/^sinapse\s+\d+\.\d+\.\d+$/m);
    expect(stdout).toMatch(/^backend\s+js$/m);
    expect(stdout).toContain(process.version);
  });

  it("info --json prints one parseable object", async () => {
    const { stdout } = await sinapse("info", "--json");
    const info = JSON.parse(stdout) as { backend: string; packages: Record<string, string> };
    expect(info.backend).toBe("js");
    expect(Object.keys(info.packages)).toContain("@sinapse/autograd");
  });

  it("info --help shows its own example", async () => {
    const { code, stdout } = await sinapse("info", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("--json");
  });

  it("suggests the closest command for a typo and exits 2 without a stack trace", async () => {
    const { code, stderr, stdout } = await sinapse("inf");
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'inf'");
    expect(stderr).toContain("Did you mean info?");
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
    expect(stdout).toBe("");
  });

  it("rejects unknown options with a suggestion", async () => {
    const { code, stderr } = await sinapse("info", "--jsn");
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--jsn'");
    expect(stderr).toContain("Did you mean --json?");
  });
});
