#!/usr/bin/python3
"""transformer_mini_op13 for OnnxImporterTest, made with Debian's PyTorch 1.13 (seeded), written beside the
models of make_models.py (same files: .onnx, _x, _targets, _out, _grad, _layers.json).

A small vision transformer block on 4x4 patches: patch-embedding conv, LayerNorm (exported at opset 13 as
ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add), single-head self-attention written with MatMul,
Transpose, Div and Softmax, a residual add, an exact-GELU MLP (Erf), a squeeze-excitation gate with Sigmoid, a
HardSwish, mean over tokens and a Linear head.
"""
import os

import torch
import torch.nn as nn

from make_models import write


class TransformerMini(nn.Module):
    def __init__(self, d=16, k=5):
        super().__init__()
        self.embed = nn.Conv2d(3, d, 4, stride=4)
        self.norm1 = nn.LayerNorm(d)
        self.q, self.k, self.v = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d)
        self.norm2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 2 * d), nn.GELU(), nn.Linear(2 * d, d))
        self.gate = nn.Linear(d, d)
        self.head = nn.Linear(d, k)
        self.d = d

    def forward(self, x):
        t = self.embed(x).flatten(2).transpose(1, 2)          # N x T x d
        h = self.norm1(t)
        a = torch.softmax(self.q(h) @ self.k(h).transpose(1, 2) / self.d ** 0.5, dim=-1)
        t = t + a @ self.v(h)
        t = t + self.mlp(self.norm2(t))
        s = torch.sigmoid(self.gate(t.mean(dim=1, keepdim=True)))   # squeeze-excitation over channels
        t = nn.functional.hardswish(t * s)
        return self.head(t.mean(dim=1))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    small = os.path.join(here, "..", "resources", "org", "xai4j", "models", "onnx")
    torch.manual_seed(21)
    model = TransformerMini()
    for m in model.modules():
        if isinstance(m, nn.LayerNorm):
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.3, 0.3)
    write(small, "transformer_mini_op13", model, torch.randn(3, 3, 16, 16), [0, 2, 4], ["norm1", "mlp.1"], 13)


if __name__ == "__main__":
    main()
