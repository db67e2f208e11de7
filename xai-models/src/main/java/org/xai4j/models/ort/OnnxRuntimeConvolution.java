package org.xai4j.models.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
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
            long rh = leftOverRows(h);
            long rw = leftOverColumns(w);
            run(sessions.get("transposed " + rh + " " + rw, () -> transposedModel(rh, rw)), upstream, gx);
        }
        return gx;
    }

    @Override
    public INDArray redistribute(INDArray x, INDArray r) {
        long rh = flipped() ? 0 : leftOverRows(x.size(2));
        long rw = flipped() ? 0 : leftOverColumns(x.size(3));
        OrtSession s = sessions.get("redistribute " + rh + " " + rw, () -> redistributeModel(rh, rw));
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, x.shape(), 'c');
        run(env, s, x, r, y, () -> "the relevance redistribution of a convolution " + window);
        return y;
    }

    /** The input rows the last forward window does not reach. */
    private long leftOverRows(long h) {
        return leftOverRows(window, h);
    }

    /** The input columns the last forward window does not reach. */
    private long leftOverColumns(long w) {
        return leftOverColumns(window, w);
    }

    /** The input rows of height {@code h} the last window does not reach (a transposed gradient's output padding). */
    static long leftOverRows(Window2d window, long h) {
        return (h + window.padTop() + window.padBottom() - window.spanH()) % window.strideH();
    }

    /** The input columns of width {@code w} the last window does not reach. */
    static long leftOverColumns(Window2d window, long w) {
        return (w + window.padLeft() + window.padRight() - window.spanW()) % window.strideW();
    }

    /** Stride 1 with every pad inside the kernel's span: the gradient is a plain convolution. */
    private boolean flipped() {
        return flipped(window);
    }

    /** Whether the input gradient of a convolution over {@code window} is a convolution with the flipped kernel. */
    static boolean flipped(Window2d window) {
        long sh = window.spanH() - 1;
        long sw = window.spanW() - 1;
        return window.strideH() == 1 && window.strideW() == 1 && window.padTop() <= sh && window.padBottom() <= sh
                && window.padLeft() <= sw && window.padRight() <= sw;
    }

    private byte[] forwardModel() {
        return ConvolutionModels.model("Conv", inChannels, weight, weightShape(), bias, forwardAttributes());
    }

    private byte[] flippedModel() {
        return ConvolutionModels.model("Conv", outChannels, flippedWeight(), flippedShape(), null, flippedAttributes());
    }

    private byte[] transposedModel(long rh, long rw) {
        return ConvolutionModels.model("ConvTranspose", outChannels, weight, weightShape(), null,
                transposedAttributes(rh, rw));
    }

    /**
     * {@code y = x ⊙ Wᵀ(g ⊘ (Wx + b))} as one graph: the forward model's {@code Conv}, a {@code Div}, the gradient
     * model's node ({@link #flipped()} or the transposed one with output padding {@code rh, rw}) and a {@code Mul},
     * reading {@code x} and {@code g} and writing {@code y}.
     */
    private byte[] redistributeModel(long rh, long rw) {
        boolean flipped = flipped();
        ByteString forward = ConvolutionModels.node("Conv", bias == null ? new String[] {"x", "w"}
                : new String[] {"x", "w", "b"}, new String[] {"z"}, forwardAttributes());
        ByteString ratio = ConvolutionModels.node("Div", new String[] {"g", "z"}, new String[] {"s"});
        ByteString back = flipped
                ? ConvolutionModels.node("Conv", new String[] {"s", "wf"}, new String[] {"t"},
                        flippedAttributes())
                : ConvolutionModels.node("ConvTranspose", new String[] {"s", "w"}, new String[] {"t"},
                        transposedAttributes(rh, rw));
        ByteString product = ConvolutionModels.node("Mul", new String[] {"t", "x"}, new String[] {"y"});
        return ConvolutionModels.model(ConvolutionModels.message(g -> {
            g.writeBytes(1, forward);
            g.writeBytes(1, ratio);
            g.writeBytes(1, back);
            g.writeBytes(1, product);
            g.writeString(2, "xai4j-Redistribute");
            g.writeBytes(5, ConvolutionModels.tensor("w", weightShape(), weight));
            if (bias != null) {
                g.writeBytes(5, ConvolutionModels.tensor("b", new long[] {bias.length}, bias));
            }
            if (flipped) {
                g.writeBytes(5, ConvolutionModels.tensor("wf", flippedShape(), flippedWeight()));
            }
            g.writeBytes(11, ConvolutionModels.valueInfo("x", inChannels));
            g.writeBytes(11, ConvolutionModels.valueInfo("g", outChannels));
            g.writeBytes(12, ConvolutionModels.valueInfo("y", inChannels));
        }));
    }

    private long[] weightShape() {
        return new long[] {outChannels, inChannels, window.kernelH(), window.kernelW()};
    }

    private long[] flippedShape() {
        return new long[] {inChannels, outChannels, window.kernelH(), window.kernelW()};
    }

    /** The weight spatially flipped with its two channel axes swapped: the kernel of the stride-1 gradient. */
    private float[] flippedWeight() {
        return flippedWeight(weight, outChannels, inChannels, window);
    }

    /** {@code weight} ({@code out × in × kH × kW}) spatially flipped with its two channel axes swapped. */
    static float[] flippedWeight(float[] weight, long outChannels, long inChannels, Window2d window) {
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
        return f;
    }

    private ConvolutionModels.Attribute[] forwardAttributes() {
        return forwardAttributes(window);
    }

    private ConvolutionModels.Attribute[] flippedAttributes() {
        return flippedAttributes(window);
    }

    private ConvolutionModels.Attribute[] transposedAttributes(long rh, long rw) {
        return transposedAttributes(window, rh, rw);
    }

    /** The attributes of the forward {@code Conv} over {@code window}. */
    static ConvolutionModels.Attribute[] forwardAttributes(Window2d window) {
        return common(window, window.padTop(), window.padLeft(), window.padBottom(), window.padRight());
    }

    /** The attributes of the gradient's {@code Conv} with the {@link #flippedWeight flipped} kernel. */
    static ConvolutionModels.Attribute[] flippedAttributes(Window2d window) {
        long sh = window.spanH() - 1;
        long sw = window.spanW() - 1;
        return common(window, sh - window.padTop(), sw - window.padLeft(), sh - window.padBottom(),
                sw - window.padRight());
    }

    /** The attributes of the gradient's {@code ConvTranspose}, with output padding {@code rh, rw}. */
    static ConvolutionModels.Attribute[] transposedAttributes(Window2d window, long rh, long rw) {
        ConvolutionModels.Attribute[] base = forwardAttributes(window);
        ConvolutionModels.Attribute[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = new ConvolutionModels.Attribute("output_padding", rh, rw);
        return all;
    }

    private static ConvolutionModels.Attribute[] common(Window2d window, long top, long left, long bottom,
                                                        long right) {
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
