#!/usr/bin/python3
"""Reference values for BlurBaseline: scipy.ndimage.gaussian_filter over the last two axes,
mode 'reflect' (d c b a | a b c d | d c b a), truncate 4.0. Run with Debian's /usr/bin/python3;
writes ../resources/org/xai4j/core/baseline/blur_reference.json."""
import json
import os

import numpy as np
from scipy.ndimage import gaussian_filter

rng = np.random.default_rng(20261122)
x = rng.uniform(-1.0, 1.0, size=(2, 3, 5, 6))
cases = []
for sigma in (0.7, 1.0, 2.5):
    y = gaussian_filter(x, sigma=(0, 0, sigma, sigma), mode="reflect", truncate=4.0)
    cases.append({"sigma": sigma, "output": y.ravel().tolist()})
out = {"shape": list(x.shape), "input": x.ravel().tolist(), "cases": cases,
       "generator": "scipy " + __import__("scipy").__version__}
path = os.path.join(os.path.dirname(__file__), "../resources/org/xai4j/core/baseline/blur_reference.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
