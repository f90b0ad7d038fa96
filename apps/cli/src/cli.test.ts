/** The built binary as a whole: help, version, info, bench and usage errors, from a child process. */
import { beforeAll, describe, expect, it } from "vitest";
import { requireBuild, sinapse, stackTrace } from "./test-cli.js";

beforeAll(requireBuild);

describe.concurrent("sinapse", () => {
  it("--help lists the commands with examples and the exit codes", async () => {
    const { code, stdout } = await sinapse(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: sinapse");
    expect(stdout).toMatch(/info \[options\]\s+print package versions/);
    for (const command of ["train", "evaluate", "predict", "bench"])
      expect(stdout).toMatch(new RegExp(`^ {2}${command} `, "m"));
    expect(stdout).toContain("$ sinapse info --json");
    expect(stdout).toMatch(/^ {2}130 +interrupted by Ctrl-C/m);
  });

  it("exits 2 and shows help when no command is given", async () => {
    const { code, stderr } = await sinapse([]);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: sinapse");
  });

  it("--version prints the CLI version", async () => {
    const { code, stdout } = await sinapse(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("info prints every package version, the backend and what the runtime offers", async () => {
    const { code, stdout } = await sinapse(["info"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^@sinapse\/tensor\s+\d+\.\d+\.\d+$/m);
    expect(stdout).toMatch(/^@sinapse\/layers\s+\d+\.\d+\.\d+$/m);
    expect(stdout).toMatch(/^sinapse\s+\d+\.\d+\.\d+$/m);
    expect(stdout).toMatch(/^backend\s+(js|wasm)$/m);
    expect(stdout).toMatch(/^wasm simd\s+(not )?available/m);
    expect(stdout).toMatch(/^cores\s+\d+$/m);
    expect(stdout).toContain(process.version);
  });

  it("info --json prints one parseable object with the runtime probes", async () => {
    const { stdout } = await sinapse(["info", "--json"]);
    const info = JSON.parse(stdout) as {
      backend: string;
      backends: string[];
      packages: Record<string, string>;
      runtime: { wasmSimd: boolean; sharedArrayBuffer: boolean; cores: number };
    };
    expect(info.backend).toBe(info.runtime.wasmSimd ? "wasm" : "js");
    expect(info.backends).toContain("js");
    expect(Object.keys(info.packages)).toContain("@sinapse/autograd");
    expect(typeof info.runtime.wasmSimd).toBe("boolean");
    expect(info.runtime.sharedArrayBuffer).toBe(typeof SharedArrayBuffer === "function");
    expect(info.runtime.cores).toBeGreaterThanOrEqual(1);
  });

  it("bench --size tiny prints a table with every case (smoke test)", async () => {
    const { code, stdout } = await sinapse(["bench", "--size", "tiny"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Sinapse, (js|wasm) backend, Node v\d+/);
    expect(stdout).toMatch(/^matmul 32×32\s+[\d.]+\s+GFLOP\/s$/m);
    expect(stdout).toMatch(/^chapter 11: 2-64-3, .+\s+[\d.]+\s+epochs\/s$/m);
  });

  it("suggests the closest command for a typo and exits 2 with one line, no stack trace", async () => {
    const { code, stderr, stdout } = await sinapse(["inf"]);
    expect(code).toBe(2);
    expect(stderr).toBe("sinapse: unknown command 'inf' (Did you mean info?)\n");
    expect(stderr).not.toMatch(stackTrace);
    expect(stdout).toBe("");
  });

  it("rejects unknown options with a suggestion", async () => {
    const { code, stderr } = await sinapse(["info", "--jsn"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--jsn'");
    expect(stderr).toContain("Did you mean --json?");
  });
});
