package org.xai4j.concepts.tcav;

import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.testkit.models.TinyConvNet;

/** TCAV's per-input sensitivities join the explainer contract on the test kit's conv net. */
class TcavContractTest extends ExplainerContract {
    @Override
    protected Stream<ContractCase<?>> cases() {
        TinyConvNet net = TinyConvNet.random(4, 2, 5, 3, 3, 6, 7);
        INDArray concept = Rng.seeded(1).uniform(DataType.DOUBLE, 0, 1, 8, 2, 6, 7);
        List<INDArray> randoms = List.of(Rng.seeded(2).uniform(DataType.DOUBLE, -1, 1, 8, 2, 6, 7),
                Rng.seeded(3).uniform(DataType.DOUBLE, -1, 1, 8, 2, 6, 7),
                Rng.seeded(4).uniform(DataType.DOUBLE, -1, 1, 8, 2, 6, 7));
        Tcav tcav = Tcav.train(net, TcavConfig.at("relu").withBatch(BatchPolicy.ofRows(3)), "bright", concept, randoms);
        INDArray img = Rng.seeded(12).uniform(DataType.FLOAT, -1, 1, 3, 2, 6, 7);
        return Stream.of(
                ContractCase.of("tcav sensitivities on tiny-conv relu", tcav).values(TcavSensitivity::derivatives)
                        .expectedShape(3, 3).input(img).target(Target.perRow(2, 0, 1)).classes(3)
                        .layer("relu", tcav::atLayer).build(),
                ContractCase.of("tcav sensitivities on tiny-conv gap", Tcav.train(net, TcavConfig.at("gap"), "bright",
                                concept, randoms)).values(TcavSensitivity::derivatives)
                        .expectedShape(3, 3).input(img).target(Target.predicted()).classes(3).build());
    }
}
