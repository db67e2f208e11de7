package org.xai4j.models.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Damaged files for the readers' fuzz tests: valid {@code .npy} files of every dtype, order and version, and
 * the ways such bytes go wrong (truncated, overwritten bytes, a header that lies about the shape or dtype, huge
 * dimensions, a lying header length), all from one seeded generator so a failing case replays.
 */
final class Mutations {
    private static final String[] DTYPES = {"<f4", ">f4", "<f8", "<f2", "<i8", "<u8", "<i4", "<u4", "<i2", "<u2",
            "|i1", "|u1", "|b1", ">i4", ">f8"};
    private static final String[] LIES = {"1000000000000", "4611686018427387904", "-1", "-5", "0", "3037000500",
            "2147483648", "99999999999999999999", "1L", " ", "x", "(", ")", "1e3", "65536"};

    private Mutations() {
    }

    /** A valid .npy file and the shape it declares. */
    record Valid(byte[] bytes, long[] shape) {
    }

    /** A valid .npy file: random dtype, rank 0–4, sizes 0–5, C or Fortran order, version 1–3. */
    static byte[] validNpy(Random r) {
        return valid(r).bytes();
    }

    /** {@link #validNpy} with its shape. */
    static Valid valid(Random r) {
        String descr = DTYPES[r.nextInt(DTYPES.length)];
        int rank = r.nextInt(5);
        long[] shape = new long[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = r.nextInt(6);
            count *= shape[i];
        }
        int width = Integer.parseInt(descr.substring(2));
        byte[] data = new byte[(int) count * width];
        r.nextBytes(data);
        if (descr.endsWith("u8")) {
            for (int i = 7; i < data.length; i += 8) {
                data[i] &= 0x7f; // stay below 2^63, which the reader refuses (its own test)
            }
        }
        return new Valid(npy(descr, r.nextBoolean(), shapeText(shape), 1 + r.nextInt(3), data), shape);
    }

    /** An .npy file from its parts (the header padded to 64 bytes as NumPy does). */
    static byte[] npy(String descr, boolean fortran, String shape, int version, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int pre = version == 1 ? 10 : 12;
        int pad = (64 - (pre + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(pre + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        b.put(header).put(data);
        return b.array();
    }

    static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        return sb.toString();
    }

    /** One of the damages below, chosen by {@code r}. */
    static byte[] damage(byte[] valid, Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> truncate(valid, r);
            case 1 -> overwrite(valid, r);
            case 2 -> lyingShape(r);
            case 3 -> lyingHeaderLength(valid, r);
            case 4 -> insertOrDelete(valid, r);
            default -> lyingDescr(r);
        };
    }

    static byte[] truncate(byte[] b, Random r) {
        return Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
    }

    static byte[] overwrite(byte[] b, Random r) {
        byte[] c = b.clone();
        int k = 1 + r.nextInt(8);
        for (int i = 0; i < k && c.length > 0; i++) {
            c[r.nextInt(Math.min(c.length, r.nextBoolean() ? 128 : c.length))] = (byte) r.nextInt(256);
        }
        return c;
    }

    static byte[] insertOrDelete(byte[] b, Random r) {
        if (b.length == 0) {
            return b;
        }
        int at = r.nextInt(Math.min(b.length, 128));
        int n = 1 + r.nextInt(16);
        if (r.nextBoolean()) {
            byte[] extra = new byte[n];
            r.nextBytes(extra);
            byte[] c = new byte[b.length + n];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(extra, 0, c, at, n);
            System.arraycopy(b, at, c, at + n, b.length - at);
            return c;
        }
        int m = Math.min(n, b.length - at);
        byte[] c = new byte[b.length - m];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + m, c, at, b.length - at - m);
        return c;
    }

    /** A header claiming a shape its data does not have: huge, negative, overflowing or malformed dimensions. */
    static byte[] lyingShape(Random r) {
        int rank = 1 + r.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rank; i++) {
            sb.append(i == 0 ? "" : ", ").append(r.nextInt(3) == 0 ? Integer.toString(r.nextInt(4))
                    : LIES[r.nextInt(LIES.length)]);
        }
        byte[] data = new byte[r.nextInt(64)];
        r.nextBytes(data);
        return npy(DTYPES[r.nextInt(DTYPES.length)], r.nextBoolean(), sb.toString(), 1 + r.nextInt(3), data);
    }

    static byte[] lyingDescr(Random r) {
        String[] descrs = {"", "<", "<f", "<f16", "<c8", "O", "<U4", "|V8", "'", "<f4'", "<i0", "<M8[s]"};
        byte[] data = new byte[r.nextInt(32)];
        r.nextBytes(data);
        return npy(descrs[r.nextInt(descrs.length)], false, "2,", 1, data);
    }

    static byte[] lyingHeaderLength(byte[] valid, Random r) {
        byte[] c = valid.clone();
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        int version = c[6];
        int[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, c.length, c.length - 9, 65535, r.nextInt()};
        int v = values[r.nextInt(values.length)];
        if (version == 1) {
            b.putShort(8, (short) v);
        } else if (c.length >= 12) {
            b.putInt(8, v);
        }
        return c;
    }
}
