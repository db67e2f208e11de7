#!/usr/bin/python3
"""The torchvision corpus for TorchvisionCorpusTest: every classification and segmentation architecture of
torchvision 0.14 that Debian's torch 1.13 exports to ONNX, plus a small U-Net defined here.

Usage: torchvision_corpus.py OUTDIR [name,name,...]

Seeded random weights (BatchNorm statistics randomised as a trained net would have them), eval mode, opset 13,
a static input shape (batch 1, the smallest size near 64x64 that the net accepts), exported with torch's
constant folding. For each architecture NAME it writes into OUTDIR (not committed: the files are large):
  NAME.onnx, NAME_x.npy (float32 input), NAME_out.npy (torch's output, float64 on the same float32 weights),
  NAME_grad.npy (torch autograd's input gradient of the score of class 0: out[0, 0] for a classifier, the sum
  over all pixels of channel 0 for a segmenter, in float64), NAME_grad32.npy (the same gradient by torch in
  float32, to measure how far float32 arithmetic alone moves it), NAME_spread.npy (one number: the largest
  max|a-b|/max|b| of torch's float32 gradient of the exported network (BatchNorm folded into the convolutions,
  as the ONNX file holds it) against the float64 one, over NAME_x and SPREAD_INPUTS - 1 inputs that differ from it
  by at most one float32 ulp per pixel: how far float32 rounding moves torch's own gradient of the same network
  on inputs float32 cannot tell apart; a ReLU whose pre-activation lies within rounding of zero switches on some
  of them)
and NAME.error if the export itself fails (the message). OUTDIR/corpus.txt lists the names in order.
"""
import copy
import os
import sys
import traceback

import numpy as np
import torch
import torch.nn as nn
import torchvision.models as tvm
import torchvision.models.segmentation as seg


class UNet(nn.Module):
    """A small U-Net (Ronneberger et al. 2015): two downsamplings, transposed-conv upsampling, skip concats."""

    def __init__(self, c=3, k=4, w=16):
        super().__init__()

        def block(i, o):
            return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(inplace=True),
                                 nn.Conv2d(o, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(inplace=True))
        self.d1, self.d2, self.d3 = block(c, w), block(w, 2 * w), block(2 * w, 4 * w)
        self.pool = nn.MaxPool2d(2)
        self.u2 = nn.ConvTranspose2d(4 * w, 2 * w, 2, stride=2)
        self.b2 = block(4 * w, 2 * w)
        self.u1 = nn.ConvTranspose2d(2 * w, w, 2, stride=2)
        self.b1 = block(2 * w, w)
        self.head = nn.Conv2d(w, k, 1)

    def forward(self, x):
        a = self.d1(x)
        b = self.d2(self.pool(a))
        c = self.d3(self.pool(b))
        y = self.b2(torch.cat([self.u2(c), b], 1))
        y = self.b1(torch.cat([self.u1(y), a], 1))
        return self.head(y)


class OutOnly(nn.Module):
    """torchvision's segmenters return a dict; export its 'out' entry."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, x):
        return self.m(x)["out"]


S = 64
CORPUS = [  # name, constructor, input side
    ("resnet18", lambda: tvm.resnet18(), S),
    ("resnet50", lambda: tvm.resnet50(), S),
    ("mobilenet_v2", lambda: tvm.mobilenet_v2(), S),
    ("mobilenet_v3_small", lambda: tvm.mobilenet_v3_small(), S),
    ("mobilenet_v3_large", lambda: tvm.mobilenet_v3_large(), S),
    ("efficientnet_b0", lambda: tvm.efficientnet_b0(), S),
    ("densenet121", lambda: tvm.densenet121(), S),
    # VGG's adaptive pooling to 7x7 exports only from a multiple of 7: 224 gives 7x7 features.
    ("vgg11", lambda: tvm.vgg11(), 224),
    ("vgg11_bn", lambda: tvm.vgg11_bn(), 224),
    ("squeezenet1_1", lambda: tvm.squeezenet1_1(), S),
    ("shufflenet_v2_x0_5", lambda: tvm.shufflenet_v2_x0_5(), S),
    ("regnet_y_400mf", lambda: tvm.regnet_y_400mf(), S),
    ("googlenet", lambda: tvm.googlenet(aux_logits=False, init_weights=True), S),
    ("inception_v3", lambda: tvm.inception_v3(aux_logits=False, init_weights=True), 80),
    ("mnasnet0_5", lambda: tvm.mnasnet0_5(), S),
    ("convnext_tiny", lambda: tvm.convnext_tiny(), S),
    ("vit_b_16", lambda: tvm.vit_b_16(image_size=S), S),
    ("swin_t", lambda: tvm.swin_t(), S),
    ("fcn_resnet50", lambda: OutOnly(seg.fcn_resnet50(weights=None, weights_backbone=None)), S),
    ("deeplabv3_resnet50", lambda: OutOnly(seg.deeplabv3_resnet50(weights=None, weights_backbone=None)), S),
    ("deeplabv3_mobilenet_v3_large",
     lambda: OutOnly(seg.deeplabv3_mobilenet_v3_large(weights=None, weights_backbone=None)), S),
    ("lraspp_mobilenet_v3_large", lambda: OutOnly(seg.lraspp_mobilenet_v3_large(weights=None, weights_backbone=None)), S),
    ("unet", lambda: UNet(), S),
]


def randomise_batchnorm(model):
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.3, 0.3)
    return model


SPREAD_INPUTS = 4


def as_exported(model, x):
    """The network the ONNX file holds: torch's export folds each eval-mode BatchNorm into the convolution before it
    (constant folding), so float32 rounds the folded weights, not a convolution followed by BatchNorm. torch.fx's
    conv-BN fusion gives the same network in torch; a model fx cannot trace, or whose fused form does not give the
    same scores on x, is returned as it is."""
    try:
        from torch.fx.experimental.optimization import fuse
        fused = fuse(copy.deepcopy(model))
        with torch.no_grad():  # the fused network must run and give the same scores
            if not torch.allclose(fused(x)[0, 0], model(x)[0, 0], rtol=1e-3, atol=1e-4):
                return model
        return fused
    except Exception:
        return model


def spread(model, x):
    """The largest relative error of torch's float32 input gradient of the exported network (BatchNorm folded, see
    as_exported) against the float64 gradient of the model, over x itself and SPREAD_INPUTS - 1 copies of x with
    every pixel moved by -1, 0 or +1 float32 ulp (seeded), each against the float64 gradient at the same input."""
    exported = as_exported(model, x)
    ref = copy.deepcopy(model).double()
    worst = 0.0
    for k in range(SPREAD_INPUTS):
        g = torch.Generator().manual_seed(k)
        steps = torch.randint(-1, 2, x.shape, generator=g).to(torch.float32)
        xp = x if k == 0 else torch.nextafter(x, x + steps * torch.finfo(torch.float32).max).where(steps != 0, x)
        x32 = xp.clone().requires_grad_(True)
        exported(x32)[0, 0].sum().backward()
        x64 = xp.double().requires_grad_(True)
        ref(x64)[0, 0].sum().backward()
        err = (x32.grad.double() - x64.grad).abs().max() / x64.grad.abs().max()
        worst = max(worst, float(err))
    return worst


def make(outdir, name, ctor, side):
    torch.manual_seed(2026)
    model = randomise_batchnorm(ctor()).eval()
    x = torch.randn(1, 3, side, side)
    # Not under no_grad: there nn.MultiheadAttention takes its fused path, which has no ONNX export.
    torch.onnx.export(model, x, os.path.join(outdir, name + ".onnx"), opset_version=13,
                      input_names=["input"], output_names=["output"], do_constant_folding=True)
    # torch's own float32 gradient, to measure how far float32 arithmetic alone moves it from the float64 one.
    x32 = x.clone().requires_grad_(True)
    model(x32)[0, 0].sum().backward()
    np.save(os.path.join(outdir, name + "_spread.npy"), np.array([spread(model, x)]))
    ref = model.double()
    xd = x.double().requires_grad_(True)
    out = ref(xd)
    score = out[0, 0].sum()
    score.backward()
    np.save(os.path.join(outdir, name + "_x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(outdir, name + "_out.npy"), out.detach().numpy())
    np.save(os.path.join(outdir, name + "_grad32.npy"), x32.grad.numpy())
    np.save(os.path.join(outdir, name + "_grad.npy"), xd.grad.numpy())


def main():
    outdir = sys.argv[1]
    only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else None
    os.makedirs(outdir, exist_ok=True)
    torch.set_num_threads(1)
    names = []
    for name, ctor, side in CORPUS:
        if only is not None and name not in only:
            continue
        names.append(name)
        if os.path.exists(os.path.join(outdir, name + "_spread.npy")):
            continue
        try:
            make(outdir, name, ctor, side)
            print("exported", name, flush=True)
        except Exception:
            with open(os.path.join(outdir, name + ".error"), "w") as f:
                lines = traceback.format_exc().strip().splitlines()
                f.write(next((l for l in lines if "Error" in l), lines[-1])[:300])
            print("export failed", name, flush=True)
    with open(os.path.join(outdir, "corpus.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
