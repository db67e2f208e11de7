package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each case runs on a thread of its own, which starts with no spares. */
class ThreadSparesTest {
    private static void onFreshThread(Runnable body) throws InterruptedException {
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed[0] = e;
            }
        });
        t.start();
        t.join();
        assertThat(failed[0]).isNull();
    }

    @Test
    void aSpareIsLentToOneUserAtATimeAndTheLargerOneIsKept() throws InterruptedException {
        onFreshThread(ThreadSparesTest::lending);
    }

    @Test
    void floatsAndDoublesHaveSparesOfTheirOwnAndHugeBuffersAreNotKept() throws InterruptedException {
        onFreshThread(ThreadSparesTest::typesAndBound);
    }

    private static void lending() {
        double[] first = ThreadSpares.doubles(100);
        ThreadSpares.giveBack(first);
        double[] lent = ThreadSpares.doubles(50);
        assertThat(lent).as("the spare, large enough").isSameAs(first);
        double[] meanwhile = ThreadSpares.doubles(50);
        assertThat(meanwhile).as("the spare is out: a new one").isNotSameAs(first).hasSize(50);
        ThreadSpares.giveBack(lent);
        ThreadSpares.giveBack(meanwhile);
        assertThat(ThreadSpares.doubles(100)).as("the smaller one did not replace the larger").isSameAs(first);
        assertThat(ThreadSpares.doubles(200)).as("none in that large").hasSize(200);
    }

    private static void typesAndBound() {
        float[] f = ThreadSpares.floats(10);
        ThreadSpares.giveBack(f);
        double[] d = ThreadSpares.doubles(10);
        assertThat(ThreadSpares.floats(10)).isSameAs(f);
        ThreadSpares.giveBack(f);
        ThreadSpares.giveBack(d);
        float[] huge = new float[ThreadSpares.KEPT + 1];
        ThreadSpares.giveBack(huge);
        assertThat(ThreadSpares.floats(ThreadSpares.KEPT + 1)).isNotSameAs(huge);
        assertThat(ThreadSpares.floats(10)).isSameAs(f);
    }

    @Test
    void rowsAreLentLikeBuffersAndMustFitInCountLengthAndBound() throws InterruptedException {
        onFreshThread(ThreadSparesTest::rows);
    }

    private static void rows() {
        double[][] first = ThreadSpares.doubleRows(4, 30);
        assertThat(first).hasNumberOfRows(4);
        assertThat(first[3]).hasSize(30);
        ThreadSpares.giveBack(first);
        double[][] lent = ThreadSpares.doubleRows(3, 20);
        assertThat(lent).as("the spare rows, enough and long enough").isSameAs(first);
        assertThat(ThreadSpares.doubleRows(3, 20)).as("the spare is out: new rows").isNotSameAs(first);
        ThreadSpares.giveBack(lent);
        assertThat(ThreadSpares.doubleRows(5, 20)).as("too few").isNotSameAs(first);
        assertThat(ThreadSpares.doubleRows(4, 31)).as("too short").isNotSameAs(first);
        ThreadSpares.giveBack(new double[2][10]);
        assertThat(ThreadSpares.doubleRows(4, 30)).as("smaller rows did not replace the larger").isSameAs(first);
        double[][] huge = new double[2][ThreadSpares.KEPT / 2 + 1];
        ThreadSpares.giveBack(huge);
        assertThat(ThreadSpares.doubleRows(2, 10)).as("more than KEPT values in all are not kept").isNotSameAs(huge);
        assertThat(ThreadSpares.doubles(10)).as("rows are not the double spare").isNotSameAs(first[0]);
    }
}
