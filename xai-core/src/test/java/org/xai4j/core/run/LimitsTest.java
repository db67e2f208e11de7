package org.xai4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;

class LimitsTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final PredictionFunction model = PredictionFunction.of("sum", x -> {
        calls.incrementAndGet();
        return x.sum(1).reshape(-1, 1);
    });

    /** Three model calls of 4, 4 and 2 rows, as an explainer's batching loop would make them. */
    private long work() {
        for (int rows : new int[] {4, 4, 2}) {
            ModelCalls.predict(model, Nd4j.ones(DataType.DOUBLE, rows, 3));
        }
        return Limits.passesSoFar();
    }

    @Test
    void everyModelCallIsCountedInRowsAndReported() {
        List<long[]> seen = new ArrayList<>();
        long counted = Limits.defaults().withProgress((done, planned) -> seen.add(new long[] {done, planned}))
                .call(() -> {
                    Limits.start(new Plan("test", 10, "steps", "10 rows"));
                    return work();
                });
        assertThat(counted).isEqualTo(10);
        assertThat(seen).extracting(a -> a[0]).containsExactly(4L, 8L, 10L);
        assertThat(seen).extracting(a -> a[1]).containsOnly(10L);
        assertThat(Limits.passesSoFar()).as("outside a call nothing is counted").isZero();
    }

    @Test
    void aPlanAboveTheBudgetIsRefusedBeforeAnyModelCall() {
        assertThatThrownBy(() -> Limits.defaults().withMaxPasses(9).call(() -> {
            Limits.start(new Plan("test", 10, "steps", "steps=10 × 1 row"));
            return work();
        })).isInstanceOf(BudgetExceededException.class)
                .hasMessage("test would send 10 rows through the model (steps=10 × 1 row), above the budget of 9 model"
                        + " passes; lower steps, or raise the budget (-Dxai4j.maxPasses=N, or Limits.withMaxPasses in"
                        + " the API)");
        assertThat(calls).hasValue(0);
    }

    @Test
    void passesLearnedAfterTheFirstCallsAreCheckedAgainstWhatIsLeft() {
        List<long[]> seen = new ArrayList<>();
        long counted = Limits.defaults().withMaxPasses(10).withProgress((done, planned) -> seen.add(new long[] {done, planned}))
                .call(() -> {
                    Limits.start(new Plan("test", 4, "", "4 rows"));
                    ModelCalls.predict(model, Nd4j.ones(DataType.DOUBLE, 4, 3));
                    Limits.extend(new Plan("test", 6, "layer", "6 channels"));
                    ModelCalls.predict(model, Nd4j.ones(DataType.DOUBLE, 6, 3));
                    return Limits.passesSoFar();
                });
        assertThat(counted).isEqualTo(10);
        assertThat(seen).extracting(a -> a[1]).containsExactly(4L, 10L);
        calls.set(0);
        long[] made = {-1};
        assertThatThrownBy(() -> Limits.defaults().withMaxPasses(9).call(() -> {
            Limits.start(new Plan("test", 4, "", "4 rows"));
            ModelCalls.predict(model, Nd4j.ones(DataType.DOUBLE, 4, 3));
            made[0] = Limits.passesSoFar();
            Limits.extend(new Plan("test", 6, "layer", "6 channels"));
            return ModelCalls.predict(model, Nd4j.ones(DataType.DOUBLE, 6, 3));
        })).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("would send 6 rows through the model (6 channels) after the 4 made, above the"
                        + " budget of 9 model passes; lower layer");
        assertThat(calls).as("only the first call was made").hasValue(1);
        assertThat(made[0]).isEqualTo(4);
    }

    @Test
    void theDefaultBudgetIsAMillionAndASystemPropertyChangesIt() {
        assertThat(Limits.defaults().maxPasses()).isEqualTo(1_000_000L);
        String old = System.getProperty(Limits.MAX_PASSES_PROPERTY);
        System.setProperty(Limits.MAX_PASSES_PROPERTY, "5");
        try {
            assertThat(Limits.current().maxPasses()).isEqualTo(5);
            assertThatThrownBy(() -> new Plan("m", 6, "samples", "6 rows").requireWithinBudget())
                    .isInstanceOf(BudgetExceededException.class).hasMessageContaining("lower samples");
        } finally {
            if (old == null) {
                System.clearProperty(Limits.MAX_PASSES_PROPERTY);
            } else {
                System.setProperty(Limits.MAX_PASSES_PROPERTY, old);
            }
        }
    }

    @Test
    void aCallWithoutAPlanIsStoppedWhenItWouldPassTheBudget() {
        assertThatThrownBy(() -> Limits.defaults().withMaxPasses(9).call(this::work))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("8 made");
        assertThat(calls).as("the third call is never made").hasValue(2);
    }

    @Test
    void anInterruptStopsBeforeTheNextModelCallAndStaysSet() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(this::work).isInstanceOf(CancelledException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag is restored").isTrue();
            assertThat(calls).hasValue(0);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aPassedDeadlineStopsTheCall() {
        assertThatThrownBy(() -> Limits.defaults().withTimeout(Duration.ofNanos(-1)).call(this::work))
                .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("deadline");
        assertThat(calls).hasValue(0);
    }

    @Test
    void eachThreadHasItsOwnLimits() throws Exception {
        long[] other = new long[1];
        Limits.defaults().withMaxPasses(1).call(() -> {
            Thread t = new Thread(() -> other[0] = work());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertThat(other[0]).as("another thread is not under this thread's budget (nor counted)").isZero();
        assertThat(calls).hasValue(3);
    }
}
