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

/** The file handle calls `writeFileAtomic` makes (those of `node:fs/promises`' FileHandle). */
export interface AtomicWriteHandle {
  writeFile(data: Uint8Array | string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file-system calls `writeFileAtomic` makes — `node:fs/promises` fits — injectable for
 * tests (a full disk, a read-only folder). Declared here so that the package's types do not
 * need Node's.
 */
export interface AtomicWriteFs {
  open(path: string, flags: "wx" | "r"): Promise<AtomicWriteHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
  readdir(path: string): Promise<string[]>;
}

/**
 * A file could not be written or read: `op: cannot write <path>: <Node's message>`; `path` is
 * the file the caller named (never a temporary one), `code` Node's (`ENOSPC`, `EACCES`, …).
 */
export class FileError extends SinapseError {
  readonly path: string;
  readonly code: string | undefined;
  constructor(op: string, path: string, code: string | undefined, problem: string, action: "read" | "write" = "write") {
    super(op, `cannot ${action} ${path}: ${problem}`);
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

/** A Node built-in module, or a ValueError naming `op` outside Node. */
export function builtin<T>(op: string, id: string): T {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const module = proc?.getBuiltinModule?.(id) as T | undefined;
  if (!module)
    throw new ValueError(op, "needs Node.js ≥ 20.16 (file access); in a browser use toBytes() / fromBytes()");
  return module;
}

/**
 * The pid in `entry` when it is a temporary name of a save to `name` —
 * `.<name>.sinapse-<pid>-<8 hex>.tmp` — else NaN.
 */
export function temporaryPid(entry: string, name: string): number {
  const prefix = `.${name}.sinapse-`;
  const match = entry.startsWith(prefix) ? /^(\d+)-[0-9a-f]{8}\.tmp$/.exec(entry.slice(prefix.length)) : null;
  return match ? Number(match[1]) : Number.NaN;
}

/** True unless a process `pid` may still be running (this one's own saves may be in flight). */
function processIsGone(pid: number): boolean {
  try {
    return pid !== process.pid && !process.kill(pid, 0);
  } catch (error) {
    return (error as { code?: string }).code === "ESRCH";
  }
}

/** Removes the temporary files of earlier saves to `name` in `dir` whose process is gone. */
async function removeStale(fs: AtomicWriteFs, path: PathModule, dir: string, name: string): Promise<void> {
  // A folder that cannot be listed: the write below reports what is wrong with it.
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const entry of names) {
    const pid = temporaryPid(entry, name);
    // rm fails only when another save removed the file first.
    if (pid >= 0 && processIsGone(pid)) await fs.rm(path.join(dir, entry), { force: true }).catch(() => undefined);
  }
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
  const fs: AtomicWriteFs = options.fs ?? builtin<FsPromises>(op, "node:fs/promises");
  const paths = builtin<PathModule>(op, "node:path");
  const dir = paths.dirname(path);
  const name = paths.basename(path);
  await removeStale(fs, paths, dir, name);
  const suffix = Math.floor(Math.random() * 2 ** 32)
    .toString(16)
    .padStart(8, "0");
  const temporary = paths.join(dir, `.${name}.sinapse-${process.pid}-${suffix}.tmp`);
  let handle: AtomicWriteHandle | undefined;
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
    // Node's message (`ENOSPC: no space left on device, write`), naming the target where it named the temporary file.
    throw new FileError(op, path, code, String((error as Error).message ?? error).replaceAll(temporary, path));
  }
  try {
    const folder = await fs.open(dir, "r");
    await folder.sync().finally(() => folder.close());
  } catch {
    // Some systems cannot fsync a folder (Windows); the rename itself has happened.
  }
}
