package org.xai4j.testkit.contract;

import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.QuadraticModel;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.testkit.models.TwoLayerReluNet;

/** Runs the contract over the test explainers and every analytic model. */
class TestkitContractTest extends ExplainerContract {
    static INDArray data(long seed, long... shape) {
        return Rng.seeded(seed).uniform(DataType.FLOAT, -1, 1, shape);
    }

    @Override
    protected Stream<ContractCase<?>> cases() {
        LinearModel linear = LinearModel.random(1, 3, 6);
        QuadraticModel quadratic = QuadraticModel.random(2, 3, 5);
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 8, 4);
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        INDArray x6 = data(10, 3, 6);
        INDArray x5 = data(11, 3, 5);
        INDArray img = data(12, 3, 2, 6, 7);
        INDArray background = data(13, 4, 6);
        Stream.Builder<ContractCase<?>> s = Stream.builder();
        for (Object[] m : new Object[][] {{"linear", linear, x6, 3}, {"quadratic", quadratic, x5, 3},
                {"relu-mlp", mlp, x6, 4}, {"tiny-conv", conv, img, 5}}) {
            DifferentiableModel model = (DifferentiableModel) m[1];
            INDArray x = (INDArray) m[2];
            int k = (int) m[3];
            s.add(ContractCase.attribution("gradient on " + m[0], new TestExplainers.Gradient(model))
                    .input(x).target(Target.perRow(0, 1, 2)).classes(k).build());
            s.add(ContractCase.attribution("noisy gradient on " + m[0], new TestExplainers.NoisyGradient(model, 7, 4, 0.1))
                    .input(x).target(Target.predicted()).classes(k).build());
        }
        s.add(ContractCase.attribution("delta×gradient on linear, background", new TestExplainers.DeltaTimesGradient(linear,
                Baseline.background(background))).input(x6).target(Target.classIndex(2)).classes(3).watch(background).build());
        s.add(ContractCase.attribution("delta×gradient on relu-mlp, zeros", new TestExplainers.DeltaTimesGradient(mlp,
                Baseline.zeros())).input(x6).target(Target.perRow(3, 0, 1)).classes(4).build());
        s.add(ContractCase.attribution("layer map on tiny-conv relu", new TestExplainers.LayerMap(conv, "relu"))
                .input(img).target(Target.perRow(4, 0, 2)).classes(5).expectedShape(3, 6, 7)
                .layer("relu", l -> new TestExplainers.LayerMap(conv, l)).build());
        s.add(ContractCase.attribution("layer map on tiny-conv conv", new TestExplainers.LayerMap(conv, "conv"))
                .input(img).target(Target.predicted()).classes(5).expectedShape(3, 6, 7)
                .layer("conv", l -> new TestExplainers.LayerMap(conv, l)).build());
        return s.build();
    }
}
