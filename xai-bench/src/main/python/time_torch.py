#!/usr/bin/python3
"""Times PyTorch on the ResNet-18 of make_resnet18.py, for the same table as the JMH benchmarks.

Same model definition and seeds as make_resnet18.py (torchvision resnet18, random weights, eval mode),
torch.set_num_threads(THREADS) (default 2), input rows drawn with a fixed seed. Per batch size (1 and 16):
  forward            model(x) under torch.no_grad()
  forward+input-grad x.requires_grad_(); model(x)[i, t_i].sum().backward() with the parameters frozen
                     (requires_grad False), so autograd computes the input gradient only, as the
                     explanation graph does (it never computes weight gradients)
With a third argument "lime", instead times what the Python lime package's image explainer asks of the
model for 1000 samples: 1000 forward passes of one-row perturbations of a 224² image, in batches of 10 (its
default batch_size), under torch.no_grad(); lime's own segmentation and ridge fit are not included (lime is
not installed here), so this is the model part of its time.
Measured like JMH's average-time mode: WARMUP warm-up iterations, then ITER iterations of at least one
second each; each iteration's score is its mean time per call; the error is the 99.9% confidence
half-width (Student t), as JMH prints it. Run from the repository root:

    OMP_NUM_THREADS=2 /usr/bin/python3 xai-bench/src/main/python/time_torch.py [threads] [iterations] [lime]

Prints one Markdown row per case and writes them to xai-bench/target/torch-resnet18.md.
"""
import os
import statistics
import sys
import time

import scipy.stats
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_resnet18  # noqa: E402  (the same model and weights)


def model_without_weight_gradients():
    model = make_resnet18.build_model()
    for p in model.parameters():
        p.requires_grad_(False)
    return model


def measure(fn, warmup, iterations, seconds=1.0):
    scores = []
    for it in range(warmup + iterations):
        calls = 0
        t0 = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= seconds:
                break
        if it >= warmup:
            scores.append(elapsed / calls)
    mean = statistics.fmean(scores)
    sd = statistics.stdev(scores) if len(scores) > 1 else 0.0
    err = scipy.stats.t.ppf(0.9995, len(scores) - 1) * sd / len(scores) ** 0.5 if len(scores) > 1 else float("nan")
    return mean, err, scores


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(threads)
    model = model_without_weight_gradients()
    rows = []
    if len(sys.argv) > 3 and sys.argv[3] == "lime":
        x = torch.randn(1000, 3, 224, 224, generator=torch.Generator().manual_seed(22))

        def lime_forwards():
            with torch.no_grad():
                for i in range(0, 1000, 10):
                    model(x[i:i + 10])

        mean, err, scores = measure(lime_forwards, 1, iterations)
        row = (f"| PyTorch {torch.__version__} ({threads} threads) | 1000 rows in batches of 10 | forward | "
               f"{mean * 1e3:.0f} ± {err * 1e3:.0f} |")
        print(row, "iterations (ms):", " ".join(f"{s * 1e3:.0f}" for s in scores), flush=True)
        return
    for batch in (1, 16):
        x = torch.randn(batch, 3, 224, 224, generator=torch.Generator().manual_seed(21))
        targets = torch.arange(batch) % 1000

        def forward():
            with torch.no_grad():
                return model(x)

        def forward_grad():
            xi = x.clone().requires_grad_(True)
            out = model(xi)
            out[torch.arange(batch), targets].sum().backward()
            return xi.grad

        for name, fn in (("forward", forward), ("forward+input-grad", forward_grad)):
            mean, err, scores = measure(fn, 2, iterations)
            row = f"| PyTorch {torch.__version__} ({threads} threads) | {batch} | {name} | {mean * 1e3:.1f} ± {err * 1e3:.1f} |"
            print(row, "iterations (ms):", " ".join(f"{s * 1e3:.1f}" for s in scores), flush=True)
            rows.append(row)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../target/torch-resnet18.md")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
