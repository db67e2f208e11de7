package org.xai4j.examples.fashion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning
 * Algorithms", 2017): 28×28 grey images of ten kinds of clothing, 60,000 for training and 10,000 for testing. Read
 * from Debian's {@code dataset-fashion-mnist} ({@value #DEBIAN_FOLDER}) when it is installed, else from the
 * committed subset (240 training and 60 test images per class, chosen with a seed by
 * {@code tools/examples/fashion_mnist_subset.py}, whose manifest lists the original indices).
 *
 * @param train  the training split
 * @param test   the test split
 * @param source where the images came from, for the report
 */
public record FashionMnist(IdxImages train, IdxImages test, String source) {
    /** Where Debian's {@code dataset-fashion-mnist} puts the IDX files. */
    public static final String DEBIAN_FOLDER = "/usr/share/datasets/fashion-mnist";
    /** The ten class names, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The classpath folder of the committed subset. */
    static final String SUBSET = "/org/xai4j/examples/fashion/";

    /** The Debian package's full data set when installed, else the committed subset. */
    public static FashionMnist load() {
        Path debian = Path.of(DEBIAN_FOLDER);
        return Files.isDirectory(debian) ? read(debian) : subset();
    }

    /** The committed subset (2,400 training and 600 test images). */
    public static FashionMnist subset() {
        return new FashionMnist(resource("train"), resource("t10k"),
                "the committed subset of Fashion-MNIST (240 training and 60 test images per class)");
    }

    /** The IDX files {@code train-…} and {@code t10k-…} (gzipped or not) of {@code folder}. */
    public static FashionMnist read(Path folder) {
        return new FashionMnist(file(folder, "train"), file(folder, "t10k"), "Fashion-MNIST from " + folder);
    }

    /** The subset's manifest: split name ("train", "t10k") → the original indices of its images, in order. */
    public static Map<String, int[]> subsetIndices() {
        Map<String, int[]> out = new LinkedHashMap<>();
        try (InputStream in = open(SUBSET + "subset.txt")) {
            for (String line : new String(IdxImages.readAll(in), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                int[] idx = new int[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    idx[i - 1] = Integer.parseInt(parts[i]);
                }
                out.put(parts[0], idx);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static IdxImages resource(String split) {
        try (InputStream x = open(SUBSET + split + "-images-idx3-ubyte.gz");
             InputStream y = open(SUBSET + split + "-labels-idx1-ubyte.gz")) {
            return IdxImages.read(x, y, "the committed Fashion-MNIST subset (" + split + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = FashionMnist.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the examples jar lacks the resource " + resource);
        }
        return in;
    }

    private static IdxImages file(Path folder, String split) {
        Path x = existing(folder, split + "-images-idx3-ubyte");
        Path y = existing(folder, split + "-labels-idx1-ubyte");
        try (InputStream xi = Files.newInputStream(x); InputStream yi = Files.newInputStream(y)) {
            return IdxImages.read(xi, yi, x + " and " + y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + x + ": " + e.getMessage(), e);
        }
    }

    private static Path existing(Path folder, String name) {
        List<Path> tried = new ArrayList<>();
        for (String candidate : List.of(name + ".gz", name)) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(p);
        }
        throw new InvalidConfigException("Fashion-MNIST: neither of " + tried + " exists");
    }
}
