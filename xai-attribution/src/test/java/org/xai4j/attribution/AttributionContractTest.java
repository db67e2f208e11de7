package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleVariant;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.testkit.models.LinearModel;
import org.xai4j.testkit.models.QuadraticModel;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.testkit.models.TwoLayerReluNet;
import org.xai4j.attribution.gradient.Deconvolution;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftConfig;
import org.xai4j.attribution.gradient.DeepLiftShap;
import org.xai4j.attribution.gradient.DeepLiftShapConfig;
import org.xai4j.attribution.gradient.GradientShap;
import org.xai4j.attribution.gradient.GradientShapConfig;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.attribution.gradient.InputXGradient;
import org.xai4j.attribution.gradient.InputXGradientConfig;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.ModifiedReluConfig;
import org.xai4j.attribution.gradient.Quadrature;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.gradient.SaliencyConfig;
import org.xai4j.attribution.layer.LayerGradientXActivation;
import org.xai4j.attribution.layer.LayerGradientXActivationConfig;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

/** Every method of this module through the shared explainer contract, over the testkit's analytic models. */
class AttributionContractTest extends ExplainerContract {
    static INDArray data(long seed, long... shape) {
        return Rng.seeded(seed).uniform(DataType.FLOAT, -1, 1, shape);
    }

    @Override
    protected Stream<ContractCase<?>> cases() {
        LinearModel linear = LinearModel.random(1, 3, 6);
        QuadraticModel quadratic = QuadraticModel.random(2, 3, 5);
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 8, 4);
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        EditableMlp editable = new EditableMlp(new double[][] {{1, -1, 0.5, 0, 0.2, -0.3}, {0.4, 0.1, -0.6, 0.3, 0, 1}},
                new double[] {0.1, -0.2}, new double[][] {{1, -0.5}, {0.3, 0.8}, {-1, 0.2}}, new double[] {0, 0.1, -0.1});
        INDArray x6 = data(10, 3, 6);
        INDArray x5 = data(11, 3, 5);
        INDArray img = data(12, 3, 2, 6, 7);
        Stream.Builder<ContractCase<?>> s = Stream.builder();
        Object[][] models = {{"linear", linear, x6, 3, data(13, 4, 6)}, {"quadratic", quadratic, x5, 3, data(14, 4, 5)},
                {"relu-mlp", mlp, x6, 4, data(15, 4, 6)}, {"tiny-conv", conv, img, 5, data(16, 4, 2, 6, 7)}};
        BatchPolicy two = BatchPolicy.ofRows(2);
        for (Object[] m : models) {
            String name = (String) m[0];
            DifferentiableModel model = (DifferentiableModel) m[1];
            INDArray x = (INDArray) m[2];
            int k = (int) m[3];
            INDArray background = (INDArray) m[4];
            s.add(ContractCase.attribution("saliency on " + name, new Saliency(model))
                    .input(x).target(Target.perRow(0, 1, 2)).classes(k).build());
            s.add(ContractCase.attribution("input×gradient on " + name,
                    new InputXGradient(model, InputXGradientConfig.DEFAULTS.withBatch(two)))
                    .input(x).target(Target.predicted()).classes(k).build());
            s.add(ContractCase.attribution("integrated gradients on " + name + ", background mean",
                    new IntegratedGradients(model, IntegratedGradientsConfig.DEFAULTS.withSteps(12)
                            .withBaseline(Baseline.background(background)).withBatch(BatchPolicy.ofRows(5))))
                    .input(x).target(Target.perRow(2, 0, 1)).classes(k).watch(background).build());
            s.add(ContractCase.attribution("integrated gradients on " + name + ", uniform-noise baseline",
                    new IntegratedGradients(model, IntegratedGradientsConfig.DEFAULTS.withSteps(8)
                            .withQuadrature(Quadrature.RIEMANN_TRAPEZOID).withBaseline(Baseline.uniformNoise(-0.5, 0.5)).withSeed(3)))
                    .input(x).target(Target.predicted()).classes(k).build());
            s.add(ContractCase.attribution("gradient shap on " + name,
                    new GradientShap(model, GradientShapConfig.of(Baseline.background(background)).withSamples(7)
                            .withNoiseSd(0.1).withConvergenceDelta(true).withBatch(BatchPolicy.ofRows(4)).withSeed(5)))
                    .input(x).target(Target.perRow(1, 2, 0)).classes(k).watch(background).build());
            s.add(ContractCase.attribution("smoothgrad on " + name,
                    new NoiseTunnel(new Saliency(model, SaliencyConfig.DEFAULTS.withAbs(false)),
                            NoiseTunnelConfig.DEFAULTS.withSamples(6).withSd(0.2).withSeed(9).withBatch(BatchPolicy.ofRows(4))))
                    .input(x).target(Target.predicted()).classes(k).build());
            s.add(ContractCase.attribution("vargrad of input×gradient on " + name,
                    new NoiseTunnel(new InputXGradient(model), NoiseTunnelConfig.DEFAULTS.withType(NoiseTunnelType.VARGRAD)
                            .withSamples(5).withFractionOfRange(0.15).withSeed(2)))
                    .input(x).target(Target.perRow(0, 2, 1)).classes(k).build());
        }
        s.add(ContractCase.attribution("saliency max over channels on tiny-conv",
                new Saliency(conv, SaliencyConfig.DEFAULTS.withMaxOverChannels(true)))
                .input(img).target(Target.perRow(4, 0, 2)).classes(5).expectedShape(3, 1, 6, 7).build());
        s.add(ContractCase.attribution("smoothgrad² of integrated gradients on relu-mlp",
                new NoiseTunnel(new IntegratedGradients(mlp, IntegratedGradientsConfig.DEFAULTS.withSteps(6)),
                        NoiseTunnelConfig.DEFAULTS.withType(NoiseTunnelType.SMOOTHGRAD_SQ).withSamples(3).withSd(0.1).withSeed(4)))
                .input(x6).target(Target.perRow(3, 0, 1)).classes(4).build());
        for (String layer : new String[] {"conv", "relu", "gap"}) {
            long[] shape = layer.equals("gap") ? new long[] {3, 3} : new long[] {3, 3, 6, 7};
            s.add(ContractCase.attribution("layer gradient×activation on tiny-conv " + layer,
                    new LayerGradientXActivation(conv, LayerGradientXActivationConfig.at(layer).withBatch(two)))
                    .input(img).target(Target.perRow(4, 0, 2)).classes(5).expectedShape(shape)
                    .layer(layer, l -> new LayerGradientXActivation(conv, l)).build());
        }
        for (String layer : new String[] {"fc1", "relu"}) {
            s.add(ContractCase.attribution("layer integrated gradients on editable-mlp " + layer,
                    new LayerIntegratedGradients(editable, new LayerIntegratedGradientsConfig(layer,
                            IntegratedGradientsConfig.DEFAULTS.withSteps(10).withBaseline(Baseline.constant(0.1))
                                    .withBatch(BatchPolicy.ofRows(4)))))
                    .input(x6).target(Target.predicted()).classes(3).expectedShape(3, 2)
                    .layer(layer, l -> new LayerIntegratedGradients(editable, l)).build());
        }
        addRuleMethods(s);
        return s.build();
    }

    /** The rule-based methods, over small explanation graphs built in test scope. */
    static void addRuleMethods(Stream.Builder<ContractCase<?>> s) {
        Object[][] graphs = {{SmallGraphs.conv(21, DataType.FLOAT), data(22, 3, 2, 6, 7), 5, data(23, 4, 2, 6, 7)},
                {SmallGraphs.mlp(24, DataType.FLOAT), data(25, 3, 6), 4, data(26, 5, 6)}};
        for (Object[] g : graphs) {
            org.xai4j.core.graph.Graph graph = (org.xai4j.core.graph.Graph) g[0];
            INDArray x = (INDArray) g[1];
            int k = (int) g[2];
            INDArray background = (INDArray) g[3];
            String name = graph.id();
            s.add(ContractCase.attribution("deeplift on " + name, new DeepLift(graph))
                    .input(x).target(Target.perRow(0, 1, 2)).classes(k).build());
            s.add(ContractCase.attribution("deeplift exact, uniform-noise baseline, on " + name,
                    new DeepLift(graph, DeepLiftConfig.DEFAULTS.withRules(RuleVariant.EXACT)
                            .withBaseline(Baseline.uniformNoise(-0.5, 0.5)).withSeed(7).withBatch(BatchPolicy.ofRows(2))))
                    .input(x).target(Target.predicted()).classes(k).build());
            s.add(ContractCase.attribution("deeplift multipliers, background mean, on " + name,
                    new DeepLift(graph, DeepLiftConfig.DEFAULTS.withMultiplyByInputs(false)
                            .withBaseline(Baseline.background(background))))
                    .input(x).target(Target.perRow(2, 0, 1)).classes(k).watch(background).build());
            s.add(ContractCase.attribution("deeplift-shap on " + name,
                    new DeepLiftShap(graph, DeepLiftShapConfig.of(Baseline.background(background))
                            .withBatch(BatchPolicy.ofRows(3))))
                    .input(x).target(Target.perRow(1, 2, 0)).classes(k).watch(background).build());
            s.add(ContractCase.attribution("guided-backprop on " + name, new GuidedBackprop(graph))
                    .input(x).target(Target.perRow(0, 2, 1)).classes(k).build());
            s.add(ContractCase.attribution("deconvolution on " + name,
                    new Deconvolution(graph, ModifiedReluConfig.DEFAULTS.withBatch(BatchPolicy.ofRows(2))))
                    .input(x).target(Target.predicted()).classes(k).build());
            s.add(ContractCase.attribution("smoothgrad of guided-backprop on " + name,
                    new NoiseTunnel(new GuidedBackprop(graph), NoiseTunnelConfig.DEFAULTS.withSamples(4).withSd(0.1).withSeed(3)))
                    .input(x).target(Target.perRow(2, 1, 0)).classes(k).build());
        }
    }
}
