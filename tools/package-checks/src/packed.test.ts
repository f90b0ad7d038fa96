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
import { pack, publishedPackages, root } from "./workspace.js";

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

  it("declares exports with types first, sideEffects: false, files and a license", () => {
    const dot = manifest.exports["."];
    expect(Object.keys(dot.import)[0]).toBe("types");
    expect(Object.keys(dot.require)[0]).toBe("types");
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.files).toContain("dist");
    expect(manifest.license).toBe("MIT");
  });
});
