/** Bundle size: `size-limit` on the built ESM, with the 66 KB gzip budget for the core three. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./workspace.js";

interface SizeResult {
  name: string;
  size: number;
  passed?: boolean;
  sizeLimit?: number;
}

describe("bundle size (size-limit, minified + gzip)", () => {
  const out = execFileSync(join(root, "node_modules/.bin/size-limit"), ["--json"], { cwd: root, encoding: "utf8" });
  const results = JSON.parse(out) as SizeResult[];

  it("measures every published package", () => {
    const names = results.map((r) => r.name);
    for (const pkg of ["@sinapse/tensor", "@sinapse/autograd", "@sinapse/layers", "@sinapse/data", "@sinapse/viz"]) {
      expect(names).toContain(pkg);
    }
    for (const r of results) expect(r.size).toBeGreaterThan(0);
  });

  it("keeps tensor + autograd + layers within 66 KB gzip", () => {
    const core = results.find((r) => r.name === "tensor + autograd + layers");
    expect(core?.sizeLimit).toBe(66_000);
    expect(core?.passed).toBe(true);
    expect(core?.size).toBeLessThanOrEqual(66_000);
  });
});
