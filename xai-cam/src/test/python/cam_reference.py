#!/usr/bin/python3
"""Independent reference maps for the CAM family (xai-cam tests).

Run with Debian's interpreter (torch 1.13, numpy):

    /usr/bin/python3 xai-cam/src/test/python/cam_reference.py

It builds two small float64 models in PyTorch -- a TinyConvNet (conv -> ReLU -> global average pool ->
linear, the shape of org.xai4j.testkit.models.TinyConvNet) and a two-depth U-Net-like segmenter -- takes
activations and gradients with autograd, computes every CAM method from its published formula, and writes:

    src/test/resources/org/xai4j/cam/reference/models.npz    weights, inputs, masks
    src/test/resources/org/xai4j/cam/reference/expected.npz  one N x H x W map per case
    src/test/resources/org/xai4j/cam/reference/cases.json    what each case is

Written for this project from the papers' formulas and pytorch-grad-cam's documented pipeline
(per layer: weighted activations -> channel sum or first-principal-component projection -> ReLU ->
per-image min-max normalisation (eps 1e-7) -> bilinear resize; then the mean over layers and a second
normalisation). No code from pytorch-grad-cam or Captum is used. pytorch-grad-cam itself is run on the same
cases by gradcam_anchor.py; ReferenceAgreementTest uses its maps wherever it computes the same one.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "xai4j", "cam", "reference")

rng = np.random.default_rng(20240607)


def uniform(lo, hi, *shape):
    return rng.uniform(lo, hi, size=shape)


# ---------------------------------------------------------------- models
# TinyConvNet: C=2 input channels, F=4 filters 3x3 (same padding), K=3 classes, 6x7 images, N=3.
TC, TF, TK, TH, TW, TN = 2, 4, 3, 6, 7, 3
tiny = {
    "tiny_kernel": uniform(-1, 1, TF, TC, 3, 3) / np.sqrt(TC * 9),
    "tiny_conv_bias": uniform(-0.1, 0.1, TF),
    "tiny_fc": uniform(-1, 1, TK, TF),
    "tiny_fc_bias": uniform(-0.1, 0.1, TK),
    "tiny_input": uniform(-1, 1, TN, TC, TH, TW),
}
# Segmenter: enc conv3x3 2->4, avg-pool 2, mid conv3x3 4->5, nearest x2, concat with enc, dec conv3x3 9->4,
# head conv1x1 4->3; 8x8 images, N=2.
SC, S1, S2, S3, SK, SH, SW, SN = 2, 4, 5, 4, 3, 8, 8, 2
seg = {
    "seg_enc_w": uniform(-1, 1, S1, SC, 3, 3) / np.sqrt(SC * 9),
    "seg_enc_b": uniform(-0.1, 0.1, S1),
    "seg_mid_w": uniform(-1, 1, S2, S1, 3, 3) / np.sqrt(S1 * 9),
    "seg_mid_b": uniform(-0.1, 0.1, S2),
    "seg_dec_w": uniform(-1, 1, S3, S2 + S1, 3, 3) / np.sqrt((S2 + S1) * 9),
    "seg_dec_b": uniform(-0.1, 0.1, S3),
    "seg_head_w": uniform(-1, 1, SK, S3, 1, 1) / np.sqrt(S3),
    "seg_head_b": uniform(-0.1, 0.1, SK),
    "seg_input": uniform(-1, 1, SN, SC, SH, SW),
    "seg_mask": (rng.uniform(0, 1, size=(SH, SW)) < 0.4).astype(np.float64),
    "seg_row_masks": (rng.uniform(0, 1, size=(SN, SH, SW)) < 0.5).astype(np.float64),
}
params = {k: torch.tensor(v) for k, v in {**tiny, **seg}.items()}


def tiny_forward(x, edit=None):
    """Returns (output, dict of named stage tensors); edit = (layer, fn) replaces that stage."""
    p = params
    stages = {}

    def stage(name, t):
        if edit is not None and edit[0] == name:
            t = edit[1](t)
        stages[name] = t
        return t

    conv = stage("conv", F.conv2d(x, p["tiny_kernel"], p["tiny_conv_bias"], padding=1))
    relu = stage("relu", torch.relu(conv))
    gap = stage("gap", relu.mean(dim=(2, 3)))
    logits = stage("logits", gap @ p["tiny_fc"].T + p["tiny_fc_bias"])
    return logits, stages


def seg_forward(x, edit=None):
    p = params
    stages = {}

    def stage(name, t):
        if edit is not None and edit[0] == name:
            t = edit[1](t)
        stages[name] = t
        return t

    enc = stage("enc", F.conv2d(x, p["seg_enc_w"], p["seg_enc_b"], padding=1))
    enc_relu = stage("enc_relu", torch.relu(enc))
    down = stage("down", F.avg_pool2d(enc_relu, 2))
    mid = stage("mid", F.conv2d(down, p["seg_mid_w"], p["seg_mid_b"], padding=1))
    mid_relu = stage("mid_relu", torch.relu(mid))
    up = stage("up", F.interpolate(mid_relu, scale_factor=2, mode="nearest"))
    cat = stage("cat", torch.cat([up, enc_relu], dim=1))
    dec = stage("dec", F.conv2d(cat, p["seg_dec_w"], p["seg_dec_b"], padding=1))
    dec_relu = stage("dec_relu", torch.relu(dec))
    head = stage("head", F.conv2d(dec_relu, p["seg_head_w"], p["seg_head_b"]))
    return head, stages


MODELS = {"tiny": tiny_forward, "seg": seg_forward}


# ---------------------------------------------------------------- targets
def target_scores(target, out):
    """One score per row."""
    if target["kind"] == "classes":
        idx = torch.tensor(target["classes"])
        return out[torch.arange(out.shape[0]), idx]
    mask = torch.tensor(np.array(target["mask"]))
    if mask.dim() == 2:
        mask = mask.expand(out.shape[0], -1, -1)
    return (out[:, target["class"]] * mask).sum(dim=(1, 2))


def select_rows(target, rows):
    if target["kind"] == "classes":
        return {"kind": "classes", "classes": [target["classes"][r] for r in rows]}
    mask = np.array(target["mask"])
    if mask.ndim == 3:
        return {"kind": "mask", "class": target["class"], "mask": mask[rows].tolist()}
    return target


def flip_target(target):
    if target["kind"] == "mask":
        return {"kind": "mask", "class": target["class"], "mask": np.flip(np.array(target["mask"]), -1).tolist()}
    return target


def activations_and_grads(model, x, target, layers):
    """Output, and per layer the activation and d(sum of row scores)/d(activation), by autograd."""
    x = x.clone().requires_grad_(True)
    out, stages = MODELS[model](x)
    for l in layers:
        stages[l].retain_grad()
    target_scores(target, out).sum().backward()
    acts = {l: stages[l].detach().numpy().copy() for l in layers}
    grads = {l: stages[l].grad.numpy().copy() for l in layers}
    return out.detach(), acts, grads


# ---------------------------------------------------------------- the methods
def project(X):
    """First-principal-component projection per row of N x C x h x w; sign: sum of loadings >= 0."""
    n, c, h, w = X.shape
    out = np.zeros((n, h * w))
    for i in range(n):
        M = X[i].reshape(c, -1).T
        M = M - M.mean(axis=0)
        _, _, vt = np.linalg.svd(M, full_matrices=False)
        v = vt[0]
        s = v.sum()
        if s < 0 or (s == 0 and v[np.argmax(np.abs(v))] < 0):
            v = -v
        out[i] = M @ v
    return out.reshape(n, h, w)


def w_gradcam(A, G, ctx):
    return G.mean(axis=(2, 3))


def w_gradcampp(A, G, ctx):
    g2 = G ** 2
    g3 = g2 * G
    sum_a = A.sum(axis=(2, 3))[:, :, None, None]
    alpha = g2 / (2 * g2 + sum_a * g3 + 1e-6)
    alpha = np.where(G != 0, alpha, 0)
    return (np.maximum(G, 0) * alpha).sum(axis=(2, 3))


def w_xgradcam(A, G, ctx):
    return (G * A).sum(axis=(2, 3)) / (A.sum(axis=(2, 3)) + 1e-7)


def w_scorecam(A, G, ctx):
    x, target, model, layer, cfg = ctx["x"], ctx["target"], ctx["model"], ctx["layer"], ctx["cfg"]
    n, c = A.shape[:2]
    H, W = x.shape[2:]
    up = F.interpolate(torch.tensor(A), size=(H, W), mode="bilinear",
                       align_corners=cfg["maskUpsampling"] == "ALIGN_CORNERS").numpy()
    weights = np.zeros((n, c))
    for i in range(n):
        scores, live = [], []
        for k in range(c):
            m = up[i, k]
            lo, hi = m.min(), m.max()
            if not hi > lo:
                continue
            masked = x[i:i + 1] * torch.tensor((m - lo) / (hi - lo))[None, None]
            with torch.no_grad():
                out, _ = MODELS[model](masked)
            scores.append(target_scores(select_rows(target, [i]), out).item())
            live.append(k)
        if live:
            s = np.array(scores)
            e = np.exp(s - s.max())
            weights[i, live] = e / e.sum()
    return weights


def w_ablation(A, G, ctx):
    x, target, model, layer = ctx["x"], ctx["target"], ctx["model"], ctx["layer"]
    n, c = A.shape[:2]
    with torch.no_grad():
        out, _ = MODELS[model](x)
        y = target_scores(target, out).numpy()
        weights = np.zeros((n, c))
        for i in range(n):
            for k in range(c):
                def zero(t, k=k):
                    t = t.clone()
                    t[:, k] = 0
                    return t
                o, _ = MODELS[model](x[i:i + 1], edit=(layer, zero))
                yk = target_scores(select_rows(target, [i]), o).item()
                weights[i, k] = (y[i] - yk) / y[i]
    return weights


CHANNEL_WEIGHTS = {"grad-cam": w_gradcam, "grad-cam-plus-plus": w_gradcampp, "xgrad-cam": w_xgradcam,
                   "score-cam": w_scorecam, "ablation-cam": w_ablation}
ELEMENTWISE = {"hires-cam": lambda A, G: G * A, "layer-cam": lambda A, G: np.maximum(G, 0) * A,
               "eigen-cam": lambda A, G: A, "eigen-grad-cam": lambda A, G: G * A}
ALWAYS_PROJECT = {"eigen-cam", "eigen-grad-cam"}


def normalize(m):
    out = np.empty_like(m)
    for i in range(m.shape[0]):
        img = m[i] - m[i].min()
        out[i] = img / (1e-7 + img.max())
    return out


def cam_once(model, method, x, target, cfg):
    layers = cfg["layers"]
    out, acts, grads = activations_and_grads(model, x, target, layers)
    maps = []
    for layer in layers:
        A, G = acts[layer], grads[layer]
        if method in CHANNEL_WEIGHTS:
            ctx = {"x": x.detach(), "target": target, "model": model, "layer": layer, "cfg": cfg}
            w = CHANNEL_WEIGHTS[method](A, G, ctx)
            X = w[:, :, None, None] * A
        else:
            X = ELEMENTWISE[method](A, G)
        cam = project(X) if (cfg["eigenSmooth"] or method in ALWAYS_PROJECT) else X.sum(axis=1)
        if cfg["relu"]:
            cam = np.maximum(cam, 0)
        if cfg["normalize"]:
            cam = normalize(cam)
        if cfg["resolution"] == "INPUT":
            cam = F.interpolate(torch.tensor(cam)[:, None], size=tuple(x.shape[2:]), mode="bilinear",
                                align_corners=cfg["upsampling"] == "ALIGN_CORNERS")[:, 0].numpy()
        maps.append(cam)
    result = np.mean(np.stack(maps, axis=1), axis=1)
    if cfg["normalize"]:
        result = normalize(result)
    return result


def cam(model, method, target, cfg):
    x = params[model + "_input"].clone()
    if not cfg["augSmooth"]:
        return cam_once(model, method, x, target, cfg)
    maps = []
    for flip in (False, True):
        for factor in (0.9, 1.0, 1.1):
            xa = x * factor
            t = target
            if flip:
                xa = torch.flip(xa, dims=[3])
                t = flip_target(target)
            m = cam_once(model, method, xa, t, cfg)
            if flip:
                m = np.flip(m, -1)
            maps.append(m)
    return np.mean(np.stack(maps), axis=0)


# ---------------------------------------------------------------- cases
METHODS = ["grad-cam", "grad-cam-plus-plus", "xgrad-cam", "hires-cam", "layer-cam", "score-cam", "ablation-cam",
           "eigen-cam", "eigen-grad-cam"]
DEFAULT = {"relu": True, "normalize": True, "resolution": "INPUT", "upsampling": "HALF_PIXEL",
           "eigenSmooth": False, "augSmooth": False, "maskUpsampling": "ALIGN_CORNERS"}
RAW = {**DEFAULT, "relu": False, "normalize": False, "resolution": "LAYER"}

with torch.no_grad():
    tiny_out, _ = tiny_forward(params["tiny_input"])
    seg_out, _ = seg_forward(params["seg_input"])
tiny_classes = {"kind": "classes", "classes": [0, 2, 1]}
tiny_predicted = {"kind": "classes", "classes": tiny_out.argmax(dim=1).tolist()}
seg_mask = {"kind": "mask", "class": 1, "mask": seg["seg_mask"].tolist()}
seg_row_masks = {"kind": "mask", "class": 2, "mask": seg["seg_row_masks"].tolist()}

cases = []


def add(name, model, method, target, java_target, **cfg):
    c = {**DEFAULT, **cfg}
    cases.append({"id": name, "model": model, "method": method, "target": java_target, **c, "_t": target})


for m in METHODS:
    for layers in (["conv"], ["relu"], ["conv", "relu"]):
        add(f"tiny/{m}/{'+'.join(layers)}", "tiny", m, tiny_classes, "perRow:0,2,1", layers=layers)
    add(f"tiny/{m}/conv/raw", "tiny", m, tiny_classes, "perRow:0,2,1", layers=["conv"], **{k: RAW[k] for k in
                                                                                               ("relu", "normalize",
                                                                                                "resolution")})
    for layers in (["enc_relu"], ["mid_relu"], ["dec"], ["enc_relu", "mid_relu", "dec_relu"]):
        add(f"seg/{m}/{'+'.join(layers)}", "seg", m, seg_mask, "mask:1", layers=layers)
    add(f"seg/{m}/mid_relu/raw", "seg", m, seg_mask, "mask:1", layers=["mid_relu"],
        **{k: RAW[k] for k in ("relu", "normalize", "resolution")})
for m in ["grad-cam", "grad-cam-plus-plus", "xgrad-cam", "hires-cam", "layer-cam", "score-cam", "ablation-cam"]:
    add(f"tiny/{m}/conv/eigen-smooth", "tiny", m, tiny_classes, "perRow:0,2,1", layers=["conv"], eigenSmooth=True)
    add(f"seg/{m}/mid_relu/eigen-smooth", "seg", m, seg_mask, "mask:1", layers=["mid_relu"], eigenSmooth=True)
for m in ["grad-cam", "score-cam", "eigen-cam"]:
    add(f"tiny/{m}/conv/aug-smooth", "tiny", m, tiny_classes, "perRow:0,2,1", layers=["conv"], augSmooth=True)
    add(f"seg/{m}/mid_relu/aug-smooth", "seg", m, seg_mask, "mask:1", layers=["mid_relu"], augSmooth=True)
add("tiny/grad-cam/conv/predicted", "tiny", "grad-cam", tiny_predicted, "predicted", layers=["conv"])
add("tiny/ablation-cam/relu/predicted", "tiny", "ablation-cam", tiny_predicted, "predicted", layers=["relu"])
for m in ["grad-cam", "score-cam"]:
    add(f"seg/{m}/mid_relu/align-corners", "seg", m, seg_mask, "mask:1", layers=["mid_relu"],
        upsampling="ALIGN_CORNERS")
add("seg/score-cam/mid_relu/half-pixel-masks", "seg", "score-cam", seg_mask, "mask:1", layers=["mid_relu"],
    maskUpsampling="HALF_PIXEL")
for m in ["grad-cam", "score-cam", "ablation-cam"]:
    add(f"seg/{m}/enc_relu+mid_relu/row-masks", "seg", m, seg_row_masks, "rowMasks:2",
        layers=["enc_relu", "mid_relu"])
add("seg/grad-cam/mid_relu/layer-res-not-normalized", "seg", "grad-cam", seg_mask, "mask:1",
    layers=["mid_relu"], normalize=False, resolution="LAYER")

expected = {}
for c in cases:
    t = c.pop("_t")
    expected[c["id"]] = cam(c["model"], c["method"], t, c)
    c["file"] = c["id"]

os.makedirs(OUT, exist_ok=True)
np.savez(os.path.join(OUT, "models.npz"), **{**tiny, **seg})
np.savez(os.path.join(OUT, "expected.npz"), **expected)
with open(os.path.join(OUT, "cases.json"), "w") as f:
    json.dump({"cases": cases}, f, indent=1)
print(len(cases), "cases written to", os.path.normpath(OUT))
