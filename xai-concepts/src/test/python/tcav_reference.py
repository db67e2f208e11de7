#!/usr/bin/python3
"""Image sets for the TCAV test on the CLI demo's Fashion-MNIST CNN, and Captum's TCAV on the same model and sets.

    /work/shared/tools/anchor-pylibs.sh /tmp/anchors captum=/work/.mirror/pytorch+captum/repo@v0.6.0
    PYTHONPATH=/tmp/anchors /usr/bin/python3 xai-concepts/src/test/python/tcav_reference.py

Needs Debian's python3-torch, python3-onnx, python3-sklearn, python3-scipy and dataset-fashion-mnist. Writes under
xai-concepts/src/test/resources/org/xai4j/concepts/tcav/:
  concept-trouser.npy, concept-sneaker.npy   30 training images of class 1 / 7 each (uint8, N×1×28×28)
  random-<i>.npy, i = 0..9                    10 sets of 30 training images drawn uniformly from all classes
  inputs-trouser.npy, inputs-sneaker.npy      the first 30 test images of class 1 / 7
  inputs-logits.npy                           the torch model's logits of inputs-trouser then inputs-sneaker
  captum.json                                 Captum 0.6.0's TCAV (sign_count, magnitude) at the second ReLU for
                                              each concept vs each random set and each random pair, and t-test p-values
The torch model is the ONNX file's (BatchNorm already folded into the convolutions by the export), rebuilt
module by module so that Captum can hook its second ReLU (the ONNX node /Relu_1).
"""
import gzip
import json
import os
import tempfile

import numpy as np
import onnx
import scipy.stats
import torch
import torch.nn as nn
from onnx import numpy_helper
from torch.utils.data import DataLoader, TensorDataset

import captum
from captum.concept import TCAV, Concept
from captum.concept._utils.common import concepts_to_str

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "../../../..")
OUT = os.path.join(HERE, "../resources/org/xai4j/concepts/tcav")
DEMO = os.path.join(ROOT, "xai-cli/src/main/resources/org/xai4j/cli/demo")
SRC = "/usr/share/datasets/fashion-mnist"
SET = 30
RANDOM_SETS = 10


def idx(name):
    with gzip.open(os.path.join(SRC, name), "rb") as f:
        data = f.read()
    dims = int.from_bytes(data[0:4], "big") & 0xFF
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Net(nn.Module):
    def __init__(self, init):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(32 * 7 * 7, 64)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(64, 10)
        convs = [n for n in init["nodes"] if n.op_type == "Conv"]
        w = init["weights"]
        with torch.no_grad():
            for mod, node in zip([self.conv1, self.conv2], convs):
                mod.weight.copy_(torch.from_numpy(w[node.input[1]]))
                mod.bias.copy_(torch.from_numpy(w[node.input[2]]))
            for mod, name in [(self.fc1, "fc1"), (self.fc2, "fc2")]:
                mod.weight.copy_(torch.from_numpy(w[name + ".weight"]))
                mod.bias.copy_(torch.from_numpy(w[name + ".bias"]))

    def forward(self, x):
        x = self.pool1(self.relu1(self.conv1(x)))
        x = self.pool2(self.relu2(self.conv2(x)))
        return self.fc2(self.relu3(self.fc1(torch.flatten(x, 1))))


def concept(cid, name, images):
    x = torch.from_numpy(images.astype(np.float32) / 255.0)
    loader = DataLoader(TensorDataset(x), batch_size=10, collate_fn=lambda b: torch.stack([t[0] for t in b]))
    return Concept(cid, name, loader)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261204)
    xtr, ytr = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
    xte, yte = idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz")
    sets = {}
    for name, cls in [("trouser", 1), ("sneaker", 7)]:
        pick = rng.choice(np.flatnonzero(ytr == cls), SET, replace=False)
        sets["concept-" + name] = xtr[pick][:, None]
        sets["inputs-" + name] = xte[np.flatnonzero(yte == cls)[:SET]][:, None]
    for i in range(RANDOM_SETS):
        sets[f"random-{i}"] = xtr[rng.choice(len(xtr), SET, replace=False)][:, None]
    for k, v in sets.items():
        np.save(os.path.join(OUT, k + ".npy"), np.ascontiguousarray(v))

    m = onnx.load(os.path.join(DEMO, "fashion-cnn.onnx"))
    net = Net({"nodes": list(m.graph.node),
               "weights": {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}}).eval()
    inputs = {c: torch.from_numpy(sets["inputs-" + c].astype(np.float32) / 255.0) for c in ["trouser", "sneaker"]}
    with torch.no_grad():
        logits = torch.cat([net(inputs["trouser"]), net(inputs["sneaker"])]).numpy()
    np.save(os.path.join(OUT, "inputs-logits.npy"), logits)

    torch.manual_seed(0)
    concepts = {c: concept(i, c, sets["concept-" + c]) for i, c in enumerate(["trouser", "sneaker"])}
    randoms = [concept(10 + i, f"random-{i}", sets[f"random-{i}"]) for i in range(RANDOM_SETS)]
    out = {"captum": captum.__version__, "torch": torch.__version__, "layer": "relu2 (ONNX /Relu_1)", "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        tcav = TCAV(net, layers=["relu2"], save_path=tmp)
        pairs = [[randoms[(i + 1) % RANDOM_SETS], randoms[i]] for i in range(RANDOM_SETS)]
        for cname, cls, iname in [("trouser", 1, "trouser"), ("trouser", 7, "sneaker"), ("sneaker", 7, "sneaker")]:
            exp = [[concepts[cname], r] for r in randoms]
            res = tcav.interpret(inputs[iname], experimental_sets=exp + pairs, target=cls)
            keys = [concepts_to_str(e) for e in exp + pairs]  # the result is keyed by "<id>-<id>"
            sign = [float(res[k]["relu2"]["sign_count"][0]) for k in keys]
            mag = [float(res[k]["relu2"]["magnitude"][0]) for k in keys]
            scores, rscores = sign[:RANDOM_SETS], sign[RANDOM_SETS:]
            p = float(scipy.stats.ttest_ind(scores, rscores).pvalue)
            out["runs"].append({"concept": cname, "target": cls, "inputs": iname, "scores": scores,
                                "magnitudes": mag[:RANDOM_SETS], "random_scores": rscores,
                                "random_magnitudes": mag[RANDOM_SETS:], "mean": float(np.mean(scores)),
                                "random_mean": float(np.mean(rscores)), "p_value": p})
    with open(os.path.join(OUT, "captum.json"), "w") as f:
        json.dump(out, f, indent=2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
