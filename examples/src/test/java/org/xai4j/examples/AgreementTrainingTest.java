package org.xai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training must leave the study's images where they are: DL4J's {@code DataSet.shuffle} permutes the arrays it
 * wraps in place, and a split whose images were permuted while its labels were not trains the second model on
 * mismatched pairs (CNN-B learned nothing in the full run at f3f2307 for that reason).
 */
class AgreementTrainingTest {
    @Test
    void trainingDoesNotReorderTheCallersImages() {
        LesionGenerator g = new LesionGenerator(LesionGenerator.MELANOMA_NAEVUS, 16, 0.3);
        LesionGenerator.LesionSet train = g.generate(40, 5);
        INDArray before = train.images().dup();
        AgreementStudy.Split split = new AgreementStudy.Split(train, g.generate(8, 6), g.generate(8, 7),
                List.of("melanoma", "naevus"));
        AgreementStudy.train(AgreementStudy.netA(16, 2, 1), split, 2, 9);
        assertThat(train.images()).isEqualTo(before);
    }
}
