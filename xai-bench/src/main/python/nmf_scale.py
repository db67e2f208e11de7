#!/usr/bin/python3
"""scikit-learn's NMF on the matrix of org.xai4j.bench.concepts.NmfScale, timed the same way.

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 xai-bench/src/main/python/nmf_scale.py ROWS COLS K ITERATIONS

With ITERATIONS > 0: tol=0 and max_iter=ITERATIONS; with 0: scikit-learn's defaults (tol=1e-4, max_iter=200).
The matrix is built in float32 in chunks (see NmfScale for the formula); the fit is NMF(init='nndsvd', solver='cd').
"""
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import NMF


def main():
    rows, cols, k, iters = (int(a) for a in sys.argv[1:5])
    t0 = time.perf_counter()
    x = np.empty((rows, cols), dtype=np.float32)
    r = np.arange(10, dtype=np.int64)
    j = np.arange(cols, dtype=np.int64)
    b = ((j[None, :] * (2 * r[:, None] + 5) * 104729 + 17 * r[:, None]) % 991) / 991.0
    chunk = 65536
    for s in range(0, rows, chunk):
        i = np.arange(s, min(rows, s + chunk), dtype=np.int64)
        a = ((i[:, None] * (2 * r[None, :] + 3) * 7919 + 31 * r[None, :]) % 997) / 997.0
        e = ((131 * i[:, None] + 257 * j[None, :]) % 1009) / 1009.0
        x[s:s + len(i)] = a @ b + 0.01 * e
    build = time.perf_counter() - t0
    kw = dict(tol=0.0, max_iter=iters) if iters > 0 else {}
    model = NMF(n_components=k, init="nndsvd", solver="cd", **kw)
    t1 = time.perf_counter()
    c1 = time.process_time()
    model.fit(x)
    fit = time.perf_counter() - t1
    fit_cpu = time.process_time() - c1  # CPU seconds of the whole process during the fit
    rel = model.reconstruction_err_ / np.linalg.norm(x)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"scikit-learn {sklearn.__version__} NMF {rows} x {cols}, K={k}: build {build:.1f} s, fit {fit:.1f} s (process CPU {fit_cpu:.1f} s), "
          f"{model.n_iter_} iterations, relative error {rel:.6f}, peak RSS {rss} kB")


if __name__ == "__main__":
    main()
