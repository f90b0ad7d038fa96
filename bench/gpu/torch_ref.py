"""PyTorch CUDA peer of bench/gpu/run.mjs: the same matmuls and MLP training steps in float32
with TF32 off, timed with CUDA events. A worker: one JSON line in (a command), one out.

Commands ({"op": ...}):
  info     device name, torch and CUDA versions, whether CUDA is available, the TF32 flags
  matmul   {"n", "iters"}: ms per n×n float32 matmul
  mlp      {"name", "sizes", "batch", "steps"}: ms per training step (forward, cross-entropy,
           backward, Adam ε 1e-7), the model built and warmed on its first request
  exit
"""
import json
import sys

import torch

cuda = torch.cuda.is_available()
dev = "cuda" if cuda else "cpu"
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False


def timed(fn, iters):
    """ms per call of fn over iters calls: CUDA events on the GPU, perf_counter elsewhere."""
    if cuda:
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


_matmuls = {}
_steps = {}


def matmul(cmd):
    n = cmd["n"]
    if n not in _matmuls:
        a = torch.rand(n, n, device=dev) - 0.5
        b = torch.rand(n, n, device=dev) - 0.5
        _matmuls.clear()  # one size at a time: 8192² operands are 256 MiB each
        _matmuls[n] = (a, b)
        for _ in range(3):
            a @ b
    a, b = _matmuls[n]
    return {"ms": timed(lambda: a @ b, cmd["iters"])}


def mlp_step(sizes, batch):
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
    return step


def mlp(cmd):
    key = cmd["name"]
    if key not in _steps:
        _steps[key] = mlp_step(cmd["sizes"], cmd["batch"])
    return {"ms": timed(_steps[key], cmd["steps"])}


def info(_cmd):
    return {
        "torch": torch.__version__,
        "cuda": cuda,
        "cudaVersion": torch.version.cuda,
        "device": torch.cuda.get_device_name() if cuda else "cpu",
        "tf32": torch.backends.cuda.matmul.allow_tf32,
    }


HANDLERS = {"info": info, "matmul": matmul, "mlp": mlp}


def main():
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "exit":
            break
        try:
            result = {"ok": True, **HANDLERS[cmd["op"]](cmd)}
        except Exception as error:  # reported beside the row by run.mjs
            result = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
