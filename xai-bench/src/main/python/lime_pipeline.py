#!/usr/bin/python3
"""Times the Python lime package's image pipeline on the ResNet-18 of make_resnet18.py, end to end.

With --lime, lime 0.2.0.0 itself runs (LimeImageExplainer.explain_instance with its defaults, quickshift
segmentation, batch_size=10, 1000 samples): put it on PYTHONPATH with tools/anchors.sh, e.g.
PYTHONPATH=/tmp/xai4j-anchors. Without --lime, the script performs the same steps with lime's defaults,
written for this benchmark when lime could not be installed here (not copied):
  1. segmentation: skimage quickshift(kernel_size=4, max_dist=200, ratio=0.2) on the (min-max scaled) image;
  2. hide colour: each superpixel's mean colour ("fudged" image, hide_color=None);
  3. 1000 samples: binary vectors of superpixels kept, uniform; the first one keeps everything;
  4. one perturbed image per sample, classified in batches of 10 (batch_size=10) under torch.no_grad();
  5. distances: cosine distance of each sample to the first (lime_image; the factor 100 is lime_text's, and an
     earlier version of this script applied it, which left every sample but the first with weight ~0);
     kernel sqrt(exp(-d²/0.25²));
  6. surrogate: feature selection 'auto' with num_features=100000 → 'highest_weights' (a weighted ridge on
     all features, keep the largest |coef|), then Ridge(alpha=1) with the kernel weights on the kept features
     (scikit-learn, as lime), for the top label.
Timed: steps 1–6, with the model part (step 4) also reported alone. Same seeds for the image as the JMH input
(torch.randn with seed 21, row 0). Run from the repository root:

    OMP_NUM_THREADS=1 /usr/bin/python3 xai-bench/src/main/python/lime_pipeline.py [threads] [repeats] [--lime]
"""
import os
import sys
import time

import numpy as np
import sklearn.linear_model
import skimage.segmentation
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_resnet18  # noqa: E402  (the same model and weights)

SAMPLES = 1000
BATCH = 10
KERNEL_WIDTH = 0.25


def explain(model, image, rng):
    """image: H×W×3 float array (channels last, as lime expects). Returns (seconds total, seconds model)."""
    t0 = time.perf_counter()
    scaled = (image - image.min()) / (image.max() - image.min())
    segments = skimage.segmentation.quickshift(scaled, kernel_size=4, max_dist=200, ratio=0.2)
    ids = np.unique(segments)
    fudged = image.copy()
    for s in ids:
        mask = segments == s
        fudged[mask] = image[mask].mean(axis=0)
    n = len(ids)
    data = rng.randint(0, 2, SAMPLES * n).reshape(SAMPLES, n)
    data[0, :] = 1
    labels = []
    model_seconds = 0.0
    batch = []

    def flush():
        nonlocal model_seconds
        x = torch.from_numpy(np.stack(batch).transpose(0, 3, 1, 2).copy())
        m0 = time.perf_counter()
        with torch.no_grad():
            labels.append(torch.softmax(model(x), dim=1).numpy())
        model_seconds += time.perf_counter() - m0
        batch.clear()

    for row in data:
        temp = image.copy()
        off = np.isin(segments, ids[row == 0])
        temp[off] = fudged[off]
        batch.append(temp)
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    labels = np.concatenate(labels)
    norms = np.linalg.norm(data, axis=1) * np.linalg.norm(data[0])
    distances = 1.0 - data @ data[0] / norms
    weights = np.sqrt(np.exp(-(distances ** 2) / KERNEL_WIDTH ** 2))
    top = int(np.argmax(labels[0]))
    y = labels[:, top]
    select = sklearn.linear_model.Ridge(alpha=0.01, fit_intercept=True)
    select.fit(data, y, sample_weight=weights)
    order = np.argsort(-np.abs(select.coef_))
    used = order[:min(100000, n)]
    fit = sklearn.linear_model.Ridge(alpha=1, fit_intercept=True)
    fit.fit(data[:, used], y, sample_weight=weights)
    fit.score(data[:, used], y, sample_weight=weights)
    return time.perf_counter() - t0, model_seconds, n


def explain_with_lime(model, image, seed):
    """lime 0.2.0.0's own LimeImageExplainer, its defaults (quickshift 4/200/0.2, hide_color=None, top_labels=5,
    num_features=100000, 1000 samples), batch_size=10. Returns (seconds total, seconds model, superpixels)."""
    import lime.lime_image
    model_seconds = [0.0]

    def classify(images):
        x = torch.from_numpy(np.asarray(images, dtype=np.float32).transpose(0, 3, 1, 2).copy())
        m0 = time.perf_counter()
        with torch.no_grad():
            p = torch.softmax(model(x), dim=1).numpy()
        model_seconds[0] += time.perf_counter() - m0
        return p

    from lime.wrappers.scikit_image import SegmentationAlgorithm
    # lime's default segmentation (quickshift 4/200/0.2), on the min-max scaled image as in explain() above
    quickshift = SegmentationAlgorithm("quickshift", kernel_size=4, max_dist=200, ratio=0.2, random_seed=seed)
    t0 = time.perf_counter()
    explainer = lime.lime_image.LimeImageExplainer(random_state=seed)
    e = explainer.explain_instance(image, classify, num_samples=SAMPLES, batch_size=BATCH,
                                   segmentation_fn=lambda img: quickshift((img - img.min()) / (img.max() - img.min())))
    return time.perf_counter() - t0, model_seconds[0], len(np.unique(e.segments))


def main():
    use_lime = "--lime" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--lime"]
    threads = int(args[0]) if len(args) > 0 else 1
    repeats = int(args[1]) if len(args) > 1 else 3
    torch.set_num_threads(threads)
    model = make_resnet18.build_model()
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(21))
    image = x[0].numpy().transpose(1, 2, 0).astype(np.float32).copy()
    run = (lambda r: explain_with_lime(model, image, r)) if use_lime else \
        (lambda r: explain(model, image, np.random.RandomState(r)))
    what = "lime 0.2.0.0" if use_lime else "lime pipeline (re-implemented steps)"
    run(0)  # warm-up
    for r in range(repeats):
        total, model_s, n = run(r + 1)
        print(f"{what}, PyTorch {torch.__version__} ({threads} threads): total {total:.2f} s, model {model_s:.2f} s, "
              f"{n} superpixels, {SAMPLES} samples, batches of {BATCH}", flush=True)


if __name__ == "__main__":
    main()
