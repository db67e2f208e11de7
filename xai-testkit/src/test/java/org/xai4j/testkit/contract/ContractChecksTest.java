package org.xai4j.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Explainer;
import org.xai4j.core.target.Target;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.TinyConvNet;

/** Each contract check fails on an explainer that breaks its rule, and passes on one that keeps it. */
class ContractChecksTest {
    private final LinearModel model = LinearModel.random(1, 3, 6);
    private final INDArray input = TestkitContractTest.data(5, 3, 6);

    private ContractCase<Attribution> caseFor(Explainer<INDArray, Attribution> e) {
        return ContractCase.attribution("case", e).input(input).target(Target.perRow(0, 1, 2)).classes(3).build();
    }

    private void catches(Explainer<INDArray, Attribution> broken, Consumer<ContractCase<Attribution>> check) {
        ContractCase<Attribution> good = caseFor(new TestExplainers.Gradient(model));
        assertThatCode(() -> check.accept(good)).as("the check passes a correct explainer").doesNotThrowAnyException();
        assertThatThrownBy(() -> check.accept(caseFor(broken))).as("the check fails a broken explainer")
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void mutationIsCaught() {
        catches(new TestExplainers.Mutating(model), ContractChecks::doesNotMutate);
    }

    @Test
    void nondeterminismIsCaught() {
        catches(new TestExplainers.Unseeded(model), ContractChecks::deterministic);
    }

    @Test
    void rowMixingIsCaught() {
        catches(new TestExplainers.BatchMixing(model), ContractChecks::batchEqualsRows);
    }

    @Test
    void missingNaNCheckIsCaught() {
        catches(new TestExplainers.Unchecked(model), ContractChecks::rejectsNaN);
    }

    @Test
    void missingShapeCheckIsCaught() {
        catches(new TestExplainers.Unchecked(model), ContractChecks::rejectsWrongRank);
    }

    @Test
    void aModelCallOutsideModelCallsIsCaughtAsUncancellable() {
        catches(new TestExplainers.Unchecked(model), ContractChecks::cancelledWithinOneBatch);
        catches(new TestExplainers.Unchecked(model), ContractChecks::stopsAtDeadline);
    }

    @Test
    void aWrongPlanIsCaught() {
        catches(new TestExplainers.Misplanned(model), ContractChecks::planEqualsCountedPasses);
    }

    @Test
    void aPlanNotDeclaredBeforeTheWorkIsCaught() {
        catches(new TestExplainers.Unstarted(model), ContractChecks::refusesAPlanAboveTheBudget);
        catches(new TestExplainers.Unstarted(model), ContractChecks::planEqualsCountedPasses);
    }

    @Test
    void progressWithoutAPlanOrBelowItsTotalIsCaught() {
        catches(new TestExplainers.Unstarted(model), ContractChecks::progressRisesToThePlan);
        catches(new TestExplainers.Misplanned(model), ContractChecks::progressRisesToThePlan);
    }

    @Test
    void wrongProvenanceIsCaught() {
        catches(new TestExplainers.Misnamed(model), ContractChecks::provenanceRoundTrips);
    }

    @Test
    void wrongShapeIsCaught() {
        ContractCase<Attribution> c = ContractCase.attribution("case", new TestExplainers.Gradient(model))
                .input(input).target(Target.classIndex(0)).classes(3).expectedShape(3, 7).build();
        assertThatThrownBy(() -> ContractChecks.outputShape(c)).isInstanceOf(AssertionError.class);
    }

    @Test
    void unknownLayerWithoutSuggestionIsCaught() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        INDArray img = TestkitContractTest.data(12, 2, 2, 6, 7);
        // A factory that silently falls back to a default layer instead of failing.
        ContractCase<Attribution> c = ContractCase.attribution("fallback", new TestExplainers.LayerMap(conv, "relu"))
                .input(img).target(Target.classIndex(0)).classes(5).expectedShape(2, 6, 7)
                .layer("relu", l -> new TestExplainers.LayerMap(conv, "relu")).build();
        assertThatThrownBy(() -> ContractChecks.rejectsUnknownLayer(c)).isInstanceOf(AssertionError.class);
    }
}
