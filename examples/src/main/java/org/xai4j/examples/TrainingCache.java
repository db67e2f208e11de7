package org.xai4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
        return cached(name, key, train, f -> ModelSerializer.restoreMultiLayerNetwork(f, false));
    }

    /** The cached computation graph for {@code name} and {@code key}, or the one {@code train} makes (then cached). */
    public ComputationGraph computationGraph(String name, String key, Supplier<ComputationGraph> train) {
        return cached(name, key, train, f -> ModelSerializer.restoreComputationGraph(f, false));
    }

    /** How a cached model file is read back. */
    private interface Restore<M> {
        M from(File file) throws IOException;
    }

    private <M extends Model> M cached(String name, String key, Supplier<M> train, Restore<M> restore) {
        Path file = file(name, key, ".zip");
        if (Files.isRegularFile(file)) {
            try {
                return restore.from(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the cached model " + file + ": " + e.getMessage()
                        + " (delete it to train again)", e);
            }
        }
        M net = train.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OutputFiles.write(file, bytes.toByteArray());
        return net;
    }

    /** The cache path for {@code name} and {@code key} with {@code suffix} (".zip" is the model's own file). */
    public Path file(String name, String key, String suffix) {
        return folder.resolve(name + "-" + hash(key) + suffix);
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
