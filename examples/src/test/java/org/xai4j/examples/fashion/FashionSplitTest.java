package org.xai4j.examples.fashion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;

/** The seeded split, the epoch columns of the flow view and the unstable-class ranking. */
class FashionSplitTest {
    private static final FashionSplit.Sizes SIZES = new FashionSplit.Sizes(120, 30, 60);

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        ExampleOptions o = ExampleOptions.of(Path.of("unused"));
        FashionSplit a = FashionSplit.of(o, SIZES, 28, 0, 2, 4, 5, 6, 7);
        FashionSplit b = FashionSplit.of(o, SIZES, 28, 0, 2, 4, 5, 6, 7);
        FashionSplit c = FashionSplit.of(o.withSeed(7), SIZES, 28, 0, 2, 4, 5, 6, 7);
        assertThat(a.train().images()).isEqualTo(b.train().images());
        assertThat(a.train().labels()).isEqualTo(b.train().labels());
        assertThat(a.train().images()).isNotEqualTo(c.train().images());
        assertThat(a.train().size()).isEqualTo(120);
        assertThat(a.validation().size()).isEqualTo(30);
        assertThat(a.test().size()).isEqualTo(60);
        assertThat(a.classes()).containsExactly("T-shirt/top", "Pullover", "Coat", "Sandal", "Shirt", "Sneaker");
        assertThat(java.util.Arrays.stream(a.train().labels()).allMatch(y -> y >= 0 && y < 6)).isTrue();
        assertThat(a.train().images().shape()).containsExactly(120, 1, 28, 28);
        assertThat(a.train().images().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void relabellingKeepsTheImagesClass() {
        // a sneaker (original label 7) becomes label 5 of the kept classes, and stays a sneaker: compare against the
        // full ten-class split of the same seed, where the same pool order holds sneakers under label 7
        FashionSplit six = FashionSplit.of(ExampleOptions.of(Path.of("unused")), SIZES, 28, 7, 5);
        assertThat(six.classes()).containsExactly("Sneaker", "Sandal");
        FashionMnist data = FashionMnist.load();
        int[] sneakers = new int[0];
        for (int i = 0; i < six.train().size(); i++) {
            if (six.train().labels()[i] == 0) {
                sneakers = java.util.Arrays.copyOf(sneakers, sneakers.length + 1);
                sneakers[sneakers.length - 1] = i;
            }
        }
        assertThat(sneakers).isNotEmpty();
        // each relabelled sneaker image is pixel for pixel an original image labelled 7
        float[] first = six.train().image(sneakers[0]).data().asFloat();
        boolean found = false;
        for (int j = 0; j < data.train().size() && !found; j++) {
            if (data.train().labels()[j] != 7) {
                continue;
            }
            boolean same = true;
            for (int p = 0; p < 784 && same; p++) {
                same = Math.abs(data.train().pixel(j, p) / 255f - first[p]) < 1e-6;
            }
            found = same;
        }
        assertThat(found).isTrue();
    }

    @Test
    void flowColumnsAreEvenlySpacedWithFirstAndLast() {
        assertThat(TrainingFlow.epochs(15, 8)).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
        assertThat(TrainingFlow.epochs(3, 8)).containsExactly(0, 1, 2);
    }

    @Test
    void unstableClassesRankByShareOfUnstableInstances() {
        // labels: two of class 0, two of class 1; instance 2 (class 1) flips every epoch, instance 0 flips once
        int[][] predictions = {{0, 0, 1, 1}, {1, 0, 0, 1}, {0, 0, 1, 1}, {0, 0, 0, 1}};
        TrainingHistory h = TrainingHistory.of(predictions, new int[] {0, 0, 1, 1}, 2);
        TrainingDynamics d = TrainingDynamics.of(h);
        List<java.util.Map<String, Object>> ranked = TrainingFlow.unstableClasses(h, d, List.of("a", "b"));
        // instance 0: changes 2 of 3 transitions; instance 2: 3 of 3; instance 1 and 3: never
        assertThat(ranked.get(0).get("class")).isEqualTo("b");
        assertThat(ranked.get(0).get("share")).isEqualTo(0.5);
        assertThat((Double) ranked.get(0).get("mean_change_frequency")).isEqualTo(0.5);
        assertThat(ranked.get(1).get("class")).isEqualTo("a");
        assertThat((Double) ranked.get(1).get("mean_change_frequency")).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
    }
}
