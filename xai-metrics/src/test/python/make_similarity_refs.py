#!/usr/bin/python3
"""Reference values for xai-metrics' map similarity measures.

Run with Debian's interpreter (scikit-image 0.19, scipy 1.10):

    /usr/bin/python3 xai-metrics/src/test/python/make_similarity_refs.py

It writes xai-metrics/src/test/resources/org/xai4j/metrics/similarity/similarity_refs.json: a few pairs of
map batches (flattened row-major, float64 printed with repr so they read back bit-exactly) and, per batch
row, the values of scikit-image's structural_similarity and scipy's pearsonr, spearmanr, kendalltau,
cosine and jaccard. Top-k and threshold masks are built here (ties: lower flat index first; k rounds half
to even, as Python's round) and only the Jaccard index itself comes from scipy.
"""
import json
import os

import numpy as np
import scipy
import skimage
from scipy import stats
from scipy.spatial import distance
from skimage.metrics import structural_similarity

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "org", "xai4j", "metrics",
                   "similarity", "similarity_refs.json")


def topk_mask(v, top):
    k = int(round(top * v.size))
    order = np.argsort(-np.abs(v), kind="stable")  # stable: equal values keep index order
    m = np.zeros(v.size, dtype=bool)
    m[order[:k]] = True
    return m


def jaccard_sim(ma, mb):
    return 1.0 - distance.jaccard(ma, mb)


def row_values(a, b, channels):
    """All reference values for one pair of rows (a, b) of equal shape."""
    fa, fb = a.ravel(), b.ravel()
    joint = float(max(a.max(), b.max()) - min(a.min(), b.min()))
    ch = 0 if channels else None
    out = {
        "ssim": structural_similarity(a, b, win_size=7, data_range=joint, channel_axis=ch),
        "ssim_gaussian": structural_similarity(a, b, gaussian_weights=True, sigma=1.5, data_range=joint,
                                               channel_axis=ch),
        "ssim_range5": structural_similarity(a, b, win_size=7, data_range=5.0, channel_axis=ch),
        "ssim_population_cov": structural_similarity(a, b, win_size=7, data_range=joint, channel_axis=ch,
                                                     use_sample_covariance=False),
        "pearson": stats.pearsonr(fa, fb)[0],
        "spearman": stats.spearmanr(fa, fb).correlation,
        "kendall": stats.kendalltau(fa, fb).correlation,  # tau-b is scipy's default variant
        "cosine": 1.0 - distance.cosine(fa, fb),
        "mad": float(np.mean(np.abs(fa - fb))),
        "topk_0.1": jaccard_sim(topk_mask(fa, 0.1), topk_mask(fb, 0.1)),
        "topk_0.25": jaccard_sim(topk_mask(fa, 0.25), topk_mask(fb, 0.25)),
        "topk_0.03125": jaccard_sim(topk_mask(fa, 0.03125), topk_mask(fb, 0.03125)),
        "threshold_above_0.5": jaccard_sim(fa > 0.5, fb > 0.5),
        "threshold_abs_above_1": jaccard_sim(np.abs(fa) > 1.0, np.abs(fb) > 1.0),
        "threshold_rel_0.5": jaccard_sim(np.abs(fa) > 0.5 * np.abs(fa).max(), np.abs(fb) > 0.5 * np.abs(fb).max()),
    }
    return {k: float(v) for k, v in out.items()}


def case(name, a, b, channels=False):
    assert a.shape == b.shape
    rows = [row_values(a[i], b[i], channels) for i in range(a.shape[0])]
    expected = {k: [r[k] for r in rows] for k in rows[0]}
    return {"name": name, "shape": list(a.shape), "channels": channels,
            "a": [float(x) for x in a.ravel()], "b": [float(x) for x in b.ravel()], "expected": expected}


def main():
    rng = np.random.default_rng(20240607)
    cases = []
    # Gaussian maps, the second a noisy copy of the first; rows on different scales.
    a = rng.normal(size=(3, 24, 30))
    b = 0.6 * a + 0.4 * rng.normal(size=a.shape)
    a[2] *= 3.0
    b[1] += 2.0
    cases.append(case("gaussian", a, b))
    # Saliency-like maps in [0, 1): smooth blobs plus noise.
    yy, xx = np.mgrid[0:20, 0:20]
    blob_a = np.exp(-((yy - 8) ** 2 + (xx - 9) ** 2) / 20.0)
    blob_b = np.exp(-((yy - 10) ** 2 + (xx - 11) ** 2) / 30.0)
    a = np.stack([blob_a + 0.1 * rng.random((20, 20)), blob_a * rng.random((20, 20))])
    b = np.stack([blob_b + 0.1 * rng.random((20, 20)), blob_a + 0.2 * rng.random((20, 20))])
    cases.append(case("blobs", a, b))
    # Quantised maps: many ties for the rank measures and the top-k sets.
    a = rng.integers(-2, 3, size=(3, 12, 12)).astype(np.float64)
    b = np.clip(a + rng.integers(-1, 2, size=a.shape), -2, 2).astype(np.float64)
    cases.append(case("ties", a, b))
    # Three channels per row: SSIM averages the channel SSIMs (channel_axis=0).
    a = rng.normal(size=(2, 3, 16, 20))
    b = a + 0.5 * rng.normal(size=a.shape)
    cases.append(case("channels", a, b, channels=True))
    doc = {"generator": "xai-metrics/src/test/python/make_similarity_refs.py",
           "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "skimage": skimage.__version__},
           "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
