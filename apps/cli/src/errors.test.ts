import { FileError } from "@sinapse/layers";
import { describe, expect, it } from "vitest";
import { EXIT, formatError, reportError } from "./errors.js";

describe("reportError", () => {
  it("names the target of a failed save, not its temporary file (regression: `sinapse: : no space left`)", () => {
    const report = reportError(
      new FileError("--save", "model.safetensors", "ENOSPC", "no space left on the device (ENOSPC)"),
    );
    expect(formatError(report, false)).toBe(
      "sinapse: --save: cannot write model.safetensors: no space left on the device (ENOSPC)\n",
    );
    expect(report.exitCode).toBe(EXIT.failure);
  });

  it("never prints an empty path for a file error that carries none", () => {
    const error = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect(formatError(reportError(error), false)).toBe("sinapse: no space left on the device\n");
  });
});
