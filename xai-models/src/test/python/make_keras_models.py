#!/usr/bin/python3
"""Writes small Keras 2 HDF5 model files (the layout keras.Model.save('m.h5') produces: model_config and
keras_version attributes at the root, weights under model_weights/LAYER/LAYER/NAME:0) with h5py alone, plus
reference outputs from a plain numpy forward pass written here (no TensorFlow or Keras on the machine).

Run: /usr/bin/python3 xai-models/src/test/python/make_keras_models.py   (Debian: python3-h5py, python3-numpy)
Outputs, in xai-models/src/test/resources/org/xai4j/models/keras/:
  sequential_cnn.h5      Conv2D(4, 3x3, relu) -> MaxPooling2D(2) -> Flatten -> Dense(8, relu) -> Dense(3, softmax)
                         input 8x8x3 channels_last
  functional_residual.h5 Conv2D(4, 3x3, same, relu) -> [Conv2D(4, 3x3, same)] + skip -> Add -> relu ->
                         Concatenate([., stem], channels) -> GlobalAveragePooling2D -> Dense(3, softmax),
                         input 6x6x2 channels_last
  NAME_input.npy         N x C x H x W float32 rows (the library's layout)
  NAME_probs.npy         N x 3 softmax outputs of the numpy forward
  NAME_logits.npy        N x 3 pre-softmax scores
"""
import json
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'org', 'xai4j', 'models', 'keras')
RNG = np.random.default_rng(20261205)


def f32(a):
    """Weights as the file stores them (float32), so the reference forward uses the same numbers."""
    return a.astype(np.float32).astype(np.float64)


def init(kind):
    return {'class_name': kind, 'config': {'seed': None} if kind == 'GlorotUniform' else {}}


def conv(name, filters, k, padding, activation):
    return {'class_name': 'Conv2D', 'config': {
        'name': name, 'trainable': True, 'dtype': 'float32', 'filters': filters, 'kernel_size': [k, k],
        'strides': [1, 1], 'padding': padding, 'data_format': 'channels_last', 'dilation_rate': [1, 1],
        'groups': 1, 'activation': activation, 'use_bias': True, 'kernel_initializer': init('GlorotUniform'),
        'bias_initializer': init('Zeros'), 'kernel_regularizer': None, 'bias_regularizer': None,
        'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None}}


def dense(name, units, activation):
    return {'class_name': 'Dense', 'config': {
        'name': name, 'trainable': True, 'dtype': 'float32', 'units': units, 'activation': activation,
        'use_bias': True, 'kernel_initializer': init('GlorotUniform'), 'bias_initializer': init('Zeros'),
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
        'kernel_constraint': None, 'bias_constraint': None}}


def simple(cls, name, **cfg):
    c = {'name': name, 'trainable': True, 'dtype': 'float32'}
    c.update(cfg)
    return {'class_name': cls, 'config': c}


def write(path, model_config, weights):
    """weights: ordered list of (layer name, [(weight name, array)])."""
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = b'2.4.0'
        f.attrs['backend'] = b'tensorflow'
        f.attrs['model_config'] = json.dumps(model_config).encode('utf8')
        g = f.create_group('model_weights')
        g.attrs['keras_version'] = b'2.4.0'
        g.attrs['backend'] = b'tensorflow'
        g.attrs['layer_names'] = np.array([n.encode('utf8') for n, _ in weights])
        for name, ws in weights:
            lg = g.create_group(name)
            lg.attrs['weight_names'] = np.array([(name + '/' + w + ':0').encode('utf8') for w, _ in ws])
            inner = lg.create_group(name) if ws else None
            for w, a in ws:
                inner.create_dataset(w + ':0', data=a.astype(np.float32))


# ---- numpy forward (NHWC, float64) ----
def conv2d(x, k, b, padding):
    """x: N,H,W,C; k: kh,kw,C,F (Keras layout); 'valid' or 'same' (odd kernels), stride 1."""
    kh, kw = k.shape[:2]
    if padding == 'same':
        x = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    n, h, w, c = x.shape
    oh, ow = h - kh + 1, w - kw + 1
    y = np.zeros((n, oh, ow, k.shape[3]))
    for i in range(kh):
        for j in range(kw):
            y += np.einsum('nhwc,cf->nhwf', x[:, i:i + oh, j:j + ow, :], k[i, j])
    return y + b


def maxpool2(x):
    n, h, w, c = x.shape
    return x[:, :h // 2 * 2, :w // 2 * 2, :].reshape(n, h // 2, 2, w // 2, 2, c).max(axis=(2, 4))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def relu(x):
    return np.maximum(x, 0)


def save_refs(name, x_nhwc, logits):
    np.save(os.path.join(OUT, name + '_input.npy'), x_nhwc.transpose(0, 3, 1, 2).astype(np.float32))
    np.save(os.path.join(OUT, name + '_logits.npy'), logits.astype(np.float32))
    np.save(os.path.join(OUT, name + '_probs.npy'), softmax(logits).astype(np.float32))


def sequential_cnn():
    k1 = f32(RNG.normal(0, 0.4, (3, 3, 3, 4))); b1 = f32(RNG.normal(0, 0.1, 4))
    k2 = f32(RNG.normal(0, 0.3, (36, 8))); b2 = f32(RNG.normal(0, 0.1, 8))
    k3 = f32(RNG.normal(0, 0.5, (8, 3))); b3 = f32(RNG.normal(0, 0.1, 3))
    cfg = {'class_name': 'Sequential', 'config': {'name': 'sequential', 'layers': [
        simple('InputLayer', 'input_1', batch_input_shape=[None, 8, 8, 3], sparse=False, ragged=False),
        conv('conv2d', 4, 3, 'valid', 'relu'),
        simple('MaxPooling2D', 'max_pooling2d', pool_size=[2, 2], padding='valid', strides=[2, 2],
               data_format='channels_last'),
        simple('Flatten', 'flatten', data_format='channels_last'),
        dense('dense', 8, 'relu'),
        dense('dense_1', 3, 'softmax')]}}
    write(os.path.join(OUT, 'sequential_cnn.h5'), cfg, [
        ('conv2d', [('kernel', k1), ('bias', b1)]), ('max_pooling2d', []), ('flatten', []),
        ('dense', [('kernel', k2), ('bias', b2)]), ('dense_1', [('kernel', k3), ('bias', b3)])])
    x = RNG.uniform(0, 1, (4, 8, 8, 3)).astype(np.float32).astype(np.float64)
    h = maxpool2(relu(conv2d(x, k1, b1, 'valid')))        # N,3,3,4
    h = relu(h.reshape(len(x), -1) @ k2 + b2)            # Keras flattens H, W, C in that order
    save_refs('sequential_cnn', x, h @ k3 + b3)


def node(cls, name, inbound, **cfg):
    layer = simple(cls, name, **cfg) if cls not in ('Conv2D', 'Dense') else cfg['layer']
    return {'class_name': layer['class_name'], 'name': name, 'config': layer['config'],
            'inbound_nodes': [[[i, 0, 0, {}] for i in inbound]] if inbound else []}


def functional_residual():
    k1 = f32(RNG.normal(0, 0.4, (3, 3, 2, 4))); b1 = f32(RNG.normal(0, 0.1, 4))
    k2 = f32(RNG.normal(0, 0.3, (3, 3, 4, 4))); b2 = f32(RNG.normal(0, 0.1, 4))
    k3 = f32(RNG.normal(0, 0.6, (8, 3))); b3 = f32(RNG.normal(0, 0.1, 3))

    def lay(layer, inbound):
        return {'class_name': layer['class_name'], 'name': layer['config']['name'], 'config': layer['config'],
                'inbound_nodes': [[[i, 0, 0, {}] for i in inbound]] if inbound else []}

    layers = [
        lay(simple('InputLayer', 'input_1', batch_input_shape=[None, 6, 6, 2], sparse=False, ragged=False), []),
        lay(conv('stem', 4, 3, 'same', 'relu'), ['input_1']),
        lay(conv('branch', 4, 3, 'same', 'linear'), ['stem']),
        lay(simple('Add', 'add'), ['branch', 'stem']),
        lay(simple('Activation', 'act', activation='relu'), ['add']),
        lay(simple('Concatenate', 'concat', axis=-1), ['act', 'stem']),
        lay(simple('GlobalAveragePooling2D', 'gap', data_format='channels_last'), ['concat']),
        lay(dense('head', 3, 'softmax'), ['gap'])]
    cfg = {'class_name': 'Functional', 'config': {'name': 'model', 'layers': layers,
                                                  'input_layers': [['input_1', 0, 0]],
                                                  'output_layers': [['head', 0, 0]]}}
    write(os.path.join(OUT, 'functional_residual.h5'), cfg, [
        ('input_1', []), ('stem', [('kernel', k1), ('bias', b1)]), ('branch', [('kernel', k2), ('bias', b2)]),
        ('add', []), ('act', []), ('concat', []), ('gap', []), ('head', [('kernel', k3), ('bias', b3)])])
    x = RNG.uniform(0, 1, (3, 6, 6, 2)).astype(np.float32).astype(np.float64)
    s = relu(conv2d(x, k1, b1, 'same'))
    a = relu(conv2d(s, k2, b2, 'same') + s)
    c = np.concatenate([a, s], axis=3)
    save_refs('functional_residual', x, c.mean(axis=(1, 2)) @ k3 + b3)


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    sequential_cnn()
    functional_residual()
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))
