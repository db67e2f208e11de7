package org.xai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.run.Limits;
import org.xai4j.core.target.Target;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;

class StudyProgressTest {
    @Test
    void oneLinePerTenthOfThePlannedPasses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StudyProgress p = new StudyProgress("task", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.progress(5, 0); // nothing planned yet: silent
        for (long done = 7; done <= 100; done += 7) {
            p.progress(done, 100);
        }
        p.progress(100, 100);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(10);
        assertThat(lines[0]).isEqualTo("  task: 10% (14 of 100 model passes)");
        assertThat(lines[9]).isEqualTo("  task: 100% (100 of 100 model passes)");
    }

    /** Occlusion of one 1×4×4 row with 2×2 windows, stride 2: 1 forward + 4 positions = 5 passes. */
    @Test
    void anOcclusionReportsThroughLimitsToTheLastPass() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PredictionFunction sum = PredictionFunction.of("sum", x -> x.reshape(x.size(0), -1).sum(1).reshape(-1, 1));
        Occlusion occlusion = new Occlusion(sum, OcclusionConfig.of(2, 2).withStrides(2, 2));
        Limits.defaults().withProgress(new StudyProgress("occlusion", new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .call(() -> occlusion.explain(Nd4j.ones(DataType.FLOAT, 1, 1, 4, 4), Target.classIndex(0)));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("  occlusion: 100% (5 of 5 model passes)\n");
    }
}
