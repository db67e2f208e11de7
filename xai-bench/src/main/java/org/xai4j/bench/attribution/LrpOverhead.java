package org.xai4j.bench.attribution;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.bench.support.Interleaved;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;

/**
 * LRP's and CRP's cost against the plain passes they replace, interleaved round by round ({@link Interleaved}):
 * <ul>
 *   <li>{@code lrp}: {@link Lrp#attributeChecked} (one forward and one backward pass with the composite's rules)
 *       against one forward+input-gradient pass of the same batch and targets;</li>
 *   <li>{@code crp}: {@link Crp#explain} for K = 4 channels of one row (one forward of the row, the LRP backward
 *       to the layer on one row, then below it the 4 masked channels as 4 rows of the same backward pass) against one forward+input-gradient pass of a batch of 4 (zennit-crp's cost model:
 *       the K conditioned copies as one batch).</li>
 * </ul>
 * Usage: {@code LrpOverhead lrp|crp MODEL ROWS ROUNDS [COMPOSITE]}; prints one line per comparison.
 */
public final class LrpOverhead {
    private LrpOverhead() {
    }

    public static void main(String[] args) {
        String what = args[0];
        String model = args[1];
        int rows = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String composite = args.length > 4 ? args[4] : "epsilon-plus-flat";
        Graph g = BenchModels.graph(model);
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = (7 * i + 3) % BenchModels.classes(model);
        }
        Target t = Target.perRow(classes);
        if (what.equals("lrp")) {
            INDArray x = BenchModels.input(model, rows);
            Lrp lrp = new Lrp(g, LrpConfig.DEFAULTS.withComposite(composite).withBounds(-3, 3));
            Interleaved.Result r = Interleaved.compare(() -> g.gradients(x, t), () -> lrp.attributeChecked(x, t), 3,
                    rounds);
            System.out.println("lrp " + composite + " on " + model + ", " + rows + " row(s) vs forward+input-gradient: "
                    + r.describe());
        } else {
            String layer = model.equals("resnet18") ? "/layer3/layer3.1/conv2/Conv" : "/conv2/Conv";
            INDArray x = BenchModels.input(model, 1);
            INDArray x4 = Nd4j.concat(0, x, x, x, x);
            Target t1 = Target.classIndex(3);
            Target t4 = Target.classIndex(3);
            Crp crp = new Crp(g, CrpConfig.of(layer, List.of(0, 1, 2, 3)).withLrp(CrpConfig.LRP_DEFAULTS
                    .withComposite(composite)));
            Interleaved.Result r = Interleaved.compare(() -> g.gradients(x4, t4), () -> crp.explain(x, t1), 3, rounds);
            System.out.println("crp " + composite + " on " + model + " at " + layer + ", 4 channels of 1 row vs "
                    + "forward+input-gradient of 4 rows: " + r.describe());
        }
    }
}
