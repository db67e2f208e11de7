#!/usr/bin/python3
"""Captum itself, run on the models and inputs of xai-attribution's committed references.

Run through tools/anchors.sh (it puts Captum v0.8.0, commit fc17d507, on PYTHONPATH), or by hand:

    PYTHONPATH=/tmp/xai4j-anchors /usr/bin/python3 xai-attribution/src/test/python/captum_anchor.py

Debian packages: python3-torch (1.13) python3-numpy python3-onnx. Captum's code is run, never copied.

Writes src/test/resources/org/xai4j/attribution/captum/:
  captum_reference.json  the deterministic cases of torch_reference.json (same keys, same "arr" format),
                         computed by Captum's Saliency, InputXGradient, IntegratedGradients (every
                         quadrature), LayerGradientXActivation and LayerIntegratedGradients in float64; and
                         Captum's NoiseTunnel (SmoothGrad, VarGrad; 20000 samples, torch seed 20240607) over
                         the conv model's signed gradient;
  <model>__<case>.npy    DeepLift, DeepLiftShap, GuidedBackprop, Deconvolution on the two rule models whose
                         every nonlinearity has a Captum rule (cnn_maxpool: ReLU + max pools; mlp_softmax:
                         ReLU + softmax), rebuilt as nn.Modules with the ONNX files' weights; and DeepLift on
                         mlp_smooth written with nn modules (GELU, SiLU, Hardswish, ReLU6 have no Captum rule);
  index.json             Captum's revision, and per case the largest difference from the committed
                         re-implementation references (relative to the reference's largest magnitude).
Also writes xai-cam's guided Grad-CAM anchor (Captum's GuidedGradCam) under xai-cam/src/test/resources/
org/xai4j/cam/guided/captum_*.npy.
"""
import json
import os
import subprocess

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import numpy_helper

import captum
from captum.attr import (Deconvolution, DeepLift, DeepLiftShap, GuidedBackprop, GuidedGradCam, InputXGradient,
                         IntegratedGradients, LayerGradientXActivation, LayerIntegratedGradients, NoiseTunnel,
                         Saliency)

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "..", "resources", "org", "xai4j", "attribution")
OUT = os.path.join(RES, "captum")
RULES = os.path.join(RES, "rules")
CAM = os.path.join(HERE, "..", "..", "..", "..", "xai-cam", "src", "test", "resources", "org", "xai4j", "cam", "guided")


def revision():
    """Captum's commit, read from the git history tools/anchors.sh extracted it from (or 'unknown')."""
    gitdir = os.environ.get("CAPTUM_GIT", "/work/.mirror/pytorch+captum/repo")
    rev = os.environ.get("CAPTUM_REV", "v0.8.0")
    try:
        return subprocess.check_output(["git", "--git-dir", gitdir, "rev-parse", f"refs/tags/{rev}^{{commit}}"],
                                       text=True).strip()
    except Exception:  # noqa: BLE001 -- only for the printout
        return "unknown"


def arr(t):
    a = np.asarray(t.detach().numpy() if isinstance(t, torch.Tensor) else t, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def load(stored):
    return torch.tensor(np.array(stored["data"], dtype=np.float64).reshape(stored["shape"]))


def plain(t):
    return t.detach().numpy() if isinstance(t, torch.Tensor) else t


def rel(a, b):
    a, b = np.asarray(plain(a), dtype=np.float64), np.asarray(plain(b), dtype=np.float64)
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-300))


# ---------------------------------------------------------------- the models of torch_reference.json
with open(os.path.join(RES, "torch_reference.json")) as f:
    REF = json.load(f)
M = REF["models"]


class Mean(nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


class ConvNet(nn.Module):
    """TinyConvNet: conv (same padding) -> relu -> global average pool -> linear."""

    def __init__(self):
        super().__init__()
        k = load(M["conv"]["kernel"])
        self.conv = nn.Conv2d(k.shape[1], k.shape[0], k.shape[2], padding=k.shape[2] // 2)
        self.conv.weight.data = k
        self.conv.bias.data = load(M["conv"]["bias"])
        self.relu = nn.ReLU()
        self.gap = Mean()
        fc = load(M["conv"]["fc"])
        self.fc = nn.Linear(fc.shape[1], fc.shape[0])
        self.fc.weight.data = fc
        self.fc.bias.data = load(M["conv"]["fcBias"])

    def forward(self, x):
        return self.fc(self.gap(self.relu(self.conv(x))))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        w1, w2 = load(M["mlp"]["w1"]), load(M["mlp"]["w2"])
        self.fc1 = nn.Linear(w1.shape[1], w1.shape[0])
        self.fc1.weight.data, self.fc1.bias.data = w1, load(M["mlp"]["b1"])
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(w2.shape[1], w2.shape[0])
        self.fc2.weight.data, self.fc2.bias.data = w2, load(M["mlp"]["b2"])

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


METHODS = {"RIEMANN_LEFT": "riemann_left", "RIEMANN_RIGHT": "riemann_right", "RIEMANN_MIDDLE": "riemann_middle",
           "RIEMANN_TRAPEZOID": "riemann_trapezoid", "GAUSS_LEGENDRE": "gausslegendre"}


def gradient_cases():
    conv, mlp = ConvNet().eval(), Mlp().eval()
    xc, xm = load(REF["inputs"]["conv"]), load(REF["inputs"]["mlp"])
    cc, cm = REF["inputs"]["convClasses"], REF["inputs"]["mlpClasses"]
    cases = {}
    for name, model, x, cl in (("conv", conv, xc, cc), ("mlp", mlp, xm, cm)):
        cases[name + ".gradient"] = Saliency(model).attribute(x, target=cl, abs=False)
        cases[name + ".inputXGradient"] = InputXGradient(model).attribute(x, target=cl)
        ig = IntegratedGradients(model)
        for q, method in METHODS.items():
            for bname, bval in (("zeros", 0.0), ("constant", 0.25)):
                a, d = ig.attribute(x, baselines=bval, target=cl, n_steps=16, method=method,
                                    return_convergence_delta=True)
                cases[f"{name}.ig.{q}.{bname}.16"] = a
                cases[f"{name}.igDelta.{q}.{bname}.16"] = d
        a, d = ig.attribute(x, target=cl, return_convergence_delta=True)  # Captum's defaults: 50 Gauss-Legendre
        cases[name + ".ig.GAUSS_LEGENDRE.zeros.50"] = a
        cases[name + ".igDelta.GAUSS_LEGENDRE.zeros.50"] = d
    for layer in ("conv", "relu", "gap"):
        cases["conv.layerGradXAct." + layer] = LayerGradientXActivation(conv, getattr(conv, layer)).attribute(
            xc, target=cc)
    for layer in ("fc1", "relu"):
        a, d = LayerIntegratedGradients(mlp, getattr(mlp, layer)).attribute(
            xm, baselines=0.25, target=cm, n_steps=16, method="gausslegendre", return_convergence_delta=True)
        cases["mlp.layerIg." + layer] = a
        cases["mlp.layerIgDelta." + layer] = d
    return cases


NT_SAMPLES = 20000


def noise_tunnel_cases():
    """Captum's NoiseTunnel over the signed gradient of the conv model, sd 0.3, many samples: its noise comes
    from torch's generator, so the tests compare means within their standard errors (VarGrad gives the
    per-element variance of the gradient under the noise)."""
    torch.manual_seed(20240607)
    conv = ConvNet().eval()
    xc = load(REF["inputs"]["conv"])
    cc = REF["inputs"]["convClasses"]
    nt = NoiseTunnel(Saliency(conv))
    out = {}
    for kind in ("smoothgrad", "vargrad"):
        out[f"conv.captumNt.{kind}.{NT_SAMPLES}"] = nt.attribute(xc, nt_type=kind, nt_samples=NT_SAMPLES,
                                                                 nt_samples_batch_size=2000, stdevs=0.3,
                                                                 target=cc, abs=False)
    return out


# ---------------------------------------------------------------- the rule models, from their ONNX files
def onnx_weights(name):
    proto = onnx.load(os.path.join(RULES, name + ".onnx"))
    return {t.name: torch.tensor(numpy_helper.to_array(t).astype(np.float64)) for t in proto.graph.initializer}


def linear(w, b):
    m = nn.Linear(w.shape[1], w.shape[0])
    m.weight.data, m.bias.data = w, b
    return m


def conv(w, b):
    m = nn.Conv2d(w.shape[1], w.shape[0], w.shape[2], padding=w.shape[2] // 2)
    m.weight.data, m.bias.data = w, b
    return m


class CnnMaxPool(nn.Module):
    """conv -> ReLU -> 2x2 max pool -> conv -> ReLU -> 3x3/2 max pool -> linear. With `separate`, each ReLU's
    output passes through `* 1.0` before its pool: the same function, but Captum's hooks then see the pool's
    rule (see the note on hook order in index.json)."""

    def __init__(self, p, separate=False):
        super().__init__()
        self.separate = 1.0 if separate else None
        self.conv1 = conv(p["conv1.weight"], p["conv1.bias"])
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = conv(p["conv2.weight"], p["conv2.bias"])
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(3, 2, 1)
        self.fc = linear(p["fc.weight"], p["fc.bias"])

    def forward(self, x):
        h = self.relu1(self.conv1(x))
        h = self.pool1(h if self.separate is None else h * self.separate)
        h = self.relu2(self.conv2(h))
        h = self.pool2(h if self.separate is None else h * self.separate)
        return self.fc(torch.flatten(h, 1))


class MlpSoftmax(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.l1 = linear(p["l1.weight"], p["l1.bias"])
        self.relu = nn.ReLU()
        self.l2 = linear(p["l2.weight"], p["l2.bias"])
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        return self.softmax(self.l2(self.relu(self.l1(x))))


class MlpSmooth(nn.Module):
    """make_rules_reference.py's dense net written with nn modules, so that Captum's hooks see every nonlinearity
    it has a rule for (Tanh, Sigmoid, LeakyReLU, ReLU) and pass GELU, SiLU, Hardswish and ReLU6 with their plain
    gradient (they are not in SUPPORTED_NON_LINEAR)."""

    def __init__(self, p):
        super().__init__()
        for i in range(1, 8):
            setattr(self, f"l{i}", linear(p[f"l{i}.weight"], p[f"l{i}.bias"]))
        self.tanh, self.sigmoid, self.leaky, self.gelu = nn.Tanh(), nn.Sigmoid(), nn.LeakyReLU(0.1), nn.GELU()
        self.silu, self.hardswish, self.relu6, self.relu = nn.SiLU(), nn.Hardswish(), nn.ReLU6(), nn.ReLU()

    def forward(self, x):
        h = self.tanh(self.l1(x))
        h = self.sigmoid(2 * self.l2(h))
        h = self.leaky(self.l3(h))
        h = self.gelu(self.l4(h))
        h = self.silu(self.l5(h))
        h = self.hardswish(3 * self.l6(h))
        h = self.relu(self.relu6(h) - 0.05)
        return self.l7(h)


def smooth_case(index):
    """Captum's DeepLift on mlp_smooth: completeness fails where it has no rule."""
    name = "mlp_smooth"
    model = MlpSmooth(onnx_weights(name)).eval()
    x = torch.tensor(npy(name + "_x").astype(np.float64))
    t = [int(v) for v in npy(name + "_targets")]
    info = {"outputVsReference": rel(model(x).detach(), npy(name + "__output")), "cases": {}}
    for bname, base in (("zero", torch.zeros_like(x)), ("ref", torch.tensor(npy(name + "_baseline").astype(np.float64)))):
        a, d = DeepLift(model).attribute(x, baselines=base, target=t, return_convergence_delta=True)
        np.save(os.path.join(OUT, f"{name}__deeplift_{bname}.npy"), a.detach().numpy())
        np.save(os.path.join(OUT, f"{name}__deeplift_{bname}_delta.npy"), d.detach().numpy())
        with torch.no_grad():
            gap = (model(x) - model(base))[torch.arange(x.shape[0]), torch.tensor(t)].abs()
        info["cases"][f"deeplift_{bname}"] = {"vsReimplementation": rel(a, npy(f"{name}__deeplift_captum_{bname}")),
                                              "captumDelta": d.detach().abs().max().item(),
                                              "scoreChange": gap.tolist()}
    index["rules"][name] = info
    print(name, json.dumps(info))


def npy(name):
    return np.load(os.path.join(RULES, name + ".npy"))


def rule_cases(index):
    for name, cls in (("cnn_maxpool", CnnMaxPool), ("mlp_softmax", MlpSoftmax)):
        # cnn_maxpool's main outputs come from the module with the ReLU -> pool adjacency broken by `* 1.0`, where
        # Captum applies its max-pool rule; the plain module's results are saved as *_adjacent.
        model = cls(onnx_weights(name), separate=True).eval() if name == "cnn_maxpool" else cls(onnx_weights(name)).eval()
        x = torch.tensor(npy(name + "_x").astype(np.float64))
        b = torch.tensor(npy(name + "_baseline").astype(np.float64))
        bg = torch.tensor(npy(name + "_background").astype(np.float64))
        t = [int(v) for v in npy(name + "_targets")]
        out = model(x).detach()
        info = {"outputVsReference": rel(out, npy(name + "__output")), "cases": {}}
        results = {}
        dl = DeepLift(model)
        for bname, base in (("zero", torch.zeros_like(x)), ("ref", b)):
            a, d = dl.attribute(x, baselines=base, target=t, return_convergence_delta=True)
            m = DeepLift(model, multiply_by_inputs=False).attribute(x, baselines=base, target=t)
            results[f"deeplift_{bname}"] = a
            results[f"deeplift_{bname}_delta"] = d
            results[f"deeplift_{bname}_mult"] = m
        a, d = DeepLiftShap(model).attribute(x, baselines=bg, target=t, return_convergence_delta=True)
        results["deepliftshap"] = a
        # Captum returns one delta per (row, background row) pair, row-major by input row: the mean per row is
        # what the reference and xai4j report
        results["deepliftshap_delta"] = d.reshape(x.shape[0], -1).mean(1)
        results["guided"] = GuidedBackprop(model).attribute(x, target=t)
        results["deconv"] = Deconvolution(model).attribute(x, target=t)
        # The one-row calls: Captum's max-pool and softmax rules read other rows of the batch (captum#1276 and
        # the softmax mean over the whole batch), so the same rows one at a time differ from the batch.
        for bname, base in (("zero", torch.zeros_like(x)), ("ref", b)):
            rows = [dl.attribute(x[i:i + 1], baselines=base[i:i + 1], target=t[i]) for i in range(x.shape[0])]
            results[f"deeplift_{bname}_rowwise"] = torch.cat(rows)
        # A baseline equal to the input on rows 1.. (row 0 keeps the reference baseline): there DeepLIFT's
        # multipliers are the plain gradient (every |x - x'| < eps falls back to it). Captum's max-pool fallback
        # takes grad_input[0], the first row's gradient, for every row (captum#1276).
        tie = x.clone()
        tie[0] = b[0]
        results["deeplift_tie_mult"] = DeepLift(model, multiply_by_inputs=False).attribute(x, baselines=tie, target=t)
        np.save(os.path.join(OUT, name + "__tie_baseline.npy"), tie.numpy())
        if name == "cnn_maxpool":
            adjacent = cls(onnx_weights(name)).eval()
            for bname, base in (("zero", torch.zeros_like(x)), ("ref", b)):
                a, d = DeepLift(adjacent).attribute(x, baselines=base, target=t, return_convergence_delta=True)
                results[f"deeplift_{bname}_adjacent"] = a
                results[f"deeplift_{bname}_adjacent_delta"] = d
        for key, v in results.items():
            np.save(os.path.join(OUT, f"{name}__{key}.npy"), v.detach().numpy())
        # Measured differences from the committed re-implementation ("captum" rule variant) and the exact rules.
        for key in ("deeplift_zero", "deeplift_ref", "deeplift_zero_mult", "deeplift_ref_mult"):
            parts = key.split("_")
            ref_key = "_".join([parts[0], "captum"] + parts[1:])
            exact_key = "_".join([parts[0], "exact"] + parts[1:])
            info["cases"][key] = {"vsReimplementation": rel(results[key], npy(f"{name}__{ref_key}")),
                                  "vsExact": rel(results[key], npy(f"{name}__{exact_key}"))}
        info["cases"]["deepliftshap"] = {"vsReimplementation": rel(results["deepliftshap"],
                                                                   npy(f"{name}__deepliftshap_captum")),
                                         "vsExact": rel(results["deepliftshap"], npy(f"{name}__deepliftshap_exact"))}
        for key in ("guided", "deconv"):
            info["cases"][key] = {"vsReimplementation": rel(results[key], npy(f"{name}__{key}"))}
        grad = npy(name + "__gradient")
        info["cases"]["deeplift_tie_mult"] = {"rows1..VsGradient": rel(results["deeplift_tie_mult"][1:], grad[1:])}
        if name == "cnn_maxpool":
            for bname in ("zero", "ref"):
                info["cases"][f"deeplift_{bname}_adjacent"] = {
                    "vsReimplementation": rel(results[f"deeplift_{bname}_adjacent"], npy(f"{name}__deeplift_captum_{bname}")),
                    "vsSeparated": rel(results[f"deeplift_{bname}_adjacent"], results[f"deeplift_{bname}"])}
        for bname in ("zero", "ref"):
            info["cases"][f"deeplift_{bname}_rowwise"] = {
                "vsBatch": rel(results[f"deeplift_{bname}_rowwise"], results[f"deeplift_{bname}"])}
        index["rules"][name] = info
        print(name, json.dumps(info))
        if name == "cnn_maxpool":
            guided_gradcam(model, x, t, index)


def guided_gradcam(model, x, t, index):
    """Captum's GuidedGradCam at the second ReLU, nearest (Captum's default) and bilinear resizing."""
    os.makedirs(CAM, exist_ok=True)
    info = {}
    for mode in ("nearest", "bilinear"):
        g = GuidedGradCam(model, model.relu2).attribute(x, target=t, interpolate_mode=mode)
        np.save(os.path.join(CAM, f"captum_guided_gradcam_{mode}.npy"), g.detach().numpy())
        info[mode] = rel(g, np.load(os.path.join(CAM, f"cnn_maxpool_guided_gradcam_{mode}.npy")))
    index["guidedGradCamVsReimplementation"] = info
    print("guided grad-cam", info)


def main():
    os.makedirs(OUT, exist_ok=True)
    rev = revision()
    print("captum", captum.__version__, rev, "torch", torch.__version__)
    index = {"anchor": {"captum": captum.__version__, "commit": rev, "torch": torch.__version__}, "rules": {},
             "gradient": {}}
    cases = gradient_cases()
    for k, v in cases.items():
        index["gradient"][k] = rel(v, load(REF["cases"][k]))
    cases.update(noise_tunnel_cases())
    print("gradient cases, relative difference from torch_reference.json:")
    for k, v in index["gradient"].items():
        print(f"  {k}: {v:.2e}")
    with open(os.path.join(OUT, "captum_reference.json"), "w") as f:
        json.dump({"anchor": index["anchor"], "cases": {k: arr(v) for k, v in cases.items()}}, f,
                  separators=(",", ":"))
    rule_cases(index)
    smooth_case(index)
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, indent=1)


if __name__ == "__main__":
    main()
