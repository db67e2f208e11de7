package org.xai4j.models.ort;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
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
 * TensorShapeProto 1 dim; Dimension 1 dim_value, 2 dim_param).
 */
final class ConvolutionModels {
    private static final int FLOAT = 1;
    private static final int INTS = 7;

    private ConvolutionModels() {
    }

    /** The attributes of a convolution node: name and values, in order. */
    record Attribute(String name, long... values) {
    }

    /**
     * A model with one {@code op} node ({@code Conv} or {@code ConvTranspose}) reading {@code x} with
     * {@code channels} channels and writing {@code y}.
     */
    static byte[] model(String op, long channels, float[] weight, long[] weightShape, float[] bias,
                        Attribute... attributes) {
        try {
            ByteArrayOutputStream node = new ByteArrayOutputStream();
            CodedOutputStream n = CodedOutputStream.newInstance(node);
            n.writeString(1, "x");
            n.writeString(1, "w");
            if (bias != null) {
                n.writeString(1, "b");
            }
            n.writeString(2, "y");
            n.writeString(4, op);
            for (Attribute a : attributes) {
                n.writeBytes(5, attribute(a));
            }
            n.flush();

            ByteArrayOutputStream graph = new ByteArrayOutputStream();
            CodedOutputStream g = CodedOutputStream.newInstance(graph);
            g.writeBytes(1, ByteString.copyFrom(node.toByteArray()));
            g.writeString(2, "xai4j-" + op);
            g.writeBytes(5, tensor("w", weightShape, weight));
            if (bias != null) {
                g.writeBytes(5, tensor("b", new long[] {bias.length}, bias));
            }
            g.writeBytes(11, valueInfo("x", channels));
            g.writeBytes(12, valueInfo("y", -1));
            g.flush();

            ByteArrayOutputStream model = new ByteArrayOutputStream();
            CodedOutputStream m = CodedOutputStream.newInstance(model);
            m.writeInt64(1, 8);
            m.writeBytes(7, ByteString.copyFrom(graph.toByteArray()));
            ByteArrayOutputStream opset = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(opset);
            o.writeString(1, "");
            o.writeInt64(2, 13);
            o.flush();
            m.writeBytes(8, ByteString.copyFrom(opset.toByteArray()));
            m.flush();
            return model.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
    }

    private static ByteString attribute(Attribute a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeString(1, a.name());
        for (long v : a.values()) {
            c.writeInt64(8, v);
        }
        c.writeInt32(20, INTS);
        c.flush();
        return ByteString.copyFrom(out.toByteArray());
    }

    private static ByteString tensor(String name, long[] dims, float[] values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        for (long d : dims) {
            c.writeInt64(1, d);
        }
        c.writeInt32(2, FLOAT);
        c.writeString(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        c.writeBytes(9, ByteString.copyFrom(raw.array()));
        c.flush();
        return ByteString.copyFrom(out.toByteArray());
    }

    /** A float tensor of rank 4, {@code [n, channels, h, w]} ({@code channels < 0}: free as well). */
    private static ByteString valueInfo(String name, long channels) throws IOException {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        CodedOutputStream s = CodedOutputStream.newInstance(shape);
        String[] free = {"n", "c", "h", "w"};
        for (int axis = 0; axis < 4; axis++) {
            ByteArrayOutputStream dim = new ByteArrayOutputStream();
            CodedOutputStream d = CodedOutputStream.newInstance(dim);
            if (axis == 1 && channels > 0) {
                d.writeInt64(1, channels);
            } else {
                d.writeString(2, name + "_" + free[axis]);
            }
            d.flush();
            s.writeBytes(1, ByteString.copyFrom(dim.toByteArray()));
        }
        s.flush();
        ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
        CodedOutputStream t = CodedOutputStream.newInstance(tensorType);
        t.writeInt32(1, FLOAT);
        t.writeBytes(2, ByteString.copyFrom(shape.toByteArray()));
        t.flush();
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        CodedOutputStream ty = CodedOutputStream.newInstance(type);
        ty.writeBytes(1, ByteString.copyFrom(tensorType.toByteArray()));
        ty.flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        c.writeString(1, name);
        c.writeBytes(2, ByteString.copyFrom(type.toByteArray()));
        c.flush();
        return ByteString.copyFrom(out.toByteArray());
    }
}
