package org.xai4j.cli;

import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.PredictionFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --input}, a batch given as an {@code .npy}, an image, a folder or a glob, with the image options that
 * turn images into tensors; shared by the commands that run a model on a batch ({@code predict}, {@code explain}).
 */
final class BatchOptions {
    @Option(names = "--input", required = true, paramLabel = "X.npy|IMAGE|DIR|GLOB",
            description = "the batch (.npy), an image, a folder of images (class sub-folders allowed) or a glob such as 'photos/*.jpg'")
    Path input;

    @Mixin
    ImageOptions images = new ImageOptions();

    /** The files the batch is read from, by the option that names them ({@link Inputs#files}). */
    Map<String, Path> files() {
        return Inputs.files(input);
    }

    /** The batch read before the model loads, where the model needs an example to know its input size; else null. */
    INDArray example(ModelOptions model) {
        return model.needsExample() ? Inputs.read(input, null, images) : null;
    }

    /**
     * The batch: {@code example} where it was read already from an {@code .npy} file, else read for {@code model}
     * (images again, for the model's channels and size, which the example's read did not know).
     */
    INDArray read(INDArray example, PredictionFunction model) {
        return example != null && Inputs.isNpy(input) ? example : Inputs.read(input, model, images);
    }
}
