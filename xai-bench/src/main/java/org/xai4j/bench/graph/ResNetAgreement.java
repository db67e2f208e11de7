package org.xai4j.bench.graph;

import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.Graph;
import org.xai4j.models.io.Npy;

/**
 * Checks that the benchmarked ResNet-18 graph computes what PyTorch computed for the same input (files
 * written by {@code make_resnet18.py} next to the model), on whichever ND4J backend is on the class path,
 * so a fast backend is not a wrong one. Prints the largest absolute difference of the logits relative to
 * their largest magnitude. Run: {@code java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.graph.ResNetAgreement}.
 */
public final class ResNetAgreement {
    private ResNetAgreement() {
    }

    public static void main(String[] args) {
        Graph graph = BenchModels.graph("resnet18");
        Path dir = Path.of(System.getProperty("xai.bench.resnet18", "xai-bench/target/resnet18.onnx")).getParent();
        INDArray x = Npy.read(dir.resolve("resnet18-input.npy")).castTo(DataType.FLOAT);
        INDArray expected = Npy.read(dir.resolve("resnet18-logits.npy")).castTo(DataType.DOUBLE);
        INDArray got = graph.predict(x).castTo(DataType.DOUBLE);
        double maxDiff = got.sub(expected).amaxNumber().doubleValue();
        double scale = expected.amaxNumber().doubleValue();
        System.out.printf(Locale.ROOT, "ResNet-18 logits vs PyTorch on %s: max |diff| %.3g, relative to max |logit| %.3g%n",
                "ND4J native, platform extension '"
                        + System.getProperty("org.bytedeco.javacpp.platform.extension", "") + "'",
                maxDiff, maxDiff / scale);
        if (!(maxDiff / scale < 1e-4)) {
            System.exit(1);
        }
    }
}
