package org.xai4j.perturbation;

import org.xai4j.perturbation.lime.Surrogate;
import org.xai4j.core.util.BatchPolicy;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.features.Superpixels;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.lime.LimeExplanation;
import org.xai4j.perturbation.lime.LimeTabular;
import org.xai4j.perturbation.lime.LimeTabularConfig;
import org.xai4j.perturbation.occlusion.FeatureAblation;
import org.xai4j.perturbation.occlusion.FeatureAblationConfig;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.perturbation.shapley.ExactShapley;
import org.xai4j.perturbation.shapley.ExactShapleyConfig;
import org.xai4j.perturbation.shapley.KernelShap;
import org.xai4j.perturbation.shapley.KernelShapConfig;
import org.xai4j.perturbation.shapley.PartitionShap;
import org.xai4j.perturbation.shapley.PartitionShapConfig;
import org.xai4j.perturbation.shapley.ShapleyExplanation;
import org.xai4j.perturbation.shapley.ShapleyValueSampling;
import org.xai4j.perturbation.shapley.ShapleyValueSamplingConfig;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.testkit.models.TwoLayerReluNet;

/** Every perturbation explainer against the shared explainer contract. */
class PerturbationContractTest extends ExplainerContract {
    static INDArray data(long seed, long... shape) {
        return Rng.seeded(seed).uniform(DataType.FLOAT, -1, 1, shape);
    }

    @Override
    protected Stream<ContractCase<?>> cases() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        TwoLayerReluNet mlp = TwoLayerReluNet.random(3, 6, 8, 4);
        INDArray img = data(12, 3, 2, 6, 7);
        INDArray tab = data(10, 3, 6);
        INDArray background = data(13, 4, 6);
        INDArray training = data(14, 40, 6);
        FeatureMask cells = FeatureMask.grid(6, 7, 2, 3);
        Stream.Builder<ContractCase<?>> s = Stream.builder();
        s.add(ContractCase.attribution("occlusion on tiny-conv", new Occlusion(conv,
                OcclusionConfig.of(3, 3).withStrides(2, 2).withBaseline(Baseline.constant(0.1)).withBatch(BatchPolicy.ofRows(5))))
                .input(img).target(Target.perRow(4, 0, 2)).classes(5).build());
        s.add(ContractCase.attribution("feature ablation on relu-mlp, background mean", new FeatureAblation(mlp,
                FeatureAblationConfig.DEFAULTS.withBaseline(Baseline.background(background))))
                .input(tab).target(Target.predicted()).classes(4).watch(background).build());
        s.add(ContractCase.attribution("feature ablation on tiny-conv, grid", new FeatureAblation(conv,
                FeatureAblationConfig.DEFAULTS.withSegmenter(Segmenter.fixed(cells))))
                .input(img).target(Target.classIndex(3)).classes(5).build());
        s.add(shapley("exact shapley on relu-mlp, background", new ExactShapley(mlp, ExactShapleyConfig.DEFAULTS
                .withBaseline(Baseline.background(background)).withBatch(BatchPolicy.ofRows(16))))
                .input(tab).target(Target.perRow(3, 0, 1)).classes(4).watch(background).build());
        s.add(shapley("exact shapley on tiny-conv, grid", new ExactShapley(conv, ExactShapleyConfig.DEFAULTS
                .withSegmenter(Segmenter.grid(2, 3))))
                .input(img).target(Target.predicted()).classes(5).build());
        s.add(shapley("kernel shap on relu-mlp, background", new KernelShap(mlp, KernelShapConfig.DEFAULTS
                .withBaseline(Baseline.background(background)).withSamples(20).withSeed(5)))
                .input(tab).target(Target.perRow(3, 0, 1)).classes(4).watch(background).build());
        s.add(shapley("kernel shap on tiny-conv, slic", new KernelShap(conv, KernelShapConfig.DEFAULTS
                .withSegmenter(Superpixels.slic(6)).withSamples(30).withSeed(5)))
                .input(img).target(Target.classIndex(1)).classes(5).build());
        s.add(shapley("kernel shap on relu-mlp, automatic samples (0: 2F + 2048, capped at 2^F - 2)",
                new KernelShap(mlp, KernelShapConfig.DEFAULTS.withSamples(0).withSeed(8)))
                .input(tab).target(Target.perRow(0, 1, 2)).classes(4).build());
        s.add(shapley("kernel shap on tiny-conv, grid, unpaired, samples near 2^F - 2 (repeated draws)",
                new KernelShap(conv, KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(2, 3)).withSamples(60)
                        .withPaired(false).withSeed(4)))
                .input(img).target(Target.predicted()).classes(5).build());
        s.add(shapley("partition shap on tiny-conv, 2×3 grid, budget above every expansion",
                new PartitionShap(conv, PartitionShapConfig.DEFAULTS.withGrid(2, 3).withMaxEvals(100_000).withSeed(1)))
                .input(img).target(Target.perRow(1, 2, 3)).classes(5).build());
        s.add(shapley("shapley value sampling on relu-mlp", new ShapleyValueSampling(mlp, ShapleyValueSamplingConfig.DEFAULTS
                .withPermutations(4).withSeed(3)))
                .input(tab).target(Target.predicted()).classes(4).build());
        s.add(shapley("partition shap on tiny-conv, blur", new PartitionShap(conv, PartitionShapConfig.DEFAULTS
                .withBaseline(Baseline.blur(1.0)).withMaxEvals(40).withBatch(BatchPolicy.ofRows(8)).withSeed(2)))
                .input(img).target(Target.perRow(4, 0, 2)).classes(5).build());
        s.add(lime("lime on tiny-conv, grid", new Lime(conv, LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(3))
                .withSamples(60).withSeed(7)))
                .input(img).target(Target.perRow(4, 0, 2)).classes(5).build());
        s.add(lime("lime on tiny-conv, felzenszwalb, blur", new Lime(conv, LimeConfig.DEFAULTS
                .withSegmenter(Superpixels.felzenszwalb(100f, 4)).withHide(LimeConfig.Hide.blur(1.0)).withSurrogate(Surrogate.LASSO, 0.01).withSamples(60).withSeed(7)))
                .input(img).target(Target.predicted()).classes(5).build());
        s.add(lime("lime tabular on relu-mlp", new LimeTabular(mlp, LimeTabularConfig.of(training)
                .withCategorical(5).withSamples(80).withSeed(1)))
                .input(tab).target(Target.perRow(3, 0, 1)).classes(4).watch(training).build());
        return s.build();
    }

    static ContractCase.Builder<ShapleyExplanation> shapley(String name, org.xai4j.core.Explainer<INDArray, ShapleyExplanation> e) {
        return ContractCase.of(name, e).values(x -> x.attribution().values());
    }

    static ContractCase.Builder<LimeExplanation> lime(String name, org.xai4j.core.Explainer<INDArray, LimeExplanation> e) {
        return ContractCase.of(name, e).values(x -> x.attribution().values());
    }
}
