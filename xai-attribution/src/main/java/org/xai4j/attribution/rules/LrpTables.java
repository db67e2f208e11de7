package org.xai4j.attribution.rules;

import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.lrp.AlphaBeta;
import org.xai4j.attribution.lrp.Epsilon;
import org.xai4j.attribution.lrp.Flat;
import org.xai4j.attribution.lrp.Gamma;
import org.xai4j.attribution.lrp.Norm;
import org.xai4j.attribution.lrp.Pass;
import org.xai4j.attribution.lrp.ZBox;
import org.xai4j.attribution.lrp.ZPlus;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ClipNode;
import org.xai4j.core.graph.node.ConcatNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvTransposeNode;
import org.xai4j.core.graph.node.DivNode;
import org.xai4j.core.graph.node.ErfNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GeluNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.HardSigmoidNode;
import org.xai4j.core.graph.node.HardSwishNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.LeakyReluNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.PadNode;
import org.xai4j.core.graph.node.PowNode;
import org.xai4j.core.graph.node.ReduceMeanNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.ResizeNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SiluNode;
import org.xai4j.core.graph.node.SoftmaxNode;
import org.xai4j.core.graph.node.SqrtNode;
import org.xai4j.core.graph.node.SubNode;
import org.xai4j.core.graph.node.TanhNode;
import org.xai4j.core.graph.node.TransposeNode;

/**
 * LRP's composites (zennit 0.5.1's layer maps) as {@link RuleTable}s. Each is its layer rules, a first-layer row
 * where zennit has one, and zennit's base map:
 *
 * <pre>
 *                      Conv, ConvTranspose   Gemm, MatMul   first layer the input reaches
 * epsilon-plus         z⁺ (ZPlus)            ε (Epsilon)    —
 * epsilon-plus-flat    z⁺                    ε              first linear layer → Flat
 * epsilon-gamma-box    γ = 0.25 (Gamma)      ε              first convolution → zᴮ (ZBox(low, high))
 * epsilon-alpha2-beta1 α2β1 (AlphaBeta)      ε              —
 * epsilon-alpha2-beta1-flat α2β1             ε              first linear layer → Flat
 *
 * base map, every composite:
 * ReLU, leaky ReLU, sigmoid, tanh, SiLU, GELU, hard sigmoid, hard swish, clip     Pass
 * Add, AveragePool, GlobalAveragePool, ReduceMean                                  Norm
 * BatchNormalization (left unmerged)                                               Pass
 * Flatten, Reshape, Transpose, Identity, Pad, Concat, MaxPool                      plain gradient
 * Sub, Mul, Div, Softmax, Resize, Erf, Pow, Sqrt                                   refused
 * </pre>
 *
 * A MatMul {@code x · W} by a constant matrix (an ONNX export of a bias-free {@code nn.Linear}, a Keras
 * {@code Dense}) is a dense layer and gets the dense rule; a MatMul of two activations (attention) is refused when
 * the table is bound ({@link RuleTable#bind}), with the reason.
 *
 * Max pooling's gradient hands each window's relevance to its winner (zennit's behaviour). The refused types
 * have no LRP rule: explain the logits rather than a softmax, or give such a node a rule of your choice
 * ({@link RuleTable#with}, {@link RuleTable#withNode}; for a gate × signal product, as in a squeeze-and-excitation
 * block, {@link org.xai4j.attribution.lrp.SignalTakesAll}).
 */
public final class LrpTables {
    /** The built-in composites' names, as the CLI and {@link #named} take them. */
    public static final List<String> NAMES = List.of("epsilon-plus", "epsilon-plus-flat", "epsilon-gamma-box",
            "epsilon-alpha2-beta1", "epsilon-alpha2-beta1-flat");

    /** zennit's {@code Convolution}: Conv and ConvTranspose. */
    public static final List<Class<? extends Node>> CONVOLUTIONS = List.of(ConvNode.class, ConvTransposeNode.class);

    /** The dense layers: Gemm, and MatMul by a constant matrix (a MatMul of two activations is refused). */
    private static final List<Class<? extends Node>> DENSE = List.of(GemmNode.class, MatMulNode.class);

    /** zennit's {@code Linear}: the convolutions and the dense layers (Gemm, MatMul by a constant matrix). */
    public static final List<Class<? extends Node>> LINEAR_LAYERS = java.util.stream.Stream
            .concat(CONVOLUTIONS.stream(), DENSE.stream()).toList();

    private static final List<Class<? extends Node>> ACTIVATIONS = List.of(ReluNode.class, LeakyReluNode.class,
            SigmoidNode.class, TanhNode.class, SiluNode.class, GeluNode.class, HardSigmoidNode.class,
            HardSwishNode.class, ClipNode.class);

    private static final List<Class<? extends Node>> SUMS = List.of(AddNode.class, AvgPoolNode.class,
            GlobalAvgPoolNode.class, ReduceMeanNode.class);

    private static final List<Class<? extends Node>> VALUE_MOVING = List.of(FlattenNode.class, ReshapeNode.class,
            TransposeNode.class, IdentityNode.class, PadNode.class, ConcatNode.class, MaxPoolNode.class);

    private static final List<Class<? extends Node>> WITHOUT_RULE = List.of(SubNode.class, MulNode.class,
            DivNode.class, SoftmaxNode.class, ResizeNode.class, ErfNode.class, PowNode.class,
            SqrtNode.class);

    private static final String WITHOUT_RULE_REASON = "LRP's composites have no rule for this node type; explain"
            + " the logits rather than a softmax, or give the node a rule (RuleTable.with or withNode, e.g."
            + " SignalTakesAll for a gate × signal product) and pass the table to Lrp or Crp";

    private LrpTables() {
    }

    /**
     * A built-in composite by its name ({@link #NAMES}; case, surrounding blanks and {@code _} for {@code -} are
     * forgiven); {@code low}/{@code high} are the z<sup>B</sup> bounds of {@code epsilon-gamma-box} (ignored by
     * the others).
     *
     * @param name one of {@link #NAMES}, e.g. {@code "epsilon-plus-flat"}
     * @param low  the smallest input value, for {@code epsilon-gamma-box}'s first convolution
     * @param high the largest input value, for {@code epsilon-gamma-box}'s first convolution
     * @return a new table, as the method of that name ({@link #epsilonPlus()}, ...) returns it
     * @throws InvalidConfigException if {@code name} is null or none of {@link #NAMES}, or, for
     *                                {@code epsilon-gamma-box}, a bound is infinite or NaN or {@code low > high}
     */
    public static RuleTable named(String name, double low, double high) {
        return switch (canonicalName(name)) {
            case "epsilon-plus" -> epsilonPlus();
            case "epsilon-plus-flat" -> epsilonPlusFlat();
            case "epsilon-gamma-box" -> epsilonGammaBox(low, high);
            case "epsilon-alpha2-beta1" -> epsilonAlpha2Beta1();
            default -> epsilonAlpha2Beta1Flat();
        };
    }

    /**
     * {@code name} as spelled in {@link #NAMES}.
     *
     * @param name a composite's name; case, surrounding blanks and {@code _} for {@code -} are forgiven
     * @return the entry of {@link #NAMES} it names
     * @throws InvalidConfigException if {@code name} is null or, so normalised, none of {@link #NAMES}; the message
     *                                quotes it as given and lists the names
     */
    public static String canonicalName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!NAMES.contains(n)) {
            throw new InvalidConfigException("composite: unknown LRP composite '" + name + "'; expected one of "
                    + String.join(", ", NAMES));
        }
        return n;
    }

    /**
     * zennit's {@code EpsilonPlus}: Conv → z⁺, dense → ε (1e-6).
     *
     * @return a new table without a first-layer row
     */
    public static RuleTable epsilonPlus() {
        return layers(new ZPlus(), new Epsilon()).build();
    }

    /**
     * zennit's {@code EpsilonPlusFlat}: as {@link #epsilonPlus}, the first linear layer → flat. The default of
     * {@link org.xai4j.attribution.lrp.Lrp}.
     *
     * @return a new table whose first-layer row takes the first Conv, ConvTranspose, Gemm or MatMul the input reaches
     */
    public static RuleTable epsilonPlusFlat() {
        return layers(new ZPlus(), new Epsilon()).first("first linear layer", LINEAR_LAYERS, new Flat()).build();
    }

    /**
     * zennit's {@code EpsilonGammaBox(low, high)}: Conv → γ (0.25), dense → ε, the first Conv → z<sup>B</sup>.
     *
     * @param low  the smallest value an input can take (e.g. a black pixel after normalisation); finite
     * @param high the largest value an input can take; finite, ≥ {@code low}
     * @return a new table whose first-layer row takes the first Conv or ConvTranspose the input reaches
     * @throws InvalidConfigException if a bound is infinite or NaN, or {@code low > high}
     */
    public static RuleTable epsilonGammaBox(double low, double high) {
        return epsilonGammaBox(new ZBox(low, high));
    }

    /**
     * {@code EpsilonGammaBox} with per-channel (or per-pixel) bounds, as {@link ZBox#ZBox(INDArray, INDArray)}.
     *
     * @param low  the smallest value each input can take: a scalar, one per channel ({@code [C]}) or an array
     *             that broadcasts to one input row; finite entries
     * @param high the largest value each input can take, in the same forms; each entry ≥ the matching one of
     *             {@code low}
     * @return a new table whose first-layer row takes the first Conv or ConvTranspose the input reaches
     * @throws InvalidConfigException if a bound is null or has an infinite or NaN entry, or an entry of
     *                                {@code low} exceeds the matching entry of {@code high}
     */
    public static RuleTable epsilonGammaBox(INDArray low, INDArray high) {
        return epsilonGammaBox(new ZBox(low, high));
    }

    private static RuleTable epsilonGammaBox(ZBox box) {
        return layers(new Gamma(), new Epsilon()).first("first convolution", CONVOLUTIONS, box).build();
    }

    /**
     * zennit's {@code EpsilonAlpha2Beta1}: Conv → α2β1, dense → ε.
     *
     * @return a new table without a first-layer row
     */
    public static RuleTable epsilonAlpha2Beta1() {
        return layers(new AlphaBeta(2, 1), new Epsilon()).build();
    }

    /**
     * zennit's {@code EpsilonAlpha2Beta1Flat}: as {@link #epsilonAlpha2Beta1}, the first linear layer → flat.
     *
     * @return a new table whose first-layer row takes the first Conv, ConvTranspose, Gemm or MatMul the input reaches
     */
    public static RuleTable epsilonAlpha2Beta1Flat() {
        return layers(new AlphaBeta(2, 1), new Epsilon()).first("first linear layer", LINEAR_LAYERS, new Flat())
                .build();
    }

    /**
     * A table with {@code convolution} at Conv and ConvTranspose, {@code dense} at Gemm and MatMul (by a constant
     * matrix; see the class comment) and zennit's base map
     * (see the class comment): the start of a custom composite; add a first-layer row with
     * {@link RuleTable.Builder#first}.
     *
     * @param convolution the rule at Conv and ConvTranspose nodes, e.g. {@code new ZPlus()}; not null
     * @param dense       the rule at Gemm and MatMul (dense) nodes, e.g. {@code new Epsilon()}; not null
     * @return a new builder holding the layer rows and the base map
     * @throws InvalidConfigException if {@code convolution} or {@code dense} is null
     */
    public static RuleTable.Builder layers(BackwardRule convolution, BackwardRule dense) {
        return RuleTable.builder()
                .rows(CONVOLUTIONS, convolution)
                .rows(DENSE, dense)
                .rows(ACTIVATIONS, Pass.INSTANCE)
                .rows(SUMS, new Norm())
                .row(BatchNormNode.class, Pass.INSTANCE)
                .rows(VALUE_MOVING, BackwardRule.gradient())
                .refuse(WITHOUT_RULE, WITHOUT_RULE_REASON);
    }
}
