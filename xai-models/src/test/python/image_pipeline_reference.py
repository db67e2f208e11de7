"""References for xai4j's image input pipeline, computed by torchvision itself (Debian's python3-torchvision).

Writes small seeded test images (PNG: RGB, grey, RGBA, palette-free) and what torchvision's usual transforms make of
them, as float32 .npy (C x H x W, values as ToTensor gives them, i.e. uint8 / 255 after PIL's resampling):

  python3 xai-models/src/test/python/image_pipeline_reference.py xai-models/src/test/resources/org/xai4j/models/io/pipeline

The Java test (ImagePipelineTest) reads the same PNGs through Images and compares bit for bit (after /255).
"""
import os
import sys

import numpy as np
from PIL import Image
import torch
from torchvision import transforms as T

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261205)


def smooth_noise(h, w, c):
    # a gradient plus noise, so resampling has structure and fine detail to get right
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([(x * 255 / max(1, w - 1)), (y * 255 / max(1, h - 1)), ((x + y) * 127 / max(1, h + w - 2))], -1)
    img = base[..., :c] * 0.6 + rng.integers(0, 256, size=(h, w, c)) * 0.4
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


images = {
    "rgb_37x53": Image.fromarray(smooth_noise(37, 53, 3), "RGB"),
    "grey_41x30": Image.fromarray(smooth_noise(41, 30, 1)[..., 0], "L"),
}
rgba = np.concatenate([smooth_noise(19, 23, 3), rng.integers(0, 256, size=(19, 23, 1)).astype(np.uint8)], -1)
images["rgba_19x23"] = Image.fromarray(rgba, "RGBA")
for name, img in images.items():
    img.save(os.path.join(out, name + ".png"))


def save(name, tensor):
    np.save(os.path.join(out, name + ".npy"), tensor.numpy().astype(np.float32))


cases = {
    # torchvision's classification preset shape: shorter side, then centre crop
    "rgb_resize24_crop20": ("rgb_37x53", T.Compose([T.Resize(24), T.CenterCrop(20), T.ToTensor()])),
    # an odd crop offset (rounding of the centre)
    "rgb_resize24_crop17x21": ("rgb_37x53", T.Compose([T.Resize(24), T.CenterCrop((17, 21)), T.ToTensor()])),
    # plain resize to an exact size, downscale and upscale
    "rgb_size13x29": ("rgb_37x53", T.Compose([T.Resize((13, 29)), T.ToTensor()])),
    "rgb_size80x90": ("rgb_37x53", T.Compose([T.Resize((80, 90)), T.ToTensor()])),
    # no resize: ToTensor alone
    "rgb_plain": ("rgb_37x53", T.Compose([T.ToTensor()])),
    # grey into an RGB model (ImageFolder's loader converts to RGB) and RGB into a grey model
    "grey_as_rgb_resize16": ("grey_41x30", T.Compose([T.Lambda(lambda i: i.convert("RGB")), T.Resize(16), T.ToTensor()])),
    "rgb_as_grey_size28x28": ("rgb_37x53", T.Compose([T.Grayscale(1), T.Resize((28, 28)), T.ToTensor()])),
    "grey_plain": ("grey_41x30", T.Compose([T.ToTensor()])),
    # RGBA: convert('RGB') drops alpha
    "rgba_as_rgb_size10x12": ("rgba_19x23", T.Compose([T.Lambda(lambda i: i.convert("RGB")), T.Resize((10, 12)), T.ToTensor()])),
}
for name, (src, tf) in cases.items():
    save(name, tf(images[src]))
print("wrote", len(images), "images and", len(cases), "references to", out, "torch", torch.__version__)
