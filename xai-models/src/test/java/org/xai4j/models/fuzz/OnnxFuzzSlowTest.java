package org.xai4j.models.fuzz;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Tag;

/** {@link OnnxFuzzTest}'s property over 10,000 damaged models (slow suite: {@code mvn -Pslow test}). */
@Tag("slow")
class OnnxFuzzSlowTest {
    @Property(tries = 10_000, seed = "42")
    void damagedModelsGiveTypedErrorsOnly(@ForAll long seed) {
        OnnxFuzzTest.check(seed);
    }

    private static long before;

    @net.jqwik.api.lifecycle.BeforeContainer
    static void countFrom() {
        before = OnnxFuzzTest.CASES.get();
    }

    @net.jqwik.api.lifecycle.AfterContainer
    static void allCasesRan() {
        org.assertj.core.api.Assertions.assertThat(OnnxFuzzTest.CASES.get() - before).as("damaged files checked")
                .isGreaterThanOrEqualTo(10000);
    }
}
