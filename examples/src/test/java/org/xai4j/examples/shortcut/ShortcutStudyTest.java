package org.xai4j.examples.shortcut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.examples.LesionGenerator;
import org.xai4j.models.dl4j.Dl4jImporter;

/** The shortcut study's pieces against expectations worked out independently of their code. */
class ShortcutStudyTest {
    /** On a 10×10 image a radius of 0.4 (4 pixels) leaves outside the pixels whose centre is ≥ 4 from (5, 5). */
    @Test
    void ringRegionIsThePixelsOutsideTheRadius() {
        Vignette v = new Vignette(0.4, 0.9);
        INDArray m = v.mask(10);
        int count = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                double d = Math.hypot(y + 0.5 - 5, x + 0.5 - 5);
                assertThat(m.getDouble(y, x)).as("pixel %d,%d at distance %.2f", y, x, d).isEqualTo(d >= 4 ? 1 : 0);
                count += d >= 4 ? 1 : 0;
            }
        }
        // by hand: pixel centres sit at offsets 0.5, 1.5, …, 4.5 from the centre; per quadrant a² + b² < 16 holds for
        // a = 0.5: 4 values of b, a = 1.5: 4, a = 2.5: 3, a = 3.5: 2, a = 4.5: 0, so 13 × 4 = 52 pixels are inside
        assertThat(count).isEqualTo(100 - 52);
        assertThat(m.getDouble(0, 0)).isEqualTo(1);
        assertThat(m.getDouble(5, 5)).isZero();
    }

    @Test
    void ringDarkensOutsideAndKeepsTheCentre() {
        INDArray img = Nd4j.ones(DataType.FLOAT, 1, 3, 32, 32);
        new Vignette(0.45, 0.9).apply(img, 0);
        // centre pixel: distance 0.71, 13.7 px inside the radius 14.4: factor 1 − 0.9σ(−13.7/0.8) ≈ 1
        assertThat(img.getDouble(0, 1, 16, 16)).isCloseTo(1, within(1e-6));
        // corner pixel: distance 21.9, 7.5 px outside: factor 1 − 0.9σ(7.5/0.8) ≈ 0.1001
        assertThat(img.getDouble(0, 2, 0, 0)).isCloseTo(0.1, within(1e-3));
        assertThatThrownBy(() -> new Vignette(0.4, 1.5)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("darkness");
    }

    /** Shares by hand: image 0 has positive relevance 3 inside and 1 outside (a −5 outside is ignored): 0.75. */
    @Test
    void shareCountsPositiveRelevanceInsideTheRegion() {
        INDArray r = Nd4j.createFromArray(new double[][][] {{{2, 1}, {1, -5}}, {{0, 0}, {0, -1}}});
        INDArray region = Nd4j.createFromArray(new double[][][] {{{1, 1}, {0, 0}}, {{1, 1}, {0, 0}}});
        double[] s = RingFinder.shares(r, region);
        assertThat(s[0]).isCloseTo(0.75, within(1e-12));
        assertThat(s[1]).isZero();
        double[] mass = RingFinder.masses(r, region);
        assertThat(mass[0]).isCloseTo(3, within(1e-12));
        assertThat(mass[1]).isZero();
    }

    /** Flags (T, T, T, F) against planted (T, F, T, T): 2 of 3 flags right, 2 of 3 rings found. */
    @Test
    void precisionAndRecallOfAHandMadeCase() {
        RingFinder.Score s = RingFinder.score(new boolean[] {true, true, true, false},
                new boolean[] {true, false, true, true});
        assertThat(s.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.flagged()).isEqualTo(3);
        assertThat(s.planted()).isEqualTo(3);
    }

    /** Separable shares: any threshold between 0.3 and 0.6 flags exactly the rings. */
    @Test
    void fittedThresholdSeparatesSeparableShares() {
        double[] shares = {0.9, 0.2, 0.6, 0.3, 0.05};
        boolean[] planted = {true, false, true, false, false};
        RingFinder f = RingFinder.fit(shares, planted);
        assertThat(f.threshold()).isBetween(0.3, 0.6);
        RingFinder.Score s = f.score(shares, planted);
        assertThat(s.precision()).isEqualTo(1);
        assertThat(s.recall()).isEqualTo(1);
    }

    @Test
    void trainingRingsAreOnTheChosenClassOnlyAndTestRingsOnBoth() {
        LesionGenerator.LesionSet lesions = new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, 16, 0).generate(80, 3);
        RingedSet train = RingedSet.plant(lesions, RingedSet.onClass(0), 4);
        for (int i = 0; i < train.size(); i++) {
            assertThat(train.ring()[i]).isEqualTo(train.labels()[i] == 0);
        }
        RingedSet test = RingedSet.plant(lesions, RingedSet.atRandom(0.5), 5);
        int[][] counts = new int[2][2];
        for (int i = 0; i < test.size(); i++) {
            counts[test.labels()[i]][test.ring()[i] ? 1 : 0]++;
            // a ring image is darker in its ring region than the same lesion image without one
            double before = lesions.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).sumNumber().doubleValue();
            double after = test.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).sumNumber().doubleValue();
            if (test.ring()[i]) {
                assertThat(after).isLessThan(before * 0.9);
            } else {
                assertThat(after).isEqualTo(before);
            }
        }
        assertThat(counts[0][1]).isPositive();
        assertThat(counts[1][1]).isPositive();
        assertThat(counts[0][0] + counts[1][0]).isPositive();
    }

    /**
     * The network imports into the explanation graph with outputs equal to DL4J's, and LRP (epsilon-plus-flat with
     * signal-takes-all on the SE product) finds a rule for every node and returns a map of the input's shape.
     */
    @Test
    void networkImportsAndLrpRunsThroughTheAttentionBlock() {
        var net = ShortcutNet.create(16, 2, 7, 1e-3);
        Graph g = Dl4jImporter.fromComputationGraph(net, org.deeplearning4j.nn.conf.inputs.InputType.convolutional(16,
                16, 3), false);
        INDArray x = new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, 16, 0).generate(3, 9).images();
        INDArray dl4j = net.outputSingle(false, x);
        INDArray ours = g.predict(x);
        assertThat(ours.sub(dl4j).amaxNumber().doubleValue()).isLessThan(1e-4);
        Graph logits = Dl4jImporter.fromComputationGraph(net, org.deeplearning4j.nn.conf.inputs.InputType
                .convolutional(16, 16, 3), true);
        INDArray r = new Lrp(logits, ShortcutNet.epsilonPlusFlat(), LrpConfig.DEFAULTS).explain(x, Target.classIndex(0))
                .values();
        assertThat(r.shape()).containsExactly(3, 3, 16, 16);
        assertThat(r.amaxNumber().doubleValue()).isPositive();
        assertThat(ShortcutStudy.top(new double[] {0.1, 3, -2, 2}, 2)).containsExactly(1, 3);
        assertThat(List.of(ShortcutNet.epsilonGammaBox(0, 1).describe())).anyMatch(d -> d.contains("signal-takes-all"));
    }
}
