package org.xai4j.core.graph.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;

/**
 * Many Java threads sharing one OpenBLAS convolution (issue 21, "Threads"): under the default policy one thread
 * at a time runs the products and the results are bitwise those of one thread; under {@code single} OpenBLAS
 * drops to one thread while more than one Java thread is inside and gets its thread count back afterwards.
 */
class OpenBlasCallsTest {
    /** The tests run OpenBLAS on two threads (the build sets OMP_NUM_THREADS=1) and put the count back after. */
    private int original;

    @BeforeEach
    void twoOpenBlasThreads() {
        Nd4j.getExecutioner(); // ND4J's start-up sets OpenBLAS's threads from OMP_NUM_THREADS: let it run first
        original = openblas_nolapack.blas_get_num_threads();
        openblas_nolapack.blas_set_num_threads(2);
    }

    @AfterEach
    void originalOpenBlasThreads() {
        openblas_nolapack.blas_set_num_threads(original);
    }

    @Test
    void openBlasRunsOnOneThreadWhileTwoJavaThreadsAreInsideAndGetsItsCountBack() {
        int before = openblas_nolapack.blas_get_num_threads();
        assumeThat(before).as("OpenBLAS threads (a build with threads)").isEqualTo(2);
        OpenBlasCalls.enter(OpenBlasCalls.Policy.SINGLE);
        try {
            assertThat(openblas_nolapack.blas_get_num_threads()).as("one Java thread inside").isEqualTo(before);
            OpenBlasCalls.enter(OpenBlasCalls.Policy.SINGLE);
            try {
                assertThat(openblas_nolapack.blas_get_num_threads()).as("two Java threads inside").isEqualTo(1);
            } finally {
                OpenBlasCalls.leave(OpenBlasCalls.Policy.SINGLE);
            }
            assertThat(openblas_nolapack.blas_get_num_threads()).as("one left inside").isEqualTo(1);
        } finally {
            OpenBlasCalls.leave(OpenBlasCalls.Policy.SINGLE);
        }
        assertThat(openblas_nolapack.blas_get_num_threads()).as("none inside").isEqualTo(before);
    }

    @Test
    void theDefaultPolicyLetsOneThreadInAtATime() {
        assertThat(OpenBlasCalls.configured()).isEqualTo(OpenBlasCalls.Policy.SERIAL);
        assertThat(OpenBlasCalls.serialPermits()).as("nobody inside").isEqualTo(1);
        OpenBlasCalls.enter(OpenBlasCalls.configured());
        try {
            assertThat(OpenBlasCalls.serialPermits()).as("one thread inside").isZero();
        } finally {
            OpenBlasCalls.leave(OpenBlasCalls.configured());
        }
        assertThat(OpenBlasCalls.serialPermits()).as("after leaving").isEqualTo(1);
    }

    @Test
    void anUnknownPolicyIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> OpenBlasCalls.policy("parallel")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("-Dxai4j.conv.openblasConcurrency=parallel")
                .hasMessageContaining("serial (the default), single or none");
    }

    @Test
    void eightThreadsSharingOneKernelGetExactlyTheResultsOfOneThread() throws Exception {
        int before = openblas_nolapack.blas_get_num_threads();
        Random r = new Random(21);
        INDArray w = Nd4j.create(gaussian(r, 32 * 24 * 3 * 3), new long[] {32, 24, 3, 3}, 'c');
        INDArray b = Nd4j.create(gaussian(r, 32), new long[] {32}, 'c');
        INDArray x = Nd4j.create(gaussian(r, 4 * 24 * 30 * 30), new long[] {4, 24, 30, 30}, 'c');
        INDArray up = Nd4j.create(gaussian(r, 4 * 32 * 30 * 30), new long[] {4, 32, 30, 30}, 'c');
        TapConvolution kernel = new TapConvolution(w, b, new Window2d(3, 3, 1, 1, 1, 1, 1, 1, 1, 1));
        float[] y1 = kernel.forward(x).data().asFloat();
        float[] g1 = kernel.inputGradient(up, x.shape()).data().asFloat();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<float[][]>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(() -> {
                    float[][] last = null;
                    for (int i = 0; i < 3; i++) {
                        last = new float[][] {kernel.forward(x).data().asFloat(),
                                kernel.inputGradient(up, x.shape()).data().asFloat()};
                    }
                    return last;
                });
            }
            for (Future<float[][]> f : pool.invokeAll(work)) {
                float[][] got = f.get();
                assertThat(got[0]).as("forward").containsExactly(y1);
                assertThat(got[1]).as("input gradient").containsExactly(g1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(openblas_nolapack.blas_get_num_threads()).as("OpenBLAS threads after the run").isEqualTo(before);
    }

    private static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
