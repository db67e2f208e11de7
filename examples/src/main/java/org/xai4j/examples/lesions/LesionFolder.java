package org.xai4j.examples.lesions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.examples.LesionGenerator;
import org.xai4j.models.io.ImageFolder;
import org.xai4j.models.io.ImagePreprocessing;
import org.xai4j.models.io.Images;

/**
 * A user's {@code --data} for the lesion study: one sub-folder of images per class (HAM10000's seven diagnoses,
 * for instance), and optionally a sub-folder {@code masks} (not a class) with a segmentation mask per image, named
 * {@code STEM_segmentation.png} (ISIC 2018 task 1) or {@code STEM.png}. Images are read by the library's input
 * pipeline at {@code side}×{@code side}; masks are thresholded at half intensity. Whether a border is blurred is not
 * known for real images: it is taken as "blurred" where the grey-level step across the mask's edge is below the
 * median over the masked images.
 *
 * @param set     the images, labels, masks (all zero where none) and blurred flags
 * @param hasMask per image, whether a mask was found
 */
public record LesionFolder(LesionGenerator.LesionSet set, boolean[] hasMask) {
    /** The sub-folder holding masks. */
    public static final String MASKS = "masks";

    public static LesionFolder read(Path folder, int side) {
        ImageFolder all;
        try {
            all = ImageFolder.scan(folder);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("--data: " + e.getMessage(), e);
        }
        int masksLabel = all.classes().indexOf(MASKS);
        List<String> classes = new ArrayList<>(all.classes());
        classes.remove(MASKS);
        if (classes.size() < 2) {
            throw new InvalidConfigException("--data " + folder + " needs at least two class sub-folders (besides '"
                    + MASKS + "') but has " + classes.size());
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < all.files().size(); i++) {
            int l = all.labels()[i];
            if (l != masksLabel) {
                files.add(all.files().get(i));
                labels.add(masksLabel >= 0 && l > masksLabel ? l - 1 : l);
            }
        }
        ImagePreprocessing pre = ImagePreprocessing.DEFAULTS.withSize(side, side);
        INDArray x = Images.readAll(files, pre);
        int n = files.size();
        float[] masks = new float[n * side * side];
        boolean[] hasMask = new boolean[n];
        for (int i = 0; i < n; i++) {
            Path m = maskOf(folder.resolve(MASKS), files.get(i));
            if (m != null) {
                hasMask[i] = true;
                float[] v = Images.read(m, pre).castTo(DataType.FLOAT).dup('c').data().asFloat();
                int plane = side * side;
                for (int p = 0; p < plane; p++) {
                    double grey = (v[p] + v[plane + p] + v[2 * plane + p]) / 3;
                    masks[i * plane + p] = grey > 0.5 ? 1 : 0;
                }
            }
        }
        INDArray maskArray = Nd4j.create(masks, new long[] {n, side, side}, 'c');
        boolean[] blurred = blurredByContrast(x, masks, hasMask, side);
        return new LesionFolder(new LesionGenerator.LesionSet(x, labels.stream().mapToInt(Integer::intValue)
                .toArray(), maskArray, blurred, List.copyOf(classes)), hasMask);
    }

    private static Path maskOf(Path masks, Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        for (String candidate : List.of(stem + "_segmentation.png", stem + ".png")) {
            Path p = masks.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Blurred where the mean grey step across the mask's edge is below the median over masked images. */
    static boolean[] blurredByContrast(INDArray images, float[] masks, boolean[] hasMask, int side) {
        int n = hasMask.length;
        float[] x = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int plane = side * side;
        double[] step = new double[n];
        List<Double> known = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!hasMask[i]) {
                continue;
            }
            double sum = 0;
            int count = 0;
            for (int y = 0; y < side; y++) {
                for (int c = 0; c + 1 < side; c++) {
                    int p = y * side + c;
                    if (masks[i * plane + p] != masks[i * plane + p + 1]) {
                        double a = 0;
                        double b = 0;
                        for (int ch = 0; ch < 3; ch++) {
                            a += x[(i * 3 + ch) * plane + p];
                            b += x[(i * 3 + ch) * plane + p + 1];
                        }
                        sum += Math.abs(a - b) / 3;
                        count++;
                    }
                }
            }
            step[i] = count == 0 ? 0 : sum / count;
            known.add(step[i]);
        }
        boolean[] blurred = new boolean[n];
        if (known.isEmpty()) {
            return blurred;
        }
        known.sort(Double::compare);
        double median = known.get(known.size() / 2);
        for (int i = 0; i < n; i++) {
            blurred[i] = hasMask[i] && step[i] < median;
        }
        return blurred;
    }
}
