package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.XaiException;

class MemoryWatchTest {
    private static final long MB = 1L << 20;

    @Test
    void readsSizesAsJavaCppDoes() {
        assertThat(MemoryWatch.parse(null)).isZero();
        assertThat(MemoryWatch.parse(" ")).isZero();
        assertThat(MemoryWatch.parse("0")).isZero();
        assertThat(MemoryWatch.parse("4096")).isEqualTo(4096);
        assertThat(MemoryWatch.parse("8G")).isEqualTo(8L << 30);
        assertThat(MemoryWatch.parse("512m")).isEqualTo(512 * MB);
        assertThat(MemoryWatch.parse("3K")).isEqualTo(3072);
        assertThat(MemoryWatch.parse("2T")).isEqualTo(2L << 40);
        for (String bad : new String[] {"8GB", "lots", "-1G", "G", "99999999999T"}) {
            assertThatThrownBy(() -> MemoryWatch.parse(bad)).as(bad).isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("-Dxai4j.spark.maxrss").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void collectsAboveTheLimitAndRefusesOnlyWhenCollectingDoesNotHelp() {
        AtomicLong rss = new AtomicLong(100 * MB);
        AtomicInteger collections = new AtomicInteger();
        long[] afterCollection = {Long.MIN_VALUE}; // what a collection brings the resident size down to, if set
        MemoryWatch w = new MemoryWatch(200 * MB, rss::get, () -> {
            collections.incrementAndGet();
            if (afterCollection[0] != Long.MIN_VALUE) {
                rss.set(afterCollection[0]);
            }
        });
        w.look();
        assertThat(collections).hasValue(0); // under the limit: nothing to do
        // above the limit, and a collection frees enough: collected each time, never refused
        rss.set(300 * MB);
        afterCollection[0] = 150 * MB;
        for (int i = 0; i < 2 * MemoryWatch.RETRIES; i++) {
            rss.set(300 * MB);
            w.look();
        }
        assertThat(collections).hasValue(2 * MemoryWatch.RETRIES);
        assertThatCode(w::refuseIfOver).doesNotThrowAnyException();
        // collections do not help: refused after RETRIES looks in a row, not before
        afterCollection[0] = 250 * MB;
        rss.set(300 * MB);
        for (int i = 1; i < MemoryWatch.RETRIES; i++) {
            w.look();
            assertThatCode(w::refuseIfOver).as("look %d", i).doesNotThrowAnyException();
        }
        w.look();
        assertThatThrownBy(w::refuseIfOver).isInstanceOf(XaiException.class)
                .hasMessageContaining("250 MB").hasMessageContaining("200 MB").hasMessageContaining("xai4j.spark.maxrss");
        // stopped and still above: a collection only every LOOKS_PER_COLLECTION_WHEN_REFUSED looks, not on each
        int before = collections.get();
        for (int i = 1; i < MemoryWatch.LOOKS_PER_COLLECTION_WHEN_REFUSED; i++) {
            w.look();
        }
        assertThat(collections).hasValue(before);
        w.look();
        assertThat(collections).hasValue(before + 1);
        assertThatThrownBy(w::refuseIfOver).isInstanceOf(XaiException.class);
        // back under the limit: explaining goes on
        rss.set(120 * MB);
        w.look();
        assertThatCode(w::refuseIfOver).doesNotThrowAnyException();
    }
}
