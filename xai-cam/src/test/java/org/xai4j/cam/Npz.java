package org.xai4j.cam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the little-endian float64, C-order {@code .npy} arrays of an uncompressed {@code .npz} (test data only). */
final class Npz {
    private Npz() {
    }

    /** One array. */
    record Array(long[] shape, double[] data) {
        INDArray nd() {
            return Nd4j.create(data.clone(), shape, DataType.DOUBLE);
        }

        int dim(int i) {
            return (int) shape[i];
        }
    }

    /** The arrays of a class-path resource, keyed by name without ".npy". */
    static Map<String, Array> resource(String path) {
        try (InputStream in = Npz.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path
                        + "; run xai-cam/src/test/python/cam_reference.py");
            }
            Map<String, Array> out = new LinkedHashMap<>();
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                out.put(name, npy(zip.readAllBytes()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Array npy(byte[] bytes) {
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N') {
            throw new IllegalArgumentException("not an .npy array");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
            throw new IllegalArgumentException("only little-endian float64 C-order arrays are supported: " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("no shape in " + header);
        }
        String[] parts = m.group(1).split(",");
        long[] shape = java.util.Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] data = new double[Math.toIntExact(n)];
        b.position(start + headerLen);
        b.asDoubleBuffer().get(data);
        return new Array(shape, data);
    }
}
