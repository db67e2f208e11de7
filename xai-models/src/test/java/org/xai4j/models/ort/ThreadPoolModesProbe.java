package org.xai4j.models.ort;

import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.gaussian;
import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.relative;

import ai.onnxruntime.OrtEnvironment;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvolutionKernel;

/**
 * Run in a fresh JVM by {@link ThreadPoolModesTest}: optionally makes the ONNX Runtime environment first (argument
 * {@code env-first}), then runs one convolution's forward and input gradient on ONNX Runtime from two threads at
 * once and prints which pool mode the sessions got and the largest relative error (as in
 * {@link OnnxRuntimeConvolutionTest}) against libnd4j's double-precision convolution.
 */
public final class ThreadPoolModesProbe {
    private ThreadPoolModesProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "env-first".equals(args[0])) {
            OrtEnvironment.getEnvironment();
        }
        Random r = new Random(5);
        INDArray w = gaussian(r, 8, 4, 3, 3);
        INDArray b = gaussian(r, 8);
        ConvNode reference = ConvNode.builder("c").input("x").output("y").weight(w.castTo(DataType.DOUBLE))
                .bias(b.castTo(DataType.DOUBLE)).strides(2, 2).pads(1, 1, 1, 1).build();
        ConvolutionKernel kernel = new OnnxRuntimeConvolutions().create(w, b, reference.window());
        double[] worst = new double[2];
        Thread[] threads = new Thread[2];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            long seed = 100 + t;
            threads[t] = new Thread(() -> {
                try {
                    Random rt = new Random(seed);
                    for (int i = 0; i < 5; i++) {
                        INDArray x = gaussian(rt, 3, 4, 17, 15);
                        INDArray y = kernel.forward(x);
                        INDArray yd = reference.forward(x.castTo(DataType.DOUBLE));
                        INDArray up = gaussian(rt, y.shape());
                        INDArray gx = kernel.inputGradient(up, x.shape());
                        INDArray gd = reference.backward(BackwardContext.of(reference,
                                new INDArray[] {x.castTo(DataType.DOUBLE)}, yd, up.castTo(DataType.DOUBLE)),
                                up.castTo(DataType.DOUBLE))[0];
                        synchronized (worst) {
                            worst[0] = Math.max(worst[0], relative(y, yd));
                            worst[1] = Math.max(worst[1], relative(gx, gd));
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        System.out.printf(Locale.ROOT, "pool=%s forward=%.3e gradient=%.3e%n",
                OnnxRuntimeConvolutions.sharesThreadPool() ? "shared" : "per-session", worst[0], worst[1]);
    }
}
