#!/usr/bin/python3
"""Writes the committed Fashion-MNIST subset the `concepts` and `dynamics` examples fall back on.

Reads the IDX files of Debian's `dataset-fashion-mnist` (apt-get install dataset-fashion-mnist), picks
TRAIN_PER_CLASS training and TEST_PER_CLASS test images of every class with random.Random(SEED) (each class's
indices sorted, then sampled; the chosen images keep the original order), and writes them as gzipped IDX files
(gzip mtime 0, so a rerun gives the same bytes) with a manifest of the chosen original indices into
examples/src/main/resources/org/xai4j/examples/fashion/.

Usage: /usr/bin/python3 tools/examples/fashion_mnist_subset.py [SOURCE_FOLDER]
"""
import gzip
import os
import random
import struct
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "src", "main",
                      "resources", "org", "xai4j", "examples", "fashion")
SEED = 20240
TRAIN_PER_CLASS = 240
TEST_PER_CLASS = 60
CLASSES = 10


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read()


def find(name):
    for candidate in (name + ".gz", name):
        p = os.path.join(SOURCE, candidate)
        if os.path.exists(p):
            return p
    sys.exit("no %s(.gz) in %s: install dataset-fashion-mnist or pass its folder" % (name, SOURCE))


def images(path):
    data = read(path)
    magic, n, rows, cols = struct.unpack(">IIII", data[:16])
    assert magic == 2051 and rows == 28 and cols == 28, (path, magic, rows, cols)
    size = rows * cols
    return [data[16 + i * size:16 + (i + 1) * size] for i in range(n)]


def labels(path):
    data = read(path)
    magic, n = struct.unpack(">II", data[:8])
    assert magic == 2049, (path, magic)
    return list(data[8:8 + n])


def choose(y, per_class, rng):
    chosen = []
    for k in range(CLASSES):
        of_class = [i for i, v in enumerate(y) if v == k]
        chosen.extend(rng.sample(of_class, per_class))
    return sorted(chosen)


def write_gz(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(payload)


def main():
    rng = random.Random(SEED)
    os.makedirs(TARGET, exist_ok=True)
    manifest = ["# Fashion-MNIST subset: seed %d, %d train and %d test images per class, from %s"
                % (SEED, TRAIN_PER_CLASS, TEST_PER_CLASS, SOURCE),
                "# written by tools/examples/fashion_mnist_subset.py; one line per split: name, then the original indices"]
    for split, per_class in (("train", TRAIN_PER_CLASS), ("t10k", TEST_PER_CLASS)):
        x = images(find(split + "-images-idx3-ubyte"))
        y = labels(find(split + "-labels-idx1-ubyte"))
        chosen = choose(y, per_class, rng)
        n = len(chosen)
        write_gz(os.path.join(TARGET, split + "-images-idx3-ubyte.gz"),
                 struct.pack(">IIII", 2051, n, 28, 28) + b"".join(x[i] for i in chosen))
        write_gz(os.path.join(TARGET, split + "-labels-idx1-ubyte.gz"),
                 struct.pack(">II", 2049, n) + bytes(y[i] for i in chosen))
        manifest.append(split + " " + " ".join(str(i) for i in chosen))
    with open(os.path.join(TARGET, "subset.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
