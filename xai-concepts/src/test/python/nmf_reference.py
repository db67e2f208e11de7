#!/usr/bin/python3
"""Reference values for xai-concepts' NMF tests, from scikit-learn and SciPy (Debian's python3-sklearn).

    /usr/bin/python3 xai-concepts/src/test/python/nmf_reference.py

Writes under xai-concepts/src/test/resources/org/xai4j/concepts/nmf/:
  small-x.npy                     a 40×10 float64 matrix: a planted rank-4 non-negative product plus |noise|
  small-<case>-w.npy, -h.npy      scikit-learn's S (W) and P (H) for each case, float64
  nnls-p.npy, nnls-x.npy, nnls-s.npy   scipy.optimize.nnls(P.T, x) for 20 rows x
  reference.json                  iterations and reconstruction errors per case; the real-activation study
The real-activation study factorises the activations of layer /Relu_1 of the CLI demo's Fashion-MNIST CNN
(xai-cli/src/main/resources/org/xai4j/cli/demo/fashion-cnn.onnx) on its first 16 demo test images, computed here
with torch from the ONNX weights, reshaped to (16·14·14) × 32, with NMF(K=8) under every scikit-learn init.
"""
import json
import os

import numpy as np
import onnx
import scipy
import scipy.optimize
import sklearn
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _fit_coordinate_descent, _initialize_nmf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "../../../..")
OUT = os.path.join(HERE, "../resources/org/xai4j/concepts/nmf")
DEMO = os.path.join(ROOT, "xai-cli/src/main/resources/org/xai4j/cli/demo")


def small_matrix():
    rng = np.random.default_rng(20261204)
    w = rng.uniform(0, 1, size=(40, 4)) * (rng.uniform(size=(40, 4)) < 0.7)
    h = rng.uniform(0, 1, size=(4, 10)) * (rng.uniform(size=(4, 10)) < 0.6)
    return w @ h + 0.05 * np.abs(rng.standard_normal((40, 10)))


def relu1_activations(n):
    m = onnx.load(os.path.join(DEMO, "fashion-cnn.onnx"))
    init = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    conv = [nd for nd in m.graph.node if nd.op_type == "Conv"]
    x = torch.from_numpy(np.load(os.path.join(DEMO, "fashion-test-images.npy"))[:n].astype(np.float64))
    w1, b1 = (torch.from_numpy(init[k].astype(np.float64)) for k in conv[0].input[1:])
    w2, b2 = (torch.from_numpy(init[k].astype(np.float64)) for k in conv[1].input[1:])
    a = F.max_pool2d(F.relu(F.conv2d(x, w1, b1, padding=1)), 2)
    a = F.relu(F.conv2d(a, w2, b2, padding=1))  # /Relu_1: N×32×14×14
    return a.numpy()


def main():
    os.makedirs(OUT, exist_ok=True)
    ref = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__, "cases": {}}
    x = small_matrix()
    np.save(os.path.join(OUT, "small-x.npy"), x)
    k = 4
    for init in ["nndsvd", "nndsvda"]:
        model = NMF(n_components=k, init=init, solver="cd", tol=1e-4, max_iter=200, shuffle=False)
        w = model.fit_transform(x)
        h = model.components_
        np.save(os.path.join(OUT, f"small-{init}-w.npy"), w)
        np.save(os.path.join(OUT, f"small-{init}-h.npy"), h)
        ref["cases"][init] = {"init": init, "l1": 0.0, "l2": 0.0, "n_iter": int(model.n_iter_),
                              "reconstruction_err": float(model.reconstruction_err_),
                              "relative_err": float(model.reconstruction_err_ / np.linalg.norm(x))}
    # Penalties: the same absolute l1/l2 on both factors (scikit-learn's NMF class scales them by the other
    # dimension, so its private solver is called with the init the class would use).
    l1, l2 = 0.05, 0.1
    w0, h0 = _initialize_nmf(x, k, init="nndsvd")
    w, h, n_iter = _fit_coordinate_descent(x, w0.copy(), h0.copy(), tol=1e-4, max_iter=200, l1_reg_W=l1,
                                           l1_reg_H=l1, l2_reg_W=l2, l2_reg_H=l2, update_H=True, verbose=0,
                                           shuffle=False, random_state=None)
    np.save(os.path.join(OUT, "small-penalised-w.npy"), w)
    np.save(os.path.join(OUT, "small-penalised-h.npy"), h)
    err = float(np.linalg.norm(x - w @ h))
    ref["cases"]["penalised"] = {"init": "nndsvd", "l1": l1, "l2": l2, "n_iter": int(n_iter),
                                 "reconstruction_err": err, "relative_err": err / float(np.linalg.norm(x))}

    rng = np.random.default_rng(7)
    p = rng.uniform(0, 1, size=(4, 10)) * (rng.uniform(size=(4, 10)) < 0.7)
    rows = rng.uniform(-0.2, 1, size=(20, 10))
    s = np.stack([scipy.optimize.nnls(p.T, r)[0] for r in rows])
    np.save(os.path.join(OUT, "nnls-p.npy"), p)
    np.save(os.path.join(OUT, "nnls-x.npy"), rows)
    np.save(os.path.join(OUT, "nnls-s.npy"), s)

    a = relu1_activations(16)
    v = a.transpose(0, 2, 3, 1).reshape(-1, a.shape[1])
    real = {"layer": "/Relu_1", "images": 16, "rows": int(v.shape[0]), "cols": int(v.shape[1]), "components": 8,
            "sum": float(v.sum()), "norm": float(np.linalg.norm(v)), "inits": {}}
    for init in ["nndsvd", "nndsvda", "nndsvdar", "random"]:
        model = NMF(n_components=8, init=init, solver="cd", tol=1e-4, max_iter=1000, random_state=0)
        model.fit(v)
        real["inits"][init] = {"relative_err": float(model.reconstruction_err_ / np.linalg.norm(v)),
                               "n_iter": int(model.n_iter_)}
    real["best_relative_err"] = min(r["relative_err"] for r in real["inits"].values())
    ref["real"] = real
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(ref, f, indent=2)
    print(json.dumps(ref, indent=2))


if __name__ == "__main__":
    main()
