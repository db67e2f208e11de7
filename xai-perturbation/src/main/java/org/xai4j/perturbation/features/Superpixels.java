package org.xai4j.perturbation.features;

import boofcv.abst.segmentation.ImageSuperpixels;
import boofcv.alg.segmentation.ImageSegmentationOps;
import boofcv.alg.segmentation.ms.MergeSmallRegions;
import boofcv.factory.segmentation.FactorySegmentationAlg;
import boofcv.factory.segmentation.ConfigFh04;
import boofcv.factory.segmentation.ConfigSegmentMeanShift;
import boofcv.factory.segmentation.ConfigSlic;
import boofcv.factory.segmentation.ConfigWatershed;
import boofcv.factory.segmentation.FactoryImageSegmentation;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import boofcv.struct.image.ImageType;
import boofcv.struct.image.Planar;
import java.util.Arrays;
import org.ddogleg.struct.DogArray;
import org.ddogleg.struct.DogArray_I32;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * Superpixel segmentations from BoofCV, as a {@link Segmenter} for image rows C×H×W (or H×W):
 * <ul>
 *   <li>{@link #slic}: SLIC, Achanta et al., "SLIC Superpixels Compared to State-of-the-Art Superpixel
 *       Methods", TPAMI 2012;</li>
 *   <li>{@link #felzenszwalb}: Felzenszwalb and Huttenlocher, "Efficient Graph-Based Image Segmentation",
 *       IJCV 2004;</li>
 *   <li>{@link #meanShift}: mean-shift segmentation, Comaniciu and Meer, TPAMI 2002;</li>
 *   <li>{@link #watershed}: watershed (Vincent and Soille 1991) on the gradient magnitude of the smoothed grey
 *       image, small regions merged into the neighbour of closest colour.</li>
 * </ul>
 * The row is first scaled to 0..255 by its own minimum and maximum (so the colour parameters mean the
 * same whatever the input normalisation); every channel is one band. Deterministic.
 */
public final class Superpixels implements Segmenter {
    /** The segmentation algorithm. */
    public enum Algorithm {
        /** SLIC: k-means in colour and position space (Achanta et al. 2012). */
        SLIC,
        /** Graph-based segmentation (Felzenszwalb and Huttenlocher 2004). */
        FELZENSZWALB,
        /** Mean-shift segmentation (Comaniciu and Meer 2002). */
        MEAN_SHIFT,
        /** Watershed on the gradient magnitude of the smoothed grey image (Vincent and Soille 1991). */
        WATERSHED
    }

    private final Algorithm algorithm;
    private final double[] params;

    private Superpixels(Algorithm algorithm, double... params) {
        this.algorithm = algorithm;
        this.params = params;
    }

    /**
     * SLIC with about {@code regions} superpixels and BoofCV's default spatial weight (200).
     *
     * @param regions the number of superpixels aimed at, ≥ 1 (the result may have a few more or fewer)
     * @return the segmenter
     * @throws org.xai4j.core.InvalidConfigException if {@code regions < 1}
     */
    public static Superpixels slic(int regions) {
        return slic(regions, 200f);
    }

    /**
     * SLIC with about {@code regions} superpixels; a larger {@code spatialWeight} gives more compact,
     * grid-like regions (colour distances are on the 0..255 scale).
     *
     * @param regions       the number of superpixels aimed at, ≥ 1
     * @param spatialWeight the weight of spatial against colour distance, &gt; 0
     * @return the segmenter
     * @throws org.xai4j.core.InvalidConfigException if {@code regions < 1} or {@code spatialWeight} is not positive
     */
    public static Superpixels slic(int regions, float spatialWeight) {
        Checks.requireAtLeast(regions, 1, "SLIC regions");
        Checks.requirePositive(spatialWeight, "SLIC spatial weight");
        return new Superpixels(Algorithm.SLIC, regions, spatialWeight);
    }

    /**
     * Felzenszwalb–Huttenlocher graph segmentation: {@code k} sets the scale (larger gives larger regions),
     * regions smaller than {@code minRegionSize} pixels are merged into a neighbour.
     *
     * @param k             the scale parameter, &gt; 0, on the 0..255 colour scale
     * @param minRegionSize the smallest region kept, in pixels, ≥ 0
     * @return the segmenter
     * @throws org.xai4j.core.InvalidConfigException if {@code k} is not positive or {@code minRegionSize < 0}
     */
    public static Superpixels felzenszwalb(float k, int minRegionSize) {
        Checks.requirePositive(k, "Felzenszwalb k");
        Checks.requireAtLeast(minRegionSize, 0, "minimum region size");
        return new Superpixels(Algorithm.FELZENSZWALB, k, minRegionSize);
    }

    /**
     * Mean-shift segmentation with a spatial radius in pixels and a colour radius on the 0..255 scale;
     * regions smaller than {@code minRegionSize} pixels are merged.
     *
     * @param spatialRadius the spatial window radius in pixels, ≥ 1
     * @param colorRadius   the colour window radius on the 0..255 scale, &gt; 0
     * @param minRegionSize the smallest region kept, in pixels, ≥ 0
     * @return the segmenter
     * @throws org.xai4j.core.InvalidConfigException if a parameter is out of range
     */
    public static Superpixels meanShift(int spatialRadius, float colorRadius, int minRegionSize) {
        Checks.requireAtLeast(spatialRadius, 1, "mean-shift spatial radius");
        Checks.requirePositive(colorRadius, "mean-shift colour radius");
        Checks.requireAtLeast(minRegionSize, 0, "minimum region size");
        return new Superpixels(Algorithm.MEAN_SHIFT, spatialRadius, colorRadius, minRegionSize);
    }

    /**
     * Watershed on the gradient magnitude; regions smaller than {@code minRegionSize} pixels are merged.
     *
     * @param minRegionSize the smallest region kept, in pixels, ≥ 0
     * @return the segmenter
     * @throws org.xai4j.core.InvalidConfigException if {@code minRegionSize < 0}
     */
    public static Superpixels watershed(int minRegionSize) {
        Checks.requireAtLeast(minRegionSize, 0, "minimum region size");
        return new Superpixels(Algorithm.WATERSHED, minRegionSize);
    }

    /**
     * The segmentation algorithm.
     *
     * @return the algorithm chosen by the factory method that made this segmenter
     */
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public FeatureMask segment(INDArray row) {
        Checks.requireArray(row, "image row");
        long[] s = row.shape();
        if (s.length != 2 && s.length != 3) {
            throw new InvalidShapeException("superpixels need an image row C×H×W or H×W but got shape " + Arrays.toString(s));
        }
        int c = s.length == 3 ? (int) s[0] : 1;
        int h = (int) s[s.length - 2];
        int w = (int) s[s.length - 1];
        double[] v = org.xai4j.core.util.HostArrays.doubles(row);
        Checks.requireFinite(row, "image row");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        double scale = hi > lo ? 255.0 / (hi - lo) : 0.0;
        GrayS32 labels = new GrayS32(w, h);
        Planar<GrayF32> image = new Planar<>(GrayF32.class, w, h, c);
        for (int b = 0; b < c; b++) {
            GrayF32 band = image.getBand(b);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    band.set(x, y, (float) ((v[(b * h + y) * w + x] - lo) * scale));
                }
            }
        }
        if (algorithm == Algorithm.WATERSHED) {
            watershed(image, v, c, h, w, lo, scale, labels);
        } else {
            ImageSuperpixels<Planar<GrayF32>> seg = create(ImageType.pl(c, GrayF32.class));
            seg.segment(image, labels);
        }
        int[] l = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                l[y * w + x] = labels.get(x, y);
            }
        }
        return FeatureMask.of(l, h, w);
    }

    private ImageSuperpixels<Planar<GrayF32>> create(ImageType<Planar<GrayF32>> type) {
        return switch (algorithm) {
            case SLIC -> {
                ConfigSlic cfg = new ConfigSlic((int) params[0], (float) params[1]);
                yield FactoryImageSegmentation.slic(cfg, type);
            }
            case FELZENSZWALB -> FactoryImageSegmentation.fh04(new ConfigFh04((float) params[0], (int) params[1]), type);
            case MEAN_SHIFT -> {
                ConfigSegmentMeanShift cfg = new ConfigSegmentMeanShift((int) params[0], (float) params[1], (int) params[2], false);
                yield FactoryImageSegmentation.meanShift(cfg, type);
            }
            case WATERSHED -> throw new InvalidConfigException("watershed runs on a grey gradient image");
        };
    }

    /**
     * Watershed of the gradient magnitude of the (lightly smoothed) grey image, without BoofCV's merging
     * (which would compare gradient values); regions below the minimum size are then merged into the
     * neighbour of closest mean colour in the image itself.
     */
    private void watershed(Planar<GrayF32> image, double[] v, int c, int h, int w, double lo, double scale, GrayS32 labels) {
        GrayU8 gradient = gradientMagnitude(v, c, h, w, lo, scale);
        ImageSuperpixels<GrayU8> seg = FactoryImageSegmentation.watershed(new ConfigWatershed(ConnectRule.FOUR, 0),
                ImageType.SB_U8);
        seg.segment(gradient, labels);
        int min = (int) params[0];
        if (min <= 1) {
            return;
        }
        int regions = seg.getTotalSuperpixels();
        int[] counts = new int[regions];
        ImageSegmentationOps.countRegionPixels(labels, regions, counts);
        DogArray_I32 memberCount = new DogArray_I32(regions);
        for (int r = 0; r < regions; r++) {
            memberCount.add(counts[r]);
        }
        ImageType<Planar<GrayF32>> type = ImageType.pl(c, GrayF32.class);
        DogArray<float[]> colours = new DogArray<>(() -> new float[c]);
        colours.resize(regions);
        FactorySegmentationAlg.regionMeanColor(type).process(image, labels, memberCount, colours);
        new MergeSmallRegions<>(min, ConnectRule.FOUR, FactorySegmentationAlg.regionMeanColor(type))
                .process(image, labels, memberCount, colours);
    }

    /**
     * Central-difference gradient magnitude of the channel mean after a 5-tap binomial smoothing
     * (1 4 6 4 1)/16 along each axis, on the 0..255 scale, clamped to a byte.
     */
    private static GrayU8 gradientMagnitude(double[] v, int c, int h, int w, double lo, double scale) {
        double[] grey = new double[h * w];
        for (int b = 0; b < c; b++) {
            for (int i = 0; i < h * w; i++) {
                grey[i] += (v[b * h * w + i] - lo) * scale / c;
            }
        }
        double[] k = {1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0};
        double[] tmp = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -2; d <= 2; d++) {
                    s += k[d + 2] * grey[y * w + Math.min(w - 1, Math.max(0, x + d))];
                }
                tmp[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int d = -2; d <= 2; d++) {
                    s += k[d + 2] * tmp[Math.min(h - 1, Math.max(0, y + d)) * w + x];
                }
                grey[y * w + x] = s;
            }
        }
        GrayU8 out = new GrayU8(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double gx = (grey[y * w + Math.min(x + 1, w - 1)] - grey[y * w + Math.max(x - 1, 0)]) / 2;
                double gy = (grey[Math.min(y + 1, h - 1) * w + x] - grey[Math.max(y - 1, 0) * w + x]) / 2;
                out.set(x, y, (int) Math.min(255, Math.round(Math.sqrt(gx * gx + gy * gy))));
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return switch (algorithm) {
            case SLIC -> String.format(Locale.ROOT, "slic regions=%d spatialWeight=%s", (int) params[0], params[1]);
            case FELZENSZWALB -> String.format(Locale.ROOT, "felzenszwalb k=%s minRegion=%d", params[0], (int) params[1]);
            case MEAN_SHIFT -> String.format(Locale.ROOT, "mean-shift spatialRadius=%d colorRadius=%s minRegion=%d",
                    (int) params[0], params[1], (int) params[2]);
            case WATERSHED -> String.format(Locale.ROOT, "watershed minRegion=%d", (int) params[0]);
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
