package org.xai4j.bench.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.util.Rng;
import org.xai4j.core.util.Batching;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * The models the benchmarks run, as explanation graphs read by {@link OnnxImporter}, and their inputs:
 * <ul>
 *   <li>{@code fashion-cnn}: the CLI demo's small CNN (1×28×28 → 10; two conv–BN–ReLU–max-pool blocks and
 *       two dense layers), with real Fashion-MNIST test images as inputs;</li>
 *   <li>{@code resnet18}: torchvision's ResNet-18 (3×224×224 → 1000, seeded random weights, opset 13),
 *       written by {@code xai-bench/src/main/python/make_resnet18.py} into {@code xai-bench/target/}
 *       (path overridable with {@code -Dxai.bench.resnet18=...}); inputs are seeded N(0, 1) rows.</li>
 * </ul>
 */
public final class BenchModels {
    /** The demo model's class-path location (module xai-cli). */
    static final String FASHION = "/org/xai4j/cli/demo/fashion-cnn.onnx";
    static final String FASHION_IMAGES = "/org/xai4j/cli/demo/fashion-test-images.npy";

    private BenchModels() {
    }

    /** The graph of {@code name} ({@code fashion-cnn} or {@code resnet18}). */
    public static Graph graph(String name) {
        return switch (name) {
            case "fashion-cnn" -> OnnxImporter.read(resource(FASHION), "fashion-cnn",
                    org.xai4j.models.onnx.OnnxImportOptions.DEFAULT);
            case "resnet18" -> OnnxImporter.read(resnet18Path());
            default -> throw new IllegalArgumentException("unknown benchmark model '" + name
                    + "' (fashion-cnn or resnet18)");
        };
    }

    /** {@code rows} input rows for model {@code name}: real test images, or seeded normal noise. */
    public static INDArray input(String name, int rows) {
        return switch (name) {
            case "fashion-cnn" -> {
                INDArray all = Npy.read(resource(FASHION_IMAGES), FASHION_IMAGES).castTo(DataType.FLOAT);
                yield Batching.rows(all, 0, rows).dup();
            }
            case "resnet18" -> Rng.seeded(21).gaussian(DataType.FLOAT, 1.0, rows, 3, 224, 224);
            default -> throw new IllegalArgumentException("unknown benchmark model '" + name + "'");
        };
    }

    /** The last ReLU of model {@code name}, where the CAM benchmarks explain. */
    public static String lastRelu(String name) {
        return "resnet18".equals(name) ? "/layer4/layer4.1/relu_1/Relu" : "/Relu_1";
    }

    /** The number of classes of model {@code name}. */
    public static int classes(String name) {
        return "resnet18".equals(name) ? 1000 : 10;
    }

    static Path resnet18Path() {
        Path p = Path.of(System.getProperty("xai.bench.resnet18", "xai-bench/target/resnet18.onnx"));
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no ResNet-18 model at " + p.toAbsolutePath() + ": run "
                    + "/usr/bin/python3 xai-bench/src/main/python/make_resnet18.py from the repository root, "
                    + "or pass -Dxai.bench.resnet18=<file>");
        }
        return p;
    }

    private static byte[] resource(String name) {
        try (InputStream in = BenchModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is not on the class path (module xai-cli)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
