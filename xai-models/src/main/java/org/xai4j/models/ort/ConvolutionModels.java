package org.xai4j.models.ort;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the one-operator ONNX models {@link OnnxRuntimeConvolution} runs: {@code y = Conv(x, W, b)} or
 * {@code y = ConvTranspose(x, W)}, input {@code x} of shape {@code [n, C, h, w]} with free batch and spatial
 * axes, weight (and bias) as initializers. Field numbers are those of {@code onnx.proto} (ModelProto 1 ir_version,
 * 7 graph, 8 opset_import; GraphProto 1 node, 2 name, 5 initializer, 11 input, 12 output; NodeProto 1 input, 2
 * output, 4 op_type, 5 attribute; AttributeProto 1 name, 8 ints, 20 type; TensorProto 1 dims, 2 data_type, 8
 * name, 9 raw_data; ValueInfoProto 1 name, 2 type; TypeProto 1 tensor_type; TypeProto.Tensor 1 elem_type, 2 shape;
 * TensorShapeProto 1 dim; Dimension 1 dim_value, 2 dim_param; AttributeProto 3 i for one integer, 4 s for a string). The gradient
 * models of {@link GradientModels} are written with the same pieces.
 */
final class ConvolutionModels {
    /** ONNX's element type of 32-bit floats. */
    static final int FLOAT = 1;
    /** ONNX's element type of 64-bit integers. */
    static final int INT64 = 7;
    private static final int INT = 2;
    private static final int STRING = 3;
    private static final int INTS = 7;

    private ConvolutionModels() {
    }

    /**
     * The attributes of a node: name and values, in order; {@code single}: one integer, not a list;
     * {@code text}: a string attribute instead (then the values are empty).
     */
    record Attribute(String name, boolean single, String text, long... values) {
        /** A list of integers. */
        Attribute(String name, long... values) {
            this(name, false, null, values);
        }

        /** One integer. */
        static Attribute of(String name, long value) {
            return new Attribute(name, true, null, value);
        }

        /** One string. */
        static Attribute of(String name, String text) {
            return new Attribute(name, true, text);
        }
    }

    /** Writes the fields of one message. */
    @FunctionalInterface
    interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    /** The bytes of one protobuf message, whose fields {@code fields} writes. */
    static ByteString message(Fields fields) {
        try {
            ByteString.Output bytes = ByteString.newOutput();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
    }

    /**
     * A model with one {@code op} node ({@code Conv} or {@code ConvTranspose}) reading {@code x} with
     * {@code channels} channels and writing {@code y}.
     */
    static byte[] model(String op, long channels, float[] weight, long[] weightShape, float[] bias,
                        Attribute... attributes) {
        ByteString node = node(op, bias == null ? new String[] {"x", "w"} : new String[] {"x", "w", "b"},
                new String[] {"y"}, attributes);
        ByteString graph = message(g -> {
            g.writeBytes(1, node);
            g.writeString(2, "xai4j-" + op);
            g.writeBytes(5, tensor("w", weightShape, weight));
            if (bias != null) {
                g.writeBytes(5, tensor("b", new long[] {bias.length}, bias));
            }
            g.writeBytes(11, valueInfo("x", channels));
            g.writeBytes(12, valueInfo("y", -1));
        });
        return model(graph);
    }

    /** The model around {@code graph}: IR version 8, the default domain at opset 13. */
    static byte[] model(ByteString graph) {
        return model(graph, 13);
    }

    /** The model around {@code graph}: IR version 8, the default domain at {@code opset}. */
    static byte[] model(ByteString graph, long opset) {
        ByteString domain = message(o -> {
            o.writeString(1, "");
            o.writeInt64(2, opset);
        });
        return message(m -> {
            m.writeInt64(1, 8);
            m.writeBytes(7, graph);
            m.writeBytes(8, domain);
        }).toByteArray();
    }

    /** One node: {@code op} reading {@code inputs}, writing {@code outputs}, with the given attributes. */
    static ByteString node(String op, String[] inputs, String[] outputs, Attribute... attributes) {
        return message(n -> {
            for (String in : inputs) {
                n.writeString(1, in);
            }
            for (String out : outputs) {
                n.writeString(2, out);
            }
            n.writeString(4, op);
            for (Attribute a : attributes) {
                n.writeBytes(5, attribute(a));
            }
        });
    }

    private static ByteString attribute(Attribute a) {
        return message(c -> {
            c.writeString(1, a.name());
            if (a.text() != null) {
                c.writeBytes(4, ByteString.copyFromUtf8(a.text()));
                c.writeInt32(20, STRING);
                return;
            }
            if (a.single()) {
                c.writeInt64(3, a.values()[0]);
                c.writeInt32(20, INT);
                return;
            }
            for (long v : a.values()) {
                c.writeInt64(8, v);
            }
            c.writeInt32(20, INTS);
        });
    }

    static ByteString tensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return tensor(name, dims, FLOAT, raw);
    }

    /** A 64-bit integer tensor called {@code name}. */
    static ByteString longTensor(String name, long[] dims, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return tensor(name, dims, INT64, raw);
    }

    /** A tensor of element type {@code type} holding {@code raw}'s bytes (little-endian, as ONNX's raw_data). */
    private static ByteString tensor(String name, long[] dims, int type, ByteBuffer raw) {
        return message(c -> {
            for (long d : dims) {
                c.writeInt64(1, d);
            }
            c.writeInt32(2, type);
            c.writeString(8, name);
            c.writeBytes(9, ByteString.copyFrom(raw.array()));
        });
    }

    /** A tensor of element type {@code type} whose axes are {@code dims}, each negative one free. */
    static ByteString valueInfo(String name, int type, long... dims) {
        ByteString shape = message(s -> {
            for (int axis = 0; axis < dims.length; axis++) {
                int a = axis;
                s.writeBytes(1, message(d -> {
                    if (dims[a] >= 0) {
                        d.writeInt64(1, dims[a]);
                    } else {
                        d.writeString(2, name + "_" + a);
                    }
                }));
            }
        });
        ByteString tensorType = message(t -> {
            t.writeInt32(1, type);
            t.writeBytes(2, shape);
        });
        ByteString kind = message(t -> t.writeBytes(1, tensorType));
        return message(c -> {
            c.writeString(1, name);
            c.writeBytes(2, kind);
        });
    }

    /** A float tensor of rank 4, {@code [n, channels, h, w]} ({@code channels < 0}: free as well). */
    static ByteString valueInfo(String name, long channels) {
        return valueInfo(name, FLOAT, -1, channels > 0 ? channels : -1, -1, -1);
    }
}
