/**
 * README examples run: every ```ts block that is followed by a ```text block is executed
 * against the built packages, and what it prints must equal the text block.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { format } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { examplesIn } from "./examples.js";
import { publishedPackages, root } from "./workspace.js";

const readmes = [join(root, "README.md"), ...publishedPackages().map((p) => join(p.dir, "README.md"))];
const scratch = join(root, "tools/package-checks/.examples");
mkdirSync(scratch, { recursive: true });

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(readmes.map((file) => ({ file, name: relative(root, file) })))("$name", ({ file, name }) => {
  const examples = examplesIn(readFileSync(file, "utf8"));

  it("has at least one example with its output", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("example at line $line prints what the README shows", async ({ code, output, line }) => {
    const path = join(scratch, `${name.replace(/[^\w]+/g, "_")}_${line}.ts`);
    writeFileSync(path, code);
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    await import(path);
    expect(printed.join("\n")).toBe(output);
  });
});
