package org.xai4j.perturbation;

import org.xai4j.core.util.BatchPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.perturbation.shapley.KernelShap;
import org.xai4j.perturbation.shapley.KernelShapConfig;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * A rough overhead measurement (not JMH): each method's wall time divided by the time of the same number of
 * raw model rows in batches of the same size, on the test kit's conv net (3×32×32 input, 8 filters,
 * plain-Java loops). Best of three after a warm-up. Writes target/perturbation-overhead.md.
 */
@Tag("slow")
class PerturbationOverheadTest {
    static final int BATCH = 64;

    static long best(Runnable r) {
        r.run();
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    @Test
    void overheadOverRawForwardPasses() throws IOException {
        TinyConvNet model = TinyConvNet.random(1, 3, 8, 10, 3, 32, 32);
        INDArray x = Rng.seeded(2).uniform(DataType.FLOAT, 0, 1, 1, 3, 32, 32);
        INDArray pool = Rng.seeded(3).uniform(DataType.FLOAT, 0, 1, BATCH, 3, 32, 32);
        StringBuilder table = new StringBuilder("| method | model rows | method time (s) | raw forward time (s) | ratio |\n|---|---:|---:|---:|---:|\n");
        Object[][] cases = {
            {"occlusion 8×8 stride 2", 1 + 13 * 13, (Supplier<Runnable>) () -> () -> new Occlusion(model,
                    OcclusionConfig.of(8, 8).withStrides(2, 2).withBatch(BatchPolicy.ofRows(BATCH))).explain(x, Target.classIndex(0))},
            {"LIME 1000 samples, grid 8×8", 1 + 1000, (Supplier<Runnable>) () -> () -> new Lime(model,
                    LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(8)).withSamples(1000).withBatch(BatchPolicy.ofRows(BATCH))).explain(x, Target.classIndex(0))},
            {"KernelSHAP 2000 samples, grid 8×8", 1 + 2 + 2000, (Supplier<Runnable>) () -> () -> new KernelShap(model,
                    KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(8)).withSamples(2000).withBatch(BatchPolicy.ofRows(BATCH))).explain(x, Target.classIndex(0))},
        };
        for (Object[] c : cases) {
            int rows = (int) c[1];
            @SuppressWarnings("unchecked")
            Runnable method = ((Supplier<Runnable>) c[2]).get();
            Runnable raw = () -> {
                for (Batching.Range r : Batching.ranges(rows, BATCH)) {
                    model.predict(Batching.rows(pool, 0, r.size()));
                }
            };
            long tm = best(method);
            long tr = best(raw);
            table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.2f |%n", c[0], rows, tm / 1e9, tr / 1e9,
                    tm / (double) tr));
        }
        Path out = Path.of("target", "perturbation-overhead.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println(table);
    }
}
