package org.xai4j.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.function.Consumer;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.run.BudgetExceededException;
import org.xai4j.core.run.Limits;
import org.xai4j.testkit.models.CallRecordingModel;

/**
 * Checks that an explainer or metric calls its model only through {@link org.xai4j.core.model.ModelCalls}: a
 * model's own failure comes back as an {@link XaiException} naming the batch, and every row the model sees is
 * counted against the {@link Limits} budget. Each check builds its models with {@link CallRecordingModel} around
 * {@code inner} and hands them to {@code run}, which builds the explainer on the model it is given and explains.
 */
public final class ModelCallChecks {
    private ModelCallChecks() {
    }

    /**
     * A model that throws a plain runtime exception on its second call stops the run with an
     * {@link XaiException} naming the shape of the batch that second call was given, with the model's exception
     * as the cause, and no further call is made.
     *
     * @param inner the model computing the results of the calls that do not fail
     * @param run   builds the explainer on the given model and explains (needs at least two model calls)
     */
    public static void failureOnTheSecondCallNamesItsBatch(LayeredModel inner, Consumer<LayeredModel> run) {
        CallRecordingModel failing = CallRecordingModel.failingOnCall(inner, 2);
        assertThatThrownBy(() -> run.accept(failing))
                .isInstanceOf(XaiException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("model " + failing.id()
                        + " failed on a batch of shape " + Arrays.toString(failing.shapeOfCall(2)) + ": "
                        + CallRecordingModel.FAILURE))
                .cause().isInstanceOf(IllegalStateException.class).hasMessage(CallRecordingModel.FAILURE);
        assertThat(failing.calls()).as("model calls, the failed second one included").isEqualTo(2);
    }

    /**
     * Every row the model sees is counted: the passes {@link Limits} counted equal the rows the model was given;
     * a budget of exactly that many passes lets the run finish, and a budget of one pass fewer stops it with
     * {@link BudgetExceededException} before the model has seen more rows than the budget.
     *
     * @param inner the model computing the results
     * @param run   builds the explainer on the given model and explains
     * @return the passes one run makes
     */
    public static long everyPassIsCountedAgainstTheBudget(LayeredModel inner, Consumer<LayeredModel> run) {
        CallRecordingModel counted = CallRecordingModel.recording(inner);
        long passes = Limits.defaults().call(() -> {
            run.accept(counted);
            return Limits.passesSoFar();
        });
        assertThat(counted.rows()).as("rows the model saw").isPositive();
        assertThat(passes).as("passes counted by Limits").isEqualTo(counted.rows());

        CallRecordingModel exact = CallRecordingModel.recording(inner);
        Limits.defaults().withMaxPasses(passes).call(() -> {
            run.accept(exact);
            return null;
        });
        assertThat(exact.rows()).as("rows under a budget of exactly %d passes", passes).isEqualTo(passes);

        if (passes > 1) {
            CallRecordingModel limited = CallRecordingModel.recording(inner);
            assertThatThrownBy(() -> Limits.defaults().withMaxPasses(passes - 1).call(() -> {
                run.accept(limited);
                return null;
            })).isInstanceOf(BudgetExceededException.class);
            assertThat(limited.rows()).as("rows the model saw under a budget of %d passes", passes - 1)
                    .isLessThanOrEqualTo(passes - 1);
        }
        return passes;
    }
}
