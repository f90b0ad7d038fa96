/**
 * The tarballs users install: publint and are-the-types-wrong on each packed package,
 * and the manifest rules every published package follows.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";
import { pack, publishedApps, publishedPackages, root } from "./workspace.js";

// require(esm) without a flag (the CJS entries load the ESM build) and process.getBuiltinModule.
const MIN_NODE = "^20.19.0 || >=22.12.0";

const packages = publishedPackages();
const attw = join(root, "tools/package-checks/node_modules/.bin/attw");

describe.each(packages)("$name (packed)", ({ dir }) => {
  const tarball = pack(dir);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

  it("passes publint with no errors, warnings or suggestions", async () => {
    const buffer = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
      level: "suggestion",
    });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });

  it("passes are-the-types-wrong for every resolution mode", () => {
    const result = execFileSync(attw, [tarball, "--format", "json", "--no-color"], { encoding: "utf8" });
    const problems = (JSON.parse(result) as { analysis: { problems: unknown[] } }).analysis.problems;
    expect(problems).toEqual([]);
  });

  it("declares exports with types first, sideEffects: false, files, a license and the real minimum Node", () => {
    for (const [path, entry] of Object.entries(manifest.exports)) {
      if (path === "./package.json") continue;
      const { import: esm, require: cjs } = entry as { import: object; require: object };
      expect(Object.keys(esm)[0], path).toBe("types");
      expect(Object.keys(cjs)[0], path).toBe("types");
    }
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.files).toContain("dist");
    expect(manifest.license).toBe("MIT");
    expect(manifest.engines.node).toBe(MIN_NODE);
  });

  it("uses ranges, not exact pins, for its runtime dependencies", () => {
    for (const [name, range] of Object.entries<string>(manifest.dependencies ?? {})) {
      expect(range, name).toMatch(/^(\^|workspace:\^)/);
    }
  });
});

describe.each(publishedApps())("$name (packed app)", ({ dir }) => {
  const tarball = pack(dir);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

  it("passes publint with no errors, warnings or suggestions", async () => {
    const buffer = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
      level: "suggestion",
    });
    expect(messages.map((m) => formatMessage(m, pkg) ?? m.code)).toEqual([]);
  });

  it("ships only dist/ and the README, with a license, engines and ranges", () => {
    const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    for (const file of files) expect(file).toMatch(/^package\/(dist\/|README\.md$|LICENSE$|package\.json$)/);
    expect(files).toContain("package/dist/train-worker.js");
    expect(manifest.license).toBe("MIT");
    expect(manifest.engines.node).toBe(MIN_NODE);
    for (const range of Object.values<string>(manifest.dependencies)) expect(range).toMatch(/^(\^|workspace:\^)/);
  });
});
