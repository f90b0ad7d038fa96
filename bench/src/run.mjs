// `pnpm bench`: Sinapse (js and wasm backends) against its peers in one run, over several
// interleaved rounds (a Sinapse round, a peer round, a Sinapse round, …), each case's rate
// per side and the ratio per round with its spread (median [min–max] over rounds).
// Peers: PyTorch on the CPU (one thread, OpenBLAS's best kernel, checked), TensorFlow.js
// (cpu and wasm backends), NumPy for the book's chapter 19. Sections: micro (single ops),
// ch11 (the book's chapter 11 training), mlp (784-128-10, batch 128, Adam), ch19
// (Fashion-MNIST, ten epochs). Training runs in a fresh process per round and side, so the
// first 1,000 epochs include V8's (and PyTorch's) warm-up as a user's first run does.
//   node src/run.mjs [--quick] [--rounds N] [--only micro,ch11,mlp,ch19,autograd] [--save FILE]
//                    [--numpy-float32]  (chapter 19 once more with NumPy's np.dot in float32)
// Progress goes to stderr, the report to stdout.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FASHION_MNIST_DIR, FASHION_MNIST_FILES, spiral } from "@sinapse/data";
import * as sn from "@sinapse/tensor";
import { blasVerdict } from "./lib/blas.mjs";
import { pythonWith, startPeer } from "./lib/python.mjs";
import { fmt, fmtRatio, fmtSpread, perCallMs, roundRatios, summary, warm } from "./lib/stats.mjs";
import { microCases } from "./micro.mjs";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const quick = args.includes("--quick");
const only = flag("--only")?.split(",");
const wanted = (section) => !only || only.includes(section);
const roundsArg = flag("--rounds");
const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "../..");
const progress = (line) => process.stderr.write(`${line}\n`);
const report = [];
const out = (line = "") => {
  report.push(line);
  process.stdout.write(`${line}\n`);
};
const saveTo = flag("--save");

const cfg = quick
  ? {
      rounds: 2,
      microRounds: 2,
      peerRounds: 2,
      microMs: 60,
      warmCalls: 2000,
      warmMs: 100,
      ch11: { first: 1000, warm: 500, steadyMs: 300 },
      tfjsCh11: null,
      mlp: { batch: 128, warm: 100, warmMs: 300, steadyMs: 300 },
      ch19: { epochs: 1, limit: 12_800, rounds: 1 },
    }
  : {
      rounds: 5,
      microRounds: 4,
      peerRounds: 3, // tfjs's training rows: fewer rounds (its steps are slow)
      microMs: 150,
      warmCalls: 2000,
      warmMs: 300,
      ch11: { first: 1000, warm: 3000, steadyMs: 1500 },
      tfjsCh11: { first: 0, warm: 150, steadyMs: 1500 },
      mlp: { batch: 128, warm: 1000, warmMs: 2500, steadyMs: 1500 },
      ch19: { epochs: 10, rounds: 3 },
    };
if (roundsArg) cfg.rounds = cfg.microRounds = cfg.peerRounds = cfg.ch19.rounds = Number(roundsArg);

// ---------------------------------------------------------------------------- header
function git(...a) {
  const r = spawnSync("git", ["-C", root, ...a], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "?";
}
const version = (pkg) => JSON.parse(readFileSync(join(root, pkg, "package.json"), "utf8")).version;
const tfVersion = JSON.parse(readFileSync(join(here, "../node_modules/@tensorflow/tfjs/package.json"), "utf8")).version;
const dirty = git("status", "--porcelain", "--untracked-files=no") ? " + uncommitted changes" : "";
const cpu = cpus()[0]?.model ?? "unknown CPU";
const goals = []; // { text, got, ok }
/** Every per-round value, written beside the report as JSON with --save. */
const raw = {
  date: new Date().toISOString(),
  loadavg: loadavg(),
  cpu,
  node: process.version,
  quick,
  cfg,
  sections: {},
};

out(`Sinapse benchmark${quick ? " (--quick: short budgets, fewer cases; not for quoting)" : ""}`);
out(
  `date ${new Date().toISOString()}, load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")} (1/5/15 min)`,
);
out(`machine: ${cpu}, ${cpus().length} cores; Node ${process.version}`);
out(
  `Sinapse ${version("packages/tensor")} (git ${git("rev-parse", "--short", "HEAD")} on ${git("rev-parse", "--abbrev-ref", "HEAD")}${dirty}), TensorFlow.js ${tfVersion}`,
);

// PyTorch one-thread worker: versions, which BLAS and kernel loaded, sgemm 1024 sanity.
const torchStart = await startPeer("torch", { threads: 1 }).catch((e) => ({ why: e.message }));
const torch = torchStart.request ? torchStart : null;
let torchVerdict = null;
if (torch) {
  const info = await torch.request({ op: "info" });
  torchVerdict = blasVerdict(info.blas);
  raw.torch = { ...info, verdict: torchVerdict };
  out(
    `PyTorch ${info.torch} (Python ${info.python}, NumPy ${info.numpy}), ${info.threads} thread, OPENBLAS_NUM_THREADS=${info.blas.env.OPENBLAS_NUM_THREADS}, OPENBLAS_CORETYPE ${info.blas.env.OPENBLAS_CORETYPE ?? "unset"}, OPENBLAS_L2_SIZE ${info.blas.env.OPENBLAS_L2_SIZE ?? "unset"}`,
  );
  out(
    `  BLAS: ${torchVerdict.library}, kernel core type ${torchVerdict.core ?? "?"}; config: ${info.blas.config ?? "?"}`,
  );
  if (info.blas.threadpool) {
    out(
      `  threadpoolctl: ${info.blas.threadpool.map((p) => `${p.internal_api} ${p.version ?? ""} ${p.architecture ?? ""} ${p.num_threads} thread(s)`.replace(/\s+/g, " ")).join("; ")}`,
    );
  }
  out(
    `  sanity: PyTorch 1-thread sgemm 1024 = ${info.sgemm1024.toFixed(0)} GFLOP/s (here: ~195–228 with the AVX-512 kernel, 110–119 pinned, ~6 reference BLAS)${info.sgemm1024 < 190 && torchVerdict.ok ? `; below that range with the right kernel loaded (load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores: other work, or a slower host)` : ""}`,
  );
  if (!torchVerdict.ok) out(`  RATIOS AGAINST PYTORCH REFUSED: ${torchVerdict.reason}`);
} else {
  out(`PyTorch: absent (${torchStart.why}); its rows and ratios are left out.`);
}
out();

const torchRatio = (s) => (torchVerdict?.ok ? fmtRatio(s) : "refused");

// ---------------------------------------------------------------------------- table printing
function table(headers, rows) {
  const width = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells) =>
    cells
      .map((c, i) => {
        const s = String(c ?? "");
        return i === 0 ? s.padEnd(width[i]) : s.padStart(width[i]);
      })
      .join("  ")
      .trimEnd();
  out(line(headers));
  out(width.map((w) => "─".repeat(w)).join("  "));
  for (const r of rows) out(line(r));
}

function check(goal, value) {
  return goal.op === "≥" ? value >= goal.value : value <= goal.value;
}
const mark = (ok) => (ok ? "✓" : "✗");

// ---------------------------------------------------------------------------- micro
async function micro() {
  const tf = await import("@tensorflow/tfjs");
  const tfwasm = await import("@tensorflow/tfjs-backend-wasm");
  tfwasm.setThreadsCount(2);
  const cases = microCases({ quick });
  // Start the wasm backend's workers before timing (they start in the background).
  sn.setBackend("wasm");
  sn.matmul(sn.random.randn([512, 512]), sn.random.randn([512, 512]));
  for (let i = 0; i < 100 && sn.getThreads() < 2; i++) await new Promise((r) => setTimeout(r, 20));
  const defaultThreads = sn.getThreads();
  const sides = ["js", "wasm", "tfjs-cpu", "tfjs-wasm", ...(torch ? ["torch"] : [])];
  const values = new Map(cases.map((c) => [c.name, Object.fromEntries(sides.map((s) => [s, []]))]));
  const fns = new Map();
  const slow = new Set(); // `case|side` keys measured once, from one call
  const SLOW_MS = 1000;

  async function build(c, side) {
    const rng = new sn.Random(0);
    if (side === "js" || side === "wasm") {
      sn.setBackend(side);
      return c.sinapse(c.inputs(rng));
    }
    await tf.setBackend(side === "tfjs-cpu" ? "cpu" : "wasm");
    await tf.ready();
    sn.setBackend("js");
    const inputs = c.inputs(rng).map((a) => tf.tensor(a.dataSync(), [...a.shape], "float32"));
    return c.tfjs(tf, inputs);
  }

  async function measureOnce(c, side, round) {
    if (side === "torch") {
      const r = await torch.request({
        op: "micro",
        spec: c.torch,
        budget_ms: cfg.microMs,
        warm_calls: cfg.warmCalls,
        warm_ms: cfg.warmMs,
        min_batches: c.minBatches ?? 3,
      });
      return c.per(r.ms);
    }
    const key = `${c.name}|${side}`;
    if (side === "js" || side === "wasm") sn.setBackend(side);
    else await tf.setBackend(side === "tfjs-cpu" ? "cpu" : "wasm");
    let fn = fns.get(key);
    if (!fn) {
      fn = await build(c, side);
      fns.set(key, fn);
      if (side === "js" || side === "wasm") sn.setBackend(side);
      else await tf.setBackend(side === "tfjs-cpu" ? "cpu" : "wasm");
      const first = await warm(fn, { calls: cfg.warmCalls, capMs: cfg.warmMs });
      // Seconds per call (tfjs-cpu's naive matmul at 1024): that one call is the measurement.
      if (first > SLOW_MS) {
        slow.add(key);
        return c.per(first);
      }
    }
    if (slow.has(key)) return null;
    if (c.threads && side === "wasm") sn.setThreads(c.threads);
    const ms = await perCallMs(fn, { budgetMs: cfg.microMs, minBatches: c.minBatches ?? 3 });
    if (c.threads && side === "wasm") sn.setThreads(defaultThreads);
    void round;
    return c.per(ms);
  }

  for (let round = 1; round <= cfg.microRounds; round++) {
    progress(`micro: round ${round}/${cfg.microRounds}`);
    for (const c of cases) {
      // Odd rounds Sinapse first, even rounds the peers first.
      const order = round % 2 ? sides : [...sides].reverse();
      for (const side of order) {
        const v = await measureOnce(c, side, round);
        if (v !== null) values.get(c.name)[side].push(v);
      }
    }
  }
  const tfwasmThreads = tfwasm.getThreadsCount();
  raw.sections.micro = {
    threads: { wasm: defaultThreads, tfjsWasm: tfwasmThreads },
    cases: cases.map((c) => ({ name: c.name, unit: c.unit, higherIsBetter: c.higher, values: values.get(c.name) })),
  };

  out(
    `## Single ops: rate per side, median [min–max] over ${cfg.microRounds} interleaved round${cfg.microRounds === 1 ? "" : "s"} (${cfg.microMs} ms per side per round, after ≥ ${cfg.warmCalls} warm-up calls or ${cfg.warmMs} ms)`,
  );
  out(
    `Sinapse wasm: ${defaultThreads} threads for products ≥ 2^21 multiply-adds unless the row says 1 thread; tfjs-wasm: ${tfwasmThreads} thread (Node); PyTorch: 1 thread.`,
  );
  table(
    ["case", "unit", "sinapse js", "sinapse wasm", "tfjs-cpu", "tfjs-wasm", ...(torch ? ["torch 1t"] : [])],
    cases.map((c) => {
      const v = values.get(c.name);
      return [
        c.name,
        c.unit,
        ...sides.map((s) => `${fmtSpread(summary(v[s]))}${slow.has(`${c.name}|${s}`) ? " ¹" : ""}`),
      ];
    }),
  );
  if (slow.size) out(`¹ one call of more than ${SLOW_MS / 1000} s, measured once (in round 1), not every round.`);
  out();
  out("Ratios (how many times better Sinapse is; per round, median [min–max]) and goals:");
  const ratio = (c, a, b) => summary(roundRatios(values.get(c.name)[a], values.get(c.name)[b], c.higher));
  table(
    [
      "case",
      "wasm ÷ js",
      "wasm ÷ tfjs-cpu",
      "wasm ÷ tfjs-wasm",
      ...(torch ? ["js ÷ torch", "wasm ÷ torch"] : []),
      "goal",
    ],
    cases.map((c) => {
      let goal = "";
      if (c.goal) {
        const js = summary(values.get(c.name).js).median;
        const wasm = summary(values.get(c.name).wasm).median;
        goal = `${c.goal.text}: js ${mark(check(c.goal, js))} wasm ${mark(check(c.goal, wasm))}`;
        const best = c.higher ? Math.max(js, wasm) : Math.min(js, wasm);
        goals.push({
          text: `${c.name} ${c.goal.text}`,
          got: `js ${fmt(js)}, wasm ${fmt(wasm)} ${c.unit}`,
          ok: check(c.goal, best),
        });
      }
      return [
        c.name,
        fmtRatio(ratio(c, "wasm", "js")),
        fmtRatio(ratio(c, "wasm", "tfjs-cpu")),
        fmtRatio(ratio(c, "wasm", "tfjs-wasm")),
        ...(torch ? [torchRatio(ratio(c, "js", "torch")), torchRatio(ratio(c, "wasm", "torch"))] : []),
        goal,
      ];
    }),
  );
  out();
}

// ---------------------------------------------------------------------------- training cases
/** One Sinapse or tfjs training measurement in a fresh Node process (bench/src/cases/train.mjs). */
function nodeJob(job) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, "cases/train.mjs"), JSON.stringify(job)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1);
      if (code === 0 && last?.startsWith("{")) resolve(JSON.parse(last));
      else
        reject(
          new Error(
            `train.mjs ${job.case} ${job.lib} ${job.backend} exited ${code}: ${stderr.trim().split("\n").at(-1)}`,
          ),
        );
    });
  });
}

/** One measurement in a fresh Python worker (a fresh process, as the Node side). */
async function pythonJob(lib, threads, cmd) {
  const peer = await startPeer(lib, { threads });
  if (!peer.request) throw new Error(peer.why);
  try {
    return await peer.request(cmd);
  } finally {
    await peer.close();
  }
}

/**
 * Runs `sides` ({ id, label, rounds?, run() }) over interleaved rounds; returns
 * { [id]: [result per round] } (a failed run is reported and counted as missing).
 */
async function interleave(name, sides, rounds) {
  const results = Object.fromEntries(sides.map((s) => [s.id, []]));
  const errors = {};
  for (let round = 1; round <= rounds; round++) {
    progress(`${name}: round ${round}/${rounds}`);
    const order = round % 2 ? sides : [...sides].reverse();
    for (const side of order) {
      if (side.rounds && round > side.rounds) continue;
      try {
        results[side.id].push(await side.run());
      } catch (e) {
        errors[side.id] = e.message;
        progress(`  ${side.id}: ${e.message}`);
      }
    }
  }
  return { results, errors };
}

const pick = (list, key) => list.map((r) => r[key]).filter((v) => Number.isFinite(v));

async function ch11() {
  sn.setBackend("js");
  sn.random.seed(0);
  const { X, y } = spiral(100, 3);
  const data = { X: X.toArray(), y: Array.from(y.dataSync()) };
  const sinapse = (backend) => () => nodeJob({ case: "ch11", lib: "sinapse", backend, threads: 1, ...cfg.ch11 });
  const tfjs = (backend) => () => nodeJob({ case: "ch11", lib: "tfjs", backend, ...cfg.tfjsCh11 });
  const sides = [
    { id: "sinapse js", run: sinapse("js") },
    { id: "sinapse wasm", run: sinapse("wasm") },
    ...(torch
      ? [
          {
            id: "torch 1t eager",
            run: () =>
              pythonJob("torch", 1, {
                op: "ch11",
                ...data,
                first: cfg.ch11.first,
                warm: cfg.ch11.warm,
                steady_ms: cfg.ch11.steadyMs,
              }),
          },
        ]
      : []),
    ...(cfg.tfjsCh11
      ? [
          { id: "tfjs-cpu", rounds: cfg.peerRounds, run: tfjs("cpu") },
          { id: "tfjs-wasm", rounds: cfg.peerRounds, run: tfjs("wasm") },
        ]
      : []),
  ];
  const { results, errors } = await interleave("ch11", sides, cfg.rounds);
  raw.sections.ch11 = { results, errors };
  out(
    `## Chapter 11 training: spiral 100×3, 2-64-3 ReLU, softmax cross-entropy, Adam lr 0.05 decay 5e-7, full batch (epochs/s; Model.fit; each round a fresh process)`,
  );
  out(
    `first 1,000 epochs from a fresh process, then ${cfg.ch11.warm.toLocaleString("en-US")} more epochs of warm-up, then steady state over ≥ ${cfg.ch11.steadyMs} ms. Sinapse and PyTorch 1 thread${cfg.tfjsCh11 ? `; tfjs (trainOnBatch, ${cfg.peerRounds} rounds) steady state only, its first 1,000 epochs take ~8 s` : "; tfjs left out in --quick"}.`,
  );
  const rows = sides.map((s) => {
    const r = results[s.id];
    const last = r.at(-1);
    return [
      s.id,
      String(r.length),
      fmtSpread(summary(pick(r, "first"))),
      fmtSpread(summary(pick(r, "steady"))),
      last
        ? `loss ${last.loss?.toFixed(3) ?? "?"}${last.accuracy !== undefined ? `, acc ${last.accuracy.toFixed(3)}` : ""}`
        : (errors[s.id] ?? ""),
    ];
  });
  table(["side", "rounds", "first 1,000 epochs", "steady state", "at the end (sanity)"], rows);
  if (torch) {
    const goal = { op: "≥", value: 3 };
    const ratioRows = [];
    for (const id of ["sinapse js", "sinapse wasm"]) {
      const cells = [`${id} ÷ torch 1t eager`];
      for (const key of ["first", "steady"]) {
        const s = summary(roundRatios(pick(results[id], key), pick(results["torch 1t eager"], key), true));
        const ok = torchVerdict.ok && s.n > 0 && check(goal, s.median);
        cells.push(`${torchRatio(s)} ${torchVerdict.ok && s.n ? mark(ok) : ""}`.trim());
        if (torchVerdict.ok && s.n)
          goals.push({
            text: `chapter 11 ${key === "first" ? "first 1,000 epochs" : "steady state"} ${id} ≥ 3× PyTorch 1t eager`,
            got: fmtRatio(s),
            ok,
          });
      }
      ratioRows.push(cells);
    }
    out();
    table(["ratio per round (goal ≥ 3×)", "first 1,000 epochs", "steady state"], ratioRows);
  }
  out();
}

async function mlp() {
  const m = cfg.mlp;
  const sinapse = (backend, threads) => () => nodeJob({ case: "mlp", lib: "sinapse", backend, threads, ...m });
  const tfjs = (backend) => () => nodeJob({ case: "mlp", lib: "tfjs", backend, ...m });
  const sides = [
    { id: "sinapse js", run: sinapse("js") },
    { id: "sinapse wasm, 1 thread", run: sinapse("wasm", 1) },
    { id: "sinapse wasm, 2 threads", run: sinapse("wasm", 2) },
    ...(torch
      ? [
          {
            id: "torch 1t eager",
            run: () =>
              pythonJob("torch", 1, {
                op: "mlp",
                batch: m.batch,
                warm: m.warm,
                warm_ms: m.warmMs,
                steady_ms: m.steadyMs,
              }),
          },
        ]
      : []),
    { id: "tfjs-cpu", rounds: cfg.peerRounds, run: tfjs("cpu") },
    { id: "tfjs-wasm", rounds: cfg.peerRounds, run: tfjs("wasm") },
  ];
  const { results, errors } = await interleave("mlp", sides, cfg.rounds);
  raw.sections.mlp = { results, errors };
  out(
    `## MLP 784-128-10 ReLU, batch 128, softmax cross-entropy, Adam: steps/s (Model.fit, one step per epoch; tfjs trainOnBatch; PyTorch eager), after ≥ ${m.warm} warm-up steps or ${m.warmMs} ms, over ≥ ${m.steadyMs} ms`,
  );
  table(
    ["side", "rounds", "steps/s", "ratio ÷ torch 1t (goal ≥ 1×)"],
    sides.map((s) => {
      const r = results[s.id];
      let ratio = "";
      if (torch && s.id.startsWith("sinapse")) {
        const rs = summary(roundRatios(pick(r, "steady"), pick(results["torch 1t eager"], "steady"), true));
        const ok = torchVerdict.ok && rs.n > 0 && rs.median >= 1;
        ratio = `${torchRatio(rs)} ${torchVerdict.ok && rs.n ? mark(ok) : ""}`.trim();
        if (s.id !== "sinapse js" && torchVerdict.ok && rs.n) {
          goals.push({
            text: `MLP 784-128-10 ${s.id}${s.id.includes("2 threads") ? " (two wasm threads, allowed)" : ""} ≥ 1× PyTorch 1t`,
            got: fmtRatio(rs),
            ok,
          });
        }
      }
      return [s.id, String(r.length), r.length ? fmtSpread(summary(pick(r, "steady"))) : (errors[s.id] ?? "–"), ratio];
    }),
  );
  out();
}

async function ch19() {
  const dir = process.env.FASHION_MNIST_DIR ?? FASHION_MNIST_DIR;
  const missing = Object.values(FASHION_MNIST_FILES).filter(
    (f) => !existsSync(join(dir, f)) && !existsSync(join(dir, f.replace(/\.gz$/, ""))),
  );
  out(`## Chapter 19: Fashion-MNIST, 784-128-128-10 ReLU, softmax cross-entropy, Adam decay 1e-3, batch 128`);
  if (missing.length) {
    out(
      `skipped: the Fashion-MNIST files are not in ${dir} (missing ${missing.join(", ")}); apt-get install dataset-fashion-mnist, or set FASHION_MNIST_DIR.`,
    );
    out();
    return;
  }
  const c = cfg.ch19;
  const numpyOk = pythonWith("numpy");
  let numpyVerdict = null;
  if (numpyOk) {
    const info = await pythonJob("numpy", undefined, { op: "info" });
    numpyVerdict = blasVerdict(info.blas);
    raw.numpy = { ...info, verdict: numpyVerdict };
    const pool = info.blas.threadpool?.find((p) => p.internal_api === "openblas");
    out(
      `NumPy ${info.numpy} (Python ${info.python}): BLAS ${numpyVerdict.library}, kernel core type ${numpyVerdict.core ?? "?"}${pool ? `, ${pool.num_threads} threads` : ""}, OPENBLAS_CORETYPE ${info.blas.env.OPENBLAS_CORETYPE ?? "unset"}${numpyVerdict.ok ? "" : `; RATIO REFUSED: ${numpyVerdict.reason}`}`,
    );
  }
  const sides = [
    {
      id: "sinapse wasm, 2 threads",
      run: () => nodeJob({ case: "ch19", lib: "sinapse", backend: "wasm", epochs: c.epochs, dir, limit: c.limit }),
    },
    ...(numpyOk
      ? [
          {
            id: "numpy (nnfs: float32, np.dot in float64), 2 threads",
            run: () =>
              pythonJob("numpy", undefined, { op: "ch19", dir, epochs: c.epochs, limit: c.limit, dot: "float64" }),
          },
        ]
      : []),
  ];
  const { results, errors } = await interleave("ch19", sides, c.rounds);
  raw.sections.ch19 = { results, errors };
  // With --numpy-float32, once, for context: NumPy with np.dot in float32 (sgemm), not nnfs.init()'s float64.
  let f32 = null;
  if (numpyOk && args.includes("--numpy-float32")) {
    progress("ch19: numpy float32 dot, once");
    f32 = await pythonJob("numpy", undefined, { op: "ch19", dir, epochs: c.epochs, dot: "float32" }).catch((e) => ({
      error: e.message,
    }));
    raw.sections.ch19.numpyFloat32Dot = f32;
  }
  out(
    `${c.epochs} epoch${c.epochs > 1 ? "s" : ""}${c.limit ? ` on the first ${c.limit.toLocaleString("en-US")} training samples` : " on 60,000 samples"}, training wall time only (data loading and the final evaluation on the 10,000 test samples untimed), ${c.rounds} interleaved round${c.rounds > 1 ? "s" : ""}, each a fresh process. The js backend is left out (its matmuls run at a seventh of wasm's speed: minutes per run).`,
  );
  const rows = sides.map((s) => {
    const r = results[s.id];
    const last = r.at(-1);
    return [
      s.id,
      String(r.length),
      r.length ? `${fmtSpread(summary(pick(r, "seconds")))} s` : (errors[s.id] ?? "–"),
      last ? last.validationAccuracy.toFixed(4) : "",
      last ? last.trainAccuracy.toFixed(4) : "",
    ];
  });
  if (f32 && !f32.error) {
    rows.push([
      "numpy, np.dot in float32 (not nnfs; 1 round, context)",
      "1",
      `${fmt(f32.seconds)} s`,
      f32.validationAccuracy.toFixed(4),
      f32.trainAccuracy.toFixed(4),
    ]);
  } else if (f32?.error) rows.push(["numpy, np.dot in float32", "0", f32.error, "", ""]);
  table(["side", "rounds", "training time", "validation acc", "train acc (last epoch)"], rows);
  const ours = results[sides[0].id];
  if (numpyOk && ours.length) {
    const t = summary(roundRatios(pick(ours, "seconds"), pick(results[sides[1].id], "seconds"), true));
    const acc = summary(pick(ours, "validationAccuracy")).min;
    const full = c.epochs === 10 && !c.limit;
    const okTime = t.n > 0 && t.median <= 0.5;
    const okAcc = acc >= 0.87;
    const shown = numpyVerdict.ok ? fmtRatio(t) : `refused (${numpyVerdict.reason})`;
    out(
      `time ratio Sinapse ÷ NumPy per round: ${shown} (goal ≤ 0.5× ${full && numpyVerdict.ok ? mark(okTime) : full ? "" : "(not judged in --quick)"}); validation accuracy min over rounds ${acc.toFixed(4)} (goal ≥ 0.87 ${full ? mark(okAcc) : "(not judged in --quick)"})`,
    );
    if (full) {
      if (numpyVerdict.ok)
        goals.push({ text: "chapter 19 ten epochs ≤ 0.5× NumPy's time", got: fmtRatio(t), ok: okTime });
      goals.push({ text: "chapter 19 validation accuracy ≥ 0.87", got: acc.toFixed(4), ok: okAcc });
    }
  } else if (!numpyOk) out("NumPy: absent (apt-get install python3-numpy); no ratio.");
  out();
}

/** bench/src/autograd.mjs (per-op bookkeeping, a tiny graph vs tfjs, heap over a long loop), its report appended. */
async function autograd() {
  progress("autograd: bookkeeping, tiny graph, heap");
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", join(here, "autograd.mjs"), ...(quick ? ["--quick"] : [])],
    {
      encoding: "utf8",
    },
  );
  out("## Autograd costs (one run, not interleaved; bench/src/autograd.mjs)");
  if (child.status !== 0) out(`failed: ${child.stderr.trim().split("\n").at(-1)}`);
  for (const line of child.stdout.trimEnd().split("\n")) out(line);
  out();
}

const started = performance.now();
try {
  if (wanted("micro")) await micro();
} finally {
  // The micro section's worker; the training sections start their own per round.
  await torch?.close();
}
if (wanted("ch11")) await ch11();
if (wanted("mlp")) await mlp();
if (wanted("ch19")) await ch19();
if (wanted("autograd")) await autograd();

if (goals.length) {
  out("## Goals (issue 14), judged on the median over rounds");
  table(
    ["goal", "measured", ""],
    goals.map((g) => [g.text, g.got, mark(g.ok)]),
  );
  out();
}
out(
  `total ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}`,
);
if (saveTo) {
  writeFileSync(saveTo, `${report.join("\n")}\n`);
  raw.goals = goals;
  writeFileSync(saveTo.replace(/(\.txt)?$/, ".json"), `${JSON.stringify(raw, null, 1)}\n`);
}
process.exit(0);
