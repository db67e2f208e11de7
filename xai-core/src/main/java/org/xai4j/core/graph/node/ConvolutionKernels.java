package org.xai4j.core.graph.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;

/**
 * Picks the {@link ConvolutionKernel} for a plain float convolution and the {@link PoolingKernel} for a float max
 * pooling (see {@link ConvolutionProvider}).
 */
final class ConvolutionKernels {
    private static final List<ConvolutionProvider> PROVIDERS = load();

    private ConvolutionKernels() {
    }

    /** A kernel for the convolution, or {@code null} for libnd4j's {@code conv2d}. */
    static ConvolutionKernel select(INDArray weight, INDArray bias, Window2d window) {
        if (weight.dataType() != DataType.FLOAT) {
            return null;
        }
        for (ConvolutionProvider p : PROVIDERS) {
            ConvolutionKernel k = p.create(weight, bias, window);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** A kernel for float max pooling, or {@code null} for libnd4j's {@code maxpool2d}. */
    static PoolingKernel selectMaxPool(Window2d window, boolean ceilMode) {
        for (ConvolutionProvider p : PROVIDERS) {
            PoolingKernel k = p.maxPool(window, ceilMode);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** The providers in the order they are asked, after {@code -Dxai4j.conv}. */
    static List<String> names() {
        return PROVIDERS.stream().map(ConvolutionProvider::name).toList();
    }

    private static List<ConvolutionProvider> load() {
        List<ConvolutionProvider> all = new ArrayList<>();
        all.add(new TapConvolution.Provider());
        try {
            for (ConvolutionProvider p : ServiceLoader.load(ConvolutionProvider.class,
                    ConvolutionKernels.class.getClassLoader())) {
                all.add(p);
            }
        } catch (ServiceConfigurationError e) {
            // A provider that cannot be instantiated here (missing native library): run without it.
        }
        all.sort(Comparator.comparingInt(ConvolutionProvider::priority).reversed());
        String mode = System.getProperty("xai4j.conv", "auto");
        if (mode.equals("auto")) {
            return List.copyOf(all);
        }
        if (mode.equals("native")) {
            return List.of();
        }
        List<ConvolutionProvider> chosen = all.stream().filter(p -> p.name().equals(mode)).toList();
        if (chosen.isEmpty()) {
            throw new InvalidConfigException("-Dxai4j.conv=" + mode + " names no convolution provider; known: auto, "
                    + "native, " + String.join(", ", all.stream().map(ConvolutionProvider::name).toList()));
        }
        return chosen;
    }
}
