#!/usr/bin/python3
"""zennit 0.5.1's `coldnhot` colour map, evaluated by zennit itself, for xai-viz's ZennitColormapTest.

    /work/shared/tools/anchor-pylibs.sh /tmp/anchors zennit=<zennit git dir>@0.5.1
    PYTHONPATH=/tmp/anchors /usr/bin/python3 xai-viz/src/test/python/gen_zennit_cmap.py

Writes xai-viz/src/test/resources/org/xai4j/viz/zennit-coldnhot.json: positions t (the 256 grid points i/255 and
some in between) and zennit's RGB in [0, 1] at each (zennit.image.CMAPS['coldnhot'](t)).
"""
import json
import os

import numpy as np
from zennit.image import CMAPS

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'resources', 'org', 'xai4j', 'viz', 'zennit-coldnhot.json')

t = np.concatenate([np.arange(256) / 255.0, np.linspace(0.0013, 0.9987, 37)])
rgb = CMAPS['coldnhot'](t)
with open(OUT, 'w') as f:
    json.dump({'t': t.tolist(), 'rgb': rgb.tolist()}, f)
print(OUT, len(t))
