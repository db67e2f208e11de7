package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.XaiException;

class BatchingTest {
    @Test
    void rangesCoverInOrder() {
        assertThat(Batching.ranges(10, 4)).containsExactly(new Batching.Range(0, 4), new Batching.Range(4, 8),
                new Batching.Range(8, 10));
        assertThat(Batching.ranges(0, 4)).isEmpty();
        assertThatThrownBy(() -> Batching.ranges(3, 0)).isInstanceOf(XaiException.class);
    }

    @Test
    void rowsOfAnOffsetViewAreThoseRows() {
        // ND4J's get() alone returns shape [] for row 1 of rows [1, 3) of a 4-row batch
        INDArray c = Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 4, 3, 2);
        for (INDArray base : List.of(c, c.dup('f'), c.permute(0, 2, 1).dup().permute(0, 2, 1))) {
            for (int from = 0; from < 3; from++) {
                INDArray view = Batching.rows(base, from, from + 2);
                for (int i = 0; i < 2; i++) {
                    INDArray row = Batching.rows(view, i, i + 1);
                    assertThat(row.shape()).as("row %d of rows [%d, %d)", i, from, from + 2).containsExactly(1, 3, 2);
                    assertThat(row.dup('c').data().asDouble()).isEqualTo(Batching.rows(c, from + i, from + i + 1)
                            .dup('c').data().asDouble());
                }
            }
        }
    }

    @Test
    void memoryBudgetLimitsRows() {
        BatchPolicy p = new BatchPolicy(64, 1000);
        assertThat(p.rowsPerBatch(300)).isEqualTo(3);
        assertThat(p.rowsPerBatch(5000)).isEqualTo(1);
        assertThat(p.rowsPerBatch(1)).isEqualTo(64);
        assertThat(BatchPolicy.ofRows(7).rowsPerBatch(1L << 40)).isEqualTo(7);
        assertThat(Batching.ranges(10, 300, p)).hasSize(4);
        assertThatThrownBy(() -> new BatchPolicy(0, 0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new BatchPolicy(1, -1)).isInstanceOf(InvalidConfigException.class);
    }

    @Property(tries = 30)
    void mapReassemblesRowsInOrder(@ForAll @IntRange(min = 1, max = 23) int n, @ForAll @IntRange(min = 1, max = 9) int rows) {
        INDArray x = Rng.seeded(n * 31L + rows).uniform(DataType.DOUBLE, -1, 1, n, 2, 3);
        List<Batching.Range> seen = new ArrayList<>();
        INDArray y = Batching.map(x, rows, (block, range) -> {
            seen.add(range);
            assertThat(block.size(0)).isLessThanOrEqualTo(rows);
            return block.mul(2).add(range.from());
        });
        // the blocks, written out here (not Batching.ranges, which map uses): [0, rows), [rows, 2·rows), …, the last
        // one ending at n — ⌈n / rows⌉ of them
        assertThat(seen).hasSize((n + rows - 1) / rows);
        for (int k = 0; k < seen.size(); k++) {
            assertThat(seen.get(k)).isEqualTo(new Batching.Range(k * rows, Math.min(n, (k + 1) * rows)));
        }
        for (Batching.Range r : seen) {
            assertThat(Batching.rows(y, r.from(), r.to())).isEqualTo(Batching.rows(x, r.from(), r.to()).mul(2).add(r.from()));
        }
    }

    @Test
    void mapRejectsWrongRowCount() {
        INDArray x = Rng.seeded(1).uniform(DataType.DOUBLE, 0, 1, 5, 2);
        assertThatThrownBy(() -> Batching.map(x, 2, b -> b.sum(0).reshape(1, 2))).isInstanceOf(XaiException.class)
                .hasMessageContaining("2 rows");
    }
}
