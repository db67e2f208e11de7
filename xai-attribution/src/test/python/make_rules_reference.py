#!/usr/bin/python3
"""Reference values for the rule-based attribution methods (DeepLIFT, DeepLiftShap, guided backpropagation,
deconvolution, guided Grad-CAM), computed by an independent PyTorch implementation in float64.

Run with Debian's interpreter (torch 1.13, onnx 1.12):  /usr/bin/python3 make_rules_reference.py

What it does:
  1. builds small seeded PyTorch models and exports them to ONNX (opset 13), the files xai4j's tests import;
  2. reads each ONNX file back with the `onnx` package and runs it with a small interpreter written here on
     torch float64 ops, in which every node can carry a modified backward pass (torch.autograd.Function):
       - DeepLIFT's Rescale rule on element-wise nonlinearities (Shrikumar et al. 2017): the multiplier is
         (f(x) - f(x')) / (x - x'), or the local derivative where |x - x'| < 1e-10 (Captum's eps);
       - products and quotients of two inputs: the two-player Shapley split of the change (as shap's
         TensorFlow DeepExplainer for Mul and RealDiv; Captum has no rule there, see captum_anchor.py):
         d(ab) = (da)(b + b')/2 + (a + a')/2 (db),
         d(a/b) = (da)(1/b + 1/b')/2 - (a + a')/2 db / (b b');
       - max pooling: the change of every window's output, max(y, y') - y' routed to the input's arg-max and
         y - max(y, y') to the reference's arg-max, divided by the input change at each position. "captum"
         routes with max_unpool2d, which keeps only one window's value where windows overlap (what Captum's
         rule does); "exact" adds them all up;
       - softmax: "captum", element-wise rescale (the softmax vector-Jacobian product where |x - x'| < eps)
         minus its mean, the mean taken over each softmax vector; "exact", softmax written as e = exp(x - c),
         S = sum(e), y = e / S with the rescale rule at exp and the Shapley split at the quotient;
       - guided backpropagation / deconvolution at every ReLU: max(g, 0) * [x > 0] / max(g, 0);
     everything else passes its plain gradient;
  3. writes the inputs, baselines and expected results as .npy files and an index (rules/index.json, with the
     summation-to-delta of every case), and the guided Grad-CAM references under xai-cam's test resources.

The weights of every model are scaled up (gain) so that the outputs move clearly with the input; the exact
rules conserve to ~1e-16 here, Captum's max-pool rule does not where windows overlap (cnn_maxpool), nor
Captum's softmax rule (mlp_softmax).

Everything here is written from the methods' published formulas and Captum's documented defaults; no code is
taken from Captum or any other attribution library. Captum itself is run on these models by captum_anchor.py
(cnn_maxpool and mlp_softmax, whose every nonlinearity has a Captum rule); where Captum computes the same rule
the tests compare with Captum's output, and where it does not (the max-pool rule after an adjacent ReLU, the
softmax mean over the batch, captum#1276) CaptumDifferencesTest measures the difference.
"""
import io
import json
import os
import shutil

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "xai4j", "attribution", "rules")
CAM_OUT = os.path.join(HERE, "..", "..", "..", "..", "xai-cam", "src", "test", "resources", "org", "xai4j", "cam",
                       "guided")
EPS = 1e-10
D = torch.float64


# ---------------------------------------------------------------- models (exported to ONNX)

class MlpSmooth(nn.Module):
    """Dense layers with tanh, sigmoid, leaky ReLU, GELU (exported through Erf), SiLU and hardswish (exported as
    products), ReLU6 (Relu + Clip) and ReLU: no max pooling."""

    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(8, 16)
        self.l2 = nn.Linear(16, 16)
        self.l3 = nn.Linear(16, 12)
        self.l4 = nn.Linear(12, 12)
        self.l5 = nn.Linear(12, 12)
        self.l6 = nn.Linear(12, 10)
        self.l7 = nn.Linear(10, 5)

    def forward(self, x):
        h = torch.tanh(self.l1(x))
        h = torch.sigmoid(2 * self.l2(h))
        h = F.leaky_relu(self.l3(h), 0.1)
        h = F.gelu(self.l4(h))
        h = F.silu(self.l5(h))
        h = F.hardswish(3 * self.l6(h))
        h = F.relu(F.relu6(h) - 0.05)
        return self.l7(h)


class CnnNoPool(nn.Module):
    """Convolutions with batch norm, ReLU, SiLU, a squeeze-excitation gate (hardsigmoid, product of two varying
    tensors), a residual addition, average pooling, tanh, global average pooling: no max pooling."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.se1 = nn.Conv2d(8, 4, 1)
        self.se2 = nn.Conv2d(4, 8, 1)
        self.proj = nn.Conv2d(3, 8, 1, stride=2)
        self.conv3 = nn.Conv2d(8, 12, 3, padding=1)
        self.fc = nn.Linear(12, 6)

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        h = F.silu(self.conv2(h))
        s = F.adaptive_avg_pool2d(h, 1)
        s = F.hardsigmoid(self.se2(F.relu(self.se1(s))))
        h = h * s + self.proj(x)
        h = F.avg_pool2d(h, 2)
        h = torch.tanh(self.conv3(h))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(h, 1), 1))


class CnnMaxPool(nn.Module):
    """Conv/ReLU with a non-overlapping 2x2 max pool and an overlapping 3x3 stride-2 max pool."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 3, padding=1)
        self.conv2 = nn.Conv2d(6, 8, 3, padding=1)
        self.fc = nn.Linear(8 * 3 * 3, 5)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv1(x)), 2)
        h = F.relu(self.conv2(h))
        h = F.max_pool2d(h, 3, 2, 1)
        return self.fc(torch.flatten(h, 1))


class MlpSoftmax(nn.Module):
    """A classifier whose output is a softmax (probabilities)."""

    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(6, 10)
        self.l2 = nn.Linear(10, 4)

    def forward(self, x):
        return torch.softmax(self.l2(torch.relu(self.l1(x))), dim=1)


def bn_stats(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.3, 0.3)
    return model


def gain(model, factor):
    """Scales every weight: PyTorch's default initialisation makes these small nets nearly constant, so that
    f(x) - f(x') would be close to rounding level and relative summation-to-delta meaningless."""
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            m.weight.data.mul_(factor)
    return model


def export(model, x):
    model.eval()
    f = io.BytesIO()
    torch.onnx.export(model, x[:1], f, opset_version=13, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE)
    data = f.getvalue()
    onnx.checker.check_model(onnx.load_from_string(data))
    return data


# ---------------------------------------------------------------- rules as autograd functions

def sum_to(t, shape):
    """Sums a broadcast result back to `shape` (numpy broadcasting rules)."""
    while t.dim() > len(shape):
        t = t.sum(0)
    for i, s in enumerate(shape):
        if s == 1 and t.shape[i] != 1:
            t = t.sum(i, keepdim=True)
    return t


class Rescale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, xr, fn):
        y = fn(x)
        ctx.save_for_backward(x, xr, y, fn(xr))
        ctx.fn = fn
        return y

    @staticmethod
    def backward(ctx, g):
        x, xr, y, yr = ctx.saved_tensors
        with torch.enable_grad():
            xl = x.detach().requires_grad_(True)
            local, = torch.autograd.grad(ctx.fn(xl), xl, g)
        dx = x - xr
        small = dx.abs() < EPS
        return torch.where(small, local, g * (y - yr) / torch.where(small, torch.ones_like(dx), dx)), None, None


class ShapleyMul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, ar, br):
        ctx.save_for_backward(a, b, ar, br)
        return a * b

    @staticmethod
    def backward(ctx, g):
        a, b, ar, br = ctx.saved_tensors
        return sum_to(g * (b + br) / 2, a.shape), sum_to(g * (a + ar) / 2, b.shape), None, None


class ShapleyDiv(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b, ar, br):
        ctx.save_for_backward(a, b, ar, br)
        return a / b

    @staticmethod
    def backward(ctx, g):
        a, b, ar, br = ctx.saved_tensors
        ga = g * (1 / b + 1 / br) / 2
        gb = -g * (a + ar) / (2 * b * br)
        return sum_to(ga, a.shape), sum_to(gb, b.shape), None, None


def scatter_add_planes(values, indices, shape):
    """Adds values[n, c, k] into a zero (N, C, H*W) plane at indices[n, c, k]."""
    n, c, h, w = shape
    out = torch.zeros(n, c, h * w, dtype=values.dtype)
    out.scatter_add_(2, indices.reshape(n, c, -1), values.reshape(n, c, -1))
    return out.reshape(shape)


class MaxPoolRule(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, xr, kernel, stride, padding, exact):
        y, ix = F.max_pool2d(x, kernel, stride, padding, return_indices=True)
        yr, ir = F.max_pool2d(xr, kernel, stride, padding, return_indices=True)
        ctx.save_for_backward(x, xr, y, yr, ix, ir)
        ctx.geometry = (kernel, stride, padding)
        ctx.exact = exact
        return y

    @staticmethod
    def backward(ctx, g):
        x, xr, y, yr, ix, ir = ctx.saved_tensors
        kernel, stride, padding = ctx.geometry
        top = torch.maximum(y, yr)
        to_input = g * (top - yr)
        to_reference = g * (y - top)
        if ctx.exact:
            routed = scatter_add_planes(to_input, ix, x.shape) + scatter_add_planes(to_reference, ir, x.shape)
        else:
            routed = (F.max_unpool2d(to_input, ix, kernel, stride, padding, output_size=x.shape)
                      + F.max_unpool2d(to_reference, ir, kernel, stride, padding, output_size=x.shape))
        plain = scatter_add_planes(g, ix, x.shape)
        dx = x - xr
        small = dx.abs() < EPS
        return torch.where(small, plain, routed / torch.where(small, torch.ones_like(dx), dx)), None, None, None, None, None


class SoftmaxRule(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, xr, axis):
        y = torch.softmax(x, axis)
        ctx.save_for_backward(x, xr, y, torch.softmax(xr, axis))
        ctx.axis = axis
        return y

    @staticmethod
    def backward(ctx, g):
        x, xr, y, yr = ctx.saved_tensors
        axis = ctx.axis
        vjp = y * (g - (g * y).sum(axis, keepdim=True))
        dx = x - xr
        small = dx.abs() < EPS
        u = torch.where(small, vjp, g * (y - yr) / torch.where(small, torch.ones_like(dx), dx))
        return u - u.mean(axis, keepdim=True), None, None


class SoftmaxExact(torch.autograd.Function):
    """Softmax as exp, a sum and a quotient, each with its exact DeepLIFT rule: e = exp(x - c), S = sum e,
    y = e / S (Shapley split of the quotient), c the largest of x and x' along the axis."""

    @staticmethod
    def forward(ctx, x, xr, axis):
        ctx.save_for_backward(x, xr)
        ctx.axis = axis
        return torch.softmax(x, axis)

    @staticmethod
    def backward(ctx, g):
        x, xr = ctx.saved_tensors
        axis = ctx.axis
        c = torch.maximum(x.amax(axis, keepdim=True), xr.amax(axis, keepdim=True))
        e, er = torch.exp(x - c), torch.exp(xr - c)
        s, sr = e.sum(axis, keepdim=True), er.sum(axis, keepdim=True)
        to_sum = (g * (e + er)).sum(axis, keepdim=True) / (2 * s * sr)
        m_e = g * (1 / s + 1 / sr) / 2 - to_sum
        dx = x - xr
        small = dx.abs() < EPS
        r = torch.where(small, e, (e - er) / torch.where(small, torch.ones_like(dx), dx))
        return m_e * r, None, None


class GuidedRelu(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, deconv):
        ctx.save_for_backward(x)
        ctx.deconv = deconv
        return torch.relu(x)

    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        gp = torch.clamp(g, min=0)
        return (gp if ctx.deconv else gp * (x > 0).to(g.dtype)), None


# ---------------------------------------------------------------- ONNX interpreter

def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            v = onnx.helper.get_attribute_value(a)
            return v.decode() if isinstance(v, bytes) else v
    return default


def symmetric_pads(node):
    pads = list(attr(node, "pads", [0, 0, 0, 0]))
    if pads[0] != pads[2] or pads[1] != pads[3]:
        raise SystemExit(f"asymmetric pads in {node.name} are not handled by this reference")
    return pads[0], pads[1]


ELEMENTWISE = {
    "Relu": lambda n: torch.relu,
    "Sigmoid": lambda n: torch.sigmoid,
    "Tanh": lambda n: torch.tanh,
    "Erf": lambda n: torch.erf,
    "LeakyRelu": lambda n: (lambda t, a=attr(n, "alpha", 0.01): F.leaky_relu(t, a)),
    "HardSigmoid": lambda n: (lambda t, a=attr(n, "alpha", 0.2), b=attr(n, "beta", 0.5): torch.clamp(a * t + b, 0, 1)),
}


class Model:
    def __init__(self, data):
        self.proto = onnx.load_from_string(data)
        g = self.proto.graph
        self.consts = {t.name: torch.from_numpy(numpy_helper.to_array(t).astype(np.float64)
                                                 if numpy_helper.to_array(t).dtype.kind == "f"
                                                 else numpy_helper.to_array(t).copy()) for t in g.initializer}
        self.input = [i.name for i in g.input if i.name not in self.consts][0]
        self.output = g.output[0].name
        self.nodes = list(g.node)

    def node_names(self, op):
        return [n.name for n in self.nodes if n.op_type == op]

    def run(self, x, mode="gradient", ref=None, variant="captum"):
        """Forward; `mode` picks the backward rules. Returns every value by name."""
        v = dict(self.consts)
        v[self.input] = x
        for n in self.nodes:
            ins = [v[i] if i else None for i in n.input]
            rins = [ref[i] if (ref is not None and i) else None for i in n.input]
            v[n.output[0]] = self.op(n, ins, rins, mode, variant)
        return v

    def op(self, n, ins, rins, mode, variant):
        t = n.op_type
        x = ins[0] if ins else None
        deeplift = mode == "deeplift"
        if t in ELEMENTWISE or t == "Clip":
            if t == "Clip":
                lo = ins[1].item() if len(ins) > 1 and ins[1] is not None else None
                hi = ins[2].item() if len(ins) > 2 and ins[2] is not None else None
                fn = lambda u, lo=lo, hi=hi: torch.clamp(u, lo, hi)
            else:
                fn = ELEMENTWISE[t](n)
            if deeplift:
                return Rescale.apply(x, rins[0], fn)
            if t == "Relu" and mode in ("guided", "deconv"):
                return GuidedRelu.apply(x, mode == "deconv")
            return fn(x)
        if t == "Mul":
            return ShapleyMul.apply(ins[0], ins[1], rins[0], rins[1]) if deeplift else ins[0] * ins[1]
        if t == "Div":
            return ShapleyDiv.apply(ins[0], ins[1], rins[0], rins[1]) if deeplift else ins[0] / ins[1]
        if t == "Add":
            return ins[0] + ins[1]
        if t == "Sub":
            return ins[0] - ins[1]
        if t == "MaxPool":
            k = tuple(attr(n, "kernel_shape"))
            s = tuple(attr(n, "strides", [1, 1]))
            p = symmetric_pads(n)
            if attr(n, "ceil_mode", 0) or any(d != 1 for d in attr(n, "dilations", [1, 1])):
                raise SystemExit("ceil mode / dilation not used by these models")
            if deeplift:
                return MaxPoolRule.apply(x, rins[0], k, s, p, variant == "exact")
            return F.max_pool2d(x, k, s, p)
        if t == "Softmax":
            axis = attr(n, "axis", -1)
            if deeplift:
                rule = SoftmaxExact if variant == "exact" else SoftmaxRule
                return rule.apply(x, rins[0], axis)
            return torch.softmax(x, axis)
        if t == "Conv":
            p = symmetric_pads(n)
            return F.conv2d(x, ins[1], ins[2] if len(ins) > 2 else None, tuple(attr(n, "strides", [1, 1])), p,
                            tuple(attr(n, "dilations", [1, 1])), attr(n, "group", 1))
        if t == "Gemm":
            a = x.t() if attr(n, "transA", 0) else x
            b = ins[1].t() if attr(n, "transB", 0) else ins[1]
            y = attr(n, "alpha", 1.0) * (a @ b)
            return y + attr(n, "beta", 1.0) * ins[2] if len(ins) > 2 else y
        if t == "MatMul":
            return ins[0] @ ins[1]
        if t == "BatchNormalization":
            return F.batch_norm(x, ins[3], ins[4], ins[1], ins[2], False, 0.0, attr(n, "epsilon", 1e-5))
        if t == "AveragePool":
            p = symmetric_pads(n)
            return F.avg_pool2d(x, tuple(attr(n, "kernel_shape")), tuple(attr(n, "strides", [1, 1])), p,
                                bool(attr(n, "ceil_mode", 0)), bool(attr(n, "count_include_pad", 0)))
        if t == "GlobalAveragePool":
            return x.mean(dim=(2, 3), keepdim=True)
        if t == "Flatten":
            ax = attr(n, "axis", 1)
            return x.reshape(int(np.prod(x.shape[:ax])), -1)
        if t == "Reshape":
            shape = [int(s) for s in ins[1].tolist()]
            shape = [x.shape[i] if s == 0 else s for i, s in enumerate(shape)]
            return x.reshape(shape)
        if t == "Pad":
            pads = [int(q) for q in ins[1].tolist()]
            if attr(n, "mode", "constant") != "constant":
                raise SystemExit("only constant padding is used by these models")
            value = ins[2].item() if len(ins) > 2 and ins[2] is not None else 0.0
            r = len(pads) // 2
            torch_pads = []
            for axis in reversed(range(r)):
                torch_pads += [pads[axis], pads[axis + r]]
            return F.pad(x, torch_pads, value=value)
        if t in ("Identity", "Dropout"):
            return x
        if t == "Constant":
            value = numpy_helper.to_array(attr(n, "value"))
            return torch.from_numpy(value.astype(np.float64) if value.dtype.kind == "f" else value.copy())
        raise SystemExit(f"op {t} ({n.name}) is not handled by this reference")


def scores(out, targets):
    return out[torch.arange(out.shape[0]), torch.tensor(targets)]


def backward_from(model, x, targets, mode, ref_values=None, variant="captum", layer=None):
    xg = x.clone().requires_grad_(True)
    vals = model.run(xg, mode, ref_values, variant)
    if layer is not None:
        vals[layer].retain_grad()
    out = vals[model.output]
    scores(out, targets).sum().backward()
    return out.detach(), xg.grad.detach(), vals


def forward(model, x):
    with torch.no_grad():
        return model.run(x)


def deeplift(model, x, b, targets, variant="captum"):
    """(multipliers, attributions, delta) for input rows x and baseline rows b (same shape)."""
    ref = forward(model, b)
    out, mult, _ = backward_from(model, x, targets, "deeplift", ref, variant)
    a = mult * (x - b)
    delta = a.reshape(a.shape[0], -1).sum(1) - (scores(out, targets) - scores(ref[model.output], targets))
    return mult, a, delta


def deeplift_shap(model, x, background, targets, variant="captum"):
    """Captum's convention: the mean over background rows of DeepLIFT against each; delta = mean of the deltas."""
    attrs, deltas = [], []
    for k in range(background.shape[0]):
        b = background[k:k + 1].expand_as(x).clone()
        _, a, d = deeplift(model, x, b, targets, variant)
        attrs.append(a)
        deltas.append(d)
    return torch.stack(attrs).mean(0), torch.stack(deltas).mean(0)


def grad_cam(model, x, targets, layer):
    """Captum's LayerGradCam with relu_attributions=True: ReLU(sum_c mean_hw(dy/dA) A) at the layer's size."""
    _, _, vals = backward_from(model, x, targets, "gradient", layer=layer)
    a = vals[layer].detach()
    grad = vals[layer].grad
    w = grad.mean(dim=(2, 3), keepdim=True)
    return torch.relu((w * a).sum(1, keepdim=True))


# ---------------------------------------------------------------- writing

def save(name, array, dtype=np.float64):
    np.save(os.path.join(OUT, name + ".npy"), np.asarray(array, dtype=dtype))


def relative(a, b):
    return float((a - b).abs().max() / b.abs().max().clamp(min=1e-300))


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(CAM_OUT, exist_ok=True)
    torch.manual_seed(20)
    specs = [
        ("mlp_smooth", gain(MlpSmooth(), 3), (8,), 5),
        ("cnn_nopool", bn_stats(gain(CnnNoPool(), 2.5)), (3, 12, 12), 6),
        ("cnn_maxpool", gain(CnnMaxPool(), 2), (3, 12, 12), 5),
        ("mlp_softmax", gain(MlpSoftmax(), 3), (6,), 4),
    ]
    index = {"eps": EPS, "models": {}}
    for name, module, row, classes in specs:
        n = 3
        x = (torch.rand(n, *row) * 2 - 1).float()
        baseline = (torch.rand(n, *row) * 2 - 1).float() * 0.5
        background = (torch.rand(4, *row) * 2 - 1).float()
        targets = [int(t) for t in torch.randperm(classes)[:n]]
        data = export(module, x)
        with open(os.path.join(OUT, name + ".onnx"), "wb") as f:
            f.write(data)
        model = Model(data)
        xd, bd, bgd = x.to(D), baseline.to(D), background.to(D)
        # The interpreter reproduces the PyTorch module (float64 on the float32 weights; the export stores some
        # constants, e.g. GELU's 1/sqrt(2) and hardsigmoid's 1/6, in float32, hence not to 1e-15).
        module_out = module.double()(xd).detach()
        out, grad, _ = backward_from(model, xd, targets, "gradient")
        agreement = relative(out, module_out)
        assert agreement < 1e-6, f"{name}: interpreter differs from torch by {agreement}"
        save(name + "_x", x.numpy(), np.float32)
        save(name + "_baseline", baseline.numpy(), np.float32)
        save(name + "_background", background.numpy(), np.float32)
        save(name + "_targets", targets, np.int64)
        save(name + "__output", out)
        save(name + "__gradient", grad)
        info = {"targets": targets, "classes": classes, "ops": sorted({nd.op_type for nd in model.nodes}),
                "interpreterVsTorch": agreement, "relu": model.node_names("Relu"), "cases": {}}
        modes = ["captum", "exact"] if {"MaxPool", "Softmax"} & set(info["ops"]) else ["captum"]
        for mp in modes:
            for bname, b in (("zero", torch.zeros_like(xd)), ("ref", bd)):
                mult, a, delta = deeplift(model, xd, b, targets, mp)
                key = f"deeplift_{mp}_{bname}"
                save(f"{name}__{key}", a)
                save(f"{name}__{key}_mult", mult)
                save(f"{name}__{key}_delta", delta)
                gap = (scores(out, targets) - scores(forward(model, b)[model.output], targets)).abs()
                info["cases"][key] = {"delta": delta.tolist(), "relativeDelta": (delta.abs() / gap).tolist(),
                                      "scoreChange": gap.tolist()}
            a, delta = deeplift_shap(model, xd, bgd, targets, mp)
            save(f"{name}__deepliftshap_{mp}", a)
            save(f"{name}__deepliftshap_{mp}_delta", delta)
            info["cases"][f"deepliftshap_{mp}"] = {"delta": delta.tolist()}
        for mode in ("guided", "deconv"):
            _, g, _ = backward_from(model, xd, targets, mode)
            save(f"{name}__{mode}", g)
        index["models"][name] = info
        print(name, info["ops"], {k: max(abs(d) for d in c["delta"]) for k, c in info["cases"].items()})

        if name == "cnn_maxpool":
            # Guided Grad-CAM at the second ReLU (8 x 6 x 6 for a 12 x 12 input), Captum's convention: guided
            # backpropagation times the layer's Grad-CAM (ReLU on) resized to the input, nearest by default.
            layer_node = model.node_names("Relu")[1]
            layer_value = [nd.output[0] for nd in model.nodes if nd.name == layer_node][0]
            cam = grad_cam(model, xd, targets, layer_value)
            _, guided, _ = backward_from(model, xd, targets, "guided")
            size = tuple(x.shape[2:])
            nearest = F.interpolate(cam, size=size, mode="nearest")
            bilinear = F.interpolate(cam, size=size, mode="bilinear", align_corners=False)
            shutil.copy(os.path.join(OUT, name + ".onnx"), os.path.join(CAM_OUT, name + ".onnx"))
            for k, arr, dt in (("x", x.numpy(), np.float32), ("targets", targets, np.int64),
                               ("gradcam", cam.numpy(), np.float64),
                               ("guided_gradcam_nearest", (guided * nearest).numpy(), np.float64),
                               ("guided_gradcam_bilinear", (guided * bilinear).numpy(), np.float64)):
                np.save(os.path.join(CAM_OUT, f"{name}_{k}.npy"), np.asarray(arr, dtype=dt))
            with open(os.path.join(CAM_OUT, "index.json"), "w") as f:
                json.dump({"model": name, "layer": layer_node, "targets": targets}, f, indent=1)
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, indent=1)


if __name__ == "__main__":
    main()
