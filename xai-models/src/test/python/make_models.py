#!/usr/bin/python3
"""Test models for the ONNX importer, made with Debian's PyTorch 1.13 and torchvision 0.14 (seeded).

Small models (committed, written to src/test/resources/org/xai4j/models/onnx):
  small_cnn_op13   conv/BatchNorm/ReLU/LeakyReLU/max+avg pool/x.view(x.size(0), -1)/Linear/Dropout,
                   exported with BatchNormalization nodes kept (TrainingMode.PRESERVE on an eval model)
  resnet_mini_op11, resnet_mini_op13
                   a ResNet-style net: stem conv+BN+ReLU+max pool, three BasicBlocks (two downsampling with
                   1x1 stride-2 projections), residual adds, global average pool, flatten, Linear
  ops_zoo_op13, ops_zoo_op17
                   a small segmentation net: depthwise/grouped/dilated/asymmetric-padded convs, hardswish,
                   squeeze-excitation (hardsigmoid gate), SiLU, GELU, ReLU6, nearest and bilinear resizes,
                   transposed conv, concat, padding; output N x 4 x H x W
Large models (--large DIR, for the slow suite, not committed): mobilenet_v3_small_op13, efficientnet_b0_op13
with torchvision's architectures and seeded random weights.

For each model: <name>.onnx, <name>_x.npy (float32 input, rows differ), <name>_targets.npy (int64 class per
row), <name>_out.npy (float64 torch output), <name>_grad.npy (float64 input gradient of the sum over rows of
each row's target score, by torch autograd in double precision on the same float32 weights) and, for the
layers listed in <name>_layers.json (torch module → ONNX node), <name>_act_<k>.npy / <name>_lgrad_<k>.npy.
For a segmentation output the target score of row i is the sum of channel t_i over all pixels.
"""
import io
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(16)
        self.act2 = nn.LeakyReLU(0.1)
        self.pool2 = nn.AvgPool2d(2)
        self.fc1 = nn.Linear(16 * 4 * 4, 32)
        self.relu3 = nn.ReLU()
        self.drop = nn.Dropout(0.5)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = self.pool1(self.relu1(self.bn1(self.conv1(x))))
        x = self.pool2(self.act2(self.bn2(self.conv2(x))))
        x = x.view(x.size(0), -1)
        return self.fc2(self.drop(self.relu3(self.fc1(x))))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNetMini(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(BasicBlock(16, 16, 1))
        self.layer2 = nn.Sequential(BasicBlock(16, 32, 2))
        self.layer3 = nn.Sequential(BasicBlock(32, 64, 2))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class SqueezeExcite(nn.Module):
    def __init__(self, c, r):
        super().__init__()
        self.fc1 = nn.Conv2d(c, r, 1)
        self.fc2 = nn.Conv2d(r, c, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        s = F.hardsigmoid(self.fc2(F.relu(self.fc1(s))))
        return x * s


class OpsZoo(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, 1, 1)
        self.dw = nn.Conv2d(8, 8, 3, 2, 1, groups=8)
        self.se = SqueezeExcite(8, 4)
        self.grouped = nn.Conv2d(8, 12, 3, 1, 1, groups=4)
        self.dilated = nn.Conv2d(12, 12, 3, 1, 2, dilation=2)
        self.asym = nn.Conv2d(12, 16, (2, 3), 1, 0)
        self.mult = nn.Conv2d(16, 32, 3, 2, 1, groups=16)
        self.up = nn.ConvTranspose2d(32, 8, 3, 2, 1, output_padding=1)
        self.mix = nn.Conv2d(16, 8, 1)
        self.head = nn.Conv2d(8 + 8, 4, 3, 1, 1)

    def forward(self, x):
        h = self.stem(x)                                  # 8 x 16 x 16
        s = F.hardswish(self.dw(h))                       # 8 x 8 x 8
        s = self.se(s)
        s = self.grouped(s)
        s = s * torch.sigmoid(s)                          # SiLU as exported
        s = F.gelu(self.dilated(s))
        s = F.pad(s, (0, 2, 1, 0))                        # asymmetric constant pad: 12 x 9 x 10
        s = F.relu6(self.asym(s))                         # 16 x 8 x 8
        m = F.hardswish(self.mult(s))                     # 32 x 4 x 4
        u = self.up(m)                                    # 8 x 8 x 8
        u = F.interpolate(u, scale_factor=2, mode="nearest")                       # 8 x 16 x 16
        v = F.interpolate(self.mix(s), size=(16, 16), mode="bilinear", align_corners=False)
        v = torch.tanh(v)
        return self.head(torch.cat([u, v], dim=1))


class Unsupported(nn.Module):
    """Operations the explanation graph does not support, for the importer's error report."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.norm = nn.InstanceNorm2d(4)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        h = F.elu(self.norm(self.conv(x)))
        return self.fc(torch.flatten(F.adaptive_max_pool2d(h, 1), 1))


def handmade(outdir):
    """Models written with onnx.helper: typed (non-raw) tensor fields, Constant attributes (opset 12), opset-18 forms.

    handmade_typed_op12: Gemm (B in float_data, C in raw_data, transB=0, alpha, beta) → Mul by a Constant
      (value_float) → Clip (min/max as inputs) → Reshape (shape in int64_data, behind an Identity of the
      initializer) → Softmax(axis 1, pre-13 flattening).
    handmade_op18: ReduceMean with axes as an input, Pad with an axes input, Resize to sizes with
      half_pixel linear interpolation, Transpose, MatMul with a constant.
    Each comes with <name>_x.npy and the numpy reference <name>_out.npy (float64).
    """
    from onnx import TensorProto, helper
    rng = np.random.default_rng(7)

    # --- typed fields, opset 12
    b = rng.standard_normal((6, 4)).astype(np.float32)
    c = rng.standard_normal((4,)).astype(np.float32)
    nodes = [
        helper.make_node("Gemm", ["x", "onnx::Gemm_B", "onnx::Gemm_C"], ["g"], name="Gemm_0", alpha=0.5, beta=2.0),
        helper.make_node("Constant", [], ["k"], name="Constant_1", value_float=1.5),
        helper.make_node("Mul", ["g", "k"], ["m"], name="Mul_2"),
        helper.make_node("Clip", ["m", "lo", "hi"], ["cl"], name="Clip_3"),
        helper.make_node("Identity", ["shape_init"], ["shape"], name="Identity_4"),
        helper.make_node("Reshape", ["cl", "shape"], ["r"], name="Reshape_5"),
        helper.make_node("Softmax", ["r"], ["y"], name="Softmax_6", axis=1),
    ]
    inits = [
        helper.make_tensor("onnx::Gemm_B", TensorProto.FLOAT, [6, 4], b.ravel().tolist()),
        helper.make_tensor("onnx::Gemm_C", TensorProto.FLOAT, [4], c.tobytes(), raw=True),
        helper.make_tensor("lo", TensorProto.FLOAT, [], [-1.0]),
        helper.make_tensor("hi", TensorProto.FLOAT, [], [2.0]),
        helper.make_tensor("shape_init", TensorProto.INT64, [3], [0, 2, 2]),
    ]
    g = helper.make_graph(nodes, "typed", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 6])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 2, 2])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 12)], producer_name="xai4j-test")
    onnx.checker.check_model(m)
    x = rng.standard_normal((3, 6)).astype(np.float32)
    z = np.clip(1.5 * (0.5 * x.astype(np.float64) @ b + 2.0 * c), -1, 2).reshape(3, 2, 2)
    flat = z.reshape(3, 4)
    ref = (np.exp(flat - flat.max(1, keepdims=True)) / np.exp(flat - flat.max(1, keepdims=True)).sum(1, keepdims=True))
    onnx.save(m, os.path.join(outdir, "handmade_typed_op12.onnx"))
    np.save(os.path.join(outdir, "handmade_typed_op12_x.npy"), x)
    np.save(os.path.join(outdir, "handmade_typed_op12_out.npy"), ref.reshape(3, 2, 2))

    # --- opset 18 forms
    w = rng.standard_normal((3, 5)).astype(np.float32)
    nodes = [
        helper.make_node("Pad", ["x", "pads", "", "pad_axes"], ["p"], name="/pad/Pad", mode="constant"),
        helper.make_node("Resize", ["p", "", "", "sizes"], ["rs"], name="/resize/Resize", mode="linear",
                         coordinate_transformation_mode="half_pixel"),
        helper.make_node("ReduceMean", ["rs", "axes"], ["mean"], name="/mean/ReduceMean", keepdims=0),
        helper.make_node("Transpose", ["rs"], ["t"], name="/t/Transpose", perm=[0, 2, 3, 1]),
        helper.make_node("MatMul", ["t", "w"], ["mm"], name="/mm/MatMul"),
        helper.make_node("ReduceMean", ["mm", "axes12"], ["pooled"], name="/pool/ReduceMean", keepdims=0),
        helper.make_node("Concat", ["mean", "pooled"], ["y"], name="/cat/Concat", axis=1),
    ]
    inits = [
        helper.make_tensor("pads", TensorProto.INT64, [4], [1, 0, 2, 1]),
        helper.make_tensor("pad_axes", TensorProto.INT64, [2], [2, 3]),
        helper.make_tensor("sizes", TensorProto.INT64, [4], [2, 3, 7, 5]),
        helper.make_tensor("axes", TensorProto.INT64, [2], [2, 3]),
        helper.make_tensor("axes12", TensorProto.INT64, [2], [1, 2]),
        helper.make_tensor("w", TensorProto.FLOAT, [3, 5], w.ravel().tolist()),
    ]
    g = helper.make_graph(nodes, "op18", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 3, 4, 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 8])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 18)], producer_name="xai4j-test")
    m.ir_version = 8
    x = rng.standard_normal((2, 3, 4, 4)).astype(np.float32)
    onnx.save(m, os.path.join(outdir, "handmade_op18.onnx"))
    np.save(os.path.join(outdir, "handmade_op18_x.npy"), x)
    # numpy reference: pad rows (1 before, 2 after) and columns (0 before, 1 after), then half-pixel linear
    # resize from 7×5 to 7×5 (an identity) and the reductions.
    p = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (1, 2), (0, 1)))
    mean = p.mean(axis=(2, 3))
    pooled = (p.transpose(0, 2, 3, 1) @ w.astype(np.float64)).mean(axis=(1, 2))
    np.save(os.path.join(outdir, "handmade_op18_out.npy"), np.concatenate([mean, pooled], axis=1))


def npy_samples(outdir):
    """Arrays of every dtype and layout Npy reads, with the values spelled out in a JSON file."""
    os.makedirs(outdir, exist_ok=True)
    base = np.arange(24).reshape(2, 3, 4) - 7.5
    samples = {
        "f4": base.astype("<f4"), "f8": base.astype("<f8") / 3, "f2": base.astype("<f2"),
        "i8": (base * 2).astype("<i8"), "i4": (base * 2).astype("<i4"), "i2": (base * 2).astype("<i2"),
        "u1": (base + 8).astype("u1"), "i1": (base * 2).astype("i1"), "b1": (base > 0),
        "f8_big_endian": (base / 3).astype(">f8"), "f4_fortran": np.asfortranarray(base.astype("<f4")),
        "scalar": np.array(2.5), "empty_axis": np.zeros((2, 0), dtype="<f4"),
    }
    expected = {}
    for k, v in samples.items():
        np.save(os.path.join(outdir, k + ".npy"), v)
        expected[k] = {"shape": list(v.shape), "values": [float(e) for e in np.ravel(v, order="C")]}
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected, f)


def export(model, x, opset, training=torch.onnx.TrainingMode.EVAL):
    f = io.BytesIO()
    torch.onnx.export(model, x, f, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, training=training)
    return f.getvalue()


def last_node_with_prefix(model_proto, prefix):
    name = None
    for n in model_proto.graph.node:
        if n.name.startswith(prefix):
            name = n.name
    if name is None:
        raise SystemExit(f"no ONNX node starts with {prefix}")
    return name


def write(outdir, name, model, x, targets, layers, opset, training=torch.onnx.TrainingMode.EVAL):
    model.eval()
    data = export(model, x[:1], opset, training)
    proto = onnx.load_from_string(data)
    onnx.checker.check_model(proto)
    with open(os.path.join(outdir, name + ".onnx"), "wb") as f:
        f.write(data)
    # References in double precision on the same (float32) weights.
    ref = model.double()
    xd = torch.from_numpy(x.numpy().astype(np.float64)).requires_grad_(True)
    acts = {}
    hooks = []
    for k, module_name in enumerate(layers):
        mod = dict(ref.named_modules())[module_name]

        def hook(m, i, o, k=k):
            o.retain_grad()
            acts[k] = o
        hooks.append(mod.register_forward_hook(hook))
    out = ref(xd)
    t = torch.tensor(targets)
    if out.dim() == 2:
        score = out[torch.arange(out.shape[0]), t].sum()
    else:
        score = out[torch.arange(out.shape[0]), t].sum()
    score.backward()
    for h in hooks:
        h.remove()
    np.save(os.path.join(outdir, name + "_x.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(outdir, name + "_targets.npy"), np.array(targets, dtype=np.int64))
    np.save(os.path.join(outdir, name + "_out.npy"), out.detach().numpy())
    np.save(os.path.join(outdir, name + "_grad.npy"), xd.grad.numpy())
    mapping = []
    for k, module_name in enumerate(layers):
        parts = module_name.split(".")
        scope = "/" + "/".join(".".join(parts[:i + 1]) for i in range(len(parts))) + "/"
        onnx_name = last_node_with_prefix(proto, scope)
        mapping.append({"torch": module_name, "onnx": onnx_name})
        np.save(os.path.join(outdir, f"{name}_act_{k}.npy"), acts[k].detach().numpy())
        np.save(os.path.join(outdir, f"{name}_lgrad_{k}.npy"), acts[k].grad.numpy())
    with open(os.path.join(outdir, name + "_layers.json"), "w") as f:
        json.dump({"opset": opset, "layers": mapping, "nodes": len(proto.graph.node)}, f, indent=1)
    model.float()
    print(f"{name}: {len(proto.graph.node)} nodes, {len(data)} bytes, output {tuple(out.shape)}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    small = os.path.join(here, "..", "resources", "org", "xai4j", "models", "onnx")
    os.makedirs(small, exist_ok=True)
    torch.manual_seed(3)

    def bn_stats(model):
        # Non-trivial running statistics, as a trained model would have.
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.3, 0.3)
        return model

    if len(sys.argv) > 2 and sys.argv[1] == "--large":
        import torchvision
        outdir = sys.argv[2]
        os.makedirs(outdir, exist_ok=True)
        torch.manual_seed(11)
        mnv3 = bn_stats(torchvision.models.mobilenet_v3_small(weights=None))
        write(outdir, "mobilenet_v3_small_op13", mnv3, torch.randn(2, 3, 224, 224), [1, 500],
              ["features.3", "features.12"], 13)
        torch.manual_seed(12)
        eff = bn_stats(torchvision.models.efficientnet_b0(weights=None))
        write(outdir, "efficientnet_b0_op13", eff, torch.randn(2, 3, 224, 224), [7, 900],
              ["features.2", "features.8"], 13)
        return

    write(small, "small_cnn_op13", bn_stats(SmallCnn()), torch.randn(2, 3, 16, 16), [3, 7],
          ["relu1", "act2", "fc1"], 13, training=torch.onnx.TrainingMode.PRESERVE)
    torch.manual_seed(4)
    res = bn_stats(ResNetMini())
    x = torch.randn(3, 3, 32, 32)
    for opset in (11, 13):
        write(small, f"resnet_mini_op{opset}", res, x, [2, 5, 9], ["layer1", "layer2", "layer3"], opset)
    torch.manual_seed(5)
    zoo = OpsZoo()
    zx = torch.randn(2, 3, 16, 16)
    write(small, "ops_zoo_op13", zoo, zx, [1, 3], ["se", "up", "mix"], 13)
    # Opset 17: HardSwish becomes its own op, Pad/Resize/Clip take their newest forms.
    write(small, "ops_zoo_op17", zoo, zx, [2, 0], ["se", "up", "mix"], 17)
    torch.manual_seed(6)
    with open(os.path.join(small, "unsupported_op13.onnx"), "wb") as f:
        f.write(export(Unsupported().eval(), torch.randn(1, 3, 8, 8), 13))
    npy_samples(os.path.join(here, "..", "resources", "org", "xai4j", "models", "io"))
    handmade(small)


if __name__ == "__main__":
    main()
