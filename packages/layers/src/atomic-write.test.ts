import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ValueError } from "@sinapse/tensor";
import { afterAll, describe, expect, it } from "vitest";
import { type AtomicWriteFs, FileError, temporaryPid, writeFileAtomic } from "./atomic-write.js";
import { Dense } from "./dense.js";
import { Model } from "./model.js";

const dir = mkdtempSync(join(tmpdir(), "sinapse-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pid above Linux's largest (2²²), so no process has it. */
const GONE = 99_999_999;

/** Node's fs with one call failing like a full disk or a read-only folder. */
function failing(code: string, at: "open" | "write" | "sync" | "rename"): AtomicWriteFs & { removed: string[] } {
  const removed: string[] = [];
  const error = () => Object.assign(new Error(`${code}: simulated, ${at}`), { code });
  return {
    removed,
    readdir: nodeFs.readdir,
    rm: async (path, options) => {
      removed.push(String(path));
      return nodeFs.rm(path, options);
    },
    rename: async (from, to) => {
      if (at === "rename") throw error();
      return nodeFs.rename(from, to);
    },
    open: (async (path: string, flags: string) => {
      if (at === "open") throw error();
      const handle = await nodeFs.open(path, flags);
      if (at === "write") handle.writeFile = async () => Promise.reject(error());
      if (at === "sync") handle.sync = async () => Promise.reject(error());
      return handle;
    }) as AtomicWriteFs["open"],
  };
}

describe("writeFileAtomic", () => {
  it("replaces the file whole and leaves nothing else in the folder", async () => {
    const path = join(dir, "a.txt");
    await writeFileAtomic(path, "first");
    await writeFileAtomic(path, new TextEncoder().encode("second"));
    expect(readFileSync(path, "utf8")).toBe("second");
    expect(readdirSync(dir).filter((f) => f.includes("a.txt"))).toEqual(["a.txt"]);
  });

  it("removes the temporary files of interrupted saves to the same path, and only those", async () => {
    const sub = mkdtempSync(join(dir, "stale-"));
    const path = join(sub, "model.safetensors");
    const stale = [
      `.model.safetensors.sinapse-${GONE}-0123abcd.tmp`,
      `.model.safetensors.sinapse-${GONE + 1}-ffffffff.tmp`,
    ];
    const kept = [
      `.model.safetensors.sinapse-${process.pid}-0123abcd.tmp`, // a save of this process may be in flight
      `.other.safetensors.sinapse-${GONE}-0123abcd.tmp`, // another target
      `.model.safetensors.sinapse-${GONE}-xyz.tmp`, // not our pattern
      ".model.safetensors.tmp",
      "model.safetensors.bak",
    ];
    for (const name of [...stale, ...kept]) writeFileSync(join(sub, name), "left over");
    await writeFileAtomic(path, "new");
    expect(readdirSync(sub).sort()).toEqual([...kept, "model.safetensors"].sort());
  });

  it.each([
    ["ENOSPC", "write"],
    ["ENOSPC", "sync"],
    ["EDQUOT", "write"],
    ["EACCES", "open"],
    ["EROFS", "rename"],
    ["EXDEV", "rename"],
  ] as const)(
    "throws FileError naming the target for %s at %s, keeping the old file and no temporary",
    async (code, at) => {
      const path = join(dir, `full-${code}-${at}.bin`);
      writeFileSync(path, "old");
      const fs = failing(code, at);
      const error = await writeFileAtomic(path, "new", { fs, op: "Model.save" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileError);
      expect((error as FileError).message).toBe(`Model.save: cannot write ${path}: ${code}: simulated, ${at}`);
      expect((error as FileError).path).toBe(path);
      expect((error as FileError).code).toBe(code);
      expect(readFileSync(path, "utf8")).toBe("old");
      expect(readdirSync(dir).filter((f) => temporaryPid(f, `full-${code}-${at}.bin`) >= 0)).toEqual([]);
      if (at !== "open")
        expect(
          fs.removed.some((p) => temporaryPid(p.split("/").pop() ?? "", `full-${code}-${at}.bin`) === process.pid),
        ).toBe(true);
    },
  );

  it("throws FileError naming the target when its folder does not exist", async () => {
    const path = join(dir, "missing", "m.bin");
    await expect(writeFileAtomic(path, "x")).rejects.toThrow(
      `writeFileAtomic: cannot write ${path}: ENOENT: no such file or directory, open '${path}'`,
    );
  });

  it("throws ValueError for an empty path or data of another kind", async () => {
    await expect(writeFileAtomic("", "x")).rejects.toThrow(ValueError);
    await expect(writeFileAtomic("", "x")).rejects.toThrow('writeFileAtomic: path must be a non-empty string, got ""');
    await expect(writeFileAtomic(join(dir, "n"), 5 as unknown as string)).rejects.toThrow(ValueError);
  });

  it("is how Model.save writes: a save that fails names the model file (regression: ENOSPC … write, no path)", async () => {
    const path = join(dir, "nowhere", "model.safetensors");
    await expect(new Model().add(new Dense(2, 2)).save(path)).rejects.toThrow(
      `Model.save: cannot write ${path}: ENOENT: no such file or directory, open '${path}'`,
    );
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
    await expect(Model.load(path)).rejects.toThrow(
      new FileError("Model.load", path, "ENOENT", `ENOENT: no such file or directory, open '${path}'`, "read"),
    );
    await expect(Model.load("")).rejects.toThrow(ValueError);
  });
});
