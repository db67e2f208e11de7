package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;

/** What ND4J's own op threads become once the convolutions run on ONNX Runtime's pool (issue 19, "right by default"). */
class Nd4jThreadsTest {
    @Test
    void oneThreadUnlessTheUserSaidOtherwise() {
        assertThat(OnnxRuntimeConvolutions.nd4jThreads(null, null)).isEqualTo(1);
        assertThat(OnnxRuntimeConvolutions.nd4jThreads("auto", null)).isEqualTo(1);
        assertThat(OnnxRuntimeConvolutions.nd4jThreads(null, " ")).isEqualTo(1);
        // OMP_NUM_THREADS set: ND4J follows it, as before
        assertThat(OnnxRuntimeConvolutions.nd4jThreads(null, "2")).isZero();
        assertThat(OnnxRuntimeConvolutions.nd4jThreads("auto", "4")).isZero();
        // the property wins over the environment
        assertThat(OnnxRuntimeConvolutions.nd4jThreads("3", "1")).isEqualTo(3);
        assertThat(OnnxRuntimeConvolutions.nd4jThreads(" 2 ", null)).isEqualTo(2);
        assertThat(OnnxRuntimeConvolutions.nd4jThreads("keep", null)).isZero();
    }

    @Test
    void aBadValueNamesTheSettingAndTheChoices() {
        for (String bad : new String[] {"0", "-1", "two", ""}) {
            assertThatThrownBy(() -> OnnxRuntimeConvolutions.nd4jThreads(bad, null))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("-Dxai4j.nd4j.threads").hasMessageContaining("'auto' or 'keep'")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
