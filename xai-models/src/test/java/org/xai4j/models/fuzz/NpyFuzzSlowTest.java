package org.xai4j.models.fuzz;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Tag;

/** {@link NpyFuzzTest}'s property over 10,000 damaged files (slow suite: {@code mvn -Pslow test}). */
@Tag("slow")
class NpyFuzzSlowTest {
    @Property(tries = 10_000, seed = "42")
    void damagedFilesGiveTypedErrorsOnly(@ForAll long seed) {
        NpyFuzzTest.check(seed);
    }

    private static long before;

    @net.jqwik.api.lifecycle.BeforeContainer
    static void countFrom() {
        before = NpyFuzzTest.CASES.get();
    }

    @net.jqwik.api.lifecycle.AfterContainer
    static void allCasesRan() {
        org.assertj.core.api.Assertions.assertThat(NpyFuzzTest.CASES.get() - before).as("damaged files checked")
                .isGreaterThanOrEqualTo(10000);
    }
}
