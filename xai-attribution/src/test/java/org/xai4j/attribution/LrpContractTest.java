package org.xai4j.attribution;

import java.util.List;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.lrp.RelevanceInit;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.attribution.lrp.ConceptRelevance;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;

/** {@link Lrp} and {@link Crp} through the shared explainer contract. */
class LrpContractTest extends ExplainerContract {
    @Override
    protected Stream<ContractCase<?>> cases() {
        Stream.Builder<ContractCase<?>> s = Stream.builder();
        Graph conv = SmallGraphs.conv(31, DataType.FLOAT);
        Graph linear = SmallGraphs.linear(32, DataType.FLOAT);
        Graph resnet = ZennitReference.graph("resnet-bn");
        INDArray img = AttributionContractTest.data(33, 3, 2, 6, 7);
        INDArray img6 = AttributionContractTest.data(34, 3, 2, 6, 6);
        INDArray res = AttributionContractTest.data(35, 3, 3, 10, 10);
        s.add(ContractCase.attribution("lrp epsilon-plus-flat on " + conv.id(), new Lrp(conv))
                .input(img).target(Target.perRow(0, 4, 2)).classes(5).build());
        s.add(ContractCase.attribution("lrp epsilon-gamma-box, logit start, 2 rows per pass, on " + linear.id(),
                new Lrp(linear, LrpConfig.DEFAULTS.withComposite("epsilon-gamma-box").withBounds(-1, 1)
                        .withInit(RelevanceInit.LOGIT).withBatch(BatchPolicy.ofRows(2))))
                .input(img6).target(Target.predicted()).classes(3).build());
        for (String c : List.of("epsilon-plus", "epsilon-alpha2-beta1", "epsilon-alpha2-beta1-flat")) {
            s.add(ContractCase.attribution("lrp " + c + " on resnet-bn", new Lrp(resnet, LrpConfig.DEFAULTS.withComposite(c)))
                    .input(res).target(Target.perRow(1, 3, 0)).classes(5).build());
        }
        String layer = "/block1/conv2/Conv";
        s.add(ContractCase.of("crp on resnet-bn", new Crp(resnet, CrpConfig.of(layer, List.of(0, 3, 5))))
                .values(ConceptRelevance::conditional).expectedShape(3, 3, 3, 10, 10)
                .input(res).target(Target.perRow(2, 0, 4)).classes(5)
                .layer(layer, l -> new Crp(resnet, CrpConfig.of(l, List.of(0, 3, 5)))).build());
        s.add(ContractCase.of("crp without excluding parallel paths on resnet-bn",
                        new Crp(resnet, CrpConfig.of(layer, List.of(2, 7)).withExcludeParallel(false)))
                .values(ConceptRelevance::conditional).expectedShape(3, 2, 3, 10, 10)
                .input(res).target(Target.perRow(0, 1, 2)).classes(5).build());
        s.add(ContractCase.of("crp channel relevance on resnet-bn", new Crp(resnet, CrpConfig.of(layer, List.of(1))))
                .values(ConceptRelevance::channelRelevance).expectedShape(3, 8)
                .input(res).target(Target.predicted()).classes(5).build());
        return s.build();
    }
}
