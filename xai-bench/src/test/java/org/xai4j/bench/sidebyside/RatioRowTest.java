package org.xai4j.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table's arithmetic and formatting, on per-round times whose ratios are worked out by hand. */
class RatioRowTest {
    // rounds: xai4j 2, 4, 9, 1 ms against the anchor's 1, 2, 3, 2 ms: ratios 2, 2, 3, 0.5
    private final RatioRow row = RatioRow.of("small CNN", "forward", "forward", 8, 50, "torch 1.13", "defaults",
            new double[] {2, 4, 9, 1}, new double[] {1, 2, 3, 2});

    @Test
    void theMedianIsOfThePerRoundRatiosNotTheRatioOfMedians() {
        // sorted ratios 0.5, 2, 2, 3: median 2; median times 3 ms (xai4j) and 2 ms (anchor), whose ratio is 1.5
        assertThat(row.result().median()).isEqualTo(2.0);
        assertThat(row.result().min()).isEqualTo(0.5);
        assertThat(row.result().max()).isEqualTo(3.0);
        assertThat(row.result().methodMs()).isEqualTo(3.0);
        assertThat(row.result().rawMs()).isEqualTo(2.0);
        assertThat(row.result().rounds()).isEqualTo(4);
        // 4 rounds are too few for a 95% interval narrower than the whole range
        assertThat(row.result().low()).isEqualTo(0.5);
        assertThat(row.result().high()).isEqualTo(3.0);
    }

    @Test
    void oddRoundsTakeTheMiddleRatio() {
        RatioRow r = RatioRow.of("m", "x", "x", 1, 1, "a", "s", new double[] {30, 10, 50}, new double[] {10, 20, 10});
        // ratios 3, 0.5, 5
        assertThat(r.result().median()).isEqualTo(3.0);
        assertThat(r.result().min()).isEqualTo(0.5);
        assertThat(r.result().max()).isEqualTo(5.0);
    }

    @Test
    void formatsOneMarkdownLine() {
        assertThat(row.markdown()).isEqualTo(
                "| small CNN | forward | 8 | 3.00 | 2.00 | 2.00 | 0.50–3.00 | 4 × 50 | torch 1.13 | defaults |");
        assertThat(row.guard()).isEqualTo("forward 2.00");
        // the header has as many columns as a row
        String[] lines = RatioRow.header().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0].chars().filter(c -> c == '|').count())
                .isEqualTo(row.markdown().chars().filter(c -> c == '|').count())
                .isEqualTo(lines[1].chars().filter(c -> c == '|').count());
    }

    @Test
    void millisecondsKeepAboutThreeDigits() {
        assertThat(RatioRow.ms(0.8734)).isEqualTo("0.873");
        assertThat(RatioRow.ms(6.789)).isEqualTo("6.79");
        assertThat(RatioRow.ms(42.25)).isEqualTo("42.3");
        assertThat(RatioRow.ms(1234.4)).isEqualTo("1234");
    }

    @Test
    void refusesUnpairedRounds() {
        assertThatThrownBy(() -> RatioRow.of("m", "x", "x", 1, 1, "a", "s", new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1").hasMessageContaining("2");
    }

    @Test
    void theGuardLineListsEachModelsRatios() {
        RatioRow big = RatioRow.of("ResNet-18 224²", "gradcam", "Grad-CAM", 2, 1, "a", "defaults", new double[] {7},
                new double[] {10});
        assertThat(SideBySide.guardLine("abc1234", Instant.parse("2026-12-06T20:00:00Z"), "defaults",
                List.of(row, big))).isEqualTo("- abc1234 (2026-12-06, defaults): small CNN: forward 2.00; "
                + "ResNet-18 224²: gradcam 0.70");
    }

    @Test
    void blocksMakeTheSlowerSideLastAboutTheRoundTime() {
        assertThat(SideBySide.blockSize(0.5, 10_000_000L)).isEqualTo(50);      // 10 ms per call
        assertThat(SideBySide.blockSize(0.5, 3_000_000_000L)).isEqualTo(1);    // slower than a round
        assertThat(SideBySide.blockSize(0.5, 1_000L)).isEqualTo(1000);         // capped
    }
}
