package org.xai4j.examples;

import java.nio.file.Path;
import org.xai4j.core.InvalidConfigException;

/**
 * How an example study runs: where it writes, whether it runs in quick mode (small data, few epochs, for tests and
 * a first look), and optionally a folder of real images (one sub-folder per class) and a model file that replace
 * the generated data and the trained model.
 *
 * @param out   the output folder (index.html, summary.json, the PNG figures and the training cache)
 * @param quick small settings that finish in well under 90 seconds
 * @param data  a folder with one sub-folder of images per class, or {@code null} for the generated data
 * @param model a model file replacing the one the study trains, or {@code null}
 * @param seed  the seed of every random choice (data generation, initialisation, shuffling)
 */
public record ExampleOptions(Path out, boolean quick, Path data, Path model, long seed) {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42;

    public ExampleOptions {
        if (out == null) {
            throw new InvalidConfigException("--out is required: the folder the study writes its report into");
        }
    }

    /** Full settings, generated data, the default seed. */
    public static ExampleOptions of(Path out) {
        return new ExampleOptions(out, false, null, null, DEFAULT_SEED);
    }

    public ExampleOptions withQuick(boolean v) {
        return new ExampleOptions(out, v, data, model, seed);
    }

    public ExampleOptions withData(Path v) {
        return new ExampleOptions(out, quick, v, model, seed);
    }

    public ExampleOptions withModel(Path v) {
        return new ExampleOptions(out, quick, data, v, seed);
    }

    public ExampleOptions withSeed(long v) {
        return new ExampleOptions(out, quick, data, model, v);
    }
}
