#!/usr/bin/env python3
"""Reference values for org.xai4j.metrics.dynamics (TrainingDynamicsNumpyTest).

Random training histories (seeded) are written as .npy the way a PyTorch user would save them
(int64 classes, float32 probabilities), and every summary is computed here with vectorised numpy,
independently of the Java code:

  frequency      = (number of e >= 1 with p[e] != p[e-1]) / (E - 1), 0 when E == 1
  variability    = number of distinct classes in p[:, i]
  misclassification_rate = mean over epochs of p[e, i] != y[i]
  correct_from_epoch     = first e with p[e':, i] == y[i] for all e' >= e, -1 if the last is wrong
  forgetting_events      = number of e >= 1 with p[e-1] == y and p[e] != y
  per_epoch_accuracy, per_class_accuracy (NaN -> null), confusion (E x K x K), flows (E-1 x K x K)

Run from the repository root:  /usr/bin/python3 xai-metrics/src/test/python/make_dynamics_refs.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "xai4j", "metrics", "dynamics")


def history(rng, epochs, n, k, stick):
    """Predictions that mostly keep the previous epoch's class and drift towards the label."""
    y = rng.integers(0, k, size=n)
    p = np.empty((epochs, n), dtype=np.int64)
    p[0] = rng.integers(0, k, size=n)
    for e in range(1, epochs):
        r = rng.random(n)
        keep = r < stick
        learn = (r >= stick) & (r < stick + (1 - stick) / 2)
        p[e] = np.where(keep, p[e - 1], np.where(learn, y, rng.integers(0, k, size=n)))
    return p, y


def summary(p, y, k):
    e_count, n = p.shape
    changed = p[1:] != p[:-1]
    changes = changed.sum(axis=0)
    frequency = changes / (e_count - 1) if e_count > 1 else np.zeros(n)
    onehot = np.zeros((n, k), dtype=bool)
    onehot[np.arange(n)[None, :].repeat(e_count, 0), p] = True
    variability = onehot.sum(axis=1)
    wrong = p != y[None, :]
    rate = wrong.mean(axis=0)
    # last wrong epoch (reverse argmax); correct_from = last_wrong + 1, -1 if last epoch wrong
    any_wrong = wrong.any(axis=0)
    last_wrong = e_count - 1 - np.argmax(wrong[::-1], axis=0)
    correct_from = np.where(any_wrong, last_wrong + 1, 0)
    correct_from = np.where(correct_from == e_count, -1, correct_from)
    forgetting = ((~wrong[:-1]) & wrong[1:]).sum(axis=0)
    acc = (~wrong).mean(axis=1)
    conf = np.zeros((e_count, k, k), dtype=np.int64)
    for e in range(e_count):
        np.add.at(conf[e], (y, p[e]), 1)
    flows = np.zeros((max(0, e_count - 1), k, k), dtype=np.int64)
    for e in range(e_count - 1):
        np.add.at(flows[e], (p[e], p[e + 1]), 1)
    counts = np.bincount(y, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        class_acc = np.stack([np.diagonal(conf[e]) / counts for e in range(e_count)])

    def nulls(a):
        return [None if np.isnan(v) else float(v) for v in a]

    return {
        "epochs": int(e_count), "instances": int(n), "classes": int(k),
        "per_instance": {
            "frequency": [float(v) for v in frequency],
            "variability": [int(v) for v in variability],
            "misclassification_rate": [float(v) for v in rate],
            "changes": [int(v) for v in changes],
            "correct_from_epoch": [int(v) for v in correct_from],
            "forgetting_events": [int(v) for v in forgetting],
        },
        "per_epoch_accuracy": [float(v) for v in acc],
        "per_class_accuracy": [nulls(r) for r in class_acc],
        "confusion": conf.tolist(),
        "flows": flows.tolist(),
    }


def main():
    rng = np.random.default_rng(20261204)
    cases = [("random-a", 12, 200, 5, 0.7, False), ("random-b", 30, 150, 10, 0.85, False),
             ("random-c", 8, 60, 4, 0.6, True), ("random-d", 1, 40, 3, 0.5, False)]
    for name, epochs, n, k, stick, probs in cases:
        p, y = history(rng, epochs, n, k, stick)
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        if probs:
            # probabilities whose argmax is p: random logits with the chosen class raised
            logits = rng.normal(size=(epochs, n, k)).astype(np.float64)
            top = logits.max(axis=2)
            logits[np.arange(epochs)[:, None], np.arange(n)[None, :], p] = top + rng.uniform(0.5, 3.0, size=(epochs, n))
            q = np.exp(logits - logits.max(axis=2, keepdims=True))
            q = (q / q.sum(axis=2, keepdims=True)).astype(np.float32)
            assert (q.argmax(axis=2) == p).all()
            np.save(os.path.join(d, "probabilities.npy"), q)
        np.save(os.path.join(d, "predictions.npy"), p)
        np.save(os.path.join(d, "labels.npy"), y)
        curves = {"train_loss": [float(v) for v in np.linspace(2.0, 0.5, epochs)],
                  "val_accuracy": [None] + [float(v) for v in np.linspace(0.3, 0.8, epochs)[1:]]}
        with open(os.path.join(d, "curves.json"), "w") as f:
            json.dump(curves, f)
        with open(os.path.join(d, "expected.json"), "w") as f:
            json.dump(summary(p, y, k), f)
        print(name, p.shape, "k =", k)


if __name__ == "__main__":
    main()
