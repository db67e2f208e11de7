package org.xai4j.models.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.XaiException;
import org.xai4j.models.io.Npy;

/**
 * The .npy reader on damaged files (issue 21): every damaged file gives a typed {@link XaiException} or an
 * array its bytes really hold — never another exception, a JVM crash, or an allocation the file does not back
 * (a header claiming 10¹² elements is refused before any array is made). 500 cases here; {@link NpyFuzzSlowTest}
 * runs 10,000.
 */
class NpyFuzzTest {
    @Property(tries = 500, seed = "20261204")
    void damagedFilesGiveTypedErrorsOnly(@ForAll long seed) {
        check(seed);
    }

    @Property(tries = 100, seed = "7")
    void validFilesRoundTrip(@ForAll long seed) {
        Random r = new Random(seed);
        Mutations.Valid valid = Mutations.valid(r);
        INDArray a = Npy.read(valid.bytes(), "valid");
        assertThat(a.shape()).containsExactly(valid.shape());
        INDArray again = Npy.read(Npy.toBytes(a), "again");
        assertThat(again.shape()).containsExactly(valid.shape());
        assertThat(again.dataType()).isEqualTo(a.dataType());
        assertThat(Npy.toBytes(again)).as("same bits (NaN payloads included)").isEqualTo(Npy.toBytes(a));
    }

    /** Cases checked in this JVM (the container hooks assert the promised counts ran). */
    static final java.util.concurrent.atomic.AtomicLong CASES = new java.util.concurrent.atomic.AtomicLong();

    static void check(long seed) {
        CASES.incrementAndGet();
        Random r = new Random(seed);
        byte[] bytes = Mutations.damage(Mutations.validNpy(r), r);
        try {
            INDArray a = Npy.read(bytes, "fuzz");
            // every element read takes at least one byte of the file (types may widen: float16 → float32)
            assertThat(a.length()).as("elements the file backs").isLessThanOrEqualTo(bytes.length);
        } catch (XaiException expected) {
            assertThat(expected.getMessage()).isNotBlank().contains("fuzz");
        }
    }

    private static long before;

    @net.jqwik.api.lifecycle.BeforeContainer
    static void countFrom() {
        before = NpyFuzzTest.CASES.get();
    }

    @net.jqwik.api.lifecycle.AfterContainer
    static void allCasesRan() {
        org.assertj.core.api.Assertions.assertThat(NpyFuzzTest.CASES.get() - before).as("damaged files checked")
                .isGreaterThanOrEqualTo(500);
    }
}
