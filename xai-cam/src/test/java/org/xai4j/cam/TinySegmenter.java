package org.xai4j.cam;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Names;

/**
 * A small U-Net-like segmenter in plain double-precision loops, for the segmentation-target tests:
 * {@code enc} conv3×3 (C→F1) → {@code enc_relu} → {@code down} 2×2 average pool → {@code mid} conv3×3
 * (F1→F2) → {@code mid_relu} → {@code up} nearest ×2 → {@code cat} [up, enc_relu] → {@code dec} conv3×3
 * (F2+F1→F3) → {@code dec_relu} → {@code head} conv1×1 (F3→K), the N×K×H×W output. All convolutions use
 * zero "same" padding and a bias. The backward pass is written out by hand; the reference tests check it
 * against PyTorch's autograd through the CAM maps.
 */
final class TinySegmenter implements LayeredModel {
    static final List<String> LAYERS = List.of("enc", "enc_relu", "down", "mid", "mid_relu", "up", "cat", "dec",
            "dec_relu", "head");

    /** A stage: flat row-major N×C×H×W. */
    private record T(double[] v, int n, int c, int h, int w) {
        int plane() {
            return h * w;
        }
    }

    private final Conv enc;
    private final Conv mid;
    private final Conv dec;
    private final Conv head;
    private final int channels;

    /** Weights O×I×k×k (flat) and biases. */
    private record Conv(double[] w, double[] b, int out, int in, int k) {
        T forward(T x) {
            int p = k / 2;
            double[] o = new double[x.n * out * x.plane()];
            for (int i = 0; i < x.n; i++) {
                for (int f = 0; f < out; f++) {
                    int ob = (i * out + f) * x.plane();
                    for (int y = 0; y < x.h; y++) {
                        for (int xx = 0; xx < x.w; xx++) {
                            double s = b[f];
                            for (int c = 0; c < in; c++) {
                                int ib = (i * in + c) * x.plane();
                                for (int dy = 0; dy < k; dy++) {
                                    int yy = y + dy - p;
                                    if (yy < 0 || yy >= x.h) {
                                        continue;
                                    }
                                    for (int dx = 0; dx < k; dx++) {
                                        int xs = xx + dx - p;
                                        if (xs >= 0 && xs < x.w) {
                                            s += w[((f * in + c) * k + dy) * k + dx] * x.v[ib + yy * x.w + xs];
                                        }
                                    }
                                }
                            }
                            o[ob + y * x.w + xx] = s;
                        }
                    }
                }
            }
            return new T(o, x.n, out, x.h, x.w);
        }

        /** The gradient with respect to the input, given the gradient with respect to the output. */
        T backward(T g) {
            int p = k / 2;
            double[] gi = new double[g.n * in * g.plane()];
            for (int i = 0; i < g.n; i++) {
                for (int f = 0; f < out; f++) {
                    int ob = (i * out + f) * g.plane();
                    for (int y = 0; y < g.h; y++) {
                        for (int xx = 0; xx < g.w; xx++) {
                            double go = g.v[ob + y * g.w + xx];
                            for (int c = 0; c < in; c++) {
                                int ib = (i * in + c) * g.plane();
                                for (int dy = 0; dy < k; dy++) {
                                    int yy = y + dy - p;
                                    if (yy < 0 || yy >= g.h) {
                                        continue;
                                    }
                                    for (int dx = 0; dx < k; dx++) {
                                        int xs = xx + dx - p;
                                        if (xs >= 0 && xs < g.w) {
                                            gi[ib + yy * g.w + xs] += go * w[((f * in + c) * k + dy) * k + dx];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return new T(gi, g.n, in, g.h, g.w);
        }
    }

    /** Builds the model from the reference script's arrays ({@code seg_enc_w}, …). */
    static TinySegmenter from(Map<String, Npz.Array> a) {
        return new TinySegmenter(conv(a, "enc"), conv(a, "mid"), conv(a, "dec"), conv(a, "head"));
    }

    private static Conv conv(Map<String, Npz.Array> a, String name) {
        Npz.Array w = a.get("seg_" + name + "_w");
        Npz.Array b = a.get("seg_" + name + "_b");
        return new Conv(w.data(), b.data(), w.dim(0), w.dim(1), w.dim(2));
    }

    private TinySegmenter(Conv enc, Conv mid, Conv dec, Conv head) {
        this.enc = enc;
        this.mid = mid;
        this.dec = dec;
        this.head = head;
        this.channels = enc.in;
    }

    @Override
    public Optional<long[]> rowShape() {
        return Optional.of(new long[] {channels, -1, -1});
    }

    @Override
    public List<String> layerNames() {
        return LAYERS;
    }

    @Override
    public String id() {
        return "test-tiny-segmenter";
    }

    private static T relu(T x) {
        double[] o = new double[x.v.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = Math.max(0, x.v[i]);
        }
        return new T(o, x.n, x.c, x.h, x.w);
    }

    private static T reluBack(T g, T pre) {
        double[] o = new double[g.v.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = pre.v[i] > 0 ? g.v[i] : 0;
        }
        return new T(o, g.n, g.c, g.h, g.w);
    }

    private static T pool(T x) {
        int h = x.h / 2;
        int w = x.w / 2;
        double[] o = new double[x.n * x.c * h * w];
        for (int pc = 0; pc < x.n * x.c; pc++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int b = pc * x.plane() + 2 * y * x.w + 2 * xx;
                    o[pc * h * w + y * w + xx] = (x.v[b] + x.v[b + 1] + x.v[b + x.w] + x.v[b + x.w + 1]) / 4;
                }
            }
        }
        return new T(o, x.n, x.c, h, w);
    }

    private static T poolBack(T g) {
        int h = g.h * 2;
        int w = g.w * 2;
        double[] o = new double[g.n * g.c * h * w];
        for (int pc = 0; pc < g.n * g.c; pc++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    o[pc * h * w + y * w + xx] = g.v[pc * g.plane() + (y / 2) * g.w + xx / 2] / 4;
                }
            }
        }
        return new T(o, g.n, g.c, h, w);
    }

    private static T up(T x) {
        int h = x.h * 2;
        int w = x.w * 2;
        double[] o = new double[x.n * x.c * h * w];
        for (int pc = 0; pc < x.n * x.c; pc++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    o[pc * h * w + y * w + xx] = x.v[pc * x.plane() + (y / 2) * x.w + xx / 2];
                }
            }
        }
        return new T(o, x.n, x.c, h, w);
    }

    private static T upBack(T g) {
        int h = g.h / 2;
        int w = g.w / 2;
        double[] o = new double[g.n * g.c * h * w];
        for (int pc = 0; pc < g.n * g.c; pc++) {
            for (int y = 0; y < g.h; y++) {
                for (int xx = 0; xx < g.w; xx++) {
                    o[pc * h * w + (y / 2) * w + xx / 2] += g.v[pc * g.plane() + y * g.w + xx];
                }
            }
        }
        return new T(o, g.n, g.c, h, w);
    }

    private static T cat(T a, T b) {
        int p = a.plane();
        double[] o = new double[a.n * (a.c + b.c) * p];
        for (int i = 0; i < a.n; i++) {
            System.arraycopy(a.v, i * a.c * p, o, i * (a.c + b.c) * p, a.c * p);
            System.arraycopy(b.v, i * b.c * p, o, (i * (a.c + b.c) + a.c) * p, b.c * p);
        }
        return new T(o, a.n, a.c + b.c, a.h, a.w);
    }

    /** Channels [from, from + count) of x. */
    private static T channels(T x, int from, int count) {
        int p = x.plane();
        double[] o = new double[x.n * count * p];
        for (int i = 0; i < x.n; i++) {
            System.arraycopy(x.v, (i * x.c + from) * p, o, i * count * p, count * p);
        }
        return new T(o, x.n, count, x.h, x.w);
    }

    private static T add(T a, T b) {
        double[] o = a.v.clone();
        for (int i = 0; i < o.length; i++) {
            o[i] += b.v[i];
        }
        return new T(o, a.n, a.c, a.h, a.w);
    }

    private static INDArray nd(T t, DataType type) {
        return Nd4j.create(t.v, new long[] {t.n, t.c, t.h, t.w}, DataType.DOUBLE).castTo(type);
    }

    private Map<String, T> run(INDArray input, String editLayer, UnaryOperator<INDArray> edit) {
        long[] s = input.shape();
        if (s.length != 4 || s[1] != channels || s[2] % 2 != 0 || s[3] % 2 != 0) {
            throw new InvalidShapeException("TinySegmenter expects N×" + channels + "×H×W with even H, W but got "
                    + java.util.Arrays.toString(s));
        }
        DataType type = input.dataType();
        Map<String, T> st = new LinkedHashMap<>();
        T x = new T(HostArrays.doubles(input), (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
        T e = stage(st, "enc", enc.forward(x), editLayer, edit, type);
        T er = stage(st, "enc_relu", relu(e), editLayer, edit, type);
        T d = stage(st, "down", pool(er), editLayer, edit, type);
        T m = stage(st, "mid", mid.forward(d), editLayer, edit, type);
        T mr = stage(st, "mid_relu", relu(m), editLayer, edit, type);
        T u = stage(st, "up", up(mr), editLayer, edit, type);
        T c = stage(st, "cat", cat(u, er), editLayer, edit, type);
        T dc = stage(st, "dec", dec.forward(c), editLayer, edit, type);
        T dr = stage(st, "dec_relu", relu(dc), editLayer, edit, type);
        stage(st, "head", head.forward(dr), editLayer, edit, type);
        return st;
    }

    private static T stage(Map<String, T> st, String name, T v, String editLayer, UnaryOperator<INDArray> edit,
                           DataType type) {
        if (name.equals(editLayer)) {
            INDArray e = edit.apply(nd(v, type));
            v = new T(HostArrays.doubles(e), v.n, v.c, v.h, v.w);
        }
        st.put(name, v);
        return v;
    }

    private void requireLayers(Collection<String> layers) {
        for (String l : layers) {
            if (!LAYERS.contains(l)) {
                throw new UnknownLayerException(l, Names.closest(l, LAYERS, 5));
            }
        }
    }

    @Override
    public INDArray predict(INDArray input) {
        return nd(run(input, null, null).get("head"), input.dataType());
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        requireLayers(layers);
        Map<String, T> st = run(input, null, null);
        Map<String, INDArray> acts = new HashMap<>();
        for (String l : layers) {
            acts.put(l, nd(st.get(l), input.dataType()));
        }
        return new LayerPass(nd(st.get("head"), input.dataType()), null, acts, Map.of());
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        requireLayers(layers);
        DataType type = input.dataType();
        Map<String, T> st = run(input, null, null);
        T out = st.get("head");
        INDArray output = nd(out, type);
        T seed = new T(HostArrays.doubles(target.seed(output)), out.n, out.c, out.h, out.w);
        Map<String, T> g = new HashMap<>();
        g.put("head", seed);
        g.put("dec_relu", head.backward(seed));
        g.put("dec", reluBack(g.get("dec_relu"), st.get("dec")));
        g.put("cat", dec.backward(g.get("dec")));
        int upChannels = st.get("up").c;
        g.put("up", channels(g.get("cat"), 0, upChannels));
        g.put("mid_relu", upBack(g.get("up")));
        g.put("mid", reluBack(g.get("mid_relu"), st.get("mid")));
        g.put("down", mid.backward(g.get("mid")));
        g.put("enc_relu", add(poolBack(g.get("down")), channels(g.get("cat"), upChannels, st.get("enc_relu").c)));
        g.put("enc", reluBack(g.get("enc_relu"), st.get("enc")));
        T gx = enc.backward(g.get("enc"));
        Map<String, INDArray> acts = new HashMap<>();
        Map<String, INDArray> grads = new HashMap<>();
        for (String l : layers) {
            acts.put(l, nd(st.get(l), type));
            grads.put(l, nd(g.get(l), type));
        }
        return new LayerPass(output, nd(gx, type), acts, grads);
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        LayerPass p = backward(input, target, List.of());
        return new Gradients(p.output(), p.inputGradient());
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        requireLayers(List.of(layer));
        return nd(run(input, layer, edit).get("head"), input.dataType());
    }
}
