package org.xai4j.cam;

import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.testkit.models.TinyConvNet;

/** Every CAM method joins the explainer contract, on the testkit's conv net and on the test segmenter. */
class CamContractTest extends ExplainerContract {
    @Override
    protected Stream<ContractCase<?>> cases() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        INDArray img = Rng.seeded(12).uniform(DataType.FLOAT, -1, 1, 3, 2, 6, 7);
        TinySegmenter seg = Reference.segmenter();
        INDArray segInput = Reference.input("seg").castTo(DataType.FLOAT);
        Stream.Builder<ContractCase<?>> s = Stream.builder();
        for (CamMethod m : CamMethod.values()) {
            CamConfig atConv = CamConfig.builder().layers("conv").batchSize(4).build();
            s.add(ContractCase.of(m.methodName() + " on tiny-conv conv", m.create(conv, atConv))
                    .values(CamMap::map).expectedShape(3, 6, 7)
                    .input(img).target(Target.perRow(4, 0, 2)).classes(5)
                    .layer("conv", l -> m.create(conv, atConv.withLayers(l))).build());
            CamConfig raw = CamConfig.builder().layers("relu").relu(false).normalize(false)
                    .resolution(Resolution.LAYER).eigenSmooth(true).build();
            s.add(ContractCase.of(m.methodName() + " on tiny-conv relu, raw, eigen-smooth", m.create(conv, raw))
                    .values(CamMap::map).expectedShape(3, 6, 7)
                    .input(img).target(Target.predicted()).classes(5)
                    .layer("relu", l -> m.create(conv, raw.withLayers(l))).build());
            CamConfig depths = CamConfig.of("enc_relu", "mid_relu");
            INDArray mask = Nd4j.ones(DataType.FLOAT, 8, 8);
            s.add(ContractCase.of(m.methodName() + " on segmenter, two depths, mask", m.create(seg, depths))
                    .values(CamMap::map).expectedShape(2, 8, 8)
                    .input(segInput).target(Target.classOverMask(1, mask)).classes(3).watch(mask)
                    .layer("mid_relu", l -> m.create(seg, depths.withLayers(l))).build());
        }
        return s.build();
    }
}
