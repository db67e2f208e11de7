#!/usr/bin/python3
"""Trains the demo's small CNN on Fashion-MNIST and exports it to ONNX, with a small test subset.

Run with Debian's interpreter after `apt-get install -y python3-torch python3-onnx dataset-fashion-mnist`:

    /usr/bin/python3 tools/demo/train_fashion_cnn.py

Writes, under xai-cli/src/main/resources/org/xai4j/cli/demo/:
  fashion-cnn.onnx          the trained model (opset 13, input "input" N×1×28×28, output "logits" N×10)
  fashion-test-images.npy   the first 256 test images, float32 N×1×28×28, scaled to [0, 1]
  fashion-test-labels.npy   their labels, int64
  fashion-cnn.json          how it was trained and its test accuracy
The Fashion-MNIST files are MIT-licensed (Zalando Research).
"""
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SRC = "/usr/share/datasets/fashion-mnist"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../xai-cli/src/main/resources/org/xai4j/cli/demo")
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def idx(name):
    with gzip.open(os.path.join(SRC, name), "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = magic & 0xFF
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class FashionCnn(nn.Module):
    """conv-BN-ReLU-pool ×2, dropout, dense-ReLU, dense: the R2 report's block structure, small."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.drop = nn.Dropout(0.25)
        self.fc1 = nn.Linear(32 * 7 * 7, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = self.drop(torch.flatten(x, 1))
        return self.fc2(F.relu(self.fc1(x)))


def main():
    torch.manual_seed(1234)
    np.random.seed(1234)
    torch.set_num_threads(2)
    xtr = torch.from_numpy(idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    ytr = torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    yte = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    model = FashionCnn()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    epochs, batch = 3, 128
    history = []
    start = time.time()
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(xtr))
        total = 0.0
        for i in range(0, len(xtr), batch):
            sel = perm[i:i + batch]
            opt.zero_grad()
            loss = F.cross_entropy(model(xtr[sel]), ytr[sel])
            loss.backward()
            opt.step()
            total += loss.item() * len(sel)
        model.eval()
        with torch.no_grad():
            acc = (model(xte).argmax(1) == yte).float().mean().item()
        history.append({"epoch": epoch + 1, "train_loss": total / len(xtr), "test_accuracy": acc})
        print(history[-1], flush=True)
    os.makedirs(OUT, exist_ok=True)
    model.eval()
    torch.onnx.export(model, xte[:2], os.path.join(OUT, "fashion-cnn.onnx"), opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=True)
    np.save(os.path.join(OUT, "fashion-test-images.npy"), xte[:256].numpy())
    np.save(os.path.join(OUT, "fashion-test-labels.npy"), yte[:256].numpy())
    with torch.no_grad():
        logits = model(xte[:256]).numpy()
    np.save(os.path.join(OUT, "fashion-test-logits.npy"), logits)
    info = {"model": "FashionCnn (tools/demo/train_fashion_cnn.py)", "classes": CLASSES, "epochs": epochs,
            "batch_size": batch, "optimizer": "Adam lr 2e-3", "seed": 1234, "torch": torch.__version__,
            "history": history, "test_accuracy": history[-1]["test_accuracy"],
            "train_seconds": round(time.time() - start, 1), "input": "N×1×28×28 in [0, 1]", "output": "logits N×10"}
    with open(os.path.join(OUT, "fashion-cnn.json"), "w") as f:
        json.dump(info, f, indent=2)
    print("test accuracy", info["test_accuracy"], "in", info["train_seconds"], "s")


if __name__ == "__main__":
    main()
