#!/usr/bin/python3
"""Turns JMH JSON results (java -jar benchmarks.jar ... -rf json -rff FILE) into Markdown tables.

    /usr/bin/python3 xai-bench/src/main/python/jmh_table.py results1.json [results2.json ...]

Prints every score as mean ± JMH's error (the 99.9% confidence half-width), and for each method/raw pair
of the same benchmark class and parameters the ratio method ÷ raw. The ratio's error bar combines the two
relative errors (first order, as if independent): r·sqrt((e_m/m)² + (e_r/r)²). A ratio is called "≤ T"
only when ratio + error ≤ T, "> T" only when ratio − error > T; otherwise the measurement cannot decide.
"""
import json
import math
import sys

PAIRS = {
    "AttributionBenchmark": ("explain", "rawPasses"),
    "PerturbationBenchmark": ("explain", "rawForwards"),
    "CamBenchmark": None,  # several pairs, below
    "ResNetCamBenchmark": ("gradCam", "rawForwardBackward"),
}
CAM_PAIRS = [("gradCam", "rawForwardBackward"), ("gradCamLarge", "rawForwardBackwardLarge"),
             ("scoreCam", "rawMaskedForwards"), ("ablationCam", "rawAblatedForwards")]


def load(paths):
    out = []
    for p in paths:
        with open(p) as f:
            for r in json.load(f):
                cls, name = r["benchmark"].split(".")[-2:]
                m = r["primaryMetric"]
                out.append({"class": cls, "name": name, "params": r.get("params", {}), "score": m["score"],
                            "error": m["scoreError"], "unit": m["scoreUnit"], "iterations": len(m["rawData"][0]),
                            "raw": m["rawData"], "threads": r.get("threads"), "file": p})
    return out


def run(path):
    """The run's label: the result file's name without directory and extension."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def fmt(v, e):
    if e != e:  # NaN: a single iteration
        return f"{v:.3g}"
    return f"{v:.3g} ± {e:.2g}"


def key(params):
    return tuple(sorted(params.items()))


def main():
    rows = load(sys.argv[1:])
    print("| run | benchmark | parameters | score | unit | iterations |\n|---|---|---|---:|---|---:|")
    for r in rows:
        ps = ", ".join(f"{k}={v}" for k, v in sorted(r["params"].items()))
        print(f"| {run(r['file'])} | {r['class']}.{r['name']} | {ps} | {fmt(r['score'], r['error'])} | {r['unit']} | {r['iterations']} |")
    print()
    print("| run | pair | parameters | method | raw | ratio |\n|---|---|---|---:|---:|---:|")
    index = {(r["file"], r["class"], r["name"], key(r["params"])): r for r in rows}
    for (f, cls, name, k), m in index.items():
        pairs = CAM_PAIRS if cls == "CamBenchmark" else [PAIRS.get(cls)] if PAIRS.get(cls) else []
        for method, raw in pairs:
            if name != method or (f, cls, raw, k) not in index:
                continue
            b = index[(f, cls, raw, k)]
            ratio = m["score"] / b["score"]
            err = ratio * math.sqrt((m["error"] / m["score"]) ** 2 + (b["error"] / b["score"]) ** 2)
            ps = ", ".join(f"{a}={v}" for a, v in k)
            print(f"| {run(f)} | {cls}.{method} ÷ {raw} | {ps} | {fmt(m['score'], m['error'])} | {fmt(b['score'], b['error'])} "
                  f"| {fmt(ratio, err)} |")


if __name__ == "__main__":
    main()
