package org.xai4j.attribution;

import org.xai4j.attribution.rules.RuleVariant;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.xai4j.attribution.rules.LrpTables;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.MethodSpec;
import org.xai4j.core.MethodSpec.Family;
import org.xai4j.core.MethodSpec.Option;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.LayeredModel;
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
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.gradient.SaliencyConfig;
import org.xai4j.attribution.layer.LayerGradientXActivation;
import org.xai4j.attribution.layer.LayerGradientXActivationConfig;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;

/**
 * The gradient and backward-rule methods in the method registry, each with its settings record's defaults.
 * Presets: SmoothGrad runs {@link NoiseTunnelConfig#SMOOTHGRAD_PAPER} (the paper's 25 samples at 15% of the
 * range; Captum's {@code DEFAULTS} are 5 samples at σ = 1, too strong for inputs in [0, 1]). On the command
 * line {@code rules} sets both the max-pool and the softmax rule of DeepLIFT and DeepLiftShap.
 */
public final class AttributionMethods implements MethodSpec.Provider {
    @Override
    public List<MethodSpec<?, ?>> methods() {
        Option of = new Option("of", "the method smoothed", Saliency.NAME,
                List.of(Saliency.NAME, InputXGradient.NAME, IntegratedGradients.NAME));
        return List.of(
                MethodSpec.of(Saliency.NAME, Family.GRADIENT, DifferentiableModel.class, SaliencyConfig.class,
                        g -> SaliencyConfig.DEFAULTS, Saliency::new),
                MethodSpec.of(InputXGradient.NAME, Family.GRADIENT, DifferentiableModel.class, InputXGradientConfig.class,
                        g -> InputXGradientConfig.DEFAULTS, InputXGradient::new),
                MethodSpec.of(IntegratedGradients.NAME, Family.GRADIENT, DifferentiableModel.class,
                        IntegratedGradientsConfig.class, g -> IntegratedGradientsConfig.DEFAULTS, IntegratedGradients::new)
                        .alias("method", "quadrature"),
                MethodSpec.of(GradientShap.NAME, Family.GRADIENT, DifferentiableModel.class, GradientShapConfig.class,
                        g -> GradientShapConfig.of(g.background()), GradientShap::new),
                new MethodSpec<>(NoiseTunnel.NAME, Family.GRADIENT, DifferentiableModel.class, NoiseTunnelConfig.class,
                        g -> NoiseTunnelConfig.SMOOTHGRAD_PAPER, Map.of("stdevs", "noise"), List.of(), List.of(of),
                        (m, c, o) -> new NoiseTunnel(smoothed(m, o.getOrDefault("of", of.defaultValue()), c), c)),
                MethodSpec.of(LayerIntegratedGradients.NAME, Family.GRADIENT, LayeredModel.class,
                        LayerIntegratedGradientsConfig.class, g -> LayerIntegratedGradientsConfig.at(g.layer()),
                        LayerIntegratedGradients::new).alias("method", "quadrature"),
                MethodSpec.of(LayerGradientXActivation.NAME, Family.GRADIENT, LayeredModel.class,
                        LayerGradientXActivationConfig.class, g -> LayerGradientXActivationConfig.at(g.layer()),
                        LayerGradientXActivation::new),
                MethodSpec.of(DeepLift.NAME, Family.BACKWARD_RULES, Graph.class, DeepLiftConfig.class,
                                g -> DeepLiftConfig.DEFAULTS, DeepLift::new)
                        .param("rules", "captum (Captum's max-pool/softmax rules) or exact (conserve exactly)",
                                c -> rulesText(c.maxPool(), c.softmax()), (c, t) -> c.withRules(rules(t)), "maxPool", "softmax"),
                MethodSpec.of(DeepLiftShap.NAME, Family.BACKWARD_RULES, Graph.class, DeepLiftShapConfig.class,
                                g -> DeepLiftShapConfig.of(g.background()), DeepLiftShap::new)
                        .param("rules", "captum (Captum's max-pool/softmax rules) or exact (conserve exactly)",
                                c -> rulesText(c.maxPool(), c.softmax()), (c, t) -> c.withRules(rules(t)), "maxPool", "softmax"),
                MethodSpec.of(Lrp.NAME, Family.BACKWARD_RULES, Graph.class, LrpConfig.class, g -> LrpConfig.DEFAULTS,
                                Lrp::new)
                        .param("composite", String.join("|", LrpTables.NAMES), LrpConfig::composite,
                                LrpConfig::withComposite, "composite"),
                MethodSpec.of(Crp.NAME, Family.BACKWARD_RULES, Graph.class, CrpConfig.class,
                                g -> CrpConfig.of(g.layer(), List.of(0, 1, 2, 3)), Crp::new)
                        .param("channels", "channels of --layer, each alone (comma-separated)",
                                c -> c.channels().stream().map(String::valueOf).collect(Collectors.joining(",")),
                                (c, t) -> c.withChannels(channels(t)), "channels")
                        .param("composite", String.join("|", LrpTables.NAMES), c -> c.lrp().composite(),
                                (c, t) -> c.withLrp(c.lrp().withComposite(t))),
                MethodSpec.of(GuidedBackprop.NAME, Family.BACKWARD_RULES, Graph.class, ModifiedReluConfig.class,
                        g -> ModifiedReluConfig.DEFAULTS, GuidedBackprop::new),
                MethodSpec.of(Deconvolution.NAME, Family.BACKWARD_RULES, Graph.class, ModifiedReluConfig.class,
                        g -> ModifiedReluConfig.DEFAULTS, Deconvolution::new));
    }

    /** The method SmoothGrad averages: the signed gradient, input × gradient or IG, batched as the tunnel. */
    private static AttributionMethod smoothed(DifferentiableModel m, String of, NoiseTunnelConfig c) {
        return switch (of) {
            case Saliency.NAME -> new Saliency(m, SaliencyConfig.DEFAULTS.withAbs(false).withBatch(c.batch()));
            case InputXGradient.NAME -> new InputXGradient(m, InputXGradientConfig.DEFAULTS.withBatch(c.batch()));
            case IntegratedGradients.NAME -> new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withBatch(c.batch()));
            default -> throw new InvalidConfigException("of must be saliency, input-x-gradient or integrated-gradients but was '"
                    + of + "'");
        };
    }

    /** "0,1,2" as channel indices. */
    private static List<Integer> channels(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be channel indices separated by commas (0,1,2) but was '" + text + "'");
        }
    }

    private static String rulesText(RuleVariant maxPool, RuleVariant softmax) {
        return maxPool == softmax ? maxPool.name().toLowerCase(Locale.ROOT) : "mixed";
    }

    private static RuleVariant rules(String text) {
        for (RuleVariant v : RuleVariant.values()) {
            if (v.name().equalsIgnoreCase(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be captum or exact but was '" + text + "'");
    }
}
