package org.xai4j.examples;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.models.io.ImageFolder;
import org.xai4j.models.io.ImagePreprocessing;
import org.xai4j.models.io.Images;

/**
 * A user's {@code --data}: a folder with one sub-folder of images per class, read by the library's input pipeline
 * ({@link ImageFolder}: torchvision's ImageFolder order; {@link Images}: RGB, resized to side × side, in [0, 1]).
 */
public final class DataFolder {
    private DataFolder() {
    }

    /** The images of {@code folder} as a lesion set without masks (all-zero masks, no border information). */
    public static LesionGenerator.LesionSet read(Path folder, int side) {
        ImageFolder data;
        try {
            data = ImageFolder.scan(folder);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("--data: " + e.getMessage(), e);
        }
        if (data.classes().size() < 2) {
            throw new InvalidConfigException("--data " + folder + " needs at least two class sub-folders but has "
                    + data.classes().size());
        }
        INDArray x = Images.readAll(data.files(), ImagePreprocessing.DEFAULTS.withSize(side, side));
        int n = data.files().size();
        return new LesionGenerator.LesionSet(x, data.labels(), Nd4j.zeros(DataType.FLOAT, n, side, side), new boolean[n],
                data.classes());
    }
}
