package org.xai4j.models.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of ONNX's protobuf messages the importer reads, parsed field by field. Field numbers are those
 * of {@code onnx.proto} (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto,
 * TypeProto, TensorShapeProto); unknown fields are skipped. Repeated numeric fields are accepted packed and
 * unpacked.
 */
final class OnnxProto {
    private OnnxProto() {
    }

    record OpsetId(String domain, long version) {
    }

    record Model(long irVersion, String producerName, String producerVersion, List<OpsetId> opsets, Graph graph) {
    }

    record Graph(String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs, List<ValueInfo> valueInfo) {
    }

    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                List<Attribute> attributes) {
        Attribute attribute(String attributeName) {
            for (Attribute a : attributes) {
                if (a.name().equals(attributeName)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** AttributeProto; {@code type} follows AttributeProto.AttributeType (1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS, 8 STRINGS). */
    record Attribute(String name, int type, float f, long i, ByteString s, Tensor t, List<Float> floats,
                     List<Long> ints, List<ByteString> strings, boolean hasGraph) {
    }

    /** TensorProto; {@code dataType} follows TensorProto.DataType (1 FLOAT, 6 INT32, 7 INT64, 11 DOUBLE, …). */
    record Tensor(String name, long[] dims, int dataType, ByteString rawData, List<Float> floatData,
                  List<Integer> int32Data, List<Long> int64Data, List<Double> doubleData, List<Long> uint64Data,
                  boolean external) {
    }

    /** ValueInfoProto with its tensor type: element type and dims ({@code -1} where symbolic or absent). */
    record ValueInfo(String name, int elemType, long[] dims) {
    }

    // ---------------------------------------------------------------------------------------------- parsing

    static Model parseModel(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(200);
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        List<OpsetId> opsets = new ArrayList<>();
        Graph graph = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> ir = in.readInt64();
                case 2 -> producer = in.readString();
                case 3 -> producerVersion = in.readString();
                case 7 -> graph = parseGraph(message(in, tag));
                case 8 -> opsets.add(parseOpset(message(in, tag)));
                default -> in.skipField(tag);
            }
        }
        return new Model(ir, producer, producerVersion, opsets, graph);
    }

    private static CodedInputStream message(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new IOException("field " + WireFormat.getTagFieldNumber(tag) + " should be a message but has wire type "
                    + WireFormat.getTagWireType(tag));
        }
        return in.readBytes().newCodedInput();
    }

    private static OpsetId parseOpset(CodedInputStream in) throws IOException {
        String domain = "";
        long version = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = in.readString();
                case 2 -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        return new OpsetId(domain, version);
    }

    private static Graph parseGraph(CodedInputStream in) throws IOException {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<Tensor> inits = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        List<ValueInfo> info = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(parseNode(message(in, tag)));
                case 2 -> name = in.readString();
                case 5 -> inits.add(parseTensor(message(in, tag)));
                case 11 -> inputs.add(parseValueInfo(message(in, tag)));
                case 12 -> outputs.add(parseValueInfo(message(in, tag)));
                case 13 -> info.add(parseValueInfo(message(in, tag)));
                default -> in.skipField(tag);
            }
        }
        return new Graph(name, nodes, inits, inputs, outputs, info);
    }

    private static Node parseNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attrs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> op = in.readString();
                case 5 -> attrs.add(parseAttribute(message(in, tag)));
                case 7 -> domain = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, op, domain, inputs, outputs, attrs);
    }

    private static Attribute parseAttribute(CodedInputStream in) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        ByteString s = ByteString.EMPTY;
        Tensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        List<ByteString> strings = new ArrayList<>();
        boolean graph = false;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readBytes();
                case 5 -> t = parseTensor(message(in, tag));
                case 6, 11 -> {
                    graph = true;
                    in.skipField(tag);
                }
                case 7 -> readFloats(in, tag, floats);
                case 8 -> readInt64s(in, tag, ints);
                case 9 -> strings.add(in.readBytes());
                case 20 -> type = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        return new Attribute(name, type, f, i, s, t, floats, ints, strings, graph);
    }

    static Tensor parseTensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteString raw = null;
        List<Float> floats = new ArrayList<>();
        List<Integer> int32 = new ArrayList<>();
        List<Long> int64 = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        List<Long> uint64 = new ArrayList<>();
        boolean external = false;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readInt64s(in, tag, dims);
                case 2 -> dataType = in.readInt32();
                case 4 -> readFloats(in, tag, floats);
                case 5 -> readInt32s(in, tag, int32);
                case 7 -> readInt64s(in, tag, int64);
                case 8 -> name = in.readString();
                case 9 -> raw = in.readBytes();
                case 10 -> readDoubles(in, tag, doubles);
                case 11 -> readUInt64s(in, tag, uint64);
                case 13 -> {
                    external = true;
                    in.skipField(tag);
                }
                case 14 -> external |= in.readEnum() == 1;
                default -> in.skipField(tag);
            }
        }
        return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, raw, floats, int32, int64,
                doubles, uint64, external);
    }

    private static ValueInfo parseValueInfo(CodedInputStream in) throws IOException {
        String name = "";
        int elem = 0;
        long[] dims = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> {
                    // TypeProto: tensor_type = 1 → Tensor { elem_type = 1, shape = 2 }.
                    CodedInputStream type = message(in, tag);
                    int t;
                    while ((t = type.readTag()) != 0) {
                        if (WireFormat.getTagFieldNumber(t) == 1) {
                            CodedInputStream tensor = message(type, t);
                            int u;
                            while ((u = tensor.readTag()) != 0) {
                                switch (WireFormat.getTagFieldNumber(u)) {
                                    case 1 -> elem = tensor.readInt32();
                                    case 2 -> dims = parseShape(message(tensor, u));
                                    default -> tensor.skipField(u);
                                }
                            }
                        } else {
                            type.skipField(t);
                        }
                    }
                }
                default -> in.skipField(tag);
            }
        }
        return new ValueInfo(name, elem, dims);
    }

    private static long[] parseShape(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                CodedInputStream dim = message(in, tag);
                long value = -1;
                int t;
                while ((t = dim.readTag()) != 0) {
                    if (WireFormat.getTagFieldNumber(t) == 1) {
                        value = dim.readInt64();
                    } else {
                        dim.skipField(t);
                    }
                }
                dims.add(value);
            } else {
                in.skipField(tag);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    // ------------------------------------------------------------------- repeated numbers, packed or not

    private static void readInt64s(CodedInputStream in, int tag, List<Long> out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readInt64());
        }
    }

    private static void readUInt64s(CodedInputStream in, int tag, List<Long> out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readUInt64());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readUInt64());
        }
    }

    private static void readInt32s(CodedInputStream in, int tag, List<Integer> out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt32());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readInt32());
        }
    }

    private static void readFloats(CodedInputStream in, int tag, List<Float> out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readFloat());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readFloat());
        }
    }

    private static void readDoubles(CodedInputStream in, int tag, List<Double> out) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readDouble());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readDouble());
        }
    }
}
