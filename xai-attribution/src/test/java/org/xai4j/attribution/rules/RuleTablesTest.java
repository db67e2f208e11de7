package org.xai4j.attribution.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.attribution.gradient.Deconvolution;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.DeepLiftConfig;
import org.xai4j.attribution.gradient.DeepLiftShap;
import org.xai4j.attribution.gradient.DeepLiftShapConfig;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.core.Attribution;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.baseline.Baseline;
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
import org.xai4j.core.graph.node.ElementwiseNode;
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
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * The rule tables: every node type the importers produce has a row in each, with the rule its method's paper
 * gives it; a node type without a row is refused when a method is constructed for the graph, and a row added
 * for it makes the graph usable.
 */
class RuleTablesTest {
    /** Every node type the ONNX and DL4J importers produce (their {@code new ...Node(} calls), written out. */
    static final List<Class<? extends Node>> IMPORTED = List.of(
            AddNode.class, AvgPoolNode.class, BatchNormNode.class, ClipNode.class, ConcatNode.class, ConvNode.class,
            ConvTransposeNode.class, DivNode.class, ErfNode.class, FlattenNode.class, GeluNode.class, GemmNode.class,
            GlobalAvgPoolNode.class, HardSigmoidNode.class, HardSwishNode.class, IdentityNode.class,
            LeakyReluNode.class, MatMulNode.class, MaxPoolNode.class, MulNode.class, PadNode.class, PowNode.class,
            ReduceMeanNode.class, ReluNode.class, ReshapeNode.class, ResizeNode.class, SigmoidNode.class,
            SiluNode.class, SoftmaxNode.class, SqrtNode.class, SubNode.class, TanhNode.class, TransposeNode.class);

    /** The linear node types: DeepLIFT's multiplier there is the plain gradient. */
    static final List<Class<? extends Node>> LINEAR = List.of(
            AddNode.class, SubNode.class, ConvNode.class, ConvTransposeNode.class, GemmNode.class,
            BatchNormNode.class, AvgPoolNode.class, GlobalAvgPoolNode.class, ReduceMeanNode.class, ConcatNode.class,
            PadNode.class, ResizeNode.class, FlattenNode.class, ReshapeNode.class, TransposeNode.class,
            IdentityNode.class);

    /** The concrete public node classes in xai-core's node package, found by listing its class files. */
    static List<String> concreteNodeClassesInCore() throws IOException, URISyntaxException, ClassNotFoundException {
        Path where = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String dir = "org/xai4j/core/graph/node/";
        List<String> files = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> s = Files.list(where.resolve(dir))) {
                s.forEach(p -> files.add(dir + p.getFileName()));
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(dir)).forEach(files::add);
            }
        }
        List<String> names = new ArrayList<>();
        for (String f : files) {
            String rest = f.substring(dir.length());
            if (!rest.endsWith(".class") || rest.contains("$") || rest.contains("/")) {
                continue;
            }
            Class<?> c = Class.forName((dir + rest.substring(0, rest.length() - 6)).replace('/', '.'));
            if (Node.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                    && Modifier.isPublic(c.getModifiers())) {
                names.add(c.getSimpleName());
            }
        }
        return names;
    }

    @Test
    void theImportedTypesAreEveryConcreteNodeTypeOfCore() throws Exception {
        assertThat(new TreeSet<>(concreteNodeClassesInCore()))
                .containsExactlyElementsOf(new TreeSet<>(IMPORTED.stream().map(Class::getSimpleName).toList()));
    }

    @Test
    void everyTableHasARowForEveryImportedType() {
        Map<String, RuleTable> tables = Map.of(
                "deeplift captum", RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM),
                "deeplift exact", RuleTables.deepLift(RuleVariant.EXACT, RuleVariant.EXACT),
                "guided", RuleTables.guidedBackprop(),
                "deconvolution", RuleTables.deconvolution(),
                "epsilon-plus", LrpTables.epsilonPlus(),
                "epsilon-plus-flat", LrpTables.epsilonPlusFlat(),
                "epsilon-gamma-box", LrpTables.epsilonGammaBox(-1, 1),
                "epsilon-alpha2-beta1", LrpTables.epsilonAlpha2Beta1(),
                "epsilon-alpha2-beta1-flat", LrpTables.epsilonAlpha2Beta1Flat());
        tables.forEach((name, table) -> {
            for (Class<? extends Node> t : IMPORTED) {
                assertThat(table.ruleFor(t)).as("%s: %s", name, t.getSimpleName()).isPresent();
            }
        });
    }

    @Test
    void deepLiftGivesEachTypeItsPapersRule() {
        RuleTable t = RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.EXACT);
        for (Class<? extends Node> type : List.of(ReluNode.class, LeakyReluNode.class)) {
            assertThat(t.ruleFor(type)).contains(Rescale.PIECEWISE_LINEAR);
        }
        for (Class<? extends Node> type : List.of(SigmoidNode.class, TanhNode.class, SiluNode.class, GeluNode.class,
                ErfNode.class, HardSigmoidNode.class, HardSwishNode.class, ClipNode.class, PowNode.class,
                SqrtNode.class)) {
            assertThat(t.ruleFor(type)).as(type.getSimpleName()).contains(Rescale.SMOOTH);
        }
        assertThat(t.ruleFor(MulNode.class)).contains(ShapleyProduct.INSTANCE);
        assertThat(t.ruleFor(MatMulNode.class)).contains(ShapleyProduct.INSTANCE);
        assertThat(t.ruleFor(DivNode.class)).contains(ShapleyQuotient.INSTANCE);
        assertThat(t.ruleFor(MaxPoolNode.class)).contains(new DeepLiftMaxPool(RuleVariant.CAPTUM));
        assertThat(t.ruleFor(SoftmaxNode.class)).contains(new DeepLiftSoftmax(RuleVariant.EXACT));
        for (Class<? extends Node> type : LINEAR) {
            assertThat(t.ruleFor(type)).as(type.getSimpleName()).contains(BackwardRule.gradient());
        }
        assertThat(t.composite().describe()).contains("type MaxPoolNode → deeplift-max-pool-captum")
                .contains("type SoftmaxNode → deeplift-softmax-exact").endsWith("otherwise → refused (no rule)");
    }

    @Test
    void guidedBackpropAndDeconvolutionChangeOnlyTheRelu() {
        for (RuleTable t : List.of(RuleTables.guidedBackprop(), RuleTables.deconvolution())) {
            BackwardRule relu = t.ruleFor(ReluNode.class).orElseThrow();
            assertThat(relu).isIn(GuidedRelu.INSTANCE, DeconvolutionRelu.INSTANCE);
            for (Class<? extends Node> type : IMPORTED) {
                if (type != ReluNode.class) {
                    assertThat(t.ruleFor(type)).as(type.getSimpleName()).contains(BackwardRule.gradient());
                }
            }
        }
        assertThat(RuleTables.guidedBackprop().ruleFor(ReluNode.class)).contains(GuidedRelu.INSTANCE);
        assertThat(RuleTables.deconvolution().ruleFor(ReluNode.class)).contains(DeconvolutionRelu.INSTANCE);
    }

    @Test
    void withPutsItsRowAheadOfEveryOther() {
        RuleTable t = RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM)
                .with(ElementwiseNode.class, BackwardRule.gradient());
        assertThat(t.ruleFor(ReluNode.class)).contains(BackwardRule.gradient());
        assertThat(t.ruleFor(MulNode.class)).contains(ShapleyProduct.INSTANCE);
        assertThat(t.types().get(0)).isEqualTo(ElementwiseNode.class);
    }

    /** softplus(x) = ln(1 + eˣ): a nonlinear node type no table knows. */
    static final class SoftplusNode extends ElementwiseNode {
        SoftplusNode(String name, String input, String output) {
            super(name, input, output);
        }

        @Override
        public String opType() {
            return "Softplus";
        }

        @Override
        protected INDArray apply(INDArray x) {
            return Transforms.log(Transforms.exp(x, true).addi(1), false);
        }

        @Override
        protected INDArray vjp(INDArray x, INDArray y, INDArray g) {
            return Transforms.sigmoid(x, true).muli(g);
        }
    }

    static Graph withSoftplus() {
        Rng rng = Rng.seeded(3);
        return Graph.builder("softplus-net").input("x", -1, 4).dataType(DataType.DOUBLE)
                .node(new GemmNode("fc1", "x", "h", rng.uniform(DataType.DOUBLE, -1, 1, 5, 4),
                        rng.uniform(DataType.DOUBLE, -0.1, 0.1, 5)))
                .node(new SoftplusNode("soft", "h", "s"))
                .node(new GemmNode("fc2", "s", "out", rng.uniform(DataType.DOUBLE, -1, 1, 3, 5),
                        rng.uniform(DataType.DOUBLE, -0.1, 0.1, 3)))
                .output("out").build();
    }

    @Test
    void aNodeTypeWithoutARowIsRefusedWhenTheMethodIsConstructed() {
        Graph g = withSoftplus();
        INDArray background = Rng.seeded(4).uniform(DataType.DOUBLE, -1, 1, 3, 4);
        List<Runnable> constructions = List.of(
                () -> new DeepLift(g),
                () -> new DeepLiftShap(g, DeepLiftShapConfig.of(Baseline.background(background))),
                () -> new GuidedBackprop(g),
                () -> new Deconvolution(g));
        List<String> methods = List.of("deeplift", "deeplift-shap", "guided-backprop", "deconvolution");
        for (int i = 0; i < constructions.size(); i++) {
            Runnable r = constructions.get(i);
            assertThatThrownBy(r::run).isInstanceOf(UnsupportedModelException.class)
                    .hasMessageStartingWith(methods.get(i) + " has no backward rule for node 'soft'")
                    .hasMessageContaining("of type SoftplusNode").hasMessageContaining("op Softplus");
        }
    }

    @Test
    void aNodeTypeWithoutARowIsAcceptedWhereTheInputDoesNotReachIt() {
        // The softplus reads only a constant (a learned offset computed at load time): no backward pass crosses
        // it, so requireCovers does not refuse it, as the constructors' @throws clauses say.
        Rng rng = Rng.seeded(7);
        INDArray offset = rng.uniform(DataType.DOUBLE, -1, 1, 1, 5);
        Graph g = Graph.builder("constant-softplus").input("x", -1, 4).dataType(DataType.DOUBLE)
                .constant("c", offset)
                .node(new GemmNode("fc1", "x", "h", rng.uniform(DataType.DOUBLE, -1, 1, 5, 4), null))
                .node(new SoftplusNode("soft", "c", "sc"))
                .node(new AddNode("shift", "h", "sc", "hs"))
                .node(new ReluNode("relu", "hs", "r"))
                .node(new GemmNode("fc2", "r", "out", rng.uniform(DataType.DOUBLE, -1, 1, 3, 5), null))
                .output("out").build();
        INDArray x = Rng.seeded(8).uniform(DataType.DOUBLE, -2, 2, 3, 4);
        INDArray background = Rng.seeded(9).uniform(DataType.DOUBLE, -1, 1, 2, 4);
        new DeepLiftShap(g, DeepLiftShapConfig.of(Baseline.background(background)));
        new GuidedBackprop(g);
        new Deconvolution(g);
        Attribution a = new DeepLift(g).explain(x, Target.classIndex(2));
        // Summation-to-delta (an axiom of DeepLIFT's Rescale rule at a ReLU): Σ attribution = f(x) − f(0) per row.
        assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isCloseTo(0, within(1e-12));
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        Composite c = RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM).composite();
        assertThatThrownBy(() -> RuleTable.requireCovers(c, null, "deeplift"))
                .isInstanceOf(org.xai4j.core.InvalidConfigException.class).hasMessage("graph must not be null");
        assertThatThrownBy(() -> RuleTable.builder().rows(List.of(), null))
                .isInstanceOf(org.xai4j.core.InvalidConfigException.class).hasMessage("rule must not be null");
        assertThatThrownBy(() -> RuleTable.builder().rows(null, BackwardRule.gradient()))
                .isInstanceOf(org.xai4j.core.InvalidConfigException.class).hasMessage("types must not be null");
    }

    @Test
    void aRowForTheNewTypeMakesTheGraphUsableAndConserving() {
        Graph g = withSoftplus();
        RuleTable mine = RuleTables.deepLift(RuleVariant.CAPTUM, RuleVariant.CAPTUM).with(SoftplusNode.class,
                Rescale.SMOOTH);
        DeepLift dl = new DeepLift(g, DeepLiftConfig.DEFAULTS.withBaseline(Baseline.constant(0.3)), mine.composite());
        INDArray x = Rng.seeded(5).uniform(DataType.DOUBLE, -2, 2, 4, 4);
        Attribution a = dl.explain(x, Target.classIndex(1));
        // Summation-to-delta, an axiom of Rescale at a softplus: Σ attribution = f(x) − f(x′) in each row.
        assertThat(a.convergenceDelta().orElseThrow().amaxNumber().doubleValue()).isCloseTo(0, within(1e-12));
        // Provenance records the caller's table in place of the config's max-pool and softmax variants.
        assertThat(new DeepLift(OneNodeGraphs.of(new ReluNode("relu", "x", "y"), DataType.DOUBLE, 4))
                .descriptor().config()).containsKeys("maxPool", "softmax").doesNotContainKey("rules");
        assertThat(dl.descriptor().config()).doesNotContainKeys("maxPool", "softmax").containsEntry("rules",
                mine.composite().describe());
    }

    @Test
    void aHandBuiltCompositeWithAFallbackCoversEveryNode() {
        // The plain gradient everywhere, softplus included: accepted (the caller chose a fallback), and then
        // DeepLIFT's multipliers are the gradient, so the attributions are gradient × (x − 0).
        Graph g = withSoftplus();
        INDArray x = Rng.seeded(6).uniform(DataType.DOUBLE, -2, 2, 2, 4);
        INDArray a = new DeepLift(g, DeepLiftConfig.DEFAULTS, Composite.gradient()).explain(x, Target.classIndex(0))
                .values();
        INDArray gradient = g.gradients(x, Target.classIndex(0)).inputGradient();
        assertThat(a.sub(gradient.mul(x)).amaxNumber().doubleValue()).isCloseTo(0, within(1e-12));
    }
}
