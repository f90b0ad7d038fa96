/**
 * `writeFileAtomic(path, data)`: the one way Sinapse writes a file (models, and the CLI's
 * outputs). The bytes go to a temporary file beside the target — `.<name>.sinapse-<pid>-<hex>.tmp`
 * — which is flushed to disk (fsync) and then renamed over the target, and the folder is
 * flushed too: the target is always either the old file or the new one, whole. Temporary
 * files that an interrupted save left (their process is gone) are removed by the next save
 * to the same path; nothing else in the folder is touched. Failures are `FileError`s that
 * name the target, never the temporary file.
 *
 * Node only; reached through `process.getBuiltinModule`, so the package still bundles for
 * the browser, where this throws ValueError.
 */
import { SinapseError, ValueError } from "@sinapse/tensor";

type FsPromises = typeof import("node:fs/promises");
type PathModule = typeof import("node:path");

/** The file-system calls `writeFileAtomic` makes (a subset of `node:fs/promises`), injectable for tests. */
export type AtomicWriteFs = Pick<FsPromises, "open" | "rename" | "rm" | "readdir">;

/** A file could not be written or read; `path` is the file the caller named, `code` Node's (`ENOSPC`, …). */
export class FileError extends SinapseError {
  readonly path: string;
  readonly code: string | undefined;
  constructor(op: string, path: string, code: string | undefined, problem: string) {
    super(op, `cannot write ${path}: ${problem}`);
    this.path = path;
    this.code = code;
  }
}

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** The operation named in errors (`writeFileAtomic` by default, `Model.save` for models). */
  op?: string;
  /** The file system to use; Node's by default. */
  fs?: AtomicWriteFs;
}

const PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exhausted",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOENT: "its folder does not exist",
  ENOTDIR: "a parent of this path is not a folder",
  EISDIR: "it is a folder",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many open files",
  EIO: "an input/output error",
};

function builtin<T>(op: string, id: string): T {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const module = proc?.getBuiltinModule?.(id) as T | undefined;
  if (!module)
    throw new ValueError(op, "needs Node.js ≥ 20.16 (file access); in a browser use toBytes() / fromBytes()");
  return module;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The temporary-name pattern for `name`: `.<name>.sinapse-<pid>-<8 hex>.tmp`, the pid captured. */
export function temporaryNamePattern(name: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(name)}\\.sinapse-(\\d+)-[0-9a-f]{8}\\.tmp$`);
}

function processIsGone(pid: number): boolean {
  if (pid === process.pid) return false; // a save of this process may be in flight
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === "ESRCH";
  }
}

/** Removes the temporary files of earlier saves to `name` in `dir` whose process is gone. */
async function removeStale(fs: AtomicWriteFs, path: PathModule, dir: string, name: string): Promise<number> {
  const pattern = temporaryNamePattern(name);
  let removed = 0;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0; // the write below reports what is wrong with the folder
  }
  for (const entry of names) {
    const match = pattern.exec(entry);
    if (!match || !processIsGone(Number(match[1]))) continue;
    try {
      await fs.rm(path.join(dir, entry), { force: true });
      removed++;
    } catch {
      // another save removed it first, or it is not ours to remove
    }
  }
  return removed;
}

/**
 * Writes `data` to `path` atomically and durably (see the file header).
 * @example await writeFileAtomic("predictions.csv", text);
 * @throws ValueError for an empty or non-string path; FileError naming `path` (and Node's
 *   code) when the folder, the disk or the permissions do not allow the write — the
 *   earlier file at `path`, if any, is then left as it was.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const op = options.op ?? "writeFileAtomic";
  if (typeof path !== "string" || path === "")
    throw new ValueError(op, `path must be a non-empty string, got ${JSON.stringify(path)}`);
  if (!(data instanceof Uint8Array) && typeof data !== "string")
    throw new ValueError(op, `data must be a Uint8Array or a string, got ${typeof data}`);
  const fs = options.fs ?? builtin<FsPromises>(op, "node:fs/promises");
  const paths = builtin<PathModule>(op, "node:path");
  const dir = paths.dirname(path);
  const name = paths.basename(path);
  await removeStale(fs, paths, dir, name);
  const suffix = Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, "0");
  const temporary = paths.join(dir, `.${name}.sinapse-${process.pid}-${suffix}.tmp`);
  let handle: Awaited<ReturnType<FsPromises["open"]>> | undefined;
  try {
    handle = await fs.open(temporary, "wx");
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temporary, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as { code?: string }).code;
    const known = code === undefined ? undefined : PROBLEMS[code];
    const problem = known
      ? `${known} (${code})`
      : String((error as Error).message ?? error).replaceAll(temporary, path);
    throw new FileError(op, path, code, problem);
  }
  try {
    const folder = await fs.open(dir, "r");
    await folder.sync().finally(() => folder.close());
  } catch {
    // Some systems cannot fsync a folder (Windows); the rename itself has happened.
  }
}
