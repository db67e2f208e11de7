package org.xai4j.core.graph.node;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.HostArrays;

/**
 * A plain (one group) float convolution and its input gradient computed with one BLAS matrix product per
 * kernel tap, without im2col — for ND4J's default CPU backend, whose {@code conv2d} spends most of its time
 * building the im2col matrix (measured: 23 ms of a 46–77 ms 64→64 3×3 convolution at 56², where the matrix
 * product of the same size takes 6 ms).
 *
 * <p>The padded input is stored channel-major, {@code [C, N·Hq·Wq]}, once per stride phase (for stride 1 there
 * is one phase: the padded input itself). Output pixel {@code (y, x)} of kernel tap {@code (ky, kx)} reads phase
 * {@code (dH·ky mod sH, dW·kx mod sW)} at row {@code y + ⌊dH·ky/sH⌋} and column {@code x + ⌊dW·kx/sW⌋}, so
 * over all pixels the tap is a product {@code W[:, :, ky, kx] (O×C) × phase (C × L)} with the phase read from a
 * fixed offset: every pixel of every image in one call (the columns between rows and images are computed and
 * dropped). The input gradient runs the same products transposed into zero-initialised phases, which are then
 * gathered back into N×C×H×W (positions no window reached get zero). This is the "shifted matrix product"
 * formulation of convolution; it costs the products plus a few copies of the activations.
 */
final class TapConvolution implements ConvolutionKernel {
    private final Window2d window;
    private final int outChannels;
    private final int inChannels;
    /** The weight as an {@code O × (kH·kW·C)} matrix, tap-major: {@code [O, kH, kW, C]}. */
    private final INDArray taps;
    /** Floats in one chunk's column matrix, at most (the batch is cut into chunks of whole images). */
    private static final long COLUMN_BUDGET = 8L << 20;
    private final float[] bias;

    TapConvolution(INDArray weight, INDArray bias, Window2d window) {
        this.window = window;
        this.outChannels = (int) weight.size(0);
        this.inChannels = (int) weight.size(1);
        this.taps = weight.permute(0, 2, 3, 1).dup('c');
        this.bias = bias == null ? null : HostArrays.floats(bias);
    }

    /** The geometry of one call. */
    private record Plan(int n, int h, int w, int ho, int wo, int hq, int wq, int[] phaseOfTap, int[] offsetOfTap,
                        int[] phaseRow, int[] phaseCol, int phases) {
        long plane() {
            return (long) n * hq * wq;
        }
    }

    private Plan plan(long[] inputShape) {
        int n = (int) inputShape[0];
        int h = (int) inputShape[2];
        int w = (int) inputShape[3];
        int ho = (int) window.outH(h);
        int wo = (int) window.outW(w);
        int sh = window.strideH();
        int sw = window.strideW();
        int dh = window.dilationH();
        int dw = window.dilationW();
        int kh = window.kernelH();
        int kw = window.kernelW();
        int hq = ho + dh * (kh - 1) / sh;
        int wq = wo + dw * (kw - 1) / sw;
        int[] phaseIndex = new int[sh * sw];
        java.util.Arrays.fill(phaseIndex, -1);
        int[] phaseRow = new int[sh * sw];
        int[] phaseCol = new int[sh * sw];
        int phases = 0;
        int[] phaseOfTap = new int[kh * kw];
        int[] offsetOfTap = new int[kh * kw];
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                int a = dh * ky % sh;
                int b = dw * kx % sw;
                int key = a * sw + b;
                if (phaseIndex[key] < 0) {
                    phaseRow[phases] = a;
                    phaseCol[phases] = b;
                    phaseIndex[key] = phases++;
                }
                phaseOfTap[ky * kw + kx] = phaseIndex[key];
                offsetOfTap[ky * kw + kx] = dh * ky / sh * wq + dw * kx / sw;
            }
        }
        return new Plan(n, h, w, ho, wo, hq, wq, phaseOfTap, offsetOfTap, phaseRow, phaseCol, phases);
    }

    @Override
    public String engine() {
        return "openblas";
    }

    @Override
    public INDArray forward(INDArray x) {
        Plan p = plan(x.shape());
        int c = inChannels;
        int o = outChannels;
        long plane = p.plane();
        float[] xs = HostArrays.floats(x);
        float[] phased = new float[Math.toIntExact(p.phases * c * plane)];
        for (int k = 0; k < p.phases; k++) {
            copyPhase(xs, phased, p, k, true);
        }
        xs = null;
        float[] wide = new float[Math.toIntExact(o * plane)];
        OpenBlasCalls.Policy openblasPolicy = OpenBlasCalls.configured();
        OpenBlasCalls.enter(openblasPolicy);
        try (FloatPointer in = new FloatPointer(phased.length); FloatPointer out = new FloatPointer(wide.length)) {
            in.put(phased, 0, phased.length);
            phased = null;
            FloatPointer t = tapPointer();
            int k = p.phaseOfTap.length * c;
            int hqwq = p.hq * p.wq;
            int chunk = imagesPerChunk(p, k);
            try (FloatPointer cols = new FloatPointer((long) k * columns(p, chunk))) {
                for (int first = 0; first < p.n; first += chunk) {
                    int images = Math.min(chunk, p.n - first);
                    long width = columns(p, images);
                    long start = (long) first * hqwq;
                    for (int tap = 0; tap < p.phaseOfTap.length; tap++) {
                        long from = p.phaseOfTap[tap] * c * plane + p.offsetOfTap[tap] + start;
                        for (int ch = 0; ch < c; ch++) {
                            openblas_nolapack.cblas_scopy((int) width, in.position(from + ch * plane), 1,
                                    cols.position(((long) tap * c + ch) * width), 1);
                        }
                    }
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                            openblas_nolapack.CblasNoTrans, o, (int) width, k, 1f, t.position(0), k,
                            cols.position(0), (int) width, 0f, out.position(start), (int) plane);
                }
            }
            out.position(0).get(wide, 0, (int) Math.min(wide.length, columns(p, p.n) + (long) (o - 1) * plane));
        } finally {
            OpenBlasCalls.leave(openblasPolicy);
        }
        float[] y = new float[Math.toIntExact((long) p.n * o * p.ho * p.wo)];
        int hqwq = p.hq * p.wq;
        for (int img = 0; img < p.n; img++) {
            for (int oc = 0; oc < o; oc++) {
                float b = bias == null ? 0f : bias[oc];
                int dst = (img * o + oc) * p.ho * p.wo;
                long src = oc * plane + (long) img * hqwq;
                for (int row = 0; row < p.ho; row++) {
                    int s = (int) (src + (long) row * p.wq);
                    for (int col = 0; col < p.wo; col++) {
                        y[dst++] = wide[s + col] + b;
                    }
                }
            }
        }
        return HostArrays.floatArray(y, new long[] {p.n, o, p.ho, p.wo});
    }

    @Override
    public INDArray inputGradient(INDArray g, long[] s) {
        Plan p = plan(s);
        int c = inChannels;
        int o = outChannels;
        long plane = p.plane();
        int hqwq = p.hq * p.wq;
        float[] gs = HostArrays.floats(g);
        float[] wide = new float[Math.toIntExact(o * plane)];
        for (int img = 0; img < p.n; img++) {
            for (int oc = 0; oc < o; oc++) {
                int src = (img * o + oc) * p.ho * p.wo;
                long dst = oc * plane + (long) img * hqwq;
                for (int row = 0; row < p.ho; row++) {
                    System.arraycopy(gs, src + row * p.wo, wide, (int) (dst + (long) row * p.wq), p.wo);
                }
            }
        }
        gs = null;
        float[] phased = new float[Math.toIntExact(p.phases * c * plane)];
        OpenBlasCalls.Policy openblasPolicy = OpenBlasCalls.configured();
        OpenBlasCalls.enter(openblasPolicy);
        try (FloatPointer up = new FloatPointer(wide.length); FloatPointer dx = new FloatPointer(phased.length)) {
            up.put(wide, 0, wide.length);
            wide = null;
            Pointer.memset(dx, 0, (long) phased.length * Float.BYTES);
            FloatPointer t = tapPointer();
            int k = p.phaseOfTap.length * c;
            int chunk = imagesPerChunk(p, k);
            try (FloatPointer cols = new FloatPointer((long) k * columns(p, chunk))) {
                for (int first = 0; first < p.n; first += chunk) {
                    int images = Math.min(chunk, p.n - first);
                    long width = columns(p, images);
                    long start = (long) first * hqwq;
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                            openblas_nolapack.CblasNoTrans, k, (int) width, o, 1f, t.position(0), k,
                            up.position(start), (int) plane, 0f, cols.position(0), (int) width);
                    for (int tap = 0; tap < p.phaseOfTap.length; tap++) {
                        long to = p.phaseOfTap[tap] * c * plane + p.offsetOfTap[tap] + start;
                        for (int ch = 0; ch < c; ch++) {
                            openblas_nolapack.cblas_saxpy((int) width, 1f,
                                    cols.position(((long) tap * c + ch) * width), 1, dx.position(to + ch * plane), 1);
                        }
                    }
                }
            }
            dx.position(0).get(phased, 0, phased.length);
        } finally {
            OpenBlasCalls.leave(openblasPolicy);
        }
        float[] gx = new float[Math.toIntExact((long) p.n * c * p.h * p.w)];
        for (int k = 0; k < p.phases; k++) {
            copyPhase(gx, phased, p, k, false);
        }
        return HostArrays.floatArray(gx, s.clone());
    }

    /** Columns of a chunk of {@code images} whole images: up to the last valid output pixel of the last one. */
    private static long columns(Plan p, int images) {
        return (long) (images - 1) * p.hq * p.wq + (long) (p.ho - 1) * p.wq + p.wo;
    }

    /** How many images share one column matrix of {@code k} rows within {@link #COLUMN_BUDGET}. */
    private static int imagesPerChunk(Plan p, int k) {
        long perImage = (long) k * p.hq * p.wq;
        return (int) Math.max(1, Math.min(p.n, COLUMN_BUDGET / Math.max(1, perImage)));
    }

    /** A fresh pointer to the tap matrices (pointers carry a position, so each call gets its own). */
    private FloatPointer tapPointer() {
        return new FloatPointer(taps.data().addressPointer());
    }

    /**
     * Copies between an N×C×H×W image and phase {@code k} of {@code phased}: into the phase when {@code toPhase}
     * (the input; zeros stay where the padding is), back to the image positions it stands for otherwise (the
     * accumulated gradient; positions of other phases are left as they are).
     */
    private void copyPhase(float[] image, float[] phased, Plan p, int k, boolean toPhase) {
        int c = inChannels;
        int sh = window.strideH();
        int sw = window.strideW();
        long plane = p.plane();
        int hqwq = p.hq * p.wq;
        int a = p.phaseRow[k];
        int b = p.phaseCol[k];
        for (int ch = 0; ch < c; ch++) {
            for (int img = 0; img < p.n; img++) {
                int imageStart = (img * c + ch) * p.h * p.w;
                long phaseStart = (k * (long) c + ch) * plane + (long) img * hqwq;
                for (int i = 0; i < p.hq; i++) {
                    int row = a + sh * i - window.padTop();
                    if (row < 0 || row >= p.h) {
                        continue;
                    }
                    int rowStart = imageStart + row * p.w;
                    int q = (int) (phaseStart + (long) i * p.wq);
                    if (sw == 1) {
                        int j0 = Math.max(0, window.padLeft() - b);
                        int j1 = Math.min(p.wq, p.w + window.padLeft() - b);
                        if (j1 > j0) {
                            int at = rowStart + j0 + b - window.padLeft();
                            if (toPhase) {
                                System.arraycopy(image, at, phased, q + j0, j1 - j0);
                            } else {
                                System.arraycopy(phased, q + j0, image, at, j1 - j0);
                            }
                        }
                    } else {
                        for (int j = 0; j < p.wq; j++) {
                            int col = b + sw * j - window.padLeft();
                            if (col >= 0 && col < p.w) {
                                if (toPhase) {
                                    phased[q + j] = image[rowStart + col];
                                } else {
                                    image[rowStart + col] = phased[q + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Offers this kernel on ND4J's CPU backend when OpenBLAS's bindings are on the class path, except on the
     * oneDNN builds of libnd4j, whose {@code conv2d} is faster (it runs oneDNN's own kernels).
     */
    static final class Provider implements ConvolutionProvider {
        private static final boolean AVAILABLE = detect();

        @Override
        public String name() {
            return "openblas";
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public ConvolutionKernel create(INDArray weight, INDArray bias, Window2d window) {
            return AVAILABLE ? new TapConvolution(weight, bias, window) : null;
        }

        private static boolean detect() {
            try {
                if (Nd4j.getExecutioner().type() != OpExecutioner.ExecutionerType.NATIVE_CPU) {
                    return false;
                }
                Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
            String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
            return !extension.contains("onednn") || System.getProperty("xai4j.conv", "").equals("openblas");
        }
    }
}
