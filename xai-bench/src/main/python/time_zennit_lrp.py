#!/usr/bin/python3
"""zennit's LRP and zennit-crp's CRP on the benchmark ResNet-18, timed against plain forward+input-gradient
passes on the same CPU, interleaved round by round like xai4j's Interleaved (median of per-round ratios).

    /work/shared/tools/anchor-pylibs.sh /tmp/anchors zennit=<zennit git>@0.5.1 crp=<zennit-crp git>@v0.6.0
    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/anchors /usr/bin/python3 xai-bench/src/main/python/time_zennit_lrp.py lrp 1 20
    OMP_NUM_THREADS=1 PYTHONPATH=/tmp/anchors /usr/bin/python3 xai-bench/src/main/python/time_zennit_lrp.py crp 1 20

The model is make_resnet18.build_model() (the same seeded weights as xai-bench/target/resnet18.onnx); the composite
is EpsilonPlusFlat with zennit's ResNetCanonizer (batch norms merged, residual additions as Sum modules); the
input is seeded normal noise, targets (7 i + 3) mod 1000 as in the Java benchmarks.
"""
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_resnet18 import build_model  # noqa: E402
from zennit.attribution import Gradient  # noqa: E402
from zennit.composites import EpsilonPlusFlat  # noqa: E402
from zennit.torchvision import ResNetCanonizer  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main():
    what, rows, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(int(os.environ.get('OMP_NUM_THREADS', '1')))
    model = build_model()
    for p in model.parameters():
        p.requires_grad_(False)
    g = torch.Generator().manual_seed(21)
    if what == 'lrp':
        x = torch.randn(rows, 3, 224, 224, generator=g)
        targets = [(7 * i + 3) % 1000 for i in range(rows)]
    else:
        x = torch.randn(1, 3, 224, 224, generator=g).repeat(4, 1, 1, 1)
        targets = [3] * 4
    one_hot = torch.eye(1000)[targets]

    def plain():
        xi = x.clone().requires_grad_(True)
        out = model(xi)
        torch.autograd.grad(out, xi, one_hot)

    if what == 'lrp':
        composite = EpsilonPlusFlat(canonizers=[ResNetCanonizer()])

        def method():
            with Gradient(model=model, composite=composite) as attributor:
                attributor(x.clone(), one_hot)
    else:
        from crp.attribution import CondAttribution
        attribution = CondAttribution(model, no_param_grad=True)
        composite = EpsilonPlusFlat(canonizers=[ResNetCanonizer()])
        conditions = [{'y': [3], 'layer3.1.conv2': [c]} for c in range(4)]

        def method():
            attribution(x[:1].clone().repeat(4, 1, 1, 1).requires_grad_(True), conditions, composite,
                        exclude_parallel=True)

    for _ in range(3):
        plain()
        method()
    ratios, raw, meth = [], [], []
    for i in range(rounds):
        if i % 2 == 0:
            r, m = timed(plain), timed(method)
        else:
            m, r = timed(method), timed(plain)
        ratios.append(m / r)
        raw.append(r * 1e3)
        meth.append(m * 1e3)
    print(f'zennit {what} epsilon-plus-flat on resnet18, {x.shape[0]} row(s) vs forward+input-gradient: median ratio '
          f'{statistics.median(ratios):.3f}, raw median {statistics.median(raw):.1f} ms, method median '
          f'{statistics.median(meth):.1f} ms, {rounds} rounds')


if __name__ == '__main__':
    main()
