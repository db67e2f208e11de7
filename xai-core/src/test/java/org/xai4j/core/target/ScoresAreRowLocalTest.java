package org.xai4j.core.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Rng;

/**
 * A row's score must not depend on the batch it comes in (perturbation methods score masked rows in batches of
 * {@code BatchPolicy.maxRows()} and promise the same bits for every batch size) nor on the native thread count.
 * An ND4J reduction over one large row is split across threads, so its rounding depended on how many rows shared
 * the call: a 3×224×224 segmentation output scored alone and in a batch of 7 gave different bits with two
 * threads. The tests run with OMP_NUM_THREADS=1 (the pom), which hides this, so the check runs in a child JVM
 * with two native threads, and once more here.
 */
class ScoresAreRowLocalTest {
    private static final int SIDE = 224;

    /** Checks every target below and prints {@code differing=K}, the rows whose bits changed. */
    public static void main(String[] args) {
        System.out.println("differing=" + allTargets());
    }

    private static int allTargets() {
        INDArray f = Rng.seeded(1).uniform(DataType.FLOAT, -1, 1, 7, 3, SIDE, SIDE);
        INDArray d = Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 7, 3, SIDE, SIDE);
        INDArray mask = Rng.seeded(2).uniform(DataType.FLOAT, 0, 1, SIDE, SIDE);
        return differing(Target.classOverMask(1, mask), f) + differing(Target.classIndex(2), d)
                + differing(Target.perRow(0, 1, 2, 0, 1, 2, 0), f);
    }

    /** The rows whose score alone differs (in bits) from their score in the batch {@code out}. */
    private static int differing(Target target, INDArray out) {
        double[] batch = target.scoreValues(out);
        INDArray batchScores = target.scores(out);
        int differing = 0;
        for (int i = 0; i < out.size(0); i++) {
            INDArray row = Batching.rows(out, i, i + 1).dup();
            double alone = target.rows(i, i + 1).scoreValues(row)[0];
            double aloneArray = target.rows(i, i + 1).scores(row).getDouble(0);
            if (Double.doubleToLongBits(alone) != Double.doubleToLongBits(batch[i])
                    || Double.doubleToLongBits(aloneArray) != Double.doubleToLongBits(batchScores.getDouble(i))) {
                differing++;
            }
        }
        return differing;
    }

    @Test
    void scoresDoNotDependOnTheBatchWithTwoNativeThreads() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ScoresAreRowLocalTest.class.getName()));
        pb.environment().put("OMP_NUM_THREADS", "2");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("differing=0");
    }

    @Test
    void scoresDoNotDependOnTheBatchHere() {
        assertThat(allTargets()).isZero();
    }

    @Test
    void scoresKeepTheOutputsTypeAndAreTheWeightedSums() {
        INDArray out = Nd4j.createFromArray(new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f}).reshape(2, 2, 1, 2);
        INDArray mask = Nd4j.createFromArray(new float[] {0.5f, 2f}).reshape(1, 2);
        INDArray s = Target.classOverMask(1, mask).scores(out);
        assertThat(s.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(s.shape()).containsExactly(2L);
        assertThat(s.getDouble(0)).isEqualTo(0.5 * 3 + 2 * 4);
        assertThat(s.getDouble(1)).isEqualTo(0.5 * 7 + 2 * 8);
    }
}
