#!/usr/bin/python3
"""PyTorch's ResNet-18 forward+input-gradient on request, for interleaved timing against the explanation graph.

Same model, weights, inputs and pass as time_torch.py (parameters frozen, so autograd computes the input
gradient only; class (i mod 1000) for row i). Reads one batch size per line from stdin, runs one pass at that
batch size and answers with the seconds it took; "quit" ends it. Used by org.xai4j.bench.graph.VersusTorch:

    /usr/bin/python3 xai-bench/src/main/python/torch_server.py [threads]
"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import time_torch  # noqa: E402  (the same model and weights)


def main():
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    model = time_torch.model_without_weight_gradients()
    inputs = {}
    print("ready", flush=True)
    for line in sys.stdin:
        line = line.strip()
        if line == "quit":
            break
        batch = int(line)
        if batch not in inputs:
            inputs[batch] = torch.randn(batch, 3, 224, 224, generator=torch.Generator().manual_seed(21))
        x = inputs[batch]
        t0 = time.perf_counter()
        xi = x.clone().requires_grad_(True)
        out = model(xi)
        out[torch.arange(batch), torch.arange(batch) % 1000].sum().backward()
        grad = xi.grad
        elapsed = time.perf_counter() - t0
        print(f"{elapsed:.6f} {float(grad.abs().sum()):.6g}", flush=True)


if __name__ == "__main__":
    main()
