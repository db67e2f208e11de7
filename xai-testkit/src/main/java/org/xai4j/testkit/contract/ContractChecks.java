package org.xai4j.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Explanation;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.Provenance;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.XaiException;
import org.xai4j.core.run.BudgetExceededException;
import org.xai4j.core.run.CancelledException;
import org.xai4j.core.run.DeadlineExceededException;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;

/**
 * The individual contract checks. Each throws {@link AssertionError} when the explainer breaks the
 * contract; they are public so that tests can show a check catches a broken explainer.
 */
public final class ContractChecks {
    private ContractChecks() {
    }

    /**
     * The explanation's values have the expected shape and are finite.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void outputShape(ContractCase<E> c) {
        INDArray v = c.values.apply(c.explainer.explain(c.input, c.target));
        assertThat(v.shape()).as("shape of the explanation").containsExactly(c.expectedShape);
        assertThat(Double.isFinite(v.sumNumber().doubleValue())).as("explanation values are finite").isTrue();
    }

    /**
     * Row i of the batch result equals the result for row i alone.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void batchEqualsRows(ContractCase<E> c) {
        INDArray batch = c.values.apply(c.explainer.explain(c.input, c.target));
        double scale = Math.max(1e-12, batch.amaxNumber().doubleValue());
        for (int i = 0; i < c.input.size(0); i++) {
            INDArray row = Batching.rows(c.input, i, i + 1).dup();
            INDArray alone = c.values.apply(c.explainer.explain(row, c.target.rows(i, i + 1)));
            INDArray inBatch = Batching.rows(batch, i, i + 1);
            assertThat(alone.shape()).as("shape of row %d explained alone", i).containsExactly(inBatch.shape());
            double diff = alone.castTo(DataType.DOUBLE).sub(inBatch.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            if (diff > c.rowTolerance * scale) {
                fail("row %d explained alone differs from the batch result by %s (tolerance %s × max |value| %s)",
                        i, diff, c.rowTolerance, scale);
            }
        }
    }

    /**
     * Two calls with the same configuration give identical bits.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void deterministic(ContractCase<E> c) {
        INDArray a = c.values.apply(c.explainer.explain(c.input, c.target));
        INDArray b = c.values.apply(c.explainer.explain(c.input, c.target));
        assertThat(bits(b)).as("second call's values, bit for bit").isEqualTo(bits(a));
    }

    /**
     * The input and every watched array are bit-for-bit unchanged after explaining.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void doesNotMutate(ContractCase<E> c) {
        List<INDArray> arrays = new ArrayList<>();
        arrays.add(c.input);
        arrays.addAll(c.watched);
        List<double[]> before = arrays.stream().map(ContractChecks::bits).toList();
        c.explainer.explain(c.input, c.target);
        for (int i = 0; i < arrays.size(); i++) {
            assertThat(bits(arrays.get(i))).as(i == 0 ? "input after explain" : "watched array " + i + " after explain")
                    .isEqualTo(before.get(i));
        }
    }

    /**
     * Provenance names the method, its config, model and target, and round-trips through JSON.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void provenanceRoundTrips(ContractCase<E> c) {
        Provenance p = c.explainer.explain(c.input, c.target).provenance();
        assertThat(p).as("provenance").isNotNull();
        assertThat(p.method()).isEqualTo(c.explainer.descriptor().name());
        assertThat(p.config()).isEqualTo(c.explainer.descriptor().config());
        assertThat(p.modelId()).as("model id").isNotBlank();
        assertThat(p.target()).as("target description").isNotBlank();
        assertThat(p.libraryVersion()).isNotBlank();
        assertThat(p.backend()).isNotBlank();
        assertThat(Provenance.fromJson(p.toJson())).isEqualTo(p);
        assertThat(Provenance.fromMap(p.toMap())).isEqualTo(p);
    }

    /**
     * An input with an extra leading axis is rejected with {@link InvalidShapeException}.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void rejectsWrongRank(ContractCase<E> c) {
        long[] s = c.input.shape();
        long[] bigger = new long[s.length + 1];
        bigger[0] = 1;
        System.arraycopy(s, 0, bigger, 1, s.length);
        INDArray wrong = c.input.dup().reshape(bigger);
        assertRejected(c, wrong, c.target, InvalidShapeException.class, "rank");
        INDArray flat = c.input.dup().reshape(c.input.length());
        assertRejected(c, flat, c.target, InvalidShapeException.class, "rank");
    }

    /**
     * A per-row target with one class too many for the batch is rejected.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void rejectsTargetRowMismatch(ContractCase<E> c) {
        int[] classes = new int[(int) c.input.size(0) + 1];
        assertRejected(c, c.input.dup(), Target.perRow(classes), InvalidTargetException.class, "rows");
    }

    /**
     * A class index equal to the number of classes is rejected.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void rejectsClassOutOfRange(ContractCase<E> c) {
        assertRejected(c, c.input.dup(), Target.classIndex(c.classes), InvalidTargetException.class,
                Integer.toString(c.classes));
    }

    /**
     * A NaN anywhere in the input is rejected, and the caller's array is left as it was.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void rejectsNaN(ContractCase<E> c) {
        INDArray bad = c.input.dup();
        long last = bad.length() - 1;
        bad.putScalar(last, Double.NaN);
        double[] before = bits(bad);
        assertRejected(c, bad, c.target, NonFiniteValueException.class, "NaN");
        assertThat(bits(bad)).as("caller's NaN input after the rejection").isEqualTo(before);
    }

    /**
     * A misspelt layer name raises {@link UnknownLayerException} suggesting the real name.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void rejectsUnknownLayer(ContractCase<E> c) {
        String misspelt = c.layer + "_x";
        Throwable t = catchAny(() -> c.withLayer.apply(misspelt).explain(c.input.dup(), c.target));
        assertThat(t).as("error for layer '%s'", misspelt).isInstanceOf(UnknownLayerException.class);
        UnknownLayerException e = (UnknownLayerException) t;
        assertThat(e.layer()).isEqualTo(misspelt);
        assertThat(e.suggestions()).as("suggestions for '%s'", misspelt).contains(c.layer);
        assertThat(e.getMessage()).contains(misspelt);
    }

    private static Throwable catchAny(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        return null;
    }

    private static <E extends Explanation> void assertRejected(ContractCase<E> c, INDArray input, Target target,
                                                               Class<? extends XaiException> type, String mention) {
        assertThatThrownBy(() -> c.explainer.explain(input, target))
                .as("explaining shape %s with %s", Arrays.toString(input.shape()), target.describe())
                .isInstanceOf(type)
                .hasMessageContaining(mention);
    }

    /** The values as doubles in row-major order (exact for float and double arrays). */
    static double[] bits(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * An interrupt stops the call within one batch: interrupted after its first model call (from the progress
     * listener), it raises {@link CancelledException} at the next model call, returns no result and leaves the
     * interrupt flag set; a method that needed only that one model call may finish. A method that makes no model
     * call through {@link org.xai4j.core.model.ModelCalls} cannot be cancelled and fails this check.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void cancelledWithinOneBatch(ContractCase<E> c) {
        int[] calls = new int[1];
        Limits limits = Limits.defaults().withProgress((done, planned) -> {
            calls[0]++;
            Thread.currentThread().interrupt();
        });
        try {
            E result;
            try {
                result = limits.call(() -> c.explainer.explain(c.input, c.target));
            } catch (CancelledException e) {
                assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag after cancelling").isTrue();
                assertThat(calls[0]).as("model calls made before cancelling took effect").isEqualTo(1);
                return;
            }
            assertThat(result).isNotNull();
            assertThat(calls[0]).as("model calls counted by ModelCalls (the path that checks for an interrupt)")
                    .isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * A deadline already passed stops the call at its first model call, with no result.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void stopsAtDeadline(ContractCase<E> c) {
        assertThatThrownBy(() -> Limits.defaults().withTimeout(Duration.ZERO)
                .call(() -> c.explainer.explain(c.input, c.target))).isInstanceOf(DeadlineExceededException.class);
    }

    /**
     * Every method states its plan before any work (or, with {@link ContractCase.Builder#planAfterFirstPasses},
     * right after its first passes), and sends exactly that many rows through the model as ModelCalls counts them;
     * the progress listener is told the same total.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void planEqualsCountedPasses(ContractCase<E> c) {
        Optional<Plan> plan = c.explainer.plan(c.input, c.target);
        long[] reported = {-1};
        long counted = Limits.defaults().withProgress((done, planned) -> reported[0] = planned).call(() -> {
            c.explainer.explain(c.input, c.target);
            return Limits.passesSoFar();
        });
        assertThat(counted).as("rows through the model").isPositive();
        if (c.passesBeforePlan > 0) {
            assertThat(plan).as("plan of a method whose cost is known after its first passes").isEmpty();
        } else {
            assertThat(plan).as("the stated plan").isPresent();
            assertThat(plan.get().passes()).as("planned passes (" + plan.get() + ")").isEqualTo(counted);
        }
        assertThat(reported[0]).as("the total of passes told to the progress listener").isEqualTo(counted);
    }

    /**
     * Progress rises monotonically to the plan's total, told through the one listener every explainer family
     * reports to ({@link Limits#withProgress}): after every model call the listener hears more passes made than
     * before and never a smaller total; once a total is stated no report exceeds it; and the last report has made
     * = planned = the passes the call counted. A method that adds to its plan after its first passes
     * ({@link ContractCase.Builder#planAfterFirstPasses}) may raise the total, never lower it.
     *
     * @param c   the explainer, its input and target
     * @param <E> the explanation type
     */
    public static <E extends Explanation> void progressRisesToThePlan(ContractCase<E> c) {
        List<long[]> reports = new ArrayList<>();
        long counted = Limits.defaults().withProgress((done, planned) -> reports.add(new long[] {done, planned}))
                .call(() -> {
                    c.explainer.explain(c.input, c.target);
                    return Limits.passesSoFar();
                });
        assertThat(reports).as("progress reports (one per model call through ModelCalls)").isNotEmpty();
        long[] previous = {0, 0};
        for (int i = 0; i < reports.size(); i++) {
            long[] r = reports.get(i);
            assertThat(r[0]).as("passes made at report %d of %d (previous %d)", i + 1, reports.size(), previous[0])
                    .isGreaterThan(previous[0]);
            assertThat(r[1]).as("total planned at report %d of %d (previous %d)", i + 1, reports.size(), previous[1])
                    .isGreaterThanOrEqualTo(previous[1]);
            if (r[1] > 0) {
                assertThat(r[0]).as("passes made at report %d against the %d planned", i + 1, r[1])
                        .isLessThanOrEqualTo(r[1]);
            }
            previous = r;
        }
        assertThat(previous[1]).as("the total planned at the last report").isEqualTo(counted);
        assertThat(previous[0]).as("the passes made at the last report").isEqualTo(counted);
    }

    /**
     * A budget one pass below what the call needs is refused before any model call (for a method that plans after
     * its first passes: right after them), with a {@link BudgetExceededException} naming the parameter to lower.
     *
     * @param <E> the explanation type
     * @param c   the case under test
     * @throws AssertionError if the explainer breaks this part of the contract
     */
    public static <E extends Explanation> void refusesAPlanAboveTheBudget(ContractCase<E> c) {
        long needed = Limits.defaults().call(() -> {
            c.explainer.explain(c.input, c.target);
            return Limits.passesSoFar();
        });
        Optional<Plan> plan = c.explainer.plan(c.input, c.target);
        long[] madeBeforeRefusal = {-1};
        assertThatThrownBy(() -> Limits.defaults().withMaxPasses(Math.max(1, needed - 1)).call(() -> {
            try {
                return c.explainer.explain(c.input, c.target);
            } catch (BudgetExceededException e) {
                madeBeforeRefusal[0] = Limits.passesSoFar();
                throw e;
            }
        })).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("lower " + plan.map(p -> p.parameter().isEmpty() ? "the input's rows" : p.parameter())
                        .orElse(""));
        assertThat(madeBeforeRefusal[0]).as("model passes made before the refusal").isEqualTo(c.passesBeforePlan);
    }

}
