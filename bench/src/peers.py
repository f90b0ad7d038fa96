"""The Python peers of `pnpm bench`: PyTorch on the CPU and NumPy (the book's own algorithm).

Usage: peers.py torch|numpy [--threads N]. A worker: it answers one JSON line on stdout for
every JSON line (a command) on stdin, so bench/src/run.mjs can interleave its rounds with
Sinapse's. Started by bench/src/lib/python.mjs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset (OpenBLAS then picks its best kernel for this CPU) and, for one-thread rows,
OPENBLAS_NUM_THREADS=1.

Commands ({"op": ...}):
  info           versions, the BLAS facts (which library and kernel loaded) and, with
                 torch, the sgemm 1024 sanity rate (GFLOP/s) at the worker's thread count
  micro          ms per call of one small op (spec: kind and sizes), median over batches
  ch11           the book's chapter 11 training (2-64-3, Adam lr 0.05 decay 5e-7, full
                 batch of the given X, y), eager: first-1,000-epoch rate and steady rate
  mlp            784-128-10 MLP at batch 128, Adam: steady steps/s after warm-up
  ch19           (numpy) the book's chapter 19 on Fashion-MNIST: ten epochs' wall time
                 and validation accuracy, float32 arrays, np.dot as nnfs.init() sets it
  exit
"""
import ctypes
import gzip
import json
import os
import re
import struct
import sys
import time

import numpy as np

LIB = sys.argv[1] if len(sys.argv) > 1 else "torch"
THREADS = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else None

if LIB == "torch":
    import torch

    if THREADS:
        torch.set_num_threads(THREADS)


# ---------------------------------------------------------------------------- BLAS facts
def blas_facts():
    """Which BLAS this process loaded and which OpenBLAS kernel (core type) it chose."""
    mapped = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and re.search(r"blas|mkl|blis", os.path.basename(parts[-1]), re.I):
                mapped.add(parts[-1])
    facts = {"mapped": sorted(mapped), "corename": None, "config": None, "version": None}
    for path in facts["mapped"]:
        if "openblas" not in path.lower():
            continue
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            facts["corename"] = lib.openblas_get_corename().decode()
            facts["config"] = lib.openblas_get_config().decode()
            match = re.search(r"OpenBLAS (\S+)", facts["config"])
            facts["version"] = match.group(1) if match else None
        except (OSError, AttributeError):
            pass
    try:
        from threadpoolctl import threadpool_info

        facts["threadpool"] = [
            {k: v for k, v in pool.items() if k in ("internal_api", "filepath", "version", "architecture", "num_threads")}
            for pool in threadpool_info()
        ]
    except ImportError:
        facts["threadpool"] = None
    facts["env"] = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")}
    flags = set()
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    facts["avx512"] = {"avx512f", "avx512bw", "avx512vl"} <= flags
    return facts


# ---------------------------------------------------------------------------- timing
def per_call_ms(fn, budget_ms, batch_ms=None, min_batches=3):
    """ms per call: the median over batches of k calls (k doubled until a batch takes ≥ batch_ms)."""
    batch_ms = batch_ms or max(1.0, budget_ms / 25)

    def run(k):
        t0 = time.perf_counter()
        for _ in range(k):
            fn()
        return (time.perf_counter() - t0) * 1000

    k = 1
    t = run(1)
    while t < batch_ms and k < 1 << 24:
        k *= 2
        t = run(k)
    per = [t / k]
    start = time.perf_counter()
    while len(per) < min_batches or (time.perf_counter() - start) * 1000 < budget_ms:
        per.append(run(k) / k)
    return float(np.median(per))


def warm(fn, calls, cap_ms):
    start = time.perf_counter()
    for _ in range(calls):
        if (time.perf_counter() - start) * 1000 >= cap_ms:
            break
        fn()


def timed_rate(step, budget_ms, chunk):
    """Steps per second of `step` (which runs `chunk` steps) over at least budget_ms."""
    done = 0
    start = time.perf_counter()
    while True:
        step(chunk)
        done += chunk
        elapsed = time.perf_counter() - start
        if elapsed * 1000 >= budget_ms:
            return done / elapsed


# ---------------------------------------------------------------------------- torch cases
def micro_fn(spec):
    g = torch.Generator().manual_seed(0)
    kind = spec["kind"]
    if kind in ("add", "add_out", "relu", "sum"):
        a = torch.randn(spec["n"], generator=g)
        b = torch.randn(spec["n"], generator=g)
        if kind == "add":
            return lambda: torch.add(a, b)
        if kind == "add_out":
            out = torch.empty_like(a)
            return lambda: torch.add(a, b, out=out)
        if kind == "relu":
            return lambda: torch.relu(a)
        return lambda: torch.sum(a)
    if kind == "views":
        a = torch.randn(spec["n"], spec["n"], generator=g)
        return lambda: a.t()[:, 1:].unsqueeze(0)
    if kind == "matmul":
        m, k, n = spec["m"], spec["k"], spec["n"]
        a = torch.randn(k, m, generator=g).t() if spec.get("ta") else torch.randn(m, k, generator=g)
        b = torch.randn(n, k, generator=g).t() if spec.get("tb") else torch.randn(k, n, generator=g)
        return lambda: torch.matmul(a, b)
    if kind == "dense":
        layer = torch.nn.Linear(spec["in"], spec["out"])
        x = torch.randn(spec["batch"], spec["in"], generator=g)

        def step():
            layer.zero_grad(set_to_none=True)
            layer(x).sum().backward()

        return step
    raise ValueError(f"micro: unknown kind {kind!r}")


_micro_cache = {}


def micro(cmd):
    key = json.dumps(cmd["spec"], sort_keys=True)
    fn = _micro_cache.get(key)
    if fn is None:
        fn = _micro_cache[key] = micro_fn(cmd["spec"])
        warm(fn, cmd.get("warm_calls", 2000), cmd.get("warm_ms", 500))
    return {"ms": per_call_ms(fn, cmd["budget_ms"], min_batches=cmd.get("min_batches", 3))}


def mlp(sizes):
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def trainer(sizes, X, y, lr, decay):
    """An eager training step as a user writes it, and as Model.fit does per step: forward,
    fused softmax cross-entropy, backward, Adam (ε 1e-7, the book's lr decay), the loss and
    accuracy read back as Python numbers."""
    torch.manual_seed(0)
    model = mlp(sizes)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
    loss_fn = torch.nn.CrossEntropyLoss()
    state = {"k": 0, "loss": None, "acc": None}

    def steps(count):
        for _ in range(count):
            if decay:
                for group in optimizer.param_groups:
                    group["lr"] = lr / (1 + decay * state["k"])
            logits = model(X)
            loss = loss_fn(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            state["k"] += 1
            state["loss"] = loss.item()
            state["acc"] = (logits.argmax(1) == y).float().mean().item()

    return steps, state


def ch11(cmd):
    X = torch.tensor(cmd["X"], dtype=torch.float32)
    y = torch.tensor(cmd["y"], dtype=torch.long)
    steps, state = trainer([2, 64, 3], X, y, 0.05, 5e-7)
    t0 = time.perf_counter()
    steps(cmd["first"])
    first = cmd["first"] / (time.perf_counter() - t0)
    steps(cmd["warm"])
    steady = timed_rate(steps, cmd["steady_ms"], 250)
    return {"first": first, "steady": steady, "loss": state["loss"], "accuracy": state["acc"], "epochs": state["k"]}


def mlp_case(cmd):
    g = torch.Generator().manual_seed(0)
    X = torch.rand(cmd["batch"], 784, generator=g)
    y = torch.randint(0, 10, (cmd["batch"],), generator=g)
    steps, state = trainer([784, 128, 10], X, y, 0.001, 0)
    t0 = time.perf_counter()
    while state["k"] < cmd["warm"] and (time.perf_counter() - t0) * 1000 < cmd["warm_ms"]:
        steps(10)
    steady = timed_rate(steps, cmd["steady_ms"], 10)
    return {"steady": steady, "loss": state["loss"], "steps": state["k"]}


def sgemm_sanity():
    """1024×1024 float32 matmul GFLOP/s at this worker's thread count, best of 5 loops."""
    g = torch.Generator().manual_seed(0)
    a = torch.randn(1024, 1024, generator=g)
    b = torch.randn(1024, 1024, generator=g)
    for _ in range(3):
        a @ b
    best = 0.0
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(4):
            a @ b
        best = max(best, 4 * 2 * 1024**3 / (time.perf_counter() - t0) / 1e9)
    return best


# ---------------------------------------------------------------------------- numpy: the book's chapter 19
def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows, cols)
    if magic == 2049:
        return np.frombuffer(data, dtype=np.uint8, offset=8)
    raise ValueError(f"{path}: not an IDX file (magic {magic})")


def ch19(cmd):
    """The book's chapter 19 (784-128-128-10 ReLU, softmax + categorical cross-entropy, Adam
    decay 1e-3, batch 128) with nnfs.init()'s conventions: seed 0, float32 arrays, and np.dot
    computed in float64 and rounded to float32 ("dot": "float64", nnfs's workaround) or in
    float32 ("dot": "float32"). Times the training epochs only (as the Sinapse side)."""
    d = cmd["dir"]
    X = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    X_test = read_idx(os.path.join(d, "t10k-images-idx3-ubyte.gz"))
    y_test = read_idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    if cmd.get("limit"):
        X, y = X[: cmd["limit"]], y[: cmd["limit"]]
    np.random.seed(0)
    X = ((X.astype(np.float32) - 127.5) / 127.5).reshape(X.shape[0], -1)
    X_test = ((X_test.astype(np.float32) - 127.5) / 127.5).reshape(X_test.shape[0], -1)
    keys = np.array(range(X.shape[0]))
    np.random.shuffle(keys)
    X, y = X[keys], y[keys]

    if cmd.get("dot", "float64") == "float64":

        def dot(a, b):
            return np.dot(a.astype(np.float64), b.astype(np.float64)).astype(np.float32)

    else:
        dot = np.dot

    sizes = [784, 128, 128, 10]
    W = [(0.01 * np.random.randn(sizes[i], sizes[i + 1])).astype(np.float32) for i in range(3)]
    B = [np.zeros((1, sizes[i + 1]), dtype=np.float32) for i in range(3)]
    params = W + B
    mom = [np.zeros_like(p) for p in params]
    cache = [np.zeros_like(p) for p in params]
    lr0, decay, eps, b1, b2 = 0.001, 1e-3, 1e-7, 0.9, 0.999

    def forward(x):
        acts = [x]
        for i in range(3):
            z = dot(acts[-1], W[i]) + B[i]
            if i < 2:
                acts.append(np.maximum(0, z))
            else:
                e = np.exp(z - np.max(z, axis=1, keepdims=True))
                acts.append(e / np.sum(e, axis=1, keepdims=True))
        return acts

    def loss_acc(out, yb):
        clipped = np.clip(out, 1e-7, 1 - 1e-7)
        loss = np.mean(-np.log(clipped[range(len(out)), yb]))
        acc = np.mean(np.argmax(out, axis=1) == yb)
        return loss, acc

    batch = 128
    steps = -(-X.shape[0] // batch)
    iteration = 0
    t0 = time.perf_counter()
    for _epoch in range(cmd["epochs"]):
        loss_sum = acc_sum = 0.0
        for step in range(steps):
            xb, yb = X[step * batch : (step + 1) * batch], y[step * batch : (step + 1) * batch]
            acts = forward(xb)
            loss, acc = loss_acc(acts[-1], yb)
            loss_sum += loss * len(yb)
            acc_sum += acc * len(yb)
            # softmax + cross-entropy backward, then dense/relu backward
            dz = acts[-1].copy()
            dz[range(len(yb)), yb] -= 1
            dz = dz / len(yb)
            grads = [None] * 6
            for i in (2, 1, 0):
                grads[i] = dot(acts[i].T, dz)
                grads[3 + i] = np.sum(dz, axis=0, keepdims=True)
                if i > 0:
                    dz = dot(dz, W[i].T)
                    dz[acts[i] <= 0] = 0
            lr = lr0 * (1.0 / (1.0 + decay * iteration))
            for j, p in enumerate(params):
                mom[j] = b1 * mom[j] + (1 - b1) * grads[j]
                m_hat = mom[j] / (1 - b1 ** (iteration + 1))
                cache[j] = b2 * cache[j] + (1 - b2) * grads[j] ** 2
                c_hat = cache[j] / (1 - b2 ** (iteration + 1))
                p += -lr * m_hat / (np.sqrt(c_hat) + eps)
            iteration += 1
    seconds = time.perf_counter() - t0
    vloss = vacc = 0.0
    for s in range(0, X_test.shape[0], batch):
        l, a = loss_acc(forward(X_test[s : s + batch])[-1], y_test[s : s + batch])
        n = len(y_test[s : s + batch])
        vloss += l * n
        vacc += a * n
    n = X_test.shape[0]
    return {
        "seconds": seconds,
        "trainLoss": loss_sum / X.shape[0],
        "trainAccuracy": acc_sum / X.shape[0],
        "validationLoss": vloss / n,
        "validationAccuracy": vacc / n,
    }


# ---------------------------------------------------------------------------- the loop
def info(_cmd):
    out = {"lib": LIB, "python": sys.version.split()[0], "numpy": np.__version__}
    if LIB == "torch":
        out["torch"] = torch.__version__
        out["threads"] = torch.get_num_threads()
        out["sgemm1024"] = sgemm_sanity()
    else:
        np.dot(np.ones((64, 64)), np.ones((64, 64)))  # loads the BLAS
    out["blas"] = blas_facts()
    return out


HANDLERS = {"info": info, "micro": micro, "ch11": ch11, "mlp": mlp_case, "ch19": ch19}


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "exit":
            break
        try:
            result = {"ok": True, **HANDLERS[cmd["op"]](cmd)}
        except Exception as error:  # reported to the driver, which prints it beside the row
            result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
