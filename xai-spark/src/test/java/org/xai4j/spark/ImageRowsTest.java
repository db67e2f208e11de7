package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.core.XaiException;
import org.xai4j.models.io.ImagePreprocessing;
import org.xai4j.models.io.Images;

/**
 * A folder of images (class sub-folders) read by Spark's binaryFile source and decoded on the executors: the
 * same floats as the library's single-JVM image reader, a hand-set pixel where it should be, every file exactly
 * once, undecodable and wrong-size images with their reason, carried through {@link SparkExplainer}.
 */
class ImageRowsTest {
    static final long[] ROW_SHAPE = {3, 16, 16};
    static SparkSession spark;
    static Path model;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("xai-spark-images")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        model = Path.of(ImageRowsTest.class.getResource("small_cnn_op13.onnx").toURI());
        Files.createDirectories(dir.resolve("cats"));
        Files.createDirectories(dir.resolve("dogs/inner"));
        BufferedImage a = image(16, 16, 1);
        a.setRGB(0, 0, 0xFF0033); // R 255, G 0, B 51
        ImageIO.write(a, "png", dir.resolve("cats/a.png").toFile());
        ImageIO.write(image(16, 16, 2), "png", dir.resolve("cats/b.png").toFile());
        Files.write(dir.resolve("dogs/bad.png"), new byte[] {1, 2, 3, 4, 5});
        ImageIO.write(image(16, 16, 3), "png", dir.resolve("dogs/inner/c.png").toFile());
        ImageIO.write(image(8, 8, 4), "png", dir.resolve("dogs/small.png").toFile());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static BufferedImage image(int h, int w, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    static float[] floats(Row r, String column) {
        List<Object> l = r.getList(r.fieldIndex(column));
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (Float) l.get(i);
        }
        return f;
    }

    @Test
    void everyImageOnceDecodedAsTheSingleJvmReaderDoes() {
        ImageRows images = ImageRows.read(spark, dir);
        assertThat(images.classes()).containsExactly("cats", "dogs");
        Dataset<Row> decoded = ImageDecoding.decode(images.rows().repartition(3), ImagePreprocessing.DEFAULTS, ROW_SHAPE);
        Map<Long, Row> byId = SparkExplainerTest.byId(decoded);
        // ImageFolder's order: classes sorted, files by path within each class (recursively)
        String[] files = {"cats/a.png", "cats/b.png", "dogs/bad.png", "dogs/inner/c.png", "dogs/small.png"};
        int[] targets = {0, 0, 1, 1, 1};
        assertThat(byId).hasSize(files.length);
        for (int i = 0; i < files.length; i++) {
            Row r = byId.get((long) i);
            assertThat(r.getString(r.fieldIndex("path"))).endsWith(files[i]);
            assertThat(r.getInt(r.fieldIndex("target"))).isEqualTo(targets[i]);
        }
        for (int i : new int[] {0, 1, 3}) {
            Row r = byId.get((long) i);
            assertThat(r.isNullAt(r.fieldIndex("error"))).as("row %d: %s", i, r.get(r.fieldIndex("error"))).isTrue();
            float[] expected = Images.read(dir.resolve(files[i]), ImagePreprocessing.DEFAULTS).dup('c').data().asFloat();
            assertThat(Arrays.equals(floats(r, "values"), expected)).as("row %d: same floats", i).isTrue();
        }
        float[] a = floats(byId.get(0L), "values");
        assertThat(a[0]).isEqualTo(1f);           // R plane, pixel (0, 0): 255 / 255
        assertThat(a[256]).isEqualTo(0f);         // G plane
        assertThat(a[512]).isEqualTo(51f / 255f); // B plane
        Row bad = byId.get(2L);
        assertThat(bad.isNullAt(bad.fieldIndex("values"))).isTrue();
        assertThat(bad.getString(bad.fieldIndex("error"))).contains("bad.png").contains("cannot read image");
        Row small = byId.get(4L);
        assertThat(small.getString(small.fieldIndex("error"))).contains("small.png").contains("8×8").contains("16×16");
    }

    @Test
    void decodingErrorsReachTheExplainOutputAndResizingFixesSizes() {
        ImagePreprocessing resized = ImagePreprocessing.DEFAULTS.withSize(16, 16);
        Dataset<Row> in = RowInputs.read(spark, dir, resized, ROW_SHAPE);
        Map<Long, Row> out = SparkExplainerTest.byId(SparkExplainer.of(model, "saliency", List.of(), null).explain(in));
        assertThat(out.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        assertThat(out.get(2L).getString(out.get(2L).fieldIndex("error"))).contains("cannot read image");
        for (long id : new long[] {0, 1, 3, 4}) {
            Row r = out.get(id);
            assertThat(r.isNullAt(r.fieldIndex("error"))).as("row %d: %s", id, r.get(r.fieldIndex("error"))).isTrue();
            assertThat(r.getInt(r.fieldIndex("target"))).isEqualTo(id < 2 ? 0 : 1);
            assertThat(r.getList(r.fieldIndex("values"))).hasSize(3 * 16 * 16);
        }
    }

    @Test
    void aFolderWithoutImagesOrAWrongChannelCountIsRefusedBeforeTheJob() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("../empty-" + System.nanoTime()));
        assertThatThrownBy(() -> ImageRows.read(spark, empty)).isInstanceOf(XaiException.class)
                .hasMessageContaining("no images");
        assertThatThrownBy(() -> ImageDecoding.decode(ImageRows.read(spark, dir).rows(),
                ImagePreprocessing.DEFAULTS.withChannels(1), ROW_SHAPE)).isInstanceOf(XaiException.class)
                .hasMessageContaining("1×H×W").hasMessageContaining("[3, 16, 16]");
        new File(empty.toString()).delete();
    }
}
