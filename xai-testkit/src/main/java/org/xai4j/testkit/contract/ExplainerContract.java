package org.xai4j.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xai4j.core.Explanation;

/**
 * Extend this in a module's tests and list that module's explainers in {@link #cases()}; every case gets
 * every check of {@link ContractChecks} as its own test.
 */
public abstract class ExplainerContract {
    /**
     * The explainers of the module under test, each over a model and an input.
     *
     * @return a fresh stream of cases; each becomes a container of one dynamic test per check
     */
    protected abstract Stream<ContractCase<?>> cases();

    @TestFactory
    Stream<DynamicNode> contract() {
        return cases().map(ExplainerContract::container);
    }

    private static <E extends Explanation> DynamicContainer container(ContractCase<E> c) {
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("output shape", () -> ContractChecks.outputShape(c)));
        tests.add(DynamicTest.dynamicTest("batch equals rows", () -> ContractChecks.batchEqualsRows(c)));
        tests.add(DynamicTest.dynamicTest("deterministic", () -> ContractChecks.deterministic(c)));
        tests.add(DynamicTest.dynamicTest("does not mutate", () -> ContractChecks.doesNotMutate(c)));
        tests.add(DynamicTest.dynamicTest("provenance round-trips", () -> ContractChecks.provenanceRoundTrips(c)));
        tests.add(DynamicTest.dynamicTest("rejects wrong rank", () -> ContractChecks.rejectsWrongRank(c)));
        tests.add(DynamicTest.dynamicTest("rejects target row mismatch", () -> ContractChecks.rejectsTargetRowMismatch(c)));
        tests.add(DynamicTest.dynamicTest("rejects class out of range", () -> ContractChecks.rejectsClassOutOfRange(c)));
        tests.add(DynamicTest.dynamicTest("rejects NaN", () -> ContractChecks.rejectsNaN(c)));
        tests.add(DynamicTest.dynamicTest("cancelled within one batch", () -> ContractChecks.cancelledWithinOneBatch(c)));
        tests.add(DynamicTest.dynamicTest("stops at a deadline", () -> ContractChecks.stopsAtDeadline(c)));
        tests.add(DynamicTest.dynamicTest("plan equals counted passes", () -> ContractChecks.planEqualsCountedPasses(c)));
        tests.add(DynamicTest.dynamicTest("progress rises to the plan", () -> ContractChecks.progressRisesToThePlan(c)));
        tests.add(DynamicTest.dynamicTest("refuses a plan above the budget", () -> ContractChecks.refusesAPlanAboveTheBudget(c)));
        if (c.withLayer != null) {
            tests.add(DynamicTest.dynamicTest("rejects unknown layer", () -> ContractChecks.rejectsUnknownLayer(c)));
        }
        return DynamicContainer.dynamicContainer(c.name, tests);
    }
}
