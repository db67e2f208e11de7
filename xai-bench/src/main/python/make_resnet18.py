#!/usr/bin/python3
"""Writes the ResNet-18 ONNX model the benchmarks load (not committed: about 45 MB).

torchvision's resnet18 architecture with seeded random weights (no download: the weights only have to be
realistic in scale, not trained), eval mode, exported with opset 13 and a free batch axis. Run with Debian's
interpreter from the repository root:

    /usr/bin/python3 xai-bench/src/main/python/make_resnet18.py [out-dir]

Default out-dir: xai-bench/target. Writes resnet18.onnx and resnet18-input.npy (one seeded 1×3×224×224 row).
"""
import os
import sys

import numpy as np
import torch
import torchvision


def build_model():
    """torchvision's resnet18 in eval mode with seeded random weights (the same every call)."""
    torch.manual_seed(18)
    model = torchvision.models.resnet18(weights=None).eval()
    # BatchNorm running statistics: random but plausible, so inference-mode BN is not the identity.
    g = torch.Generator().manual_seed(19)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(m.num_features, generator=g) * 0.5 + 0.75)
    return model


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../target")
    os.makedirs(out, exist_ok=True)
    model = build_model()
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(20))
    path = os.path.join(out, "resnet18.onnx")
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True)
    np.save(os.path.join(out, "resnet18-input.npy"), x.numpy())
    with torch.no_grad():
        np.save(os.path.join(out, "resnet18-logits.npy"), model(x).numpy())
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
