#!/usr/bin/python3
"""pytorch-grad-cam itself, run on the models, inputs and cases of cam_reference.py.

Run through tools/anchors.sh (it puts pytorch-grad-cam at commit 084273b and ttach v0.0.3 on PYTHONPATH), or:

    PYTHONPATH=/tmp/xai4j-anchors /usr/bin/python3 xai-cam/src/test/python/gradcam_anchor.py

Debian packages: python3-torch (1.13) python3-numpy python3-opencv (pytorch-grad-cam resizes with cv2) python3-tqdm.
pytorch-grad-cam's code is run, never copied.

For every case of reference/cases.json that pytorch-grad-cam can express -- ReLU, min-max normalisation and
input resolution on (it has no switch for them), half-pixel bilinear resizing of the maps (cv2.resize), Score-CAM's
masks resized with align_corners=True (its UpsamplingBilinear2d) -- it rebuilds the two models as nn.Modules with
the weights of models.npz, runs the library's class with the case's layers, targets, eigen_smooth and aug_smooth,
and writes

    src/test/resources/org/xai4j/cam/reference/gradcam_anchor.npz   one N x H x W map per case (float32 as returned, stored as float64)
    src/test/resources/org/xai4j/cam/reference/gradcam_anchor.json  the library's revision, and per case the
                                                                    largest difference from expected.npz (relative
                                                                    to expected's largest magnitude)
"""
import json
import os
import subprocess

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from pytorch_grad_cam import (AblationCAM, EigenCAM, EigenGradCAM, GradCAM, GradCAMPlusPlus, HiResCAM, LayerCAM,
                              ScoreCAM, XGradCAM)
from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget, SemanticSegmentationTarget
from pytorch_grad_cam.utils.svd_on_activations import get_2d_projection

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, "..", "resources", "org", "xai4j", "cam", "reference")
CLASSES = {"grad-cam": GradCAM, "grad-cam-plus-plus": GradCAMPlusPlus, "xgrad-cam": XGradCAM, "hires-cam": HiResCAM,
           "layer-cam": LayerCAM, "score-cam": ScoreCAM, "ablation-cam": AblationCAM, "eigen-cam": EigenCAM,
           "eigen-grad-cam": EigenGradCAM}


def revision():
    gitdir = os.environ.get("GRADCAM_GIT", "/work/.mirror/jacobgil+pytorch-grad-cam/repo")
    try:
        return subprocess.check_output(["git", "--git-dir", gitdir, "rev-parse",
                                        os.environ.get("GRADCAM_REV", "084273b") + "^{commit}"], text=True).strip()
    except Exception:  # noqa: BLE001 -- only for the printout
        return "unknown"


P = {k: torch.tensor(v) for k, v in np.load(os.path.join(DIR, "models.npz")).items()}


def conv(w, b, padding):
    m = nn.Conv2d(w.shape[1], w.shape[0], w.shape[2], padding=padding)
    m.weight.data, m.bias.data = w.clone(), b.clone()
    return m


class Mean(nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = conv(P["tiny_kernel"], P["tiny_conv_bias"], 1)
        self.relu = nn.ReLU()
        self.gap = Mean()
        self.fc = nn.Linear(P["tiny_fc"].shape[1], P["tiny_fc"].shape[0])
        self.fc.weight.data, self.fc.bias.data = P["tiny_fc"].clone(), P["tiny_fc_bias"].clone()

    def forward(self, x):
        return self.fc(self.gap(self.relu(self.conv(x))))


class Seg(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = conv(P["seg_enc_w"], P["seg_enc_b"], 1)
        self.enc_relu = nn.ReLU()
        self.down = nn.AvgPool2d(2)
        self.mid = conv(P["seg_mid_w"], P["seg_mid_b"], 1)
        self.mid_relu = nn.ReLU()
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.dec = conv(P["seg_dec_w"], P["seg_dec_b"], 1)
        self.dec_relu = nn.ReLU()
        self.head = conv(P["seg_head_w"], P["seg_head_b"], 0)

    def forward(self, x):
        e = self.enc_relu(self.enc(x))
        m = self.up(self.mid_relu(self.mid(self.down(e))))
        return self.head(self.dec_relu(self.dec(torch.cat([m, e], dim=1))))


def targets(spec, model, x):
    n = x.shape[0]
    if spec == "predicted":
        return None
    kind, arg = spec.split(":")
    if kind == "perRow":
        return [ClassifierOutputTarget(int(c)) for c in arg.split(",")]
    if kind == "mask":
        return [SemanticSegmentationTarget(int(arg), P["seg_mask"].numpy())] * n
    if kind == "rowMasks":
        return [SemanticSegmentationTarget(int(arg), P["seg_row_masks"][i].numpy()) for i in range(n)]
    raise SystemExit("unknown target " + spec)


def projection_signs(model, layer, x):
    """The library's first-principal-component projection of a layer's activations against the one of
    cam_reference.py (whose sign makes the loadings sum to >= 0): per row, the largest difference from ours and
    from minus ours. The SVD's sign is LAPACK's choice; pytorch-grad-cam's EigenCAM does not fix it."""
    acts = {}
    def keep(module, inputs, output):
        acts["a"] = output.detach().numpy()

    h = getattr(model, layer).register_forward_hook(keep)
    with torch.no_grad():
        model(x)
    h.remove()
    a = acts["a"]
    lib = get_2d_projection(a)
    rows = []
    for i in range(a.shape[0]):
        m = a[i].reshape(a.shape[1], -1).T
        m = m - m.mean(axis=0)
        v = np.linalg.svd(m, full_matrices=False)[2][0]
        if v.sum() < 0:
            v = -v
        ours = (m @ v).reshape(a.shape[2:])
        rows.append({"vsOurs": float(np.abs(lib[i] - ours).max()), "vsMinusOurs": float(np.abs(lib[i] + ours).max())})
    return rows


def expressible(c):
    """Whether pytorch-grad-cam has the case's settings (it always applies ReLU, normalises, resizes)."""
    return (c["relu"] and c["normalize"] and c["resolution"] == "INPUT" and c["upsampling"] == "HALF_PIXEL"
            and c["maskUpsampling"] == "ALIGN_CORNERS")


def main():
    rev = revision()
    print("pytorch-grad-cam", rev, "torch", torch.__version__)
    with open(os.path.join(DIR, "cases.json")) as f:
        cases = json.load(f)["cases"]
    expected = np.load(os.path.join(DIR, "expected.npz"))
    models = {"tiny": Tiny().eval(), "seg": Seg().eval()}
    out, info = {}, {"anchor": {"pytorch_grad_cam": rev, "torch": torch.__version__}, "cases": {}, "skipped": {}}
    for c in cases:
        if not expressible(c):
            info["skipped"][c["id"]] = "settings pytorch-grad-cam has no switch for"
            continue
        model = models[c["model"]]
        x = P[c["model"] + "_input"].clone()
        layers = [getattr(model, name) for name in c["layers"]]
        with CLASSES[c["method"]](model=model, target_layers=layers) as cam:
            got = cam(input_tensor=x, targets=targets(c["target"], model, x), eigen_smooth=c["eigenSmooth"],
                      aug_smooth=c["augSmooth"])
        exp = expected[c["file"]]
        diff = float(np.abs(got - exp).max() / np.abs(exp).max())
        out[c["file"]] = got.astype(np.float64)  # the library returns float32; stored exactly as float64
        info["cases"][c["id"]] = diff
        print(f"{c['id']}: {diff:.2e}")
    info["eigenProjectionSigns"] = {f"{m}/{layer}": projection_signs(models[m], layer, P[m + "_input"])
                                    for m, layer in (("tiny", "conv"), ("tiny", "relu"), ("seg", "mid_relu"))}
    print(json.dumps(info["eigenProjectionSigns"]))
    np.savez(os.path.join(DIR, "gradcam_anchor.npz"), **out)
    with open(os.path.join(DIR, "gradcam_anchor.json"), "w") as f:
        json.dump(info, f, indent=1)


if __name__ == "__main__":
    main()
