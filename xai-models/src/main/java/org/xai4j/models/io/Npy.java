package org.xai4j.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.util.OutputFiles;

/**
 * Reads and writes NumPy's {@code .npy} format (versions 1.0–3.0): little- or big-endian float16/32/64,
 * signed and unsigned 8/16/32/64-bit integers and booleans, C or Fortran order. Arrays are read into
 * ND4J arrays of the matching type (unsigned types widen to the next signed type; float16 to FLOAT) and
 * written in C order, version 1.0.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Reads an {@code .npy} file.
     *
     * @param path the file to read
     * @return a new array of the file's shape and (widened, see above) type
     * @throws ModelFormatException if the file cannot be read or is not a valid {@code .npy} file
     */
    public static INDArray read(Path path) {
        try {
            return read(Files.readAllBytes(path), path.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModelFormatException("cannot read " + path + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an {@code .npy} stream to its end.
     *
     * @param in the stream, read to its end but not closed
     * @return a new array of the stream's shape and (widened) type
     * @throws ModelFormatException if reading fails or the bytes are not a valid {@code .npy} file
     */
    public static INDArray read(InputStream in) {
        try {
            return read(in.readAllBytes(), "stream");
        } catch (IOException e) {
            throw new ModelFormatException("cannot read .npy stream: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code .npy} bytes; {@code source} names them in error messages.
     *
     * @param bytes the whole file's content
     * @param source what to call the bytes in error messages, e.g. a path
     * @return a new array of the declared shape and (widened) type; a 0-D array for shape {@code ()}
     * @throws ModelFormatException if the magic, header, type or length is invalid
     */
    public static INDArray read(byte[] bytes, String source) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new ModelFormatException(source + " is not an .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes[6] & 0xff;
        int headerLen;
        int offset;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = le.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new ModelFormatException(source + ": truncated .npy header");
            }
            headerLen = le.getInt(8);
            offset = 12;
        } else {
            throw new ModelFormatException(source + ": unsupported .npy version " + major);
        }
        if (headerLen < 0 || (long) offset + headerLen > bytes.length) {
            throw new ModelFormatException(source + ": .npy header length " + headerLen + " exceeds the file");
        }
        String header = new String(bytes, offset, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, source, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, source, "fortran_order"));
        long[] shape = parseShape(group(SHAPE, header, source, "shape"), source);
        long count = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new ModelFormatException(source + ": .npy shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            if (s != 0 && count > Integer.MAX_VALUE / s) {
                throw new ModelFormatException(source + ": .npy shape " + Arrays.toString(shape)
                        + " has more elements than the file can hold (" + bytes.length + " bytes)");
            }
            count *= s;
        }
        int data = offset + headerLen;
        if (descr.length() < 2) {
            throw new ModelFormatException(source + ": unsupported .npy dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String kind = descr.substring(1);
        ByteOrder bo = order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int width = switch (kind) {
            case "f2", "i2", "u2" -> 2;
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8", "u8" -> 8;
            case "i1", "u1", "b1" -> 1;
            default -> throw new ModelFormatException(source + ": unsupported .npy dtype '" + descr + "'");
        };
        if ((long) data + count * width > bytes.length) {
            throw new ModelFormatException(source + ": .npy data is truncated (shape " + Arrays.toString(shape)
                    + " of " + descr + " needs " + count * width + " bytes, " + (bytes.length - data) + " present)");
        }
        long[] fileShape = fortran ? reversed(shape) : shape;
        if (count == 0) {
            return Nd4j.create(emptyType(kind), shape);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, data, (int) (count * width)).slice().order(bo);
        int n = (int) count;
        INDArray out = switch (kind) {
            case "f4" -> {
                float[] v = new float[n];
                buf.asFloatBuffer().get(v);
                yield Nd4j.create(v, fileShape, 'c');
            }
            case "f8" -> {
                double[] v = new double[n];
                buf.asDoubleBuffer().get(v);
                yield Nd4j.create(v, fileShape, 'c');
            }
            case "f2" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = HalfFloats.toFloat(buf.getShort(2 * i));
                }
                yield Nd4j.create(v, fileShape, 'c');
            }
            case "i8" -> {
                long[] v = new long[n];
                buf.asLongBuffer().get(v);
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "u8" -> {
                long[] v = new long[n];
                buf.asLongBuffer().get(v);
                for (long x : v) {
                    if (x < 0) {
                        throw new ModelFormatException(source + ": uint64 value above 2^63 cannot be represented");
                    }
                }
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "i4" -> {
                int[] v = new int[n];
                buf.asIntBuffer().get(v);
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "u4" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.getInt(4 * i) & 0xffffffffL;
                }
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "i2" -> {
                short[] v = new short[n];
                buf.asShortBuffer().get(v);
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "u2" -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.getShort(2 * i) & 0xffff;
                }
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "i1" -> {
                byte[] v = new byte[n];
                buf.get(v);
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "u1" -> {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) (buf.get(i) & 0xff);
                }
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            case "b1" -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.get(i) != 0;
                }
                yield Nd4j.createFromArray(v).reshape(fileShape);
            }
            default -> throw new ModelFormatException(source + ": unsupported .npy dtype '" + descr + "'");
        };
        if (shape.length == 0) {
            return out.reshape(new long[0]);
        }
        return fortran ? out.permute(reversedAxes(shape.length)).dup('c') : out;
    }

    /**
     * Writes {@code array} (not modified) as an {@code .npy} file, atomically: a failed write leaves no partial
     * file ({@link OutputFiles}).
     *
     * @param array the array to write; FLOAT, DOUBLE, HALF, INT, LONG, SHORT, BYTE, UBYTE or BOOL
     * @param path the file to create or replace
     * @throws InvalidShapeException if the array's type has no {@code .npy} form here
     * @throws ModelFormatException if the file cannot be written
     */
    public static void write(INDArray array, Path path) {
        byte[] bytes = toBytes(array);
        try {
            OutputFiles.write(path, bytes);
        } catch (java.io.UncheckedIOException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }

    /**
     * Writes {@code array} (not modified) in {@code .npy} format to {@code out}.
     *
     * @param array the array to write; FLOAT, DOUBLE, HALF, INT, LONG, SHORT, BYTE, UBYTE or BOOL
     * @param out the stream to write to; not closed
     * @throws IOException if writing to {@code out} fails
     * @throws InvalidShapeException if the array's type has no {@code .npy} form here
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        out.write(toBytes(array));
    }

    /**
     * {@code array} in {@code .npy} format, version 1.0, little-endian, C order.
     *
     * @param array the array to encode; FLOAT, DOUBLE, HALF, INT, LONG, SHORT, BYTE, UBYTE or BOOL
     * @return the complete file content: magic, version, header padded to 64 bytes, then the data
     * @throws InvalidShapeException if the array is null or closed, or its type has no {@code .npy} form here
     */
    public static byte[] toBytes(INDArray array) {
        Checks.requireOpen(array, "the array to write as .npy"); // an empty array has an .npy form
        DataType t = array.dataType();
        String descr = switch (t) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case HALF -> "<f2";
            case INT -> "<i4";
            case LONG -> "<i8";
            case SHORT -> "<i2";
            case BYTE -> "|i1";
            case UBYTE -> "|u1";
            case BOOL -> "|b1";
            default -> throw new InvalidShapeException("cannot write arrays of type " + t + " as .npy");
        };
        long[] shape = array.shape();
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        sb.append("), }");
        int unpadded = 10 + sb.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        sb.append(" ".repeat(pad)).append('\n');
        byte[] header = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        INDArray c = array.dup('c');
        int n = Math.toIntExact(c.length());
        int width = t == DataType.BOOL || t == DataType.BYTE || t == DataType.UBYTE ? 1 : t.width();
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length + n * width).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        INDArray flat = c.reshape(n);
        switch (t) {
            case FLOAT -> {
                for (float v : flat.toFloatVector()) {
                    buf.putFloat(v);
                }
            }
            case DOUBLE -> {
                for (double v : flat.toDoubleVector()) {
                    buf.putDouble(v);
                }
            }
            case HALF -> {
                for (float v : flat.castTo(DataType.FLOAT).toFloatVector()) {
                    buf.putShort(HalfFloats.fromFloat(v));
                }
            }
            case INT -> {
                for (int v : flat.toIntVector()) {
                    buf.putInt(v);
                }
            }
            case LONG -> {
                for (long v : flat.toLongVector()) {
                    buf.putLong(v);
                }
            }
            case SHORT -> {
                for (int v : flat.toIntVector()) {
                    buf.putShort((short) v);
                }
            }
            case BYTE, UBYTE -> {
                for (int v : flat.castTo(DataType.INT).toIntVector()) {
                    buf.put((byte) v);
                }
            }
            case BOOL -> {
                for (int v : flat.castTo(DataType.INT).toIntVector()) {
                    buf.put((byte) (v != 0 ? 1 : 0));
                }
            }
            default -> throw new InvalidShapeException("cannot write arrays of type " + t + " as .npy");
        }
        return buf.array();
    }

    private static String group(Pattern p, String header, String source, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new ModelFormatException(source + ": .npy header has no '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    /** The ND4J type an array of {@code kind} is read into (as in the non-empty cases). */
    private static DataType emptyType(String kind) {
        return switch (kind) {
            case "f2", "f4" -> DataType.FLOAT;
            case "f8" -> DataType.DOUBLE;
            case "i8", "u8", "u4" -> DataType.LONG;
            case "i4", "u2" -> DataType.INT;
            case "i2", "u1" -> DataType.SHORT;
            case "i1" -> DataType.BYTE;
            default -> DataType.BOOL;
        };
    }

    private static long[] parseShape(String s, String source) {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                try {
                    dims.add(Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
                } catch (NumberFormatException e) {
                    throw new ModelFormatException(source + ": bad .npy shape (" + s + ")");
                }
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] reversed(long[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[s.length - 1 - i];
        }
        return r;
    }

    private static int[] reversedAxes(int rank) {
        int[] r = new int[rank];
        for (int i = 0; i < rank; i++) {
            r[i] = rank - 1 - i;
        }
        return r;
    }
}
