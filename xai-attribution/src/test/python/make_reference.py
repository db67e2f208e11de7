#!/usr/bin/python3
"""Independent reference values for xai-attribution's tests, computed with PyTorch autograd in float64.

Run with Debian's interpreter (torch 1.13):  /usr/bin/python3 make_reference.py
Writes ../resources/org/xai4j/attribution/torch_reference.json.

Everything here is written from the methods' formulas (papers, Captum's documented defaults); no code is
taken from Captum or any other attribution library. Captum itself is run on the same models and inputs by
captum_anchor.py: the tests compare the deterministic cases with Captum's output (they agree with these to
1.2e-15, except the trapezoid rule, where Captum's weights sum to (n-1)/n, and Gauss-Legendre, where Captum
rounds its weights to float32); the cases here that Captum cannot replay (xai4j's random draws) stay the
reference for those tests. Random draws replicate xai4j's Rng (java.util.
SplittableRandom, SplitMix64; ziggurat normals) so that the stochastic methods can be compared draw for
draw: each input row restarts the generator from the configured seed.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "xai4j", "attribution",
                   "torch_reference.json")

# ---------------------------------------------------------------- xai4j Rng replica (SplitMix64)
M64 = (1 << 64) - 1
GOLDEN_GAMMA = 0x9E3779B97F4A7C15


class Rng:
    def __init__(self, seed):
        self.s = seed & M64
        self.spare = None

    def next_long(self):
        self.s = (self.s + GOLDEN_GAMMA) & M64
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_gaussian(self):
        # 128-layer ziggurat in Doornik's formulation (as org.xai4j.core.util.Rng): the low 7 bits of one
        # 64-bit draw pick the layer, its high 53 bits give u in (-1, 1)
        while True:
            bits = self.next_long()
            layer = bits & (ZIG_LAYERS - 1)
            u = 2.0 * ((bits >> 11) * 2.0 ** -53) - 1.0
            if abs(u) < ZIG_RATIO[layer]:
                return u * ZIG_X[layer]
            if layer == 0:
                while True:
                    x = math.log(1.0 - self.next_double()) / ZIG_R
                    y = math.log(1.0 - self.next_double())
                    if not (-2.0 * y < x * x):
                        break
                return x - ZIG_R if u < 0 else ZIG_R - x
            x = u * ZIG_X[layer]
            f0 = math.exp(-0.5 * (ZIG_X[layer] * ZIG_X[layer] - x * x))
            f1 = math.exp(-0.5 * (ZIG_X[layer + 1] * ZIG_X[layer + 1] - x * x))
            if f1 + self.next_double() * (f0 - f1) < 1.0:
                return x


ZIG_LAYERS, ZIG_R, ZIG_V = 128, 3.442619855899, 9.91256303526217e-3


def _ziggurat_tables():
    xs = [0.0] * (ZIG_LAYERS + 1)
    f = math.exp(-0.5 * ZIG_R * ZIG_R)
    xs[0] = ZIG_V / f
    xs[1] = ZIG_R
    for i in range(2, ZIG_LAYERS):
        xs[i] = math.sqrt(-2.0 * math.log(ZIG_V / xs[i - 1] + f))
        f = math.exp(-0.5 * xs[i] * xs[i])
    return xs, [xs[i + 1] / xs[i] for i in range(ZIG_LAYERS)]


ZIG_X, ZIG_RATIO = _ziggurat_tables()


# ---------------------------------------------------------------- models
rs = np.random.RandomState(1234)
C, FILT, K, KS, H, W = 2, 4, 3, 3, 5, 6
conv_w = rs.uniform(-1, 1, (FILT, C, KS, KS)) / math.sqrt(C * KS * KS)
conv_b = rs.uniform(-0.1, 0.1, FILT)
fc_w = rs.uniform(-1, 1, (K, FILT))
fc_b = rs.uniform(-0.1, 0.1, K)

D, HID, KM = 6, 8, 4
w1 = rs.uniform(-1, 1, (HID, D)) / math.sqrt(D)
b1 = rs.uniform(-0.1, 0.1, HID)
w2 = rs.uniform(-1, 1, (KM, HID)) / math.sqrt(HID)
b2 = rs.uniform(-0.1, 0.1, KM)

T = torch.tensor


def conv_layers(x, replace=None):
    """TinyConvNet: conv (same padding) -> relu -> global average pool -> linear. Returns all stages."""
    acts = {}
    a = F.conv2d(x, T(conv_w), T(conv_b), padding=KS // 2)
    if replace and replace[0] == "conv":
        a = replace[1]
    acts["conv"] = a
    r = torch.relu(a)
    if replace and replace[0] == "relu":
        r = replace[1]
    acts["relu"] = r
    g = r.mean(dim=(2, 3))
    if replace and replace[0] == "gap":
        g = replace[1]
    acts["gap"] = g
    out = g @ T(fc_w).T + T(fc_b)
    acts["logits"] = out
    return out, acts


def mlp_layers(x, replace=None):
    """Two-layer ReLU net with named stages fc1 (pre-activation), relu, logits."""
    acts = {}
    h = x @ T(w1).T + T(b1)
    if replace and replace[0] == "fc1":
        h = replace[1]
    acts["fc1"] = h
    r = torch.relu(h)
    if replace and replace[0] == "relu":
        r = replace[1]
    acts["relu"] = r
    out = r @ T(w2).T + T(b2)
    acts["logits"] = out
    return out, acts


def conv_model(x):
    return conv_layers(x)[0]


def mlp_model(x):
    return mlp_layers(x)[0]


def score(out, classes):
    return out[torch.arange(out.shape[0]), torch.tensor(classes)]


def grad(model, x, classes):
    x = x.clone().requires_grad_(True)
    s = score(model(x), classes).sum()
    (g,) = torch.autograd.grad(s, x)
    return g


# ---------------------------------------------------------------- quadrature
def rule(method, n):
    if method == "GAUSS_LEGENDRE":
        z, w = np.polynomial.legendre.leggauss(n)
        return 0.5 * (z + 1), 0.5 * w
    if method == "RIEMANN_TRAPEZOID":
        a = np.linspace(0, 1, n)
        w = np.full(n, 1.0 / (n - 1))
        w[0] /= 2
        w[-1] /= 2
        return a, w
    shift = {"RIEMANN_LEFT": 0.0, "RIEMANN_RIGHT": 1.0, "RIEMANN_MIDDLE": 0.5}[method]
    return (np.arange(n) + shift) / n, np.full(n, 1.0 / n)


def integrated_gradients(model, x, b, classes, method, n):
    alphas, weights = rule(method, n)
    total = torch.zeros_like(x)
    for a, w in zip(alphas, weights):
        total += w * grad(model, b + a * (x - b), classes)
    attr = (x - b) * total
    with torch.no_grad():
        delta = attr.reshape(x.shape[0], -1).sum(1) - (score(model(x), classes) - score(model(b), classes))
    return attr, delta


def layer_grad_x_act(layers, x, classes, layer):
    _, acts0 = layers(x)
    a = acts0[layer].detach().clone().requires_grad_(True)
    out, _ = layers(x, replace=(layer, a))
    (g,) = torch.autograd.grad(score(out, classes).sum(), a)
    return a.detach() * g


def layer_ig(layers, x, b, classes, layer, method, n):
    with torch.no_grad():
        ax = layers(x)[1][layer]
        ab = layers(b)[1][layer]
    alphas, weights = rule(method, n)
    total = torch.zeros_like(ax)
    for al, w in zip(alphas, weights):
        a = (ab + al * (ax - ab)).clone().requires_grad_(True)
        out, _ = layers(x, replace=(layer, a))
        (g,) = torch.autograd.grad(score(out, classes).sum(), a)
        total += w * g
    attr = (ax - ab) * total
    with torch.no_grad():
        delta = attr.reshape(x.shape[0], -1).sum(1) - (score(layers(x)[0], classes) - score(layers(b)[0], classes))
    return attr, delta


def noise_tunnel(attribute, x, classes, kind, samples, sds, seed):
    """attribute(xs, classes) for a batch; sds: one standard deviation per row."""
    n = x.shape[0]
    row = x[0].numel()
    out = []
    for i in range(n):
        rng = Rng(seed)
        vals = []
        for _ in range(samples):
            eps = np.array([sds[i] * rng.next_gaussian() for _ in range(row)]).reshape(x[i].shape)
            vals.append(attribute((x[i] + T(eps)).unsqueeze(0), [classes[i]])[0])
        v = torch.stack(vals)
        mean = v.mean(0)
        if kind == "SMOOTHGRAD":
            out.append(mean)
        elif kind == "SMOOTHGRAD_SQ":
            out.append((v * v).mean(0))
        else:
            out.append((v * v).mean(0) - mean * mean)
    return torch.stack(out)


def gradient_shap(model, x, background, classes, samples, sd, seed):
    n = x.shape[0]
    row = x[0].numel()
    bsz = background.shape[0]
    attrs, deltas = [], []
    for i in range(n):
        rng = Rng(seed)
        acc = torch.zeros_like(x[i])
        gap = 0.0
        for _ in range(samples):
            xt = x[i]
            if sd > 0:
                eps = np.array([sd * rng.next_gaussian() for _ in range(row)]).reshape(x[i].shape)
                xt = x[i] + T(eps)
            k = min(bsz - 1, int(rng.next_double() * bsz))
            alpha = rng.next_double()
            b = background[k]
            g = grad(model, (b + alpha * (xt - b)).unsqueeze(0), [classes[i]])[0]
            acc += (xt - b) * g
            with torch.no_grad():
                gap += float(score(model(xt.unsqueeze(0)), [classes[i]]) - score(model(b.unsqueeze(0)), [classes[i]]))
        attr = acc / samples
        attrs.append(attr)
        deltas.append(float(attr.sum()) - gap / samples)
    return torch.stack(attrs), T(deltas)


# ---------------------------------------------------------------- cases
def arr(t):
    a = np.asarray(t.detach().numpy() if isinstance(t, torch.Tensor) else t, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


ref = {"models": {}, "cases": {}}
ref["models"]["conv"] = {"kernel": arr(conv_w), "bias": arr(conv_b), "fc": arr(fc_w), "fcBias": arr(fc_b),
                         "height": H, "width": W}
ref["models"]["mlp"] = {"w1": arr(w1), "b1": arr(b1), "w2": arr(w2), "b2": arr(b2)}

xc = T(rs.uniform(-1, 1, (3, C, H, W)))
xm = T(rs.uniform(-1, 1, (3, D)))
cc = [2, 0, 1]
cm = [3, 0, 1]
ref["inputs"] = {"conv": arr(xc), "mlp": arr(xm), "convClasses": cc, "mlpClasses": cm}
cases = ref["cases"]

for name, model, x, cl in (("conv", conv_model, xc, cc), ("mlp", mlp_model, xm, cm)):
    g = grad(model, x, cl)
    cases[name + ".gradient"] = arr(g)
    cases[name + ".inputXGradient"] = arr(x * g)
    for method in ("RIEMANN_LEFT", "RIEMANN_RIGHT", "RIEMANN_MIDDLE", "RIEMANN_TRAPEZOID", "GAUSS_LEGENDRE"):
        for bname, bval in (("zeros", 0.0), ("constant", 0.25)):
            a, d = integrated_gradients(model, x, torch.full_like(x, bval), cl, method, 16)
            cases[f"{name}.ig.{method}.{bname}.16"] = arr(a)
            cases[f"{name}.igDelta.{method}.{bname}.16"] = arr(d)
    a, d = integrated_gradients(model, x, torch.zeros_like(x), cl, "GAUSS_LEGENDRE", 50)
    cases[name + ".ig.GAUSS_LEGENDRE.zeros.50"] = arr(a)
    cases[name + ".igDelta.GAUSS_LEGENDRE.zeros.50"] = arr(d)

cases["conv.gradientMaxAbsChannels"] = arr(grad(conv_model, xc, cc).abs().amax(dim=1, keepdim=True))

# NoiseTunnel over the signed gradient and over gradient x input, absolute and range-relative noise.
signed = lambda xs, cl: grad(conv_model, xs, cl)
ixg = lambda xs, cl: xs * grad(conv_model, xs, cl)
for kind in ("SMOOTHGRAD", "SMOOTHGRAD_SQ", "VARGRAD"):
    cases["conv.nt.gradient." + kind] = arr(noise_tunnel(signed, xc, cc, kind, 6, [0.3] * 3, 11))
ranges = [float(xc[i].max() - xc[i].min()) for i in range(3)]
cases["conv.nt.inputXGradient.VARGRAD.fraction"] = arr(
    noise_tunnel(ixg, xc, cc, "VARGRAD", 7, [0.15 * r for r in ranges], 5))
mlp_ig = lambda xs, cl: integrated_gradients(mlp_model, xs, torch.zeros_like(xs), cl, "GAUSS_LEGENDRE", 8)[0]
cases["mlp.nt.ig.SMOOTHGRAD"] = arr(noise_tunnel(mlp_ig, xm, cm, "SMOOTHGRAD", 4, [0.2] * 3, 3))

# GradientShap with a 5-row background, input noise and the convergence delta.
bg_c = T(rs.uniform(-1, 1, (5, C, H, W)))
bg_m = T(rs.uniform(-1, 1, (5, D)))
ref["inputs"]["convBackground"] = arr(bg_c)
ref["inputs"]["mlpBackground"] = arr(bg_m)
a, d = gradient_shap(conv_model, xc, bg_c, cc, 10, 0.1, 5)
cases["conv.gradientShap"] = arr(a)
cases["conv.gradientShapDelta"] = arr(d)
a, d = gradient_shap(mlp_model, xm, bg_m, cm, 12, 0.0, 9)
cases["mlp.gradientShap"] = arr(a)
cases["mlp.gradientShapDelta"] = arr(d)

# Layer methods.
for layer in ("conv", "relu", "gap"):
    cases["conv.layerGradXAct." + layer] = arr(layer_grad_x_act(conv_layers, xc, cc, layer))
for layer in ("fc1", "relu"):
    a, d = layer_ig(mlp_layers, xm, torch.full_like(xm, 0.25), cm, layer, "GAUSS_LEGENDRE", 16)
    cases["mlp.layerIg." + layer] = arr(a)
    cases["mlp.layerIgDelta." + layer] = arr(d)

# Checks of the replicas themselves.
r = Rng(11)
ref["rng"] = {"seed": 11, "doubles": [r.next_double() for _ in range(5)],
              "gaussians": [r.next_gaussian() for _ in range(5)]}
ref["gaussLegendre"] = {}
for n in (1, 2, 3, 7, 50, 512):
    z, w = np.polynomial.legendre.leggauss(n)
    ref["gaussLegendre"][str(n)] = {"alphas": [float(v) for v in 0.5 * (z + 1)], "weights": [float(v) for v in 0.5 * w]}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(ref, f, separators=(",", ":"))
print("wrote", OUT, os.path.getsize(OUT), "bytes;", len(cases), "cases; torch", torch.__version__)
