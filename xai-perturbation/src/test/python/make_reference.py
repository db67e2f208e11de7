#!/usr/bin/python3
"""Independent reference values for the xai-perturbation tests.

Defines a small CNN (weights drawn here with a fixed seed and saved as .npy so the Java tests run the same
model), two input images, and computes with torch (float64), by brute force:
  * exact Shapley values of the 16 cells of a 4x4 grid (enumerating all 2^16 coalitions),
  * exact Owen values of the same cells under the binary grid hierarchy (averaging over every ordering
    consistent with the hierarchy),
  * occlusion maps (sliding windows, mean of score drops over the windows covering each element),
  * feature ablation of the grid cells.
Captum, shap and lime themselves are run on the same model by anchor_reference.py (Captum's occlusion counts
its windows differently, see OcclusionTest; its feature ablation, shap's KernelExplainer and PartitionExplainer
agree with the values here).
Run:  /usr/bin/python3 xai-perturbation/src/test/python/make_reference.py
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "xai4j", "perturbation", "reference")
os.makedirs(OUT, exist_ok=True)
torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(20240611)

# The model: conv 3->4 (3x3, pad 1), ReLU, conv 4->6 (3x3, stride 2, pad 1), ReLU, flatten (6*4*4), linear 96->3.
W1 = torch.randn(4, 3, 3, 3, generator=g) * 0.5
B1 = torch.randn(4, generator=g) * 0.1
W2 = torch.randn(6, 4, 3, 3, generator=g) * 0.4
B2 = torch.randn(6, generator=g) * 0.1
W3 = torch.randn(3, 96, generator=g) * 0.3
B3 = torch.randn(3, generator=g) * 0.1
X = torch.rand(2, 3, 8, 8, generator=g)
BASE = 0.2          # constant baseline for the Shapley games
TARGET = 1          # class explained
GRID = 4            # 4x4 cells of 2x2 pixels


def model(x):
    h = F.relu(F.conv2d(x, W1, B1, padding=1))
    h = F.relu(F.conv2d(h, W2, B2, stride=2, padding=1))
    return h.reshape(h.shape[0], -1) @ W3.T + B3


def score(x):
    with torch.no_grad():
        return model(x)[:, TARGET]


def cell_of_pixels():
    """cell index (row-major over the 4x4 grid) of every pixel of the 8x8 image."""
    ys, xs = np.meshgrid(np.arange(8), np.arange(8), indexing="ij")
    return (ys * GRID // 8) * GRID + (xs * GRID // 8)


CELLS = cell_of_pixels()


def coalition_values(x):
    """v(S) for every S (bit j = cell j present): the score with absent cells set to BASE."""
    n = 1 << 16
    bits = (np.arange(n)[:, None] >> np.arange(16)[None, :]) & 1       # n x 16
    v = np.empty(n)
    for start in range(0, n, 4096):
        b = torch.from_numpy(bits[start:start + 4096][:, CELLS].astype(np.float64))  # k x 8 x 8
        keep = b[:, None, :, :]
        xs = keep * x[None] + (1 - keep) * BASE
        v[start:start + 4096] = score(xs).numpy()
    return v


def exact_shapley(v, m=16):
    from math import factorial
    phi = np.zeros(m)
    sizes = np.array([bin(s).count("1") for s in range(1 << m)])
    for i in range(m):
        without = np.array([s for s in range(1 << m) if not (s >> i) & 1])
        w = np.array([factorial(k) * factorial(m - k - 1) / factorial(m) for k in sizes[without]])
        phi[i] = np.sum(w * (v[without | (1 << i)] - v[without]))
    return phi


def grid_tree(r0, r1, c0, c1):
    """Nested tuples of cell ids: split the longer side (rows when h >= w) into floor/ceil halves."""
    h, w = r1 - r0, c1 - c0
    if h == 1 and w == 1:
        return r0 * GRID + c0
    if h >= w:
        mid = r0 + h // 2
        return (grid_tree(r0, mid, c0, c1), grid_tree(mid, r1, c0, c1))
    mid = c0 + w // 2
    return (grid_tree(r0, r1, c0, mid), grid_tree(r0, r1, mid, c1))


def orderings(node):
    if isinstance(node, int):
        return [[node]]
    left, right = orderings(node[0]), orderings(node[1])
    return [a + b for a in left for b in right] + [b + a for a in left for b in right]


def owen(v, tree):
    orders = np.array(orderings(tree))                 # 32768 x 16
    phi = np.zeros(16)
    prefix = np.zeros(len(orders), dtype=np.int64)
    for j in range(16):
        bit = (1 << orders[:, j]).astype(np.int64)
        contrib = v[prefix | bit] - v[prefix]
        np.add.at(phi, orders[:, j], contrib)
        prefix |= bit
    return phi / len(orders)


def occlusion(x, window, strides, baseline=0.0):
    """Captum's occlusion for one row x (C x H x W) with a window over all three axes."""
    fx = score(x[None])[0].item()
    shape = x.shape
    counts = [(shape[d] - window[d]) // strides[d] + 1 for d in range(3)]
    total = torch.zeros(shape)
    hits = torch.zeros(shape)
    for a in range(counts[0]):
        for b in range(counts[1]):
            for c in range(counts[2]):
                sl = (slice(a * strides[0], a * strides[0] + window[0]),
                      slice(b * strides[1], b * strides[1] + window[1]),
                      slice(c * strides[2], c * strides[2] + window[2]))
                xo = x.clone()
                xo[sl] = baseline
                drop = fx - score(xo[None])[0].item()
                total[sl] += drop
                hits[sl] += 1
    out = torch.where(hits > 0, total / hits.clamp(min=1), torch.zeros(shape))
    return out.numpy()


def ablation(x):
    fx = score(x[None])[0].item()
    out = np.zeros((3, 8, 8))
    for cell in range(16):
        keep = torch.from_numpy((CELLS != cell).astype(np.float64))
        xo = keep * x + (1 - keep) * BASE
        out[:, CELLS == cell] = fx - score(xo[None])[0].item()
    return out


def main():
    for name, t in [("w1", W1), ("b1", B1), ("w2", W2), ("b2", B2), ("w3", W3), ("b3", B3), ("x", X)]:
        np.save(os.path.join(OUT, f"cnn_{name}.npy"), t.numpy())
    with torch.no_grad():
        np.save(os.path.join(OUT, "cnn_logits.npy"), model(X).numpy())
    tree = grid_tree(0, GRID, 0, GRID)
    shapley, owens = [], []
    for i in range(X.shape[0]):
        v = coalition_values(X[i])
        shapley.append(exact_shapley(v))
        owens.append(owen(v, tree))
        print(f"row {i}: v(N)-v(0) = {v[-1] - v[0]:.6f}, sum phi = {shapley[-1].sum():.6f}, sum owen = {owens[-1].sum():.6f}")
    np.save(os.path.join(OUT, "exact_shapley_grid4.npy"), np.array(shapley))
    np.save(os.path.join(OUT, "owen_grid4.npy"), np.array(owens))
    np.save(os.path.join(OUT, "occlusion_w133_s122.npy"),
            np.array([occlusion(X[i], (3, 3, 3), (1, 2, 2)) for i in range(2)]))
    np.save(os.path.join(OUT, "occlusion_w123_s113.npy"),
            np.array([occlusion(X[i], (1, 2, 3), (1, 1, 3)) for i in range(2)]))
    np.save(os.path.join(OUT, "ablation_grid4.npy"), np.array([ablation(X[i]) for i in range(2)]))


if __name__ == "__main__":
    main()
