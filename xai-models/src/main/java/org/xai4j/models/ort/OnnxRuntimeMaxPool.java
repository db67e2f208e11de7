package org.xai4j.models.ort;

import ai.onnxruntime.OrtEnvironment;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.node.PoolingKernel;
import org.xai4j.core.graph.node.Window2d;

/**
 * The explanation graph's float max pooling on ONNX Runtime's CPU kernels: the forward pass as an ONNX
 * {@code MaxPool} (about 3× faster than libnd4j's {@code maxpool2d} on one thread, measured on the demo CNN's
 * pools at 64 rows), and the input gradient in Java ({@link MaxPoolGradient}: ONNX Runtime's {@code MaxPool} with
 * indices, which its {@code MaxUnpool} would need, took about 4× its plain {@code MaxPool}). Both send a window's
 * gradient to its first maximum in row-major order, as libnd4j does, and overlapping windows add their values at a
 * shared position in libnd4j's order, so the results are libnd4j's.
 */
final class OnnxRuntimeMaxPool implements PoolingKernel {
    private final OrtEnvironment env;
    private final Window2d window;
    private final OnnxRuntimeConvolution.Sessions sessions;

    OnnxRuntimeMaxPool(OrtEnvironment env, Window2d window) {
        this.env = env;
        this.window = window;
        this.sessions = new OnnxRuntimeConvolution.Sessions(env);
        OnnxRuntimeConvolution.CLEANER.register(this, sessions);
    }

    @Override
    public String engine() {
        return "onnxruntime";
    }

    @Override
    public INDArray forward(INDArray x) {
        long[] s = x.shape();
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, new long[] {s[0], s[1], window.outH(s[2]),
                window.outW(s[3])}, 'c');
        OnnxRuntimeConvolution.run(env, sessions.get("max pool", () -> PoolingModels.forward(window)),
                x, null, y, () -> "a max pooling " + window);
        return y;
    }

    @Override
    public INDArray inputGradient(INDArray x, INDArray upstream) {
        if (x.length() > Integer.MAX_VALUE) {
            return null;
        }
        return MaxPoolGradient.of(x, upstream, window);
    }
}
