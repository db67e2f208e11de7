#!/usr/bin/python3
"""Captum, shap and lime themselves, run on the model and inputs of make_reference.py.

Run through tools/anchors.sh (it puts Captum v0.8.0, shap v0.49.1 with its _kernel_lib compiled from the same
tag, slicer 0.0.8 and lime 0.2.0.0 on PYTHONPATH), or by hand:

    PYTHONPATH=/tmp/xai4j-anchors /usr/bin/python3 xai-perturbation/src/test/python/anchor_reference.py

Debian packages: python3-torch (1.13) python3-numpy python3-scipy python3-sklearn python3-skimage python3-pandas
python3-tqdm python3-packaging python3-numba python3-cloudpickle, cython3 (shap's _kernel_lib). The libraries'
code is run, never copied.

Writes src/test/resources/org/xai4j/perturbation/anchor/:
  captum_occlusion_w133_s122.npy, captum_occlusion_w123_s113.npy,
  captum_occlusion_w322_s122.npy                                    Captum's Occlusion (baseline 0, class 1)
  captum_ablation_grid4.npy                                         Captum's FeatureAblation, 4x4 cells, baseline 0.2
  shap_partition_grid4_b<N>.npy  shap's PartitionExplainer over the 16 cells and make_reference.py's grid
                              hierarchy (shap_partition_linkage.npy), max_evals = N, shap's default batch size
  shap_kernel_grid4.npy       shap's KernelExplainer over the 16 cells (absent cells = 0.2), every coalition,
                              l1_reg=False; shap_kernel_grid4_default.npy the same with shap's default
                              l1_reg="num_features(10)"
  lime_image_*.npy            lime's LimeImageExplainer on the 4x4 grid (hide_color=None, 500 samples, seed 7):
                              the design, the class-1 scores and kernel weights it fitted, and its coefficients,
                              intercept, R^2 and local prediction
  lime_tabular.json           lime's LimeTabularExplainer on LimeTabularTest's training table: scaler statistics,
                              kernel values, the discretised names of its two instances
  index.json                  revisions and the largest differences from the committed references
"""
import json
import sys
import os
import subprocess
import warnings

import numpy as np
import sklearn.metrics
import torch
import torch.nn.functional as F

import captum
import lime
import lime.lime_image
import shap
from captum.attr import FeatureAblation, Occlusion

warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "resources", "org", "xai4j", "perturbation", "reference")
OUT = os.path.join(HERE, "..", "resources", "org", "xai4j", "perturbation", "anchor")
W = {k: torch.tensor(np.load(os.path.join(REF, f"cnn_{k}.npy"))) for k in ("w1", "b1", "w2", "b2", "w3", "b3", "x")}
X = W["x"]
BASE, TARGET, GRID = 0.2, 1, 4


def rev(gitdir, ref):
    try:
        return subprocess.check_output(["git", "--git-dir", gitdir, "rev-parse", ref + "^{commit}"], text=True).strip()
    except Exception:  # noqa: BLE001 -- only for the printout
        return "unknown"


class Cnn(torch.nn.Module):
    """make_reference.py's model: conv 3->4 (3x3, pad 1), ReLU, conv 4->6 (3x3, stride 2, pad 1), ReLU, linear."""

    def forward(self, x):
        h = F.relu(F.conv2d(x, W["w1"], W["b1"], padding=1))
        h = F.relu(F.conv2d(h, W["w2"], W["b2"], stride=2, padding=1))
        return h.reshape(h.shape[0], -1) @ W["w3"].T + W["b3"]


MODEL = Cnn()
CELLS = torch.tensor([[(y * GRID // 8) * GRID + (x * GRID // 8) for x in range(8)] for y in range(8)])


def rel(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.abs(a - b).max() / np.abs(b).max())


def save(name, a):
    np.save(os.path.join(OUT, name + ".npy"), np.asarray(a, dtype=np.float64))


def captum_cases(index):
    occ = Occlusion(MODEL)
    with torch.no_grad():
        a = occ.attribute(X, sliding_window_shapes=(3, 3, 3), strides=(1, 2, 2), baselines=0.0, target=TARGET)
        b = occ.attribute(X, sliding_window_shapes=(1, 2, 3), strides=(1, 1, 3), baselines=0.0, target=TARGET)
        # windows that tile each axis exactly ((size - window) a multiple of the stride): no cut-off last window
        fit = occ.attribute(X, sliding_window_shapes=(3, 2, 2), strides=(1, 2, 2), baselines=0.0, target=TARGET)
        save("captum_occlusion_w322_s122", fit.numpy())
        mask = CELLS.expand(1, 3, 8, 8)
        c = FeatureAblation(MODEL).attribute(X, baselines=BASE, target=TARGET, feature_mask=mask)
    for name, v in (("occlusion_w133_s122", a), ("occlusion_w123_s113", b), ("ablation_grid4", c)):
        save("captum_" + name, v.numpy())
        index["captum"][name] = rel(v.numpy(), np.load(os.path.join(REF, name + ".npy")))


def cell_game(row):
    """v(z) for binary z over the 16 cells: the class-1 score with absent cells at BASE."""
    x = X[row]

    def f(z):
        z = torch.tensor(np.asarray(z, dtype=np.float64))
        keep = z[:, CELLS][:, None, :, :]
        with torch.no_grad():
            return MODEL(keep * x + (1 - keep) * BASE)[:, TARGET].numpy()
    return f


def shap_cases(index):
    exact = np.load(os.path.join(REF, "exact_shapley_grid4.npy"))
    full, default = [], []
    for row in range(X.shape[0]):
        explainer = shap.KernelExplainer(cell_game(row), np.zeros((1, 16)))
        full.append(explainer.shap_values(np.ones((1, 16)), nsamples=2 ** 16, l1_reg=False, silent=True)[0])
        default.append(explainer.shap_values(np.ones((1, 16)), nsamples=2 ** 16, silent=True)[0])
    save("shap_kernel_grid4", full)
    save("shap_kernel_grid4_default", default)
    index["shap"]["kernel_grid4_vs_exact"] = rel(full, exact)
    index["shap"]["kernel_grid4_default_vs_exact"] = rel(default, exact)
    index["shap"]["kernel_grid4_default_zeros"] = int(np.sum(np.asarray(default) == 0))


def grid_linkage():
    """make_reference.py's cell hierarchy (split the longer side, rows on ties, first half floor(n/2)) as a scipy
    linkage matrix, the clustering shap's Partition masker takes: row k joins nodes Z[k, 0] (left) and Z[k, 1]
    (right) into node 16 + k."""
    import make_reference as mr  # noqa: E402 -- the same directory
    rows = []

    def build(node):
        if isinstance(node, int):
            return node, 1
        (a, na), (b, nb) = build(node[0]), build(node[1])
        rows.append([a, b, float(len(rows) + 1), na + nb])
        return 16 + len(rows) - 1, na + nb
    build(mr.grid_tree(0, GRID, 0, GRID))
    return np.array(rows, dtype=np.float64)


PARTITION_BUDGETS = (10, 11, 20, 40, 41, 100, 500, 100000)


def partition_cases(index):
    """shap's PartitionExplainer on the 16-cell game over the grid hierarchy, at several max_evals, with shap's
    default batch size (10 masked rows per model call: the Partition masker has no default_batch_size)."""
    owen = np.load(os.path.join(REF, "owen_grid4.npy"))
    z = grid_linkage()
    save("shap_partition_linkage", z)
    index["shap"]["partition"] = {}
    for budget in PARTITION_BUDGETS:
        np.random.seed(0)  # shap breaks priority ties with np.random.randn
        out = []
        for row in range(X.shape[0]):
            masker = shap.maskers.Partition(np.zeros((1, 16)), clustering=z)
            e = shap.PartitionExplainer(cell_game(row), masker)(np.ones((1, 16)), max_evals=budget, silent=True)
            out.append(e.values[0])
        save(f"shap_partition_grid4_b{budget}", out)
        index["shap"]["partition"][str(budget)] = {"vsOwen": rel(out, owen)}


def lime_case(index):
    seen = {}
    explainer = lime.lime_image.LimeImageExplainer(random_state=7)
    original = explainer.base.explain_instance_with_data

    def recording(data, labels, distances, label, num_features, **kw):
        # records what lime's explain_instance passes to its surrogate fit, then runs the fit unchanged
        seen.update(data=data.copy(), labels=labels.copy(), distances=distances.copy(), label=label)
        return original(data, labels, distances, label, num_features, **kw)

    explainer.base.explain_instance_with_data = recording
    image = X[0].numpy().transpose(1, 2, 0)  # lime wants H x W x channels

    def classify(images):
        with torch.no_grad():
            return MODEL(torch.tensor(np.asarray(images).transpose(0, 3, 1, 2))).numpy()

    exp = explainer.explain_instance(image, classify, labels=(TARGET,), top_labels=None, hide_color=None,
                                     num_samples=500, batch_size=10,
                                     segmentation_fn=lambda img: CELLS.numpy().copy())
    coef = np.zeros(16)
    for f, v in exp.local_exp[TARGET]:
        coef[f] = v
    save("lime_image_design", seen["data"])
    save("lime_image_scores", seen["labels"][:, TARGET])
    save("lime_image_distances", seen["distances"])
    save("lime_image_kernel_weights", explainer.base.kernel_fn(seen["distances"]))
    save("lime_image_coefficients", coef)
    save("lime_image_fit", [exp.intercept[TARGET], exp.score, float(np.ravel(exp.local_pred)[0])])
    d = seen["data"]
    cos = sklearn.metrics.pairwise_distances(d, d[0].reshape(1, -1), metric="cosine").ravel()
    index["lime"] = {"samples": int(d.shape[0]), "r2": float(exp.score), "intercept": float(exp.intercept[TARGET]),
                     "distancesAreCosineToFirstRow": float(np.abs(cos - seen["distances"]).max())}


def lime_tabular_case(index):
    """lime's LimeTabularExplainer (quartile discretiser, the defaults) on LimeTabularTest's training table: the
    scaler's statistics, the kernel at a few distances, and the discretised feature names of LimeTabularTest's
    two instances."""
    import lime.lime_tabular
    training = np.array([[i, (7 * i % 100) / 10.0, i % 3] for i in range(100)], dtype=np.float64)
    explainer = lime.lime_tabular.LimeTabularExplainer(training, feature_names=["age", "dose", "group"],
                                                       categorical_features=[2], discretize_continuous=True,
                                                       discretizer="quartile", random_state=4)

    def step(rows):  # LimeTabularTest.Step: class 0 scores 1 when column 0 exceeds 60
        p = (np.asarray(rows)[:, 0] > 60).astype(np.float64)
        return np.stack([p, 1 - p], axis=1)

    names = []
    for instance in ([80, 3.3, 1], [10, 9.5, 2]):
        exp = explainer.explain_instance(np.array(instance, dtype=np.float64), step, labels=(0,), num_features=3,
                                         num_samples=500)
        names.append(list(exp.domain_mapper.discretized_feature_names))
    doc = {"scalerMean": explainer.scaler.mean_.tolist(), "scalerScale": explainer.scaler.scale_.tolist(),
           "kernelDistances": [0.0, 0.5, 1.0, 2.0],
           "kernelWeights": [float(v) for v in explainer.base.kernel_fn(np.array([0.0, 0.5, 1.0, 2.0]))],
           "names": names,
           "quartiles": {str(f): [float(v) for v in explainer.discretizer.names and
                                  np.percentile(training[:, f], [25, 50, 75])] for f in (0, 1)}}
    with open(os.path.join(OUT, "lime_tabular.json"), "w") as f:
        json.dump(doc, f, indent=1)
    index["limeTabular"] = doc


def main():
    os.makedirs(OUT, exist_ok=True)
    index = {"anchor": {"captum": [captum.__version__, rev("/work/.mirror/pytorch+captum/repo", "refs/tags/v0.8.0")],
                        "shap": [shap.__version__, rev("/work/.mirror/shap+shap/repo", "refs/tags/v0.49.1")],
                        "lime": ["0.2.0.0", rev("/work/.mirror/marcotcr+lime/repo", "refs/tags/0.2.0.0")],
                        "torch": torch.__version__, "numpy": np.__version__, "sklearn": sklearn.__version__},
             "captum": {}, "shap": {}}
    print(json.dumps(index["anchor"]))
    captum_cases(index)
    shap_cases(index)
    partition_cases(index)
    lime_case(index)
    lime_tabular_case(index)
    print(json.dumps({k: v for k, v in index.items() if k != "anchor"}, indent=1))
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(index, f, indent=1)


if __name__ == "__main__":
    main()
