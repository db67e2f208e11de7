package org.xai4j.concepts.ice;

import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.testkit.models.TinyConvNet;

/** ICE joins the explainer contract on the test kit's conv net. */
class IceContractTest extends ExplainerContract {
    @Override
    protected Stream<ContractCase<?>> cases() {
        TinyConvNet net = TinyConvNet.random(4, 2, 5, 3, 3, 6, 7);
        INDArray fitImages = Rng.seeded(1).uniform(DataType.DOUBLE, -1, 1, 10, 2, 6, 7);
        IceConcepts concepts = Ice.fit(net, IceConfig.of("relu", 3).withBatch(BatchPolicy.ofRows(4)), fitImages);
        Ice ice = new Ice(net, concepts);
        INDArray img = Rng.seeded(12).uniform(DataType.FLOAT, -1, 1, 3, 2, 6, 7);
        return Stream.of(
                ContractCase.of("ice heatmaps on tiny-conv relu", ice).values(IceExplanation::heatmaps)
                        .expectedShape(3, 3, 6, 7).input(img).target(Target.perRow(2, 0, 1)).classes(3)
                        .layer("relu", ice::atLayer).build(),
                ContractCase.of("ice derivatives on tiny-conv relu", ice).values(IceExplanation::derivatives)
                        .expectedShape(3, 3).input(img).target(Target.predicted()).classes(3)
                        .layer("relu", ice::atLayer).build());
    }
}
