package org.xai4j.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.ModelFormatException;
import org.xai4j.models.io.HalfFloats;

/**
 * Decodes ONNX TensorProtos into ND4J arrays: floating types become FLOAT (FLOAT, FLOAT16, BFLOAT16) or
 * DOUBLE, integer and boolean types become LONG (they only ever hold shapes, indices and axes here).
 * Data may be in {@code raw_data} (little-endian) or in the typed repeated fields.
 */
final class OnnxTensors {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int UINT16 = 4;
    static final int INT16 = 5;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int STRING = 8;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int UINT32 = 12;
    static final int UINT64 = 13;
    static final int BFLOAT16 = 16;

    private OnnxTensors() {
    }

    static boolean isFloat(int dataType) {
        return dataType == FLOAT || dataType == DOUBLE || dataType == FLOAT16 || dataType == BFLOAT16;
    }

    static INDArray toArray(OnnxProto.Tensor t, String context) {
        if (t.external()) {
            throw new ModelFormatException(context + ": tensor '" + t.name() + "' keeps its data in an external file,"
                    + " which is not supported (save the model with all data inside the .onnx file)");
        }
        long[] dims = t.dims();
        long count = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new ModelFormatException(context + ": tensor '" + t.name() + "' has a negative dimension "
                        + Arrays.toString(dims));
            }
            if (d != 0 && count > Integer.MAX_VALUE / d) {
                throw new ModelFormatException(context + ": tensor '" + t.name() + "' of shape " + Arrays.toString(dims)
                        + " claims more elements than an array can hold (2^31 - 1); the file is damaged or the"
                        + " tensor is too large to import");
            }
            count *= d;
        }
        int n = (int) count;
        int type = t.dataType();
        if (t.rawData() != null) {
            ByteBuffer b = t.rawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int width = switch (type) {
                case FLOAT, INT32, UINT32 -> 4;
                case DOUBLE, INT64, UINT64 -> 8;
                case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
                case INT8, UINT8, BOOL -> 1;
                default -> throw unsupported(t, context);
            };
            if (b.remaining() != (long) n * width) {
                throw new ModelFormatException(context + ": tensor '" + t.name() + "' of shape " + Arrays.toString(dims)
                        + " needs " + (long) n * width + " bytes of raw data but has " + b.remaining());
            }
            return switch (type) {
                case FLOAT -> {
                    float[] v = new float[n];
                    b.asFloatBuffer().get(v);
                    yield Nd4j.create(v, dims, 'c');
                }
                case DOUBLE -> {
                    double[] v = new double[n];
                    b.asDoubleBuffer().get(v);
                    yield Nd4j.create(v, dims, 'c');
                }
                case FLOAT16, BFLOAT16 -> {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        short h = b.getShort(2 * i);
                        v[i] = type == FLOAT16 ? HalfFloats.toFloat(h) : HalfFloats.bfloat16ToFloat(h);
                    }
                    yield Nd4j.create(v, dims, 'c');
                }
                default -> {
                    long[] v = new long[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = switch (type) {
                            case INT64, UINT64 -> b.getLong(8 * i);
                            case INT32 -> b.getInt(4 * i);
                            case UINT32 -> b.getInt(4 * i) & 0xffffffffL;
                            case INT16 -> b.getShort(2 * i);
                            case UINT16 -> b.getShort(2 * i) & 0xffff;
                            case INT8 -> b.get(i);
                            default -> b.get(i) & 0xff;
                        };
                    }
                    yield longs(v, dims);
                }
            };
        }
        return switch (type) {
            case FLOAT -> {
                check(t, t.floatData().size(), n, context);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = t.floatData().get(i);
                }
                yield Nd4j.create(v, dims, 'c');
            }
            case DOUBLE -> {
                check(t, t.doubleData().size(), n, context);
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = t.doubleData().get(i);
                }
                yield Nd4j.create(v, dims, 'c');
            }
            case INT64 -> {
                check(t, t.int64Data().size(), n, context);
                yield longs(t.int64Data().stream().mapToLong(Long::longValue).toArray(), dims);
            }
            case UINT32, UINT64 -> {
                check(t, t.uint64Data().size(), n, context);
                yield longs(t.uint64Data().stream().mapToLong(Long::longValue).toArray(), dims);
            }
            case INT32, INT16, INT8, UINT16, UINT8, BOOL -> {
                check(t, t.int32Data().size(), n, context);
                yield longs(t.int32Data().stream().mapToLong(Integer::longValue).toArray(), dims);
            }
            case FLOAT16, BFLOAT16 -> {
                check(t, t.int32Data().size(), n, context);
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    short h = (short) (int) t.int32Data().get(i);
                    v[i] = type == FLOAT16 ? HalfFloats.toFloat(h) : HalfFloats.bfloat16ToFloat(h);
                }
                yield Nd4j.create(v, dims, 'c');
            }
            default -> throw unsupported(t, context);
        };
    }

    private static INDArray longs(long[] v, long[] dims) {
        INDArray a = Nd4j.createFromArray(v);
        return dims.length == 0 ? a.reshape(new long[0]) : a.reshape(dims);
    }

    private static void check(OnnxProto.Tensor t, int have, int need, String context) {
        if (have != need) {
            throw new ModelFormatException(context + ": tensor '" + t.name() + "' of shape " + Arrays.toString(t.dims())
                    + " needs " + need + " values but has " + have);
        }
    }

    private static ModelFormatException unsupported(OnnxProto.Tensor t, String context) {
        return new ModelFormatException(context + ": tensor '" + t.name() + "' has unsupported data type " + t.dataType());
    }

    /** The data type an array decoded here has. */
    static boolean isInteger(INDArray a) {
        return a.dataType() == DataType.LONG || a.dataType() == DataType.INT;
    }
}
