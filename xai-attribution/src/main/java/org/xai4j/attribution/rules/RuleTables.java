package org.xai4j.attribution.rules;

import java.util.List;
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
 * The rule tables of the rule-based methods other than LRP (whose composites are in {@link LrpTables}): which
 * node type gets which rule. Every node type the
 * importers produce has a row; a type without one is refused ({@link RuleTable#requireCovers}).
 */
public final class RuleTables {
    /** Node types linear in their inputs: the plain gradient is their exact DeepLIFT multiplier. */
    public static final List<Class<? extends Node>> LINEAR = List.of(
            AddNode.class, SubNode.class,
            ConvNode.class, ConvTransposeNode.class, GemmNode.class, BatchNormNode.class,
            AvgPoolNode.class, GlobalAvgPoolNode.class, ReduceMeanNode.class,
            ConcatNode.class, PadNode.class, ResizeNode.class,
            FlattenNode.class, ReshapeNode.class, TransposeNode.class, IdentityNode.class);

    /** Element-wise nonlinearities that are smooth (or treated so: clip and hard sigmoid). */
    private static final List<Class<? extends Node>> SMOOTH_ELEMENTWISE = List.of(
            SigmoidNode.class, TanhNode.class, SiluNode.class, GeluNode.class, ErfNode.class,
            HardSigmoidNode.class, HardSwishNode.class, ClipNode.class, PowNode.class, SqrtNode.class);

    private RuleTables() {
    }

    /**
     * DeepLIFT (Shrikumar et al. 2017) with the given rules at max pooling and softmax:
     *
     * <pre>
     * ReLU, leaky ReLU                                     Rescale (piecewise linear)
     * sigmoid, tanh, SiLU, GELU, erf, hard sigmoid,
     *     hard swish, clip, pow, sqrt                      Rescale (smooth)
     * Mul, MatMul                                          Shapley split of a product
     * Div                                                  Shapley split of a quotient
     * MaxPool                                              DeepLiftMaxPool (maxPool)
     * Softmax                                              DeepLiftSoftmax (softmax)
     * linear nodes ({@link #LINEAR})                       plain gradient
     * </pre>
     *
     * Every node type the importers produce has a row, so a graph is refused ({@link RuleTable#requireCovers})
     * only for a node type added later without one.
     *
     * @param maxPool the max-pooling rule: {@link RuleVariant#CAPTUM} (Captum's max-unpooling) or
     *                {@link RuleVariant#EXACT} (conserving where windows overlap); not null
     * @param softmax the softmax rule: {@link RuleVariant#CAPTUM} (Captum's rescale minus its mean) or
     *                {@link RuleVariant#EXACT} (conserving); not null
     * @return a new table without a first-layer row (so {@link RuleTable#composite()} applies)
     * @throws org.xai4j.core.InvalidConfigException if {@code maxPool} or {@code softmax} is null
     */
    public static RuleTable deepLift(RuleVariant maxPool, RuleVariant softmax) {
        return RuleTable.builder()
                .row(ReluNode.class, Rescale.PIECEWISE_LINEAR)
                .row(LeakyReluNode.class, Rescale.PIECEWISE_LINEAR)
                .rows(SMOOTH_ELEMENTWISE, Rescale.SMOOTH)
                .row(MulNode.class, ShapleyProduct.INSTANCE)
                .row(MatMulNode.class, ShapleyProduct.INSTANCE)
                .row(DivNode.class, ShapleyQuotient.INSTANCE)
                .row(MaxPoolNode.class, new DeepLiftMaxPool(maxPool))
                .row(SoftmaxNode.class, new DeepLiftSoftmax(softmax))
                .rows(LINEAR, BackwardRule.gradient())
                .build();
    }

    /**
     * Guided backpropagation (Springenberg et al. 2015), as Captum's: {@link GuidedRelu} at every ReLU, the
     * plain gradient at every other node, nonlinear ones included (leaky ReLU, clip, max pooling, ...).
     *
     * @return a new table with a row for every node type the importers produce and no first-layer row
     */
    public static RuleTable guidedBackprop() {
        return reluOnly(GuidedRelu.INSTANCE);
    }

    /**
     * Deconvolution (Zeiler &amp; Fergus 2014), as Captum's: {@link DeconvolutionRelu} at every ReLU, the plain
     * gradient at every other node.
     *
     * @return a new table with a row for every node type the importers produce and no first-layer row
     */
    public static RuleTable deconvolution() {
        return reluOnly(DeconvolutionRelu.INSTANCE);
    }

    /** {@code relu} at ReLU nodes, the plain gradient at every other known node type. */
    private static RuleTable reluOnly(BackwardRule relu) {
        return RuleTable.builder()
                .row(ReluNode.class, relu)
                .row(LeakyReluNode.class, BackwardRule.gradient())
                .rows(SMOOTH_ELEMENTWISE, BackwardRule.gradient())
                .rows(List.of(MulNode.class, MatMulNode.class, DivNode.class, MaxPoolNode.class, SoftmaxNode.class),
                        BackwardRule.gradient())
                .rows(LINEAR, BackwardRule.gradient())
                .build();
    }
}
