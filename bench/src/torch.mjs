// Runs bench/src/torch_bench.py (PyTorch, one thread) on the bench's workloads when a Python
// with torch is found, so PyTorch ratios come from the same run. Returns null (and says
// why) when torch is missing.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./torch_bench.py", import.meta.url));
// `python3` first; Debian's python3-torch lives under /usr/bin/python3 when another python3
// (pyenv, a venv) comes first on PATH.
const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);

/** The first Python that imports torch, or null. */
export function torchPython() {
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import torch"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return null;
}

/** PyTorch's numbers for `request` ({ quick, ch11: { X, y } }), or null when torch is unavailable. */
export function runTorch(request) {
  const python = torchPython();
  if (!python) {
    console.log("PyTorch: skipped (no python3 that can `import torch`; install Debian's python3-torch).");
    return null;
  }
  const run = spawnSync(python, [script], { input: JSON.stringify(request), encoding: "utf8", maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    console.log(`PyTorch: skipped (${python} ${script} failed: ${run.stderr.trim().split("\n").pop()})`);
    return null;
  }
  return JSON.parse(run.stdout);
}
