#!/usr/bin/python3
"""Independent references for the explanation graph's nodes, computed with PyTorch (Debian's torch 1.13).

For each case: the input x, the parameters, a random upstream gradient u, the forward output y and the
input gradient gx = ∂⟨u, y⟩/∂x from torch autograd, all in float64. Writes
src/test/resources/org/xai4j/core/graph/node_references.json (run from the xai-core directory).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20240601)
torch.set_default_dtype(torch.float64)

cases = []


def arr(t):
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(name, op, attrs, x, fn, params=None):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    u = torch.randn_like(y)
    (gx,) = torch.autograd.grad((y * u).sum(), x)
    cases.append({
        "name": name, "op": op, "attrs": attrs, "x": arr(x),
        "params": {k: arr(v) for k, v in (params or {}).items()},
        "u": arr(u), "y": arr(y), "gx": arr(gx),
    })


def conv_case(name, x, out_ch, k, stride=(1, 1), dilation=(1, 1), pads=(0, 0, 0, 0), groups=1, bias=True):
    """pads in ONNX order (top, left, bottom, right)."""
    w = torch.randn(out_ch, x.shape[1] // groups, k[0], k[1])
    b = torch.randn(out_ch) if bias else None
    t, l, bo, r = pads

    def fn(inp):
        p = F.pad(inp, (l, r, t, bo))
        return F.conv2d(p, w, b, stride=stride, dilation=dilation, groups=groups)

    params = {"weight": w}
    if b is not None:
        params["bias"] = b
    case(name, "conv", {"strides": list(stride), "dilations": list(dilation), "pads": list(pads), "groups": groups},
         x, fn, params)


conv_case("conv stride 2 pad 1", torch.randn(2, 3, 9, 8), 4, (3, 3), stride=(2, 2), pads=(1, 1, 1, 1))
conv_case("conv dilation 2 pad 2", torch.randn(2, 3, 9, 8), 4, (3, 3), dilation=(2, 2), pads=(2, 2, 2, 2))
conv_case("conv asymmetric pads stride 2", torch.randn(2, 3, 9, 8), 5, (3, 2), stride=(2, 2), pads=(0, 1, 2, 1))
conv_case("conv 1x1 stride 2 no bias", torch.randn(2, 4, 8, 8), 6, (1, 1), stride=(2, 2), bias=False)
conv_case("conv grouped", torch.randn(2, 4, 7, 7), 6, (3, 3), pads=(1, 1, 1, 1), groups=2)
conv_case("conv depthwise stride 2 k5", torch.randn(2, 4, 9, 10), 4, (5, 5), stride=(2, 2), pads=(2, 2, 2, 2), groups=4)
conv_case("conv depthwise multiplier 2", torch.randn(2, 3, 7, 6), 6, (3, 3), pads=(1, 1, 1, 1), groups=3)
conv_case("conv depthwise stride 1", torch.randn(2, 4, 7, 6), 4, (3, 3), pads=(1, 1, 1, 1), groups=4)


def convt_case(name, x, out_ch, k, stride, padding, output_padding, dilation):
    w = torch.randn(x.shape[1], out_ch, k, k)
    b = torch.randn(out_ch)
    case(name, "convtranspose", {"strides": [stride, stride], "pads": [padding] * 4,
                                 "output_padding": [output_padding, output_padding], "dilations": [dilation, dilation]},
         x, lambda inp: F.conv_transpose2d(inp, w, b, stride=stride, padding=padding, output_padding=output_padding,
                                           dilation=dilation), {"weight": w, "bias": b})


convt_case("convtranspose stride 2 pad 1 outpad 1", torch.randn(2, 3, 4, 5), 2, 3, 2, 1, 1, 1)
convt_case("convtranspose stride 1 pad 1", torch.randn(2, 3, 4, 5), 4, 3, 1, 1, 0, 1)
convt_case("convtranspose stride 3 dilation 2", torch.randn(2, 3, 3, 4), 2, 3, 3, 2, 1, 2)

case("maxpool k3 s2 p1", "maxpool", {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1], "ceil": False,
                                      "dilations": [1, 1]},
     torch.randn(2, 3, 9, 8), lambda x: F.max_pool2d(x, 3, 2, 1))
case("maxpool k2 s2 ceil", "maxpool", {"kernel": [2, 2], "strides": [2, 2], "pads": [0, 0, 0, 0], "ceil": True,
                                       "dilations": [1, 1]},
     torch.randn(2, 3, 7, 9), lambda x: F.max_pool2d(x, 2, 2, ceil_mode=True))
case("maxpool k3 s2 ceil pad 1", "maxpool", {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1], "ceil": True,
                                             "dilations": [1, 1]},
     torch.randn(2, 3, 8, 10), lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True))
case("maxpool dilation 2", "maxpool", {"kernel": [2, 2], "strides": [1, 1], "pads": [0, 0, 0, 0], "ceil": False,
                                       "dilations": [2, 2]},
     torch.randn(2, 3, 6, 7), lambda x: F.max_pool2d(x, 2, 1, dilation=2))
case("avgpool k3 s2 p1 include pad", "avgpool", {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1],
                                                  "ceil": False, "count_include_pad": True},
     torch.randn(2, 3, 9, 8), lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=True))
case("avgpool k3 s2 p1 exclude pad", "avgpool", {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1],
                                                  "ceil": False, "count_include_pad": False},
     torch.randn(2, 3, 9, 8), lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=False))
case("avgpool k2 s2 ceil", "avgpool", {"kernel": [2, 2], "strides": [2, 2], "pads": [0, 0, 0, 0], "ceil": True,
                                       "count_include_pad": True},
     torch.randn(2, 3, 7, 9), lambda x: F.avg_pool2d(x, 2, 2, ceil_mode=True))
case("avgpool k3 s2 p1 ceil include pad", "avgpool", {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1],
                                                       "ceil": True, "count_include_pad": True},
     torch.randn(2, 3, 8, 10), lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=True))
case("avgpool k3 s2 p1 ceil exclude pad", "avgpool", {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1],
                                                       "ceil": True, "count_include_pad": False},
     torch.randn(2, 3, 8, 10), lambda x: F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False))
case("global average pool", "gap", {}, torch.randn(2, 3, 5, 4), lambda x: F.adaptive_avg_pool2d(x, 1))

# Resize: torch's own semantics, as its ONNX export encodes them.
case("upsample nearest x2", "resize", {"mode": "NEAREST", "coord": "ASYMMETRIC", "nearest": "FLOOR", "scales": [2, 2]},
     torch.randn(2, 2, 3, 4), lambda x: F.interpolate(x, scale_factor=2, mode="nearest"))
case("upsample nearest to size", "resize", {"mode": "NEAREST", "coord": "ASYMMETRIC", "nearest": "FLOOR",
                                            "sizes": [7, 5]},
     torch.randn(2, 2, 3, 4), lambda x: F.interpolate(x, size=(7, 5), mode="nearest"))
case("bilinear x2", "resize", {"mode": "LINEAR", "coord": "PYTORCH_HALF_PIXEL", "nearest": "FLOOR", "scales": [2, 2]},
     torch.randn(2, 2, 3, 4), lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False))
case("bilinear to size", "resize", {"mode": "LINEAR", "coord": "PYTORCH_HALF_PIXEL", "nearest": "FLOOR",
                                    "sizes": [7, 3]},
     torch.randn(2, 2, 4, 5), lambda x: F.interpolate(x, size=(7, 3), mode="bilinear", align_corners=False))
case("bilinear align corners", "resize", {"mode": "LINEAR", "coord": "ALIGN_CORNERS", "nearest": "FLOOR",
                                          "sizes": [7, 9]},
     torch.randn(2, 2, 3, 4), lambda x: F.interpolate(x, size=(7, 9), mode="bilinear", align_corners=True))

act = torch.randn(2, 3, 4, 5) * 3
case("relu", "relu", {}, act, F.relu)
case("leaky relu", "leakyrelu", {"alpha": 0.01}, act, lambda x: F.leaky_relu(x, 0.01))
case("sigmoid", "sigmoid", {}, act, torch.sigmoid)
case("tanh", "tanh", {}, act, torch.tanh)
case("silu", "silu", {}, act, F.silu)
case("hardsigmoid", "hardsigmoid", {"alpha": 1 / 6, "beta": 0.5}, act, F.hardsigmoid)
case("hardswish", "hardswish", {}, act, F.hardswish)
case("gelu", "gelu", {"tanh": False}, act, F.gelu)
case("gelu tanh", "gelu", {"tanh": True}, act, lambda x: F.gelu(x, approximate="tanh"))
case("relu6", "clip", {"min": 0.0, "max": 6.0}, act, F.relu6)
case("softmax dim 1", "softmax", {"axis": 1}, act, lambda x: F.softmax(x, dim=1))

bn_w, bn_b, bn_m, bn_v = torch.randn(3), torch.randn(3), torch.randn(3), torch.rand(3) + 0.5
case("batch norm eval", "batchnorm", {"eps": 1e-5}, torch.randn(2, 3, 4, 5),
     lambda x: F.batch_norm(x, bn_m, bn_v, bn_w, bn_b, training=False, eps=1e-5),
     {"gamma": bn_w, "beta": bn_b, "mean": bn_m, "var": bn_v})
lin_w, lin_b = torch.randn(4, 6), torch.randn(4)
case("linear", "gemm", {}, torch.randn(3, 6), lambda x: F.linear(x, lin_w, lin_b), {"weight": lin_w, "bias": lin_b})

out = os.path.join("src", "test", "resources", "org", "xai4j", "core", "graph", "node_references.json")
with open(out, "w") as f:
    json.dump({"generator": "src/test/python/node_references.py", "torch": torch.__version__, "cases": cases}, f)
print(f"{len(cases)} cases → {out} ({os.path.getsize(out)} bytes)")
