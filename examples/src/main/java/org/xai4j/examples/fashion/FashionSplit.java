package org.xai4j.examples.fashion;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.examples.DataFolder;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.LesionGenerator;

/**
 * A study's training, validation and test images, chosen with the seed: from Fashion-MNIST (training and validation
 * images from its training split, test images from its test split, optionally only some classes, relabelled
 * 0 … k − 1 in the order given), or from a user's {@code --data} folder (one sub-folder per class; 60% training,
 * 15% validation, 25% test).
 *
 * @param train      training images
 * @param validation validation images (the per-epoch validation loss and accuracy)
 * @param test       test images (recorded after every epoch, explained, measured)
 * @param source     where the images came from, in words
 */
public record FashionSplit(LabelledImages train, LabelledImages validation, LabelledImages test, String source) {
    /** The number of images of each part; fewer when the source holds fewer. */
    public record Sizes(int train, int validation, int test) {
    }

    /** The classes of the split. */
    public List<String> classes() {
        return train.classes();
    }

    /**
     * The split the options ask for: Fashion-MNIST's classes {@code keep} (all ten when empty) or the images of
     * {@code options.data()} resized to {@code side} × {@code side} RGB.
     */
    public static FashionSplit of(ExampleOptions options, Sizes sizes, int side, int... keep) {
        if (options.data() != null) {
            return fromFolder(options, side);
        }
        FashionMnist data = FashionMnist.load();
        int[] classes = keep.length == 0 ? new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9} : keep.clone();
        List<String> names = new ArrayList<>();
        for (int c : classes) {
            names.add(FashionMnist.CLASSES.get(c));
        }
        Random rng = new Random(options.seed());
        int[] trainPool = shuffled(eligible(data.train().labels(), classes), rng);
        int[] testPool = shuffled(eligible(data.test().labels(), classes), rng);
        int nt = Math.min(sizes.train(), trainPool.length - Math.min(sizes.validation(), trainPool.length / 5));
        int nv = Math.min(sizes.validation(), trainPool.length - nt);
        int ns = Math.min(sizes.test(), testPool.length);
        return new FashionSplit(take(data.train(), trainPool, 0, nt, classes, names),
                take(data.train(), trainPool, nt, nt + nv, classes, names),
                take(data.test(), testPool, 0, ns, classes, names), data.source());
    }

    private static FashionSplit fromFolder(ExampleOptions options, int side) {
        LesionGenerator.LesionSet all = DataFolder.read(options.data(), side);
        int n = all.size();
        if (n < 20) {
            throw new InvalidConfigException("--data " + options.data() + " holds " + n
                    + " images; the study needs at least 20 (60% train, 15% validation, 25% test)");
        }
        LabelledImages images = new LabelledImages(all.images(), all.labels(), all.classes());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        order = shuffled(order, new Random(options.seed()));
        int nt = (int) Math.round(n * 0.6);
        int nv = (int) Math.round(n * 0.15);
        return new FashionSplit(images.rows(java.util.Arrays.copyOfRange(order, 0, nt)),
                images.rows(java.util.Arrays.copyOfRange(order, nt, nt + nv)),
                images.rows(java.util.Arrays.copyOfRange(order, nt + nv, n)), "the images of " + options.data());
    }

    private static int[] eligible(int[] labels, int[] classes) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            for (int c : classes) {
                if (labels[i] == c) {
                    out.add(i);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] shuffled(int[] v, Random rng) {
        int[] a = v.clone();
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static LabelledImages take(IdxImages source, int[] pool, int from, int to, int[] classes,
                                       List<String> names) {
        int[] idx = java.util.Arrays.copyOfRange(pool, from, to);
        java.util.Arrays.sort(idx);
        int[] original = source.labels(idx);
        int[] relabelled = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            for (int c = 0; c < classes.length; c++) {
                if (classes[c] == original[i]) {
                    relabelled[i] = c;
                }
            }
        }
        return new LabelledImages(source.images(idx), relabelled, List.copyOf(names));
    }
}
