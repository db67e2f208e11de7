package org.xai4j.models.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.lang.ref.Cleaner;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.XaiException;
import org.xai4j.core.graph.node.ConvolutionKernel;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.HostArrays;

/**
 * A plain float convolution of the explanation graph run by ONNX Runtime's CPU kernels (MLAS): the forward pass
 * as an ONNX {@code Conv}, the input gradient as a {@code Conv} with the flipped, channel-transposed kernel
 * (stride 1, pads within the kernel) or else a {@code ConvTranspose} whose {@code output_padding} restores the
 * rows and columns the forward windows did not reach. ONNX Runtime reads the input and writes the output in
 * ND4J's own memory (no copies). Sessions are made on first use, one per direction (and per output padding),
 * and closed when the kernel is no longer reachable.
 */
final class OnnxRuntimeConvolution implements ConvolutionKernel {
    static final Cleaner CLEANER = Cleaner.create();

    private final OrtEnvironment env;
    private final Window2d window;
    private final long outChannels;
    private final long inChannels;
    private final float[] weight;
    private final float[] bias;
    private final Sessions sessions;

    OnnxRuntimeConvolution(OrtEnvironment env, INDArray weight, INDArray bias, Window2d window) {
        this.env = env;
        this.window = window;
        this.outChannels = weight.size(0);
        this.inChannels = weight.size(1);
        this.weight = HostArrays.floats(weight);
        this.bias = bias == null ? null : HostArrays.floats(bias);
        this.sessions = new Sessions(env);
        CLEANER.register(this, sessions);
    }

    @Override
    public String engine() {
        return "onnxruntime";
    }

    @Override
    public INDArray forward(INDArray x) {
        long ho = window.outH(x.size(2));
        long wo = window.outW(x.size(3));
        OrtSession s = sessions.get("forward", this::forwardModel);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, new long[] {x.size(0), outChannels, ho, wo}, 'c');
        run(s, x, y);
        return y;
    }

    @Override
    public INDArray inputGradient(INDArray upstream, long[] inputShape) {
        long h = inputShape[2];
        long w = inputShape[3];
        INDArray gx = Nd4j.createUninitialized(DataType.FLOAT, inputShape.clone(), 'c');
        if (flipped()) {
            run(sessions.get("flipped", this::flippedModel), upstream, gx);
        } else {
            long rh = (h + window.padTop() + window.padBottom() - window.spanH()) % window.strideH();
            long rw = (w + window.padLeft() + window.padRight() - window.spanW()) % window.strideW();
            run(sessions.get("transposed " + rh + " " + rw, () -> transposedModel(rh, rw)), upstream, gx);
        }
        return gx;
    }

    /** Stride 1 with every pad inside the kernel's span: the gradient is a plain convolution. */
    private boolean flipped() {
        long sh = window.spanH() - 1;
        long sw = window.spanW() - 1;
        return window.strideH() == 1 && window.strideW() == 1 && window.padTop() <= sh && window.padBottom() <= sh
                && window.padLeft() <= sw && window.padRight() <= sw;
    }

    private byte[] forwardModel() {
        return ConvolutionModels.model("Conv", inChannels, weight,
                new long[] {outChannels, inChannels, window.kernelH(), window.kernelW()}, bias, common(
                        window.padTop(), window.padLeft(), window.padBottom(), window.padRight()));
    }

    private byte[] flippedModel() {
        int kh = window.kernelH();
        int kw = window.kernelW();
        float[] f = new float[weight.length];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < inChannels; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        f[(int) (((c * outChannels + o) * kh + (kh - 1 - y)) * kw + (kw - 1 - x))] =
                                weight[(int) (((o * inChannels + c) * kh + y) * kw + x)];
                    }
                }
            }
        }
        long sh = window.spanH() - 1;
        long sw = window.spanW() - 1;
        return ConvolutionModels.model("Conv", outChannels, f, new long[] {inChannels, outChannels, kh, kw}, null,
                common(sh - window.padTop(), sw - window.padLeft(), sh - window.padBottom(),
                        sw - window.padRight()));
    }

    private byte[] transposedModel(long rh, long rw) {
        ConvolutionModels.Attribute[] base = common(window.padTop(), window.padLeft(), window.padBottom(),
                window.padRight());
        ConvolutionModels.Attribute[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = new ConvolutionModels.Attribute("output_padding", rh, rw);
        return ConvolutionModels.model("ConvTranspose", outChannels, weight,
                new long[] {outChannels, inChannels, window.kernelH(), window.kernelW()}, null, all);
    }

    private ConvolutionModels.Attribute[] common(long top, long left, long bottom, long right) {
        return new ConvolutionModels.Attribute[] {
            new ConvolutionModels.Attribute("kernel_shape", window.kernelH(), window.kernelW()),
            new ConvolutionModels.Attribute("strides", window.strideH(), window.strideW()),
            new ConvolutionModels.Attribute("dilations", window.dilationH(), window.dilationW()),
            new ConvolutionModels.Attribute("pads", top, left, bottom, right)};
    }

    /** Runs {@code s} on {@code in}, writing straight into {@code out} (both plain c-ordered float arrays). */
    private void run(OrtSession s, INDArray in, INDArray out) {
        run(env, s, in, null, out, () -> "a convolution " + window);
    }

    /**
     * Runs {@code s} on its input {@code x} (and {@code g}, when not null), writing its output {@code y} straight
     * into {@code out}; all plain c-ordered float arrays, read and written in place. {@code what} names the
     * operation in the message of a failure (built only then: a pass makes many calls).
     */
    static void run(OrtEnvironment env, OrtSession s, INDArray x, INDArray g, INDArray out,
                    java.util.function.Supplier<String> what) {
        try (OnnxTensor xt = OnnxTensor.createTensor(env, buffer(x), x.shape());
             OnnxTensor gt = g == null ? null : OnnxTensor.createTensor(env, buffer(g), g.shape());
             OnnxTensor y = OnnxTensor.createTensor(env, buffer(out), out.shape());
             OrtSession.Result r = s.run(gt == null ? Map.of("x", xt) : Map.of("x", xt, "g", gt), Map.of("y", y))) {
            // the result is already in out
        } catch (OrtException e) {
            throw new XaiException("ONNX Runtime could not run " + what.get() + " on "
                    + java.util.Arrays.toString(x.shape()) + ": " + e.getMessage(), e);
        }
    }

    /** The array's memory as a direct buffer (ONNX Runtime then uses it in place). */
    static FloatBuffer buffer(INDArray a) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.capacity(a.length()).asBuffer();
    }


    /** The lazily made sessions; closed by the cleaner (so this must not reference the kernel). */
    static final class Sessions implements Runnable {
        private final OrtEnvironment env;
        private final Map<String, OrtSession> byKey = new ConcurrentHashMap<>();

        Sessions(OrtEnvironment env) {
            this.env = env;
        }

        OrtSession get(String key, java.util.function.Supplier<byte[]> model) {
            return byKey.computeIfAbsent(key, k -> {
                try (OrtSession.SessionOptions options = OnnxRuntimeConvolutions.options()) {
                    return env.createSession(model.get(), options);
                } catch (OrtException e) {
                    throw new XaiException("ONNX Runtime could not compile a " + k + " model: "
                            + e.getMessage(), e);
                }
            });
        }

        @Override
        public void run() {
            for (OrtSession s : byKey.values()) {
                try {
                    s.close();
                } catch (OrtException e) {
                    // nothing more can be done for a session that does not close
                }
            }
            byKey.clear();
        }
    }
}
