#!/usr/bin/python3
"""Independent reference values for the xai-viz tests.

Run with Debian's interpreter (matplotlib 3.6, numpy, torch 1.13, skimage 0.19):

    /usr/bin/python3 xai-viz/src/test/python/make_viz_reference.py            # writes reference.json
    /usr/bin/python3 xai-viz/src/test/python/make_viz_reference.py --java-viridis   # prints the table

Writes xai-viz/src/test/resources/org/xai4j/viz/reference.json with
  * colormaps: matplotlib's 256-entry lookup tables (entry i is the map at i/255), and, for the
    segment-defined maps, np.interp of the published segment data at a few off-grid positions;
  * percentiles: numpy.percentile (linear method) and the cumulative-mass threshold of Captum's image
    visualisation, from Captum's own _cumulative_sum_threshold (v0.8.0; PYTHONPATH=/tmp/xai4j-anchors as set up
    by tools/anchors.sh);
  * resize: torch.nn.functional.interpolate(mode="bilinear", align_corners=False);
  * boundaries: skimage.segmentation.find_boundaries(mode="thick").
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "xai4j", "viz", "reference.json")

# Published segment data (matplotlib's _cm.py): (x, y) control points per channel.
SEGMENTS = {
    "jet": {
        "red": [(0.0, 0.0), (0.35, 0.0), (0.66, 1.0), (0.89, 1.0), (1.0, 0.5)],
        "green": [(0.0, 0.0), (0.125, 0.0), (0.375, 1.0), (0.64, 1.0), (0.91, 0.0), (1.0, 0.0)],
        "blue": [(0.0, 0.5), (0.11, 1.0), (0.34, 1.0), (0.65, 0.0), (1.0, 0.0)],
    },
    "bwr": {
        "red": [(0.0, 0.0), (0.5, 1.0), (1.0, 1.0)],
        "green": [(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)],
        "blue": [(0.0, 1.0), (0.5, 1.0), (1.0, 0.0)],
    },
    "seismic": {
        "red": [(0.0, 0.0), (0.25, 0.0), (0.5, 1.0), (0.75, 1.0), (1.0, 0.5)],
        "green": [(0.0, 0.0), (0.25, 0.0), (0.5, 1.0), (0.75, 0.0), (1.0, 0.0)],
        "blue": [(0.0, 0.3), (0.25, 1.0), (0.5, 1.0), (0.75, 0.0), (1.0, 0.0)],
    },
    "gray": {c: [(0.0, 0.0), (1.0, 1.0)] for c in ("red", "green", "blue")},
}
OFF_GRID = [0.0, 0.03, 0.1234, 0.25, 0.3, 0.5, 0.6543, 0.75, 0.9, 0.97, 1.0]


def colormaps():
    import matplotlib
    out = {}
    for name in ("viridis", "jet", "bwr", "seismic", "gray"):
        cmap = matplotlib.colormaps[name]
        lut = [list(map(float, cmap(i)[:3])) for i in range(256)]
        entry = {"lut": lut}
        if name in SEGMENTS:
            seg = SEGMENTS[name]
            entry["t"] = OFF_GRID
            entry["rgb"] = [[float(np.interp(t, [p[0] for p in seg[c]], [p[1] for p in seg[c]]))
                             for c in ("red", "green", "blue")] for t in OFF_GRID]
        out[name] = entry
    return out


def cumulative_threshold(values, percentile):
    """Captum's own _cumulative_sum_threshold (captum/attr/_utils/visualization.py, v0.8.0) when Captum is on
    PYTHONPATH (tools/anchors.sh puts it there); without it, the same rule written out here: sorted values, the
    first whose running sum reaches percentile % of the total. Both are computed when they can be, and must agree
    exactly."""
    s = np.sort(np.asarray(values, dtype=np.float64).ravel())
    c = np.cumsum(s)
    idx = np.where(c >= c[-1] * 0.01 * percentile)[0][0]
    mine = float(s[idx])
    try:
        from captum.attr._utils.visualization import _cumulative_sum_threshold
    except ImportError:
        print("captum not importable: the cumulative-mass thresholds come from the written-out rule")
        return mine
    theirs = float(_cumulative_sum_threshold(np.asarray(values, dtype=np.float64), percentile))
    assert theirs == mine, f"Captum's threshold {theirs} differs from the written-out rule's {mine}"
    return theirs


def percentiles():
    rng = np.random.default_rng(7)
    values = np.round(rng.normal(size=37) * 3.0, 4)
    values[5] = 40.0   # an outlier that percentile clipping must cut
    ps = [0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 100.0]
    return {
        "values": values.tolist(),
        "p": ps,
        "percentile": [float(np.percentile(values, p)) for p in ps],
        "absPercentile": [float(np.percentile(np.abs(values), p)) for p in ps],
        "cumulativeAbs98": cumulative_threshold(np.abs(values), 98.0),
        "cumulativePositive98": cumulative_threshold(np.maximum(values, 0.0), 98.0),
        "cumulativeNegative98": -cumulative_threshold(np.abs(np.minimum(values, 0.0)), 98.0),
    }


def resize():
    import torch
    import torch.nn.functional as F
    rng = np.random.default_rng(11)
    cases = []
    for (h, w, oh, ow) in [(3, 4, 7, 5), (4, 4, 2, 3), (2, 2, 8, 8), (5, 3, 5, 3), (7, 7, 28, 28)]:
        x = np.round(rng.uniform(-1, 1, size=(h, w)), 4)
        y = F.interpolate(torch.tensor(x)[None, None], size=(oh, ow), mode="bilinear", align_corners=False)
        cases.append({"h": h, "w": w, "outH": oh, "outW": ow, "in": x.ravel().tolist(),
                      "out": y[0, 0].numpy().ravel().tolist()})
    return cases


def boundaries():
    from skimage.segmentation import find_boundaries
    rng = np.random.default_rng(3)
    h, w = 9, 11
    seg = np.zeros((h, w), dtype=np.int64)
    seg[:, 4:] = 1
    seg[5:, :] = 2
    seg[6:8, 7:10] = 3
    seg[0, 10] = 4
    seg[rng.integers(0, h), rng.integers(0, w)] = 5
    b = find_boundaries(seg, mode="thick")
    return {"h": h, "w": w, "labels": seg.ravel().tolist(), "thick": b.astype(int).ravel().tolist()}


def java_viridis():
    import matplotlib
    cmap = matplotlib.colormaps["viridis"]
    for i in range(256):
        r, g, b = cmap(i)[:3]
        print("            {%.6f, %.6f, %.6f}," % (r, g, b))


if __name__ == "__main__":
    if "--java-viridis" in sys.argv:
        java_viridis()
        sys.exit(0)
    ref = {"colormaps": colormaps(), "percentiles": percentiles(), "resize": resize(), "boundaries": boundaries()}
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
    print("wrote", os.path.normpath(OUT))
