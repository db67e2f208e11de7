package org.xai4j.models.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.XaiException;
import org.xai4j.core.graph.Graph;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * The ONNX reader on damaged models (issue 21): truncated, overwritten, shifted bytes of committed test models,
 * and hand-built models whose tensors claim more elements than any file holds. Only typed {@link XaiException}s
 * or a working graph may come out. 500 cases here; {@link OnnxFuzzSlowTest} runs 10,000.
 */
class OnnxFuzzTest {
    static final List<byte[]> MODELS = List.of(resource("handmade_op18.onnx"), resource("handmade_typed_op12.onnx"),
            resource("ops_zoo_op13.onnx"), resource("small_cnn_op13.onnx"), resource("unsupported_op13.onnx"));

    @Property(tries = 500, seed = "20261204")
    void damagedModelsGiveTypedErrorsOnly(@ForAll long seed) {
        check(seed);
    }

    /** Cases checked in this JVM (the container hooks assert the promised counts ran). */
    static final java.util.concurrent.atomic.AtomicLong CASES = new java.util.concurrent.atomic.AtomicLong();

    static void check(long seed) {
        CASES.incrementAndGet();
        Random r = new Random(seed);
        byte[] model = MODELS.get(r.nextInt(MODELS.size()));
        byte[] bytes = switch (r.nextInt(3)) {
            case 0 -> Mutations.truncate(model, r);
            case 1 -> Mutations.overwrite(model, r);
            default -> Mutations.insertOrDelete(model, r);
        };
        try {
            Graph g = OnnxImporter.read(bytes, "fuzz", OnnxImportOptions.DEFAULT);
            assertThat(g.layerNames()).isNotEmpty();
        } catch (XaiException expected) {
            assertThat(expected.getMessage()).isNotBlank().contains("fuzz");
        }
    }

    @Test
    void aTensorClaimingATrillionElementsIsRefusedBeforeAllocating() {
        for (long[] dims : new long[][] {{1_000_000, 1_000_000}, {1L << 62, 4}, {3037000500L, 3037000500L},
                {Integer.MAX_VALUE, 2}}) {
            byte[] model = modelWithInitializer(dims, new byte[16]);
            assertThatThrownBy(() -> OnnxImporter.read(model, "huge", OnnxImportOptions.DEFAULT))
                    .isInstanceOf(ModelFormatException.class).hasMessageContaining("huge").hasMessageContaining("w");
        }
    }

    /** A ModelProto (opset 13) with one float initializer 'w' of the given dims and raw data, and an Add node. */
    static byte[] modelWithInitializer(long[] dims, byte[] raw) {
        Proto tensor = new Proto();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, 1).string(8, "w").bytes(9, raw);
        Proto type = new Proto().message(1, new Proto().varint(1, 1));
        Proto input = new Proto().string(1, "x").message(2, type);
        Proto output = new Proto().string(1, "y").message(2, type);
        Proto node = new Proto().string(1, "x").string(1, "w").string(2, "y").string(3, "add").string(4, "Add");
        Proto graph = new Proto().message(1, node).string(2, "g").message(5, tensor).message(11, input)
                .message(12, output);
        return new Proto().varint(1, 7).message(7, graph).message(8, new Proto().varint(2, 13)).toBytes();
    }

    /** Just enough of protobuf's wire format to write a model by hand (field numbers from onnx.proto). */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint(((long) field << 3));
            writeVarint(value);
            return this;
        }

        Proto bytes(int field, byte[] b) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(b.length);
            out.writeBytes(b);
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.toBytes());
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = OnnxFuzzTest.class.getResourceAsStream("/org/xai4j/models/onnx/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long before;

    @net.jqwik.api.lifecycle.BeforeContainer
    static void countFrom() {
        before = OnnxFuzzTest.CASES.get();
    }

    @net.jqwik.api.lifecycle.AfterContainer
    static void allCasesRan() {
        org.assertj.core.api.Assertions.assertThat(OnnxFuzzTest.CASES.get() - before).as("damaged files checked")
                .isGreaterThanOrEqualTo(500);
    }
}
