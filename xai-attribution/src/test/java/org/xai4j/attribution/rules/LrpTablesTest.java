package org.xai4j.attribution.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;
import org.xai4j.attribution.lrp.Pass;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
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
import org.xai4j.core.util.Rng;

/**
 * LRP's composites as rule tables: each gives every imported node type zennit 0.5.1's rule (its layer maps,
 * written out below from zennit's {@code composites.py}), its first-layer rule to the first linear node the input
 * reaches, and refuses a node type without a row, naming node, type and method.
 */
class LrpTablesTest {
    /**
     * zennit's layer maps: composite → rule at Conv/ConvTranspose, rule at Gemm (and MatMul by a constant, zennit's
     * bias-free {@code Linear}), the first layer's rule and kind.
     */
    private record Layers(String convolution, String dense, String firstRule, boolean firstIsAnyLinear) {
    }

    private static final Map<String, Layers> ZENNIT = Map.of(
            "epsilon-plus", new Layers("z-plus", "epsilon(1.0E-6)", null, false),
            "epsilon-plus-flat", new Layers("z-plus", "epsilon(1.0E-6)", "flat", true),
            "epsilon-gamma-box", new Layers("gamma(0.25)", "epsilon(1.0E-6)", "z-box(-1.0, 1.0)", false),
            "epsilon-alpha2-beta1", new Layers("alpha2-beta1", "epsilon(1.0E-6)", null, false),
            "epsilon-alpha2-beta1-flat", new Layers("alpha2-beta1", "epsilon(1.0E-6)", "flat", true));

    /** zennit's base map, the same in every composite, by the rule's description. */
    private static final Map<String, List<Class<? extends Node>>> BASE = Map.of(
            "pass", List.of(ReluNode.class, LeakyReluNode.class, SigmoidNode.class, TanhNode.class, SiluNode.class,
                    GeluNode.class, HardSigmoidNode.class, HardSwishNode.class, ClipNode.class, BatchNormNode.class),
            "norm", List.of(AddNode.class, AvgPoolNode.class, GlobalAvgPoolNode.class, ReduceMeanNode.class),
            "gradient", List.of(FlattenNode.class, ReshapeNode.class, TransposeNode.class, IdentityNode.class,
                    PadNode.class, ConcatNode.class, MaxPoolNode.class),
            "refused", List.of(SubNode.class, MulNode.class, DivNode.class, SoftmaxNode.class,
                    ResizeNode.class, ErfNode.class, PowNode.class, SqrtNode.class));

    @Test
    void everyCompositeGivesEachImportedTypeZennitsRule() {
        assertThat(LrpTables.NAMES).containsExactlyInAnyOrderElementsOf(ZENNIT.keySet());
        assertThat(BASE.values().stream().mapToInt(List::size).sum() + 4).isEqualTo(RuleTablesTest.IMPORTED.size());
        ZENNIT.forEach((name, layers) -> {
            RuleTable t = LrpTables.named(name, -1, 1);
            assertThat(describe(t, ConvNode.class)).as(name).isEqualTo(layers.convolution);
            assertThat(describe(t, ConvTransposeNode.class)).as(name).isEqualTo(layers.convolution);
            assertThat(describe(t, GemmNode.class)).as(name).isEqualTo(layers.dense);
            assertThat(describe(t, MatMulNode.class)).as(name).isEqualTo(layers.dense);
            assertThat(t.firstLayerRule().map(BackwardRule::describe).orElse(null)).as(name)
                    .isEqualTo(layers.firstRule);
            BASE.forEach((rule, types) -> {
                for (Class<? extends Node> type : types) {
                    assertThat(describe(t, type)).as("%s: %s", name, type.getSimpleName()).isEqualTo(rule);
                }
            });
        });
    }

    private static String describe(RuleTable t, Class<? extends Node> type) {
        return t.ruleFor(type).orElseThrow().describe();
    }

    /** x → conv1 → relu → flatten → fc1 → relu → fc2: the first linear layer is conv1, the first dense one fc1. */
    static Graph convNet() {
        Rng rng = Rng.seeded(7);
        return Graph.builder("conv-net").input("x", -1, 1, 4, 4).dataType(DataType.DOUBLE)
                .node(ConvNode.builder("conv1").input("x").output("c")
                        .weight(rng.uniform(DataType.DOUBLE, -1, 1, 2, 1, 3, 3)).pads(1).build())
                .node(new ReluNode("relu1", "c", "r"))
                .node(new FlattenNode("flat", "r", "f", 1))
                .node(new GemmNode("fc1", "f", "h", rng.uniform(DataType.DOUBLE, -1, 1, 5, 32), null))
                .node(new ReluNode("relu2", "h", "s"))
                .node(new GemmNode("fc2", "s", "out", rng.uniform(DataType.DOUBLE, -1, 1, 3, 5), null))
                .output("out").build();
    }

    @Test
    void theFirstLayerRowGoesToTheFirstLinearNodeTheInputReaches() {
        Graph g = convNet();
        Node conv1 = g.node("conv1");
        Node fc1 = g.node("fc1");
        Composite flat = LrpTables.epsilonPlusFlat().composite(g);
        assertThat(flat.ruleFor(conv1).describe()).isEqualTo("flat");
        assertThat(flat.ruleFor(fc1).describe()).isEqualTo("epsilon(1.0E-6)");
        Composite box = LrpTables.epsilonGammaBox(0, 1).composite(g);
        assertThat(box.ruleFor(conv1).describe()).isEqualTo("z-box(0.0, 1.0)");
        Composite plus = LrpTables.epsilonPlus().composite(g);
        assertThat(plus.ruleFor(conv1).describe()).isEqualTo("z-plus");
        // A name row wins over the first-layer row.
        Composite named = LrpTables.epsilonPlusFlat().withNode("conv1", Pass.INSTANCE).composite(g);
        assertThat(named.ruleFor(conv1)).isSameAs(Pass.INSTANCE);
        assertThat(LrpTables.epsilonPlusFlat().describe()).contains("first linear layer → flat; ConvNode → z-plus");
    }

    @Test
    void aFirstLayerRowNeedsTheGraphAndANameRowANodeOfIt() {
        assertThatThrownBy(() -> LrpTables.epsilonPlusFlat().composite()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("first linear layer row depends on the graph");
        assertThatThrownBy(() -> LrpTables.epsilonPlus().withNode("conv9", Pass.INSTANCE).composite(convNet()))
                .isInstanceOf(UnknownLayerException.class);
        assertThatThrownBy(() -> RuleTable.builder().row(GemmNode.class, Pass.INSTANCE)
                .first("first dense layer", List.of(GemmNode.class), Pass.INSTANCE)
                .first("first convolution", List.of(ConvNode.class), Pass.INSTANCE))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("at most once");
    }

    @Test
    void aNodeTypeWithoutARowIsRefusedAtConstructionNamingNodeTypeAndMethod() {
        Graph g = RuleTablesTest.withSoftplus();
        assertThatThrownBy(() -> new Lrp(g)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageStartingWith("lrp has no backward rule for node 'soft' of type SoftplusNode (op Softplus)");
        assertThatThrownBy(() -> new Crp(g, CrpConfig.of("fc1", List.of(0))))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageStartingWith("crp has no backward rule for node 'soft' of type SoftplusNode (op Softplus)");
        // A row for it makes the graph usable.
        new Lrp(g, LrpTables.epsilonPlus().with(RuleTablesTest.SoftplusNode.class, Pass.INSTANCE),
                LrpConfig.DEFAULTS);
    }

    @Test
    void provenanceRecordsTheCallersTableInPlaceOfTheConfigsComposite() {
        Graph g = convNet();
        assertThat(new Lrp(g).descriptor().config()).containsEntry("composite", "epsilon-plus-flat")
                .containsKeys("low", "high").doesNotContainKey("rules");
        RuleTable mine = LrpTables.epsilonPlus().withNode("fc2", Pass.INSTANCE);
        assertThat(new Lrp(g, mine, LrpConfig.DEFAULTS).descriptor().config())
                .doesNotContainKeys("composite", "low", "high").containsEntry("rules", mine.describe());
        assertThat(mine.describe()).startsWith("name fc2 → pass; ConvNode → z-plus;")
                .endsWith("otherwise → refused (no rule)");
    }

    @Test
    void aRefusedTypeIsRefusedWithTheReason() {
        Graph g = Graph.builder("softmax-net").input("x", -1, 4).dataType(DataType.DOUBLE)
                .node(new GemmNode("fc", "x", "h", Rng.seeded(8).uniform(DataType.DOUBLE, -1, 1, 3, 4), null))
                .node(new SoftmaxNode("softmax", "h", "p", -1, false))
                .output("p").build();
        assertThatThrownBy(() -> new Lrp(g)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageStartingWith("lrp has no backward rule for node 'softmax' of type SoftmaxNode (op Softmax)")
                .hasMessageContaining("explain the logits");
    }

    @Test
    void anUnknownCompositeIsNamed() {
        assertThat(LrpTables.canonicalName(" Epsilon_Plus_Flat ")).isEqualTo("epsilon-plus-flat");
        assertThatThrownBy(() -> LrpTables.named("epsilon", 0, 1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown LRP composite 'epsilon'").hasMessageContaining("epsilon-plus-flat");
    }
}
