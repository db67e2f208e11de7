package org.xai4j.examples.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;

/**
 * The committed subset against what is known of Fashion-MNIST (Xiao et al. 2017: 28×28 unsigned-byte pixels, ten
 * labels, a training-set pixel mean of 0.2860 on [0, 1]) and against what the generator script promises (240
 * training and 60 test images per class, the manifest's original indices). Where Debian's package is installed, every
 * subset image is also compared with the original image its manifest names.
 */
class FashionMnistTest {
    @Test
    void subsetHasTheFormatCountsAndBalanceTheScriptPromises() {
        FashionMnist s = FashionMnist.subset();
        for (IdxImages split : new IdxImages[] {s.train(), s.test()}) {
            assertThat(split.rows()).isEqualTo(28);
            assertThat(split.cols()).isEqualTo(28);
        }
        assertThat(s.train().size()).isEqualTo(2400);
        assertThat(s.test().size()).isEqualTo(600);
        assertThat(perClass(s.train().labels())).containsOnly(240);
        assertThat(perClass(s.test().labels())).containsOnly(60);
        int min = 255;
        int max = 0;
        double sum = 0;
        for (int i = 0; i < s.train().size(); i++) {
            for (int p = 0; p < 784; p++) {
                int v = s.train().pixel(i, p);
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(255);
        // Fashion-MNIST's training mean is 0.2860 (72.94 of 255); a balanced sample of 2,400 lies close to it
        assertThat(sum / (2400.0 * 784 * 255)).isBetween(0.276, 0.296);
    }

    @Test
    void manifestListsDistinctSortedOriginalIndicesOnePerImage() {
        Map<String, int[]> m = FashionMnist.subsetIndices();
        assertThat(m).containsOnlyKeys("train", "t10k");
        assertThat(m.get("train")).hasSize(2400).isSorted().doesNotHaveDuplicates();
        assertThat(m.get("t10k")).hasSize(600).isSorted().doesNotHaveDuplicates();
        assertThat(m.get("train")[2399]).isLessThan(60_000);
        assertThat(m.get("t10k")[599]).isLessThan(10_000);
    }

    @Test
    void subsetImagesAreTheOriginalsTheManifestNames() {
        Path debian = Path.of(FashionMnist.DEBIAN_FOLDER);
        Assumptions.assumeTrue(Files.isDirectory(debian), "dataset-fashion-mnist is not installed: the subset "
                + "was checked against known facts only, not against the original images");
        FashionMnist full = FashionMnist.read(debian);
        assertThat(full.train().size()).isEqualTo(60_000);
        assertThat(full.test().size()).isEqualTo(10_000);
        assertThat(perClass(full.train().labels())).containsOnly(6000);
        assertThat(perClass(full.test().labels())).containsOnly(1000);
        FashionMnist s = FashionMnist.subset();
        Map<String, int[]> m = FashionMnist.subsetIndices();
        compare(s.train(), full.train(), m.get("train"));
        compare(s.test(), full.test(), m.get("t10k"));
    }

    @Test
    void wrongMagicNumberIsRejectedInPlainWords() {
        byte[] images = ByteBuffer.allocate(16 + 4).putInt(0x801).putInt(1).putInt(2).putInt(2).array();
        byte[] labels = ByteBuffer.allocate(9).putInt(0x801).putInt(1).put((byte) 3).array();
        assertThatThrownBy(() -> IdxImages.read(new ByteArrayInputStream(images), new ByteArrayInputStream(labels), "x"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("magic number 0x801")
                .hasMessageContaining("0x803");
        byte[] good = ByteBuffer.allocate(16 + 4).putInt(0x803).putInt(1).putInt(2).putInt(2).put(new byte[] {0, 1, 2, (byte) 255}).array();
        IdxImages one = IdxImages.read(new ByteArrayInputStream(good), new ByteArrayInputStream(labels), "x");
        assertThat(one.labels()).containsExactly(3);
        assertThat(one.images(new int[] {0}).getFloat(0, 0, 1, 1)).isEqualTo(1f);
        byte[] shortLabels = ByteBuffer.allocate(8).putInt(0x801).putInt(2).array();
        assertThatThrownBy(() -> IdxImages.read(new ByteArrayInputStream(good), new ByteArrayInputStream(shortLabels), "y"))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("1 images but 2 labels");
    }

    private static void compare(IdxImages subset, IdxImages full, int[] indices) {
        for (int i = 0; i < indices.length; i++) {
            assertThat(subset.labels()[i]).as("label of subset image %d", i).isEqualTo(full.labels()[indices[i]]);
            for (int p = 0; p < 784; p++) {
                if (subset.pixel(i, p) != full.pixel(indices[i], p)) {
                    throw new AssertionError("subset image " + i + " differs from original " + indices[i] + " at pixel " + p);
                }
            }
        }
    }

    private static int[] perClass(int[] labels) {
        int[] c = new int[10];
        for (int y : labels) {
            assertThat(y).isBetween(0, 9);
            c[y]++;
        }
        return c;
    }
}
