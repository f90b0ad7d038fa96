"""PyTorch on the same workloads as the Sinapse bench, one thread (torch.set_num_threads(1)).

Reads a JSON request on stdin ({"quick": bool, "ch11": {"X": [[...]], "y": [...]},
"matmulOnly": bool, "trainOnly": bool}) and prints
one JSON object: matmul GFLOP/s (plain and with transposed operands), chapter 11 epochs/s
and MLP 784-128-10 steps/s. Run by bench/src/torch.mjs; each training step does what
Sinapse's Model.train does per step: forward, loss, backward, Adam step, zero_grad, and the
loss and accuracy read back as Python numbers.
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
request = json.load(sys.stdin)
quick = request.get("quick", False)


def best_rate(fn, count, rounds=3):
    """Calls per second: the best of `rounds` timed loops of `count` calls, after warm-up."""
    for _ in range(min(5, count)):
        fn()
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(count):
            fn()
        best = max(best, count / (time.perf_counter() - start))
    return best


def matmul_gflops(m, k, n, layout):
    g = torch.Generator().manual_seed(0)
    a = torch.randn(m, k, generator=g) if layout != "aT" else torch.randn(k, m, generator=g).t()
    b = torch.randn(k, n, generator=g) if layout != "bT" else torch.randn(n, k, generator=g).t()
    rate = best_rate(lambda: torch.matmul(a, b), 3 if m * n * k >= 2**30 else 20)
    return 2 * m * n * k * rate / 1e9


def mlp(sizes):
    layers = []
    for i in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def train_rate(sizes, X, y, count):
    torch.manual_seed(0)
    model = mlp(sizes)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()  # softmax + categorical cross-entropy, fused

    def step():
        logits = model(X)
        loss = loss_fn(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss.item()
        (logits.argmax(1) == y).float().mean().item()

    return best_rate(step, count)


results = {"torch": torch.__version__, "threads": torch.get_num_threads()}
results["matmul 1024"] = matmul_gflops(1024, 1024, 1024, "plain") if not request.get("trainOnly") else 0
# Which BLAS the float32 matmul ran on (Debian's torch uses the system libblas.so.3:
# OpenBLAS with libopenblas0-pthread, else the slow reference BLAS).
with open("/proc/self/maps") as maps:
    libs = {line.split()[-1] for line in maps if "blas" in line.lower()}
results["blas"] = ", ".join(sorted(lib.rsplit("/", 2)[-2] + "/" + lib.rsplit("/", 1)[-1] for lib in libs)) or "unknown"
if not request.get("trainOnly"):
    results["matmul 1024 aT"] = matmul_gflops(1024, 1024, 1024, "aT")
    results["matmul 1024 bT"] = matmul_gflops(1024, 1024, 1024, "bT")
    results["matmul 128x784x128"] = matmul_gflops(128, 784, 128, "plain")
if request.get("matmulOnly"):
    print(json.dumps(results))
    sys.exit(0)
ch11 = request["ch11"]
X = torch.tensor(ch11["X"], dtype=torch.float32)
y = torch.tensor(ch11["y"], dtype=torch.long)
results["chapter 11"] = train_rate([2, 64, 3], X, y, 100 if quick else 500)
g = torch.Generator().manual_seed(0)
results["mlp"] = train_rate(
    [784, 128, 10], torch.rand(128, 784, generator=g), torch.randint(0, 10, (128,), generator=g), 30 if quick else 150
)
print(json.dumps(results))
