#!/usr/bin/python3
"""The Python anchors on request, for the side-by-side table (org.xai4j.bench.sidebyside.SideBySide).

A long-lived process: Debian's /usr/bin/python3 with torch 1.13, Captum 0.6.0, pytorch-grad-cam (084273b) and
lime 0.2.0.0 on PYTHONPATH (see /work/shared/tools/anchor-pylibs.sh). torch runs on THREADS intra-op threads
(default 2, this machine's core count; torch's own default here is 1). It loads the same models as the Java side
and the same inputs, then times one call of an anchor method per request. Protocol, one line per request on stdin,
one line per answer on stdout:

    load MODEL ONNX INPUT_NPY LOGITS_NPY  -> "ok <rows> <max |torch - numpy ONNX forward|>"; writes torch's
                                            logits of the input rows to LOGITS_NPY (the Java side compares them
                                            with its own forward: same model, same inputs)
    METHOD MODEL [ROWS]                   -> "<seconds> <checksum>": one call of the anchor on the first ROWS
                                            input rows (default all; lime takes one), timed in here
                                            (time.perf_counter around the call only; no pipe, no parsing)
    quit

Any failure answers "error <message>" (traceback on stderr). Models:
  fashion-cnn  the CLI demo's small CNN, rebuilt as a torch nn.Sequential from the ONNX file's initializers with
               the onnx package; at load its outputs are checked against a literal numpy forward of the ONNX
               nodes' semantics (the Conv/Relu/MaxPool/Flatten/Gemm definitions of the ONNX operator spec)
  resnet18     make_resnet18.build_model(): the same seeded weights make_resnet18.py exported to the ONNX file
               the Java side loads (the numpy check is skipped: the Java side's logits comparison covers it)
Parameters keep requires_grad=True, as a user's freshly built model has them.

Methods (target class 3 for every row; the anchors' defaults otherwise):
  forward    model(x) under torch.no_grad()
  saliency   captum.attr.Saliency(model).attribute(x, target=3)                       (abs=True, its default)
  ig         captum.attr.IntegratedGradients(model).attribute(x, target=3, n_steps=50) (Gauss-Legendre, default)
  occlusion  captum.attr.Occlusion(model).attribute(x, window (C,4,4) stride (1,2,2) on the small CNN,
             (C,32,32) stride (1,16,16) on ResNet-18, baselines=0, target=3)         (one window per forward)
  gradcam    with pytorch_grad_cam.GradCAM(model, [last conv block's ReLU]) as cam: cam(x, ClassifierOutputTarget(3))
  scorecam   the same with ScoreCAM (its default batch of 16 masked inputs per forward)
  lime       lime_image.LimeImageExplainer().explain_instance(row 0 as H×W(×3), classifier, labels=(3,),
             top_labels=None, num_samples=1000, random_seed=7): its default quickshift segmentation, mean-colour
             hiding, batches of 10; the classifier returns the model's logits
The CAM objects are made and released (their hooks removed) inside each timed call, as its README's
"with GradCAM(...) as cam" does; the Captum objects are made once (they hold no state between calls).

    PYTHONPATH=/tmp/anchors /usr/bin/python3 xai-bench/src/main/python/anchor_server.py [threads]
"""
import os
import sys
import time
import traceback

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

TARGET = 3


# ---------------------------------------------------------------- the small CNN from its ONNX initializers

def _attr(node, name, default=None):
    import onnx
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def onnx_chain(path):
    """The ONNX file's nodes (a chain: each node's data input is the previous node's output) and initializers."""
    import onnx
    import onnx.numpy_helper
    model = onnx.load(path)
    inits = {t.name: onnx.numpy_helper.to_array(t).astype(np.float32) for t in model.graph.initializer}
    nodes = list(model.graph.node)
    previous = model.graph.input[0].name
    for n in nodes:
        if n.input[0] != previous:
            raise ValueError(f"{path}: node {n.name} ({n.op_type}) does not follow the previous one; only chains")
        previous = n.output[0]
    return nodes, inits


def torch_from_onnx(path):
    """An nn.Sequential with the ONNX chain's layers and weights; also the index of the last ReLU before Flatten."""
    nodes, inits = onnx_chain(path)
    layers = []
    last_relu = None
    for n in nodes:
        if n.op_type == "Conv":
            w = inits[n.input[1]]
            b = inits[n.input[2]] if len(n.input) > 2 else None
            pads = _attr(n, "pads", [0, 0, 0, 0])
            if pads[0] != pads[2] or pads[1] != pads[3] or _attr(n, "group", 1) != 1:
                raise ValueError("only symmetric padding and group 1")
            conv = torch.nn.Conv2d(w.shape[1], w.shape[0], tuple(w.shape[2:]), stride=tuple(_attr(n, "strides", [1, 1])),
                                   padding=tuple(pads[:2]), dilation=tuple(_attr(n, "dilations", [1, 1])),
                                   bias=b is not None)
            with torch.no_grad():
                conv.weight.copy_(torch.from_numpy(w))
                if b is not None:
                    conv.bias.copy_(torch.from_numpy(b))
            layers.append(conv)
        elif n.op_type == "Relu":
            layers.append(torch.nn.ReLU())
        elif n.op_type == "MaxPool":
            if any(_attr(n, "pads", [0, 0, 0, 0])) or _attr(n, "ceil_mode", 0):
                raise ValueError("only unpadded floor-mode max pooling")
            layers.append(torch.nn.MaxPool2d(tuple(_attr(n, "kernel_shape")), stride=tuple(_attr(n, "strides"))))
        elif n.op_type == "Flatten":
            if _attr(n, "axis", 1) != 1:
                raise ValueError("only Flatten axis 1")
            if last_relu is None:
                last_relu = max(i for i, m in enumerate(layers) if isinstance(m, torch.nn.ReLU))
            layers.append(torch.nn.Flatten(1))
        elif n.op_type == "Gemm":
            if (_attr(n, "alpha", 1.0), _attr(n, "beta", 1.0), _attr(n, "transA", 0), _attr(n, "transB", 0)) != (1.0, 1.0, 0, 1):
                raise ValueError("only Gemm alpha 1, beta 1, transB 1")
            w = inits[n.input[1]]
            b = inits[n.input[2]]
            lin = torch.nn.Linear(w.shape[1], w.shape[0])
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(w))
                lin.bias.copy_(torch.from_numpy(b))
            layers.append(lin)
        else:
            raise ValueError(f"op {n.op_type} not supported")
    return torch.nn.Sequential(*layers).eval(), last_relu


def numpy_onnx_forward(path, x):
    """The ONNX chain evaluated literally with numpy (float64), from the operator definitions."""
    nodes, inits = onnx_chain(path)
    a = x.astype(np.float64)
    for n in nodes:
        if n.op_type == "Conv":
            w = inits[n.input[1]].astype(np.float64)
            b = inits[n.input[2]].astype(np.float64)
            ph, pw = _attr(n, "pads")[:2]
            sh, sw = _attr(n, "strides", [1, 1])
            kh, kw = w.shape[2:]
            p = np.pad(a, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
            oh = (p.shape[2] - kh) // sh + 1
            ow = (p.shape[3] - kw) // sw + 1
            out = np.zeros((a.shape[0], w.shape[0], oh, ow))
            for i in range(kh):
                for j in range(kw):
                    patch = p[:, :, i:i + sh * oh:sh, j:j + sw * ow:sw]          # N×C×oh×ow
                    out += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j])
            a = out + b[None, :, None, None]
        elif n.op_type == "Relu":
            a = np.maximum(a, 0)
        elif n.op_type == "MaxPool":
            kh, kw = _attr(n, "kernel_shape")
            sh, sw = _attr(n, "strides")
            oh = (a.shape[2] - kh) // sh + 1
            ow = (a.shape[3] - kw) // sw + 1
            out = np.full((a.shape[0], a.shape[1], oh, ow), -np.inf)
            for i in range(kh):
                for j in range(kw):
                    out = np.maximum(out, a[:, :, i:i + sh * oh:sh, j:j + sw * ow:sw])
            a = out
        elif n.op_type == "Flatten":
            a = a.reshape(a.shape[0], -1)
        elif n.op_type == "Gemm":
            a = a @ inits[n.input[1]].astype(np.float64).T + inits[n.input[2]].astype(np.float64)
    return a


# ---------------------------------------------------------------- one loaded model and its anchor calls

class Anchor:
    def __init__(self, name, onnx_path, input_npy):
        self.name = name
        self.x = torch.from_numpy(np.load(input_npy).astype(np.float32))
        if name == "fashion-cnn":
            self.model, relu = torch_from_onnx(onnx_path)
            self.cam_layer = self.model[relu]
            self.window, self.stride = 4, 2
            with torch.no_grad():
                t = self.model(self.x).double().numpy()
            self.numpy_error = float(np.abs(t - numpy_onnx_forward(onnx_path, self.x.numpy())).max())
            if not self.numpy_error <= 1e-4 * max(1.0, float(np.abs(t).max())):
                raise ValueError(f"torch rebuild of {onnx_path} differs from the numpy ONNX forward by {self.numpy_error}")
        elif name == "resnet18":
            import make_resnet18
            self.model = make_resnet18.build_model()
            self.cam_layer = self.model.layer4[-1]
            self.window, self.stride = 32, 16
            self.numpy_error = float("nan")
        else:
            raise ValueError(f"unknown model {name} (fashion-cnn or resnet18)")
        from captum.attr import IntegratedGradients, Occlusion, Saliency
        self.saliency = Saliency(self.model)
        self.ig = IntegratedGradients(self.model)
        self.occlusion = Occlusion(self.model)
        from lime import lime_image
        self.lime = lime_image.LimeImageExplainer()
        self.methods = {"forward": self.forward, "saliency": self.run_saliency, "ig": self.run_ig,
                        "occlusion": self.run_occlusion, "gradcam": self.run_gradcam, "scorecam": self.run_scorecam,
                        "lime": self.run_lime}

    def logits(self):
        with torch.no_grad():
            return self.model(self.x).numpy()

    def forward(self):
        with torch.no_grad():
            return self.model(self.x)

    def run_saliency(self):
        return self.saliency.attribute(self.x, target=TARGET)

    def run_ig(self):
        return self.ig.attribute(self.x, target=TARGET, n_steps=50)

    def run_occlusion(self):
        c = self.x.shape[1]
        return self.occlusion.attribute(self.x, sliding_window_shapes=(c, self.window, self.window),
                                        strides=(1, self.stride, self.stride), baselines=0, target=TARGET)

    def _cam(self, kind):
        from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget
        targets = [ClassifierOutputTarget(TARGET)] * self.x.shape[0]
        with kind(model=self.model, target_layers=[self.cam_layer]) as cam:
            return cam(input_tensor=self.x, targets=targets)

    def run_gradcam(self):
        from pytorch_grad_cam import GradCAM
        return self._cam(GradCAM)

    def run_scorecam(self):
        from pytorch_grad_cam import ScoreCAM
        return self._cam(ScoreCAM)

    def run_lime(self):
        row = self.x[0].numpy().astype(np.float64)
        image = row[0] if row.shape[0] == 1 else row.transpose(1, 2, 0)     # gray H×W (lime makes it RGB) or H×W×3
        gray = row.shape[0] == 1

        def classify(images):
            t = images[..., :1] if gray else images
            t = torch.from_numpy(np.ascontiguousarray(t.transpose(0, 3, 1, 2))).float()
            with torch.no_grad():
                return self.model(t).numpy()

        e = self.lime.explain_instance(image, classify, labels=(TARGET,), top_labels=None, num_samples=1000,
                                       random_seed=7)
        return e.local_exp[TARGET]

    def run(self, method, rows):
        fn = self.methods.get(method)
        if fn is None:
            raise ValueError(f"unknown method {method} ({' '.join(self.methods)})")
        if method == "lime" and rows != 1:
            raise ValueError("lime explains one row")
        if not 1 <= rows <= self.all_rows.shape[0]:
            raise ValueError(f"rows must be 1..{self.all_rows.shape[0]}, got {rows}")
        self.x = self.all_rows[:rows]
        t0 = time.perf_counter()
        out = fn()
        elapsed = time.perf_counter() - t0
        return elapsed, checksum(out)


def checksum(out):
    if isinstance(out, torch.Tensor):
        return float(out.detach().abs().sum())
    if isinstance(out, np.ndarray):
        return float(np.abs(out).sum())
    return float(sum(abs(w) for _, w in out))


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    import captum
    print(f"ready torch {torch.__version__} threads {torch.get_num_threads()} captum {captum.__version__}", flush=True)
    anchors = {}
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "quit":
            break
        try:
            if parts[0] == "load":
                name, onnx_path, input_npy, logits_npy = parts[1:5]
                a = Anchor(name, onnx_path, input_npy)
                anchors[name] = a
                a.all_rows = a.x
                np.save(logits_npy, a.logits())
                print(f"ok {a.x.shape[0]} {a.numpy_error:.3g}", flush=True)
            else:
                method, name = parts[:2]
                if name not in anchors:
                    raise ValueError(f"model {name} not loaded")
                a = anchors[name]
                seconds, check = a.run(method, int(parts[2]) if len(parts) > 2 else a.all_rows.shape[0])
                print(f"{seconds:.6f} {check:.6g}", flush=True)
        except Exception as e:  # noqa: BLE001  (reported to the Java side, which stops)
            traceback.print_exc()
            sys.stderr.flush()
            print("error " + repr(e).replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
