package org.xai4j.examples;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Checks;

/**
 * A seeded generator of "skin-lesion" images with ground truth, standing in for dermoscopy data sets that cannot be
 * downloaded at run time: a blob on skin-toned noise whose colour, size, border irregularity and texture depend on
 * its class, with a sharp or blurred border, and its mask (the blob's pixels). The same seed gives the same bits.
 */
public final class LesionGenerator {
    /**
     * How one class's lesions look.
     *
     * @param name        the class name
     * @param rgb         the mean lesion colour in [0, 1]
     * @param radius      the mean radius as a share of the image side
     * @param irregularity the amplitude of the border's low-frequency wobble, as a share of the radius
     * @param texture     the amplitude of the mottling inside the lesion
     * @param weight      the class's relative frequency
     */
    public record LesionClass(String name, double[] rgb, double radius, double irregularity, double texture,
                              double weight) {
    }

    /**
     * A generated set: images (n, 3, size, size) in [0, 1], labels, masks (n, size, size) of 0 and 1, and whether
     * each lesion's border was blurred.
     */
    public record LesionSet(INDArray images, int[] labels, INDArray masks, boolean[] blurred, List<String> classes) {
        public int size() {
            return labels.length;
        }
    }

    /** Melanoma-like (dark, large, irregular, mottled) vs naevus-like (lighter, small, round, even), balanced. */
    public static final List<LesionClass> MELANOMA_NAEVUS = List.of(
            new LesionClass("melanoma", new double[] {0.30, 0.17, 0.12}, 0.30, 0.22, 0.16, 1),
            new LesionClass("naevus", new double[] {0.52, 0.33, 0.24}, 0.24, 0.06, 0.05, 1));

    private static final double[] SKIN = {0.86, 0.66, 0.56};

    private final List<LesionClass> classes;
    private final int side;
    private final double blurredShare;

    /**
     * @param classes      the classes, in label order
     * @param side         the image side in pixels
     * @param blurredShare the share of lesions with a blurred border
     */
    public LesionGenerator(List<LesionClass> classes, int side, double blurredShare) {
        Checks.requireAtLeast(side, 8, "side");
        this.classes = List.copyOf(classes);
        this.side = side;
        this.blurredShare = blurredShare;
    }

    /** {@code n} images drawn from the seed; labels follow the class weights (exactly, up to rounding). */
    public LesionSet generate(int n, long seed) {
        Random rng = new Random(seed);
        int[] labels = labels(n, rng);
        float[] img = new float[n * 3 * side * side];
        float[] mask = new float[n * side * side];
        boolean[] blurred = new boolean[n];
        for (int i = 0; i < n; i++) {
            blurred[i] = rng.nextDouble() < blurredShare;
            draw(classes.get(labels[i]), blurred[i], rng, img, i * 3 * side * side, mask, i * side * side);
        }
        INDArray images = Nd4j.create(img, new long[] {n, 3, side, side}, 'c').castTo(DataType.FLOAT);
        INDArray masks = Nd4j.create(mask, new long[] {n, side, side}, 'c');
        return new LesionSet(images, labels, masks, blurred, classes.stream().map(LesionClass::name).toList());
    }

    private int[] labels(int n, Random rng) {
        double total = classes.stream().mapToDouble(LesionClass::weight).sum();
        int[] labels = new int[n];
        int at = 0;
        for (int k = 0; k < classes.size(); k++) {
            int count = k == classes.size() - 1 ? n - at : (int) Math.round(n * classes.get(k).weight() / total);
            for (int j = 0; j < count && at < n; j++) {
                labels[at++] = k;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }

    private void draw(LesionClass c, boolean blur, Random rng, float[] img, int imgOff, float[] mask, int maskOff) {
        int plane = side * side;
        double cx = side * (0.5 + 0.12 * (rng.nextDouble() - 0.5));
        double cy = side * (0.5 + 0.12 * (rng.nextDouble() - 0.5));
        double r0 = side * c.radius() * (0.85 + 0.3 * rng.nextDouble());
        double[] amp = new double[4];
        double[] phase = new double[4];
        for (int h = 0; h < 4; h++) {
            amp[h] = c.irregularity() * rng.nextDouble() / (h + 1);
            phase[h] = 2 * Math.PI * rng.nextDouble();
        }
        double edge = blur ? side * 0.07 : 0.35;
        double[] skin = new double[3];
        double[] tone = new double[3];
        double skinShift = 0.06 * (rng.nextDouble() - 0.5);
        double toneShift = 0.08 * (rng.nextDouble() - 0.5);
        for (int ch = 0; ch < 3; ch++) {
            skin[ch] = SKIN[ch] + skinShift;
            tone[ch] = c.rgb()[ch] + toneShift;
        }
        double fx = 2 * Math.PI * (1 + 2 * rng.nextDouble()) / side;
        double fy = 2 * Math.PI * (1 + 2 * rng.nextDouble()) / side;
        double tp = 2 * Math.PI * rng.nextDouble();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double theta = Math.atan2(dy, dx);
                double wobble = 1;
                for (int h = 0; h < 4; h++) {
                    wobble += amp[h] * Math.sin((h + 2) * theta + phase[h]);
                }
                double d = Math.hypot(dx, dy) - r0 * wobble;
                mask[maskOff + y * side + x] = d <= 0 ? 1 : 0;
                double alpha = 1 / (1 + Math.exp(d / edge));
                double mottle = c.texture() * (Math.sin(fx * x + tp) * Math.sin(fy * y - tp)
                        + 0.5 * rng.nextGaussian());
                for (int ch = 0; ch < 3; ch++) {
                    double bg = skin[ch] + 0.035 * rng.nextGaussian();
                    double fg = tone[ch] + mottle;
                    double v = alpha * fg + (1 - alpha) * bg;
                    img[imgOff + ch * plane + y * side + x] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
    }
}
