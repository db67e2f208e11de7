package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ForkedRanges}: every part ends before the call does, failures included (a parallel stream fails this). */
class ForkedRangesTest {
    /**
     * Ranges side by side end before the call does: when the caller's range fails at once, the call still waits for
     * the slow forked ranges (which write into buffers the caller then lets go) and throws the first failure with the
     * later ones suppressed; when all succeed, the answer is every range's.
     */
    @Test
    void everyRangeEndsBeforeTheCallReturnsOrThrows() {
        AtomicInteger ended = new AtomicInteger();
        assertThatThrownBy(() -> ForkedRanges.all(3, k -> {
            if (k == 0) {
                throw new IllegalStateException("range 0");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.incrementAndGet();
            if (k == 2) {
                throw new IllegalArgumentException("range 2");
            }
            return true;
        })).isInstanceOf(IllegalStateException.class).hasMessage("range 0")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(ended.get()).isEqualTo(2);
        assertThat(ForkedRanges.all(3, k -> true)).isTrue();
        assertThat(ForkedRanges.all(3, k -> k != 1)).isFalse();
    }
}
