#!/usr/bin/python3
"""Reference relevances for xai4j's LRP and CRP, computed by zennit 0.5.1 and zennit-crp 0.6.0 themselves.

Run with Debian's interpreter (torch 1.13, onnx 1.12), the two anchor libraries on the PYTHONPATH:

    /work/shared/tools/anchor-pylibs.sh /tmp/anchors zennit=<zennit git dir>@0.5.1 crp=<zennit-crp git dir>@v0.6.0
    PYTHONPATH=/tmp/anchors /usr/bin/python3 gen_zennit_refs.py

What it does:
  1. builds two small seeded networks in PyTorch, with non-trivial batch-norm statistics:
       - cbrm:   Conv-BN-ReLU-MaxPool twice, Flatten, Linear-ReLU-Linear (5 classes), input 3x12x12;
       - resnet: stem Conv-BN-ReLU, two residual blocks with BN inside (the second with a strided 1x1
                 Conv-BN shortcut), GlobalAveragePool, Linear (5 classes), input 3x10x10.
     zennit needs the residual addition as a module to give it its Norm rule (its ResNet canonizer does this for
     torchvision): the blocks here add through zennit.layer.Sum when attributed, and through a plain `+` (the same
     weights) when exported;
  2. exports each to ONNX twice (opset 13): `<net>.onnx` in eval mode, where torch folds every BN into the
     preceding Conv, and `<net>-bn.onnx` with training=PRESERVE and no constant folding, which keeps the
     BatchNormalization nodes (so xai4j's MergeBatchNorm canonizer is exercised);
  3. runs zennit's Gradient attributor with each built-in composite (canonizer SequentialMergeBatchNorm) from the
     one-hot targets of two input rows, and writes `<net>.<composite>.npy`;
  4. runs zennit-crp's CondAttribution (composite EpsilonPlusFlat + SequentialMergeBatchNorm,
     exclude_parallel=True) on resnet, conditioned on channels 0, 1, 5, 6 of `block1.conv2` (whose output reaches the residual addition without a ReLU) (each channel alone), and
     writes `resnet.crp.npy` (N x K x C x H x W) and `resnet.crp.channel-relevance.npy` (N x C_L: the layer's
     relevance summed over positions, ChannelConcept.attribute(..., abs_norm=False)), and `resnet.crp-multi.npy`:
     two-layer concepts (channel c2 of `block2.conv2` and channel c1 of `block1.conv2`, MULTI); and relevance
     maximisation over REF_ROWS seeded rows (each for its label i mod 5): zennit-crp's
     ChannelConcept.reference_sampling (max_target="sum", abs_norm=True), per channel the rows sorted by score
     (`resnet.refs.order.npy`, `resnet.refs.scores.npy`, data `resnet.refs.x.npy`);
     `resnet.crp-parallel.npy`: the same single-channel conditions with exclude_parallel=False (the skip path's
     unmasked relevance included);
  5. writes `index.json` with the shapes, targets, bounds, ONNX node names, and the layout of `<net>.params.npy`
     (every weight, bias and batch-norm statistic, concatenated: the DL4J twins of the nets are built from it).
"""
import json
import os

import numpy as np
import onnx
import torch
from torch import nn

from zennit.attribution import Gradient
from zennit.canonizers import SequentialMergeBatchNorm
from zennit.composites import (EpsilonAlpha2Beta1, EpsilonAlpha2Beta1Flat, EpsilonGammaBox, EpsilonPlus,
                               EpsilonPlusFlat)
from zennit.layer import Sum
from crp.attribution import CondAttribution
from crp.concepts import ChannelConcept

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'org', 'xai4j', 'attribution', 'lrp')
LOW, HIGH = -2.0, 2.0
TARGETS = [1, 3]
CLASSES = 5
CRP_LAYER = 'block1.conv2'
CRP_CHANNELS = [0, 1, 5, 6]
MULTI = [(0, 0), (3, 1), (5, 6), (11, 5)]
REF_ROWS = 12


def randomize_bn(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            c = m.num_features
            m.weight.data = torch.rand(c, generator=gen) * 1.5 + 0.25
            m.bias.data = torch.randn(c, generator=gen) * 0.2
            m.running_mean.data = torch.randn(c, generator=gen) * 0.3
            m.running_var.data = torch.rand(c, generator=gen) * 1.5 + 0.3


class Cbrm(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(6)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 8, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(8)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(8 * 3 * 3, 16)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(16, CLASSES)

    def forward(self, x):
        x = self.pool1(self.relu1(self.bn1(self.conv1(x))))
        x = self.pool2(self.relu2(self.bn2(self.conv2(x))))
        return self.fc2(self.relu3(self.fc1(self.flatten(x))))


class Block(nn.Module):
    def __init__(self, cin, cout, stride, use_sum):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        else:
            self.down = None
        self.sum = Sum() if use_sum else None
        self.relu2 = nn.ReLU()

    def forward(self, x):
        identity = x if self.down is None else self.down(x)
        out = self.bn2(self.conv2(self.relu1(self.bn1(self.conv1(x)))))
        if self.sum is not None:
            out = self.sum(torch.stack([out, identity], dim=-1))
        else:
            out = out + identity
        return self.relu2(out)


class ResNet(nn.Module):
    def __init__(self, use_sum):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu1 = nn.ReLU()
        self.block1 = Block(8, 8, 1, use_sum)
        self.block2 = Block(8, 12, 2, use_sum)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(12, CLASSES)

    def forward(self, x):
        x = self.block2(self.block1(self.relu1(self.bn1(self.conv1(x)))))
        return self.fc(self.flatten(self.gap(x)))


def composites():
    return {
        'epsilon-plus': lambda: EpsilonPlus(canonizers=[SequentialMergeBatchNorm()]),
        'epsilon-plus-flat': lambda: EpsilonPlusFlat(canonizers=[SequentialMergeBatchNorm()]),
        'epsilon-gamma-box': lambda: EpsilonGammaBox(low=LOW, high=HIGH, canonizers=[SequentialMergeBatchNorm()]),
        'epsilon-alpha2-beta1': lambda: EpsilonAlpha2Beta1(canonizers=[SequentialMergeBatchNorm()]),
        'epsilon-alpha2-beta1-flat': lambda: EpsilonAlpha2Beta1Flat(canonizers=[SequentialMergeBatchNorm()]),
    }


def export(model, x, path, fold):
    kwargs = dict(input_names=['x'], output_names=['logits'], opset_version=13,
                  dynamic_axes={'x': {0: 'n'}, 'logits': {0: 'n'}})
    if fold:
        torch.onnx.export(model, x, path, training=torch.onnx.TrainingMode.EVAL, do_constant_folding=True, **kwargs)
    else:
        torch.onnx.export(model, x, path, training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False,
                          **kwargs)
    ops = [n.op_type for n in onnx.load(path).graph.node]
    return ops, [n.name for n in onnx.load(path).graph.node]


def main():
    os.makedirs(OUT, exist_ok=True)
    index = {'low': LOW, 'high': HIGH, 'targets': TARGETS, 'classes': CLASSES, 'nets': {}}
    gen = torch.Generator().manual_seed(20261204)
    nets = {}
    torch.manual_seed(5)
    cbrm = Cbrm()
    randomize_bn(cbrm, gen)
    nets['cbrm'] = (cbrm, cbrm, torch.rand(2, 3, 12, 12, generator=gen) * 2 - 1)
    torch.manual_seed(6)
    res_sum = ResNet(use_sum=True)
    randomize_bn(res_sum, gen)
    res_plain = ResNet(use_sum=False)
    res_plain.load_state_dict(res_sum.state_dict())
    nets['resnet'] = (res_sum, res_plain, torch.rand(2, 3, 10, 10, generator=gen) * 2 - 1)
    one_hot = torch.eye(CLASSES)[TARGETS]
    for name, (attributed, exported, x) in nets.items():
        attributed.eval()
        exported.eval()
        np.save(os.path.join(OUT, name + '.x.npy'), x.numpy())
        with torch.no_grad():
            logits = exported(x)
            assert torch.allclose(logits, attributed(x), atol=1e-6)
        np.save(os.path.join(OUT, name + '.logits.npy'), logits.numpy())
        entry = {'input': list(x.shape), 'params': []}
        # Every parameter and BN statistic, concatenated, for the DL4J twins of the nets (LrpDl4jTest).
        flat, offset = [], 0
        for key, value in exported.state_dict().items():
            if key.endswith('num_batches_tracked'):
                continue
            entry['params'].append({'name': key, 'shape': list(value.shape), 'offset': offset})
            flat.append(value.detach().reshape(-1).numpy())
            offset += value.numel()
        np.save(os.path.join(OUT, name + '.params.npy'), np.concatenate(flat).astype(np.float32))
        for fold, suffix in ((True, ''), (False, '-bn')):
            ops, names = export(exported, x, os.path.join(OUT, name + suffix + '.onnx'), fold)
            entry['onnx' + suffix] = {'ops': ops, 'names': names}
        for cname, make in composites().items():
            state = {k: v.clone() for k, v in attributed.state_dict().items()}
            xin = x.clone().requires_grad_(True)
            with Gradient(model=attributed, composite=make()) as attributor:
                out, relevance = attributor(xin, one_hot)
            attributed.load_state_dict(state)
            assert torch.allclose(out, logits, atol=1e-5), cname
            np.save(os.path.join(OUT, name + '.' + cname + '.npy'), relevance.detach().numpy())
            entry[cname] = {'sum': relevance.detach().sum(dim=(1, 2, 3)).tolist()}
        index['nets'][name] = entry

    # CRP on the residual net: each of CRP_CHANNELS of CRP_LAYER alone, excluding the parallel (skip) paths.
    model = nets['resnet'][0]
    x = nets['resnet'][2]
    attribution = CondAttribution(model, no_param_grad=True)
    crp_maps = []
    channel_rel = []
    for row, target in enumerate(TARGETS):
        xi = x[row:row + 1].clone().repeat(len(CRP_CHANNELS), 1, 1, 1).requires_grad_(True)
        conditions = [{'y': [target], CRP_LAYER: [c]} for c in CRP_CHANNELS]
        composite = EpsilonPlusFlat(canonizers=[SequentialMergeBatchNorm()])
        attribution(xi, conditions, composite, exclude_parallel=True)
        crp_maps.append(xi.grad.detach().numpy())
        xr = x[row:row + 1].clone().requires_grad_(True)
        composite = EpsilonPlusFlat(canonizers=[SequentialMergeBatchNorm()])
        result = attribution(xr, [{'y': [target]}], composite, record_layer=[CRP_LAYER])
        rel = ChannelConcept().attribute(result.relevances[CRP_LAYER], abs_norm=False)
        channel_rel.append(rel.detach().numpy()[0])
    # The same single-channel conditions without excluding the parallel (skip) paths: exclude_parallel=False.
    parallel = []
    for row, target in enumerate(TARGETS):
        xi = x[row:row + 1].clone().repeat(len(CRP_CHANNELS), 1, 1, 1).requires_grad_(True)
        conditions = [{'y': [target], CRP_LAYER: [c]} for c in CRP_CHANNELS]
        composite = EpsilonPlusFlat(canonizers=[SequentialMergeBatchNorm()])
        attribution(xi, conditions, composite, exclude_parallel=False)
        parallel.append(xi.grad.detach().numpy())
    np.save(os.path.join(OUT, 'resnet.crp-parallel.npy'), np.stack(parallel).astype(np.float32))
    pflat = np.stack(parallel).reshape(len(TARGETS), len(CRP_CHANNELS), -1)
    index['crp_parallel_correlations_row0'] = np.corrcoef(pflat[0]).round(4).tolist()
    # Two-layer concepts: a channel of block2.conv2 and a channel of block1.conv2 (deepest layer first).
    multi = []
    for row, target in enumerate(TARGETS):
        xi = x[row:row + 1].clone().repeat(len(MULTI), 1, 1, 1).requires_grad_(True)
        conditions = [{'y': [target], 'block2.conv2': [c2], 'block1.conv2': [c1]} for c2, c1 in MULTI]
        composite = EpsilonPlusFlat(canonizers=[SequentialMergeBatchNorm()])
        attribution(xi, conditions, composite, exclude_parallel=True)
        multi.append(xi.grad.detach().numpy())
    np.save(os.path.join(OUT, 'resnet.crp-multi.npy'), np.stack(multi).astype(np.float32))
    # Relevance maximisation over a small data set: zennit-crp's reference_sampling (sum, abs_norm=True), each
    # row explained for its own label, as FeatureVisualization does.
    xs = torch.rand(REF_ROWS, 3, 10, 10, generator=gen) * 2 - 1
    labels = [i % CLASSES for i in range(REF_ROWS)]
    xr = xs.clone().requires_grad_(True)
    composite = EpsilonPlusFlat(canonizers=[SequentialMergeBatchNorm()])
    result = attribution(xr, [{'y': [t]} for t in labels], composite, record_layer=[CRP_LAYER])
    order, scores, _ = ChannelConcept().reference_sampling(result.relevances[CRP_LAYER], CRP_LAYER, 'sum', True)
    np.save(os.path.join(OUT, 'resnet.refs.x.npy'), xs.numpy())
    np.save(os.path.join(OUT, 'resnet.refs.order.npy'), order.numpy().astype(np.float32))
    np.save(os.path.join(OUT, 'resnet.refs.scores.npy'), scores.detach().numpy().astype(np.float32))
    index['refs'] = {'rows': REF_ROWS, 'labels': labels, 'layer': CRP_LAYER}
    crp = np.stack(crp_maps).astype(np.float32)
    np.save(os.path.join(OUT, 'resnet.crp.npy'), crp)
    np.save(os.path.join(OUT, 'resnet.crp.channel-relevance.npy'), np.stack(channel_rel).astype(np.float32))
    flat = crp.reshape(crp.shape[0], crp.shape[1], -1)
    index['crp'] = {'layer': CRP_LAYER, 'channels': CRP_CHANNELS, 'composite': 'epsilon-plus-flat', 'multi': MULTI,
                    'shape': list(crp.shape),
                    'correlations_row0': np.corrcoef(flat[0]).round(4).tolist()}
    with open(os.path.join(OUT, 'index.json'), 'w') as f:
        json.dump(index, f, indent=1)
    print(json.dumps(index['crp'], indent=1))
    for name in nets:
        print(name, 'ops (folded):', sorted(set(index['nets'][name]['onnx']['ops'])),
              'ops (-bn):', sorted(set(index['nets'][name]['onnx-bn']['ops'])))


if __name__ == '__main__':
    main()
