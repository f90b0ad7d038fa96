"""PyTorch reference for bench/gpu/run.mjs: the same matmuls and MLP training steps on
CUDA in float32 with TF32 off, timed with CUDA events. Prints one JSON line."""
import json
import sys

import torch

quick = "--quick" in sys.argv
dev = "cuda" if torch.cuda.is_available() else "cpu"
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
if quick:
    cfg = dict(sizes=[64, 128], small=[784, 128, 10], small_batch=32, wide=[256, 256, 256, 10], wide_batch=64, iters=3)
else:
    cfg = dict(sizes=[1024, 2048, 4096, 8192], small=[784, 128, 10], small_batch=128, wide=[4096, 4096, 4096, 10], wide_batch=1024, iters=10)


def timed(fn, iters):
    if dev == "cuda":
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(iters):
            fn()
        end.record()
        torch.cuda.synchronize()
        return start.elapsed_time(end) / iters
    import time
    t0 = time.perf_counter()
    for _ in range(iters):
        fn()
    return (time.perf_counter() - t0) * 1000 / iters


out = {"device": torch.cuda.get_device_name() if dev == "cuda" else "cpu", "matmul": {}, "mlp": {}}
for n in cfg["sizes"]:
    a = torch.rand(n, n, device=dev) - 0.5
    b = torch.rand(n, n, device=dev) - 0.5
    for _ in range(3):
        a @ b
    iters = max(2, cfg["iters"] // 2) if n >= 8192 else cfg["iters"]
    ms = timed(lambda: a @ b, iters)
    out["matmul"][str(n)] = {"ms": ms, "gflops": 2 * n**3 / (ms * 1e6)}


def mlp_step(sizes, batch, steps):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    x = torch.rand(batch, sizes[0], device=dev) - 0.5
    y = torch.arange(batch, device=dev) % sizes[-1]
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(3):
        step()
    ms = timed(step, steps)
    return {"sizes": sizes, "batch": batch, "msPerStep": ms, "stepsPerSec": 1000 / ms}


out["mlp"]["small"] = mlp_step(cfg["small"], cfg["small_batch"], 5 if quick else 200)
out["mlp"]["wide"] = mlp_step(cfg["wide"], cfg["wide_batch"], 2 if quick else 20)
print(json.dumps(out))
