package org.xai4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ProvenanceTest {
    @Test
    void roundTripsThroughJsonAndMap() {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("steps", "50");
        cfg.put("method", "GAUSS_LEGENDRE");
        cfg.put("note", "a \"quoted\" value");
        MethodDescriptor d = new MethodDescriptor("integrated-gradients", cfg, EnumSet.of(Capability.CONVERGENCE_DELTA));
        Provenance p = Provenance.of(d, "model-1", "classes [1, 2]", "zeros", 7L);
        assertThat(Provenance.fromJson(p.toJson())).isEqualTo(p);
        assertThat(Provenance.fromMap(p.toMap())).isEqualTo(p);
        assertThat(p.libraryVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(p.backend()).isEqualTo("CpuBackend");
        assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.config().keySet()).containsExactly("steps", "method", "note");
    }

    /** The settings map survives Java serialisation, as the unmodifiable map it replaced did (review). */
    @Test
    void settingsSurviveJavaSerialisation() throws Exception {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("steps", "50");
        cfg.put("baseline", "zeros");
        MethodDescriptor d = new MethodDescriptor("integrated-gradients", cfg, EnumSet.noneOf(Capability.class));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(Provenance.of(d, "m", "t", null, null).config());
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            Map<String, String> back = (Map<String, String>) in.readObject();
            assertThat(back).isEqualTo(cfg);
            assertThat(back.keySet()).containsExactly("steps", "baseline");
        }
    }

    @Test
    void theSettingsSeedIsTheRecordedSeedWhenTheMethodPassesNone() {
        // issue 20: occlusion's provenance said "seed": null beside config.seed "0"
        MethodDescriptor seeded = new MethodDescriptor("occlusion", Map.of("window", "[4, 4]", "seed", "12"), EnumSet.noneOf(Capability.class));
        assertThat(Provenance.of(seeded, "m", "t", null, null).seed()).isEqualTo(12L);
        assertThat(Provenance.of(seeded, "m", "t", null, 5L).seed()).isEqualTo(5L);
        MethodDescriptor unseeded = new MethodDescriptor("saliency", Map.of("abs", "true"), EnumSet.noneOf(Capability.class));
        assertThat(Provenance.of(unseeded, "m", "t", null, null).seed()).isNull();
    }

    @Test
    void provenanceSharesItsDescriptorsSettingsAndCopiesAnyOtherMap() {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("b", "1");
        cfg.put("a", "2");
        MethodDescriptor d = new MethodDescriptor("m", cfg, EnumSet.noneOf(Capability.class));
        cfg.put("b", "changed");
        assertThat(d.config()).as("the descriptor copied the map").containsEntry("b", "1");
        Provenance p = Provenance.of(d, "model", "class 1", null, null);
        assertThat(p.config()).as("shared, not copied: nobody can change it").isSameAs(d.config());
        Provenance q = new Provenance("m", cfg, "model", "class 1", null, null, "v", "b", "j");
        cfg.put("a", "changed too");
        assertThat(q.config()).containsExactly(Map.entry("b", "changed"), Map.entry("a", "2"));
        assertThatThrownBy(() -> q.config().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, String> same = new LinkedHashMap<>(d.config());
        assertThat(d.config()).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(p.toJson()).contains("\"config\":{\"b\":\"1\",\"a\":\"2\"}");
    }

    @Test
    void nullsSurvive() {
        Provenance p = new Provenance("saliency", Map.of(), "m", "predicted", null, null, "v", "b", "j");
        assertThat(Provenance.fromJson(p.toJson())).isEqualTo(p);
        assertThat(p.toJson()).contains("\"seed\":null");
    }

    @Test
    void theEngineIsTheModelsAndIsWrittenOnlyWhenKnown() {
        MethodDescriptor d = new MethodDescriptor("occlusion", Map.of(), EnumSet.noneOf(Capability.class));
        org.xai4j.core.model.PredictionFunction onOrt = new org.xai4j.core.model.PredictionFunction() {
            @Override
            public org.nd4j.linalg.api.ndarray.INDArray predict(org.nd4j.linalg.api.ndarray.INDArray input) {
                return input;
            }

            @Override
            public String id() {
                return "net";
            }

            @Override
            public String engine() {
                return "onnxruntime";
            }
        };
        Provenance p = Provenance.of(d, onOrt, "t", null, null);
        assertThat(p.modelId()).isEqualTo("net");
        assertThat(p.engine()).isEqualTo("onnxruntime");
        assertThat(p.toJson()).contains("\"engine\":\"onnxruntime\"");
        assertThat(Provenance.fromJson(p.toJson())).isEqualTo(p);
        Provenance silent = Provenance.of(d, org.xai4j.core.model.PredictionFunction.of("f", x -> x), "t", null, null);
        assertThat(silent.engine()).isNull();
        assertThat(silent.toMap()).doesNotContainKey("engine");
        assertThat(Provenance.fromJson(silent.toJson())).isEqualTo(silent);
    }

    @Test
    void rejectsMissingMethod() {
        assertThatThrownBy(() -> Provenance.fromJson("{\"config\":{}}")).isInstanceOf(XaiException.class)
                .hasMessageContaining("method");
    }

    @Test
    void attributionOwnsItsArrays() {
        var values = Nd4j.ones(2, 3);
        var delta = Nd4j.create(new double[] {0.1, 0.2});
        Attribution a = new Attribution(values, delta, new Provenance("m", Map.of(), "x", "t", null, null, "v", "b", "j"));
        values.assign(5);
        delta.assign(9);
        assertThat(a.values().sumNumber().doubleValue()).isEqualTo(6.0);
        assertThat(a.convergenceDelta()).isPresent();
        assertThat(a.convergenceDelta().get().toDoubleVector()).containsExactly(0.1, 0.2);
        assertThat(a.row(1).shape()).containsExactly(1, 3);
        assertThatThrownBy(() -> new Attribution(values, Nd4j.ones(3), null)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("one value per row (2)");
    }

    @Test
    void attributionOfOwnArraysKeepsThemAndStillChecksAndShapesTheDelta() {
        var values = Nd4j.ones(2, 3);
        var delta = Nd4j.create(new double[] {0.1, 0.2}, new long[] {2, 1});
        Provenance p = new Provenance("m", Map.of(), "x", "t", null, null, "v", "b", "j");
        Attribution a = Attribution.ofOwnArrays(values, delta, p);
        assertThat(a.values()).isSameAs(values);
        assertThat(a.convergenceDelta().orElseThrow().shape()).containsExactly(2);
        assertThat(a.convergenceDelta().orElseThrow().toDoubleVector()).containsExactly(0.1, 0.2);
        var vector = Nd4j.create(new double[] {0.3, 0.4});
        assertThat(Attribution.ofOwnArrays(values, vector, p).convergenceDelta().orElseThrow()).isSameAs(vector);
        assertThatThrownBy(() -> Attribution.ofOwnArrays(values, Nd4j.ones(3), p))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("one value per row (2)");
    }

    @Test
    void descriptorIsImmutable() {
        Map<String, String> cfg = new LinkedHashMap<>(Map.of("a", "1"));
        MethodDescriptor d = new MethodDescriptor("x", cfg, EnumSet.of(Capability.STOCHASTIC));
        cfg.put("b", "2");
        assertThat(d.config()).containsOnlyKeys("a");
        assertThat(d.has(Capability.STOCHASTIC)).isTrue();
        assertThat(d.has(Capability.GRADIENTS)).isFalse();
        assertThatThrownBy(() -> d.config().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new MethodDescriptor(" ", Map.of(), EnumSet.noneOf(Capability.class)))
                .isInstanceOf(InvalidConfigException.class);
    }
}
