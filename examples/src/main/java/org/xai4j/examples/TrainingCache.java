package org.xai4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.xai4j.core.util.OutputFiles;

/**
 * Trained models kept under {@code OUT/cache/}, named by the study, the model and a hash of the seed and every
 * setting that changes training, so a rerun with the same settings loads instead of training, and a changed
 * setting trains afresh.
 */
public final class TrainingCache {
    private final Path folder;

    public TrainingCache(Path out) {
        this.folder = out.resolve("cache");
    }

    /** The cached network for {@code name} and {@code key}, or the one {@code train} makes (then cached). */
    public MultiLayerNetwork multiLayer(String name, String key, Supplier<MultiLayerNetwork> train) {
        Path file = folder.resolve(name + "-" + hash(key) + ".zip");
        if (Files.isRegularFile(file)) {
            try {
                return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cached model " + file + ": " + e.getMessage()
                        + " (delete it to train again)", e);
            }
        }
        MultiLayerNetwork net = train.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OutputFiles.write(file, bytes.toByteArray());
        return net;
    }

    /** The cached graph for {@code name} and {@code key}, or the one {@code train} makes (then cached). */
    public org.deeplearning4j.nn.graph.ComputationGraph computationGraph(String name, String key,
            Supplier<org.deeplearning4j.nn.graph.ComputationGraph> train) {
        Path file = folder.resolve(name + "-" + hash(key) + ".zip");
        if (Files.isRegularFile(file)) {
            try {
                return ModelSerializer.restoreComputationGraph(file.toFile(), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cached model " + file + ": " + e.getMessage()
                        + " (delete it to train again)", e);
            }
        }
        org.deeplearning4j.nn.graph.ComputationGraph net = train.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OutputFiles.write(file, bytes.toByteArray());
        return net;
    }

    static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
