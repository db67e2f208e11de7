package org.xai4j.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.image.ColorMode;
import org.xai4j.viz.image.ImageTensors;

/**
 * A user's data set: a folder with one sub-folder of images (PNG, JPEG, BMP, GIF) per class, class names in
 * alphabetical order, each image resized to side × side RGB in [0, 1].
 */
public final class ImageFolder {
    private ImageFolder() {
    }

    /** The images of {@code folder} as a lesion set without masks (all-zero masks, no border information). */
    public static LesionGenerator.LesionSet read(Path folder, int side) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidConfigException("--data must be a folder with one sub-folder per class but got "
                    + folder);
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(folder)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (classDirs.size() < 2) {
            throw new InvalidConfigException("--data " + folder + " needs at least two class sub-folders but has "
                    + classDirs.size());
        }
        List<INDArray> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < classDirs.size(); k++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(classDirs.get(k))) {
                files = s.filter(ImageFolder::isImage).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + classDirs.get(k) + ": " + e.getMessage(), e);
            }
            for (Path f : files) {
                images.add(ImageTensors.toTensor(resize(load(f), side), ColorMode.RGB));
                labels.add(k);
            }
        }
        int n = images.size();
        INDArray x = Nd4j.stack(0, images.toArray(INDArray[]::new)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        return new LesionGenerator.LesionSet(x, labels.stream().mapToInt(Integer::intValue).toArray(),
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, side, side), new boolean[n],
                classDirs.stream().map(p -> p.getFileName().toString()).toList());
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg")
                || n.endsWith(".bmp") || n.endsWith(".gif"));
    }

    private static BufferedImage load(Path f) {
        try {
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new InvalidConfigException("cannot decode the image " + f);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static BufferedImage resize(BufferedImage img, int side) {
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, side, side, null);
        g.dispose();
        return out;
    }
}
