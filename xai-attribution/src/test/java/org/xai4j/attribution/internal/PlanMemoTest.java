package org.xai4j.attribution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xai4j.core.run.Plan;

class PlanMemoTest {
    @Test
    void aPlanIsMadeOncePerRowCountAndPassesPerRow() {
        AtomicInteger made = new AtomicInteger();
        long[] perRow = {25};
        PlanMemo memo = new PlanMemo(rows -> {
            made.incrementAndGet();
            return new Plan("m", rows * (1 + perRow[0]), "samples", rows + " rows");
        });
        Plan one = memo.of(1, 25);
        assertThat(memo.of(1, 25)).isSameAs(one);
        assertThat(made).hasValue(1);
        assertThat(one.passes()).isEqualTo(26);
        assertThat(memo.of(3, 25).passes()).as("another row count: a new plan").isEqualTo(78);
        perRow[0] = 4;
        assertThat(memo.of(3, 4).passes()).as("other passes per row: remade").isEqualTo(15);
        assertThat(memo.of(1, 4).formula()).isEqualTo("1 rows");
        assertThat(made).hasValue(4);
    }
}
