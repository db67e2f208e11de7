package org.xai4j.models.onnx;

import java.nio.charset.StandardCharsets;
import org.xai4j.core.ModelFormatException;

/** Typed access to a node's attributes with ONNX defaults. */
final class Attrs {
    private Attrs() {
    }

    static long i(OnnxProto.Node n, String name, long dflt) {
        OnnxProto.Attribute a = n.attribute(name);
        return a == null ? dflt : a.i();
    }

    static float f(OnnxProto.Node n, String name, float dflt) {
        OnnxProto.Attribute a = n.attribute(name);
        return a == null ? dflt : a.f();
    }

    static String s(OnnxProto.Node n, String name, String dflt) {
        OnnxProto.Attribute a = n.attribute(name);
        return a == null ? dflt : a.s().toString(StandardCharsets.UTF_8);
    }

    static long[] ints(OnnxProto.Node n, String name, long[] dflt) {
        OnnxProto.Attribute a = n.attribute(name);
        if (a == null) {
            return dflt == null ? null : dflt.clone();
        }
        return a.ints().stream().mapToLong(Long::longValue).toArray();
    }

    static float[] floats(OnnxProto.Node n, String name) {
        OnnxProto.Attribute a = n.attribute(name);
        if (a == null) {
            return null;
        }
        float[] f = new float[a.floats().size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = a.floats().get(k);
        }
        return f;
    }

    static int[] toInts(long[] v) {
        if (v == null) {
            return null;
        }
        int[] out = new int[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = Math.toIntExact(v[k]);
        }
        return out;
    }

    /** The i-th input name, or "" if absent (ONNX marks omitted optional inputs with empty names). */
    static String input(OnnxProto.Node n, int index) {
        return index < n.inputs().size() ? n.inputs().get(index) : "";
    }

    static ModelFormatException malformed(OnnxProto.Node n, String what) {
        return new ModelFormatException("ONNX node '" + n.name() + "' (" + n.opType() + "): " + what);
    }
}
