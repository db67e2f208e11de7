package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xai4j.cli.MethodCatalog;

/** {@link RowSeeds} against the JDK's SplitMix64 ({@link SplittableRandom}) and the registry's seeded methods. */
class RowSeedsTest {
    @Test
    void rowIdIsTheIndexIntoSplitMix64sSequence() {
        for (long jobSeed : new long[] {0, 1, -7, 42, Long.MAX_VALUE}) {
            SplittableRandom reference = new SplittableRandom(jobSeed);
            for (long id = 0; id < 50; id++) {
                assertThat(RowSeeds.of(jobSeed, id)).as("job %d row %d", jobSeed, id).isEqualTo(reference.nextLong());
            }
        }
        // Vigna's splitmix64.c from state 0: the first outputs
        assertThat(RowSeeds.of(0, 0)).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(RowSeeds.of(0, 1)).isEqualTo(0x6e789e6aa1b965f4L);
    }

    @Test
    void distinctRowsGetDistinctSeeds() {
        Set<Long> seen = new HashSet<>();
        for (long id = 0; id < 10_000; id++) {
            seen.add(RowSeeds.of(3, id));
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void theRandomMethodsAreSeededAndTheirJobSeedIsTheParameterOrItsDefault() {
        assertThat(RowSeeds.seeded(MethodCatalog.get("kernel-shap"))).isTrue();
        assertThat(RowSeeds.seeded(MethodCatalog.get("smoothgrad"))).isTrue();
        assertThat(RowSeeds.seeded(MethodCatalog.get("lime"))).isTrue();
        assertThat(RowSeeds.seeded(MethodCatalog.get("gradient-shap"))).isTrue();
        assertThat(RowSeeds.seeded(MethodCatalog.get("saliency"))).isFalse();
        assertThat(RowSeeds.seeded(MethodCatalog.get("gradcam"))).isFalse();
        assertThat(RowSeeds.jobSeed(MethodCatalog.get("kernel-shap"), List.of("seed=77", "grid=4"))).isEqualTo(77);
        String shown = MethodCatalog.get("lime").params().stream().filter(d -> d.name().equals("seed")).findFirst()
                .orElseThrow().defaultValue();
        assertThat(RowSeeds.jobSeed(MethodCatalog.get("lime"), List.of())).isEqualTo(Long.parseLong(shown));
    }
}
