// Python peers (bench/src/peers.py) as workers that answer one JSON line per command, so
// rounds interleave with Sinapse's. Only this benchmark command gets the BLAS environment
// below: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed (OpenBLAS then detects the CPU
// and picks its best kernel) and one-thread workers get OPENBLAS_NUM_THREADS=1 (and
// torch.set_num_threads(1)). Tests and CI never run this.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../peers.py", import.meta.url));
// Debian's python3-torch and python3-numpy live under /usr/bin/python3 when another
// python3 (pyenv, a venv) comes first on PATH.
const candidates = [process.env.PYTHON, "/usr/bin/python3", "python3"].filter(Boolean);
const found = new Map();

/** The first Python that imports `module` (torch or numpy), or null. */
export function pythonWith(module) {
  if (!found.has(module)) {
    const python = candidates.find((p) => spawnSync(p, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0);
    found.set(module, python ?? null);
  }
  return found.get(module);
}

/** The environment of a Python peer: no pinned OpenBLAS kernel; one BLAS thread when `threads` is 1. */
export function peerEnv(threads) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  delete env.OPENBLAS_NUM_THREADS;
  delete env.OMP_NUM_THREADS;
  if (threads) {
    env.OPENBLAS_NUM_THREADS = String(threads);
    env.OMP_NUM_THREADS = String(threads);
  }
  return env;
}

/**
 * Starts peers.py for `lib` ("torch" or "numpy"), `threads` threads (omitted: the library's
 * default, one per core). Resolves to `{ request(cmd), close() }`, or `{ why }` when no
 * Python can import the library.
 */
export function startPeer(lib, { threads } = {}) {
  return startWorker({
    module: lib,
    script,
    args: [lib, ...(threads ? ["--threads", String(threads)] : [])],
    env: peerEnv(threads),
  });
}

/**
 * Starts a Python worker `script` (one JSON line per command in, one out, a `{"ready": true}`
 * line first) with the first Python (of `pythons`) that imports `module`. Resolves to
 * `{ python, request(cmd), close() }`, or `{ why }` when no such Python exists.
 */
export async function startWorker({ module, script: file, args = [], env = process.env, pythons }) {
  const python = pythonWith(module, pythons);
  if (!python) return { why: `no python3 that can \`import ${module}\` (apt-get install python3-${module})` };
  const child = spawn(python, [file, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  const queued = [];
  lines.on("line", (line) => {
    const next = waiting.shift();
    if (next) next.resolve(line);
    else queued.push(line);
  });
  const exited = new Promise((resolve) => child.on("close", resolve));
  const nextLine = () =>
    queued.length
      ? Promise.resolve(queued.shift())
      : new Promise((resolve, reject) => {
          waiting.push({ resolve });
          exited.then((code) =>
            reject(new Error(`${module} worker exited (${code}): ${stderr.trim().split("\n").at(-1)}`)),
          );
        });
  const ready = JSON.parse(await nextLine());
  if (!ready.ready) throw new Error(`${module} worker did not start`);
  return {
    python,
    async request(cmd) {
      child.stdin.write(`${JSON.stringify(cmd)}\n`);
      const result = JSON.parse(await nextLine());
      if (!result.ok) throw new Error(`${module} worker, ${cmd.op}: ${result.error}`);
      return result;
    },
    async close() {
      child.stdin.end(`${JSON.stringify({ op: "exit" })}\n`);
      await exited;
    },
  };
}
