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

    /**
     * HAM10000's seven classes with its class counts as weights (nv 6705 of 10015 images, df 115). Colours, sizes
     * and textures follow the dermoscopic look loosely (melanoma dark, large, irregular and mottled; naevus brown,
     * round and even; vascular lesions red-purple and small); neighbouring classes share colour ranges, so that
     * with {@link Variation#HAM10000} the classes overlap.
     */
    public static final List<LesionClass> HAM10000 = List.of(
            new LesionClass("akiec", new double[] {0.66, 0.40, 0.34}, 0.24, 0.14, 0.10, 327),
            new LesionClass("bcc", new double[] {0.70, 0.48, 0.46}, 0.22, 0.10, 0.08, 514),
            new LesionClass("bkl", new double[] {0.56, 0.40, 0.30}, 0.26, 0.12, 0.11, 1099),
            new LesionClass("df", new double[] {0.52, 0.36, 0.28}, 0.18, 0.05, 0.05, 115),
            new LesionClass("mel", new double[] {0.34, 0.21, 0.16}, 0.29, 0.20, 0.14, 1113),
            new LesionClass("nv", new double[] {0.45, 0.30, 0.22}, 0.23, 0.07, 0.05, 6705),
            new LesionClass("vasc", new double[] {0.60, 0.26, 0.30}, 0.19, 0.05, 0.05, 142));

    /**
     * How much each image departs from its class, beyond the fixed jitter every set has: per-image shifts of the
     * lesion colour (independent per channel) and of the skin tone, a log-normal factor on the radius, and a
     * log-normal factor on the border irregularity and the texture. All zero: the images of the original
     * generator, bit for bit.
     *
     * @param colour      standard deviation of the lesion colour's shift per channel
     * @param skin        standard deviation of the skin tone's shift per channel
     * @param size        standard deviation of the radius's log factor
     * @param shape       standard deviation of the log factor on irregularity and texture
     */
    public record Variation(double colour, double skin, double size, double shape) {
        /** No variation beyond the fixed jitter. */
        public static final Variation NONE = new Variation(0, 0, 0, 0);
        /** The spread of {@link #HAM10000}: enough overlap that the rare classes are confused with their neighbours. */
        public static final Variation HAM10000 = new Variation(0.05, 0.04, 0.15, 0.3);

        public Variation {
            Checks.requireNonNegative(colour, "colour");
            Checks.requireNonNegative(skin, "skin");
            Checks.requireNonNegative(size, "size");
            Checks.requireNonNegative(shape, "shape");
        }

        boolean none() {
            return colour == 0 && skin == 0 && size == 0 && shape == 0;
        }
    }

    private static final double[] SKIN = {0.86, 0.66, 0.56};

    private final List<LesionClass> classes;
    private final int side;
    private final double blurredShare;
    private final Variation variation;

    /**
     * @param classes      the classes, in label order
     * @param side         the image side in pixels
     * @param blurredShare the share of lesions with a blurred border
     */
    public LesionGenerator(List<LesionClass> classes, int side, double blurredShare) {
        this(classes, side, blurredShare, Variation.NONE);
    }

    /**
     * @param classes      the classes, in label order
     * @param side         the image side in pixels
     * @param blurredShare the share of lesions with a blurred border
     * @param variation    how much images depart from their class
     */
    public LesionGenerator(List<LesionClass> classes, int side, double blurredShare, Variation variation) {
        Checks.requireAtLeast(side, 8, "side");
        this.classes = List.copyOf(classes);
        this.side = side;
        this.blurredShare = blurredShare;
        this.variation = variation;
    }

    /** {@code n} images drawn from the seed; labels follow the class weights (exactly, up to rounding). */
    public LesionSet generate(int n, long seed) {
        Random rng = new Random(seed);
        // the variation draws from its own stream, so that without variation the images are the original's
        Random vary = new Random(seed ^ 0x5DEECE66DL);
        int[] labels = labels(n, rng);
        float[] img = new float[n * 3 * side * side];
        float[] mask = new float[n * side * side];
        boolean[] blurred = new boolean[n];
        for (int i = 0; i < n; i++) {
            blurred[i] = rng.nextDouble() < blurredShare;
            draw(classes.get(labels[i]), blurred[i], rng, vary, img, i * 3 * side * side, mask, i * side * side);
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

    private void draw(LesionClass c, boolean blur, Random rng, Random vary, float[] img, int imgOff, float[] mask,
                      int maskOff) {
        int plane = side * side;
        double sizeFactor = 1;
        double shapeFactor = 1;
        double[] colourShift = new double[3];
        double[] skinShiftRgb = new double[3];
        if (!variation.none()) {
            sizeFactor = Math.exp(variation.size() * vary.nextGaussian());
            shapeFactor = Math.exp(variation.shape() * vary.nextGaussian());
            for (int ch = 0; ch < 3; ch++) {
                colourShift[ch] = variation.colour() * vary.nextGaussian();
                skinShiftRgb[ch] = variation.skin() * vary.nextGaussian();
            }
        }
        double cx = side * (0.5 + 0.12 * (rng.nextDouble() - 0.5));
        double cy = side * (0.5 + 0.12 * (rng.nextDouble() - 0.5));
        double r0 = side * Math.min(0.45, c.radius() * sizeFactor) * (0.85 + 0.3 * rng.nextDouble());
        double[] amp = new double[4];
        double[] phase = new double[4];
        for (int h = 0; h < 4; h++) {
            amp[h] = c.irregularity() * shapeFactor * rng.nextDouble() / (h + 1);
            phase[h] = 2 * Math.PI * rng.nextDouble();
        }
        double edge = blur ? side * 0.07 : 0.35;
        double[] skin = new double[3];
        double[] tone = new double[3];
        double skinShift = 0.06 * (rng.nextDouble() - 0.5);
        double toneShift = 0.08 * (rng.nextDouble() - 0.5);
        for (int ch = 0; ch < 3; ch++) {
            skin[ch] = SKIN[ch] + skinShift + skinShiftRgb[ch];
            tone[ch] = c.rgb()[ch] + toneShift + colourShift[ch];
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
                double mottle = c.texture() * shapeFactor * (Math.sin(fx * x + tp) * Math.sin(fy * y - tp)
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
