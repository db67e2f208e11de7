package org.xai4j.perturbation;

import java.util.List;
import org.xai4j.core.MethodSpec;
import org.xai4j.core.MethodSpec.Family;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
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
import org.xai4j.perturbation.shapley.ShapleyValueSampling;
import org.xai4j.perturbation.shapley.ShapleyValueSamplingConfig;

/**
 * The black-box methods in the method registry. The records' {@code DEFAULTS} suit any row shape (every
 * element its own feature); an image has tens of thousands of elements, so these entries start from image
 * presets written here, once: a 4×4 occlusion window with stride 2; grids of 4×4 cells (feature ablation,
 * exact Shapley: 16 features, 65,536 coalitions), 7×7 (KernelSHAP, Shapley sampling) and 8×8 (Partition
 * SHAP, which hides cells with a blur of σ = 2 as shap's image masker does). LIME tabular takes its training
 * rows from the background set.
 */
public final class PerturbationMethods implements MethodSpec.Provider {
    @Override
    public List<MethodSpec<?, ?>> methods() {
        return List.of(
                MethodSpec.of(Occlusion.NAME, Family.PERTURBATION, PredictionFunction.class, OcclusionConfig.class,
                        g -> OcclusionConfig.of(4, 4).withStrides(2, 2), Occlusion::new).alias("stride", "strides"),
                MethodSpec.of(FeatureAblation.NAME, Family.PERTURBATION, PredictionFunction.class,
                        FeatureAblationConfig.class, g -> FeatureAblationConfig.DEFAULTS.withSegmenter(Segmenter.grid(4)),
                        FeatureAblation::new),
                MethodSpec.of(Lime.NAME, Family.PERTURBATION, PredictionFunction.class, LimeConfig.class,
                        g -> LimeConfig.DEFAULTS, Lime::new),
                MethodSpec.of(LimeTabular.NAME, Family.PERTURBATION, PredictionFunction.class, LimeTabularConfig.class,
                        g -> LimeTabularConfig.of(g.background().samples()), LimeTabular::new),
                MethodSpec.of(KernelShap.NAME, Family.PERTURBATION, PredictionFunction.class, KernelShapConfig.class,
                        g -> KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(7)), KernelShap::new),
                MethodSpec.of(ExactShapley.NAME, Family.PERTURBATION, PredictionFunction.class, ExactShapleyConfig.class,
                        g -> ExactShapleyConfig.DEFAULTS.withSegmenter(Segmenter.grid(4)), ExactShapley::new),
                MethodSpec.of(ShapleyValueSampling.NAME, Family.PERTURBATION, PredictionFunction.class,
                                ShapleyValueSamplingConfig.class,
                                g -> ShapleyValueSamplingConfig.DEFAULTS.withSegmenter(Segmenter.grid(7)),
                                ShapleyValueSampling::new)
                        .alias("samples", "permutations"),
                MethodSpec.of(PartitionShap.NAME, Family.PERTURBATION, PredictionFunction.class, PartitionShapConfig.class,
                                g -> PartitionShapConfig.DEFAULTS.withGrid(8).withBaseline(Baseline.blur(2)), PartitionShap::new)
                        .alias("samples", "maxEvals").alias("masker", "baseline")
                        .param("grid", "finest cells of the G×G hierarchy (0: one per pixel)",
                                c -> c.rows() == c.cols() ? Integer.toString(c.rows()) : c.rows() + "x" + c.cols(),
                                (c, t) -> c.withGrid(Integer.parseInt(t)), "rows", "cols"));
    }
}
