package org.xai4j.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.util.Json;

/** .npy files written by NumPy (every dtype, big-endian, Fortran order) read back to the values NumPy lists. */
class NpyTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/org/xai4j/models/io/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsWhatNumPyWrote() throws IOException {
        Map<String, Object> expected = Json.readObject(new String(resource("expected.json"), StandardCharsets.UTF_8));
        assertThat(expected).hasSize(13);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Map<String, Object> spec = (Map<String, Object>) e.getValue();
            long[] shape = ((List<Number>) spec.get("shape")).stream().mapToLong(Number::longValue).toArray();
            double[] values = ((List<Number>) spec.get("values")).stream().mapToDouble(Number::doubleValue).toArray();
            INDArray a = Npy.read(resource(e.getKey() + ".npy"), e.getKey());
            assertThat(a.shape()).as(e.getKey()).isEqualTo(shape);
            double[] got = a.length() == 0 ? new double[0] : a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            assertThat(got).as(e.getKey()).containsExactly(values);
        }
        assertThat(Npy.read(resource("f8.npy"), "f8").dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(Npy.read(resource("f4.npy"), "f4").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Npy.read(resource("i8.npy"), "i8").dataType()).isEqualTo(DataType.LONG);
    }

    @Test
    void roundTripsEveryWritableType(@TempDir Path dir) {
        INDArray base = Nd4j.arange(-6, 6).reshape(3, 4).castTo(DataType.DOUBLE).divi(4);
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF, DataType.INT, DataType.LONG,
                DataType.SHORT, DataType.BYTE, DataType.BOOL}) {
            INDArray a = base.castTo(t);
            Path p = dir.resolve(t + ".npy");
            Npy.write(a, p);
            INDArray b = Npy.read(p);
            assertThat(b.shape()).isEqualTo(a.shape());
            assertThat(b.castTo(DataType.DOUBLE)).as(t.toString()).isEqualTo(a.castTo(DataType.DOUBLE));
        }
        INDArray view = base.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
        Npy.write(view, dir.resolve("view.npy"));
        assertThat(Npy.read(dir.resolve("view.npy"))).isEqualTo(view.dup());
    }

    @Test
    void malformedFilesFailWithTheReason(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Npy.read(new byte[] {1, 2, 3}, "junk")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not an .npy file");
        byte[] good = resource("f4.npy");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 8);
        assertThatThrownBy(() -> Npy.read(truncated, "cut")).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> Npy.read(missing)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("missing.npy: no such file");
        Files.write(dir.resolve("c.npy"), new String(good, StandardCharsets.ISO_8859_1).replace("<f4", "<c8")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(dir.resolve("c.npy"))).hasMessageContaining("<c8");
    }

    @Test
    void aNullOrClosedArrayIsRefusedAndNoFileIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("out.npy");
        assertThatThrownBy(() -> Npy.write(null, out)).isInstanceOf(org.xai4j.core.InvalidShapeException.class)
                .hasMessageContaining("null");
        INDArray closed = Nd4j.zeros(DataType.FLOAT, 2, 3);
        closed.close();
        assertThatThrownBy(() -> Npy.write(closed, out)).isInstanceOf(org.xai4j.core.InvalidShapeException.class)
                .hasMessageContaining("close()");
        assertThat(out).doesNotExist();
    }
}
