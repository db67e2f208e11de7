package org.xai4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.graph.OpenBuffers;

/** Copies to and from Java arrays: values, row-major order of views, types, and no native leftovers. */
class HostArraysTest {
    private static INDArray counting(DataType type, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 0.25;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    @Test
    void mappedEqualsNd4jsAbsBitForBitOnWholeArraysViewsAndOtherOrders() {
        INDArray whole = signedValues();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = whole.castTo(type);
            INDArray before = a.dup();
            INDArray[] cases = {a, a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()),
                    a.get(NDArrayIndex.all(), NDArrayIndex.interval(7, 4000)), a.dup('f')};
            for (INDArray c : cases) {
                INDArray m = HostArrays.mapped(c, Math::abs);
                INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.abs(c, true);
                assertThat(m.dataType()).isEqualTo(type);
                assertThat(m.shape()).isEqualTo(c.shape());
                assertThat(bits(m)).as("%s", type).isEqualTo(bits(expected));
            }
            assertThat(a).as("the input is not modified").isEqualTo(before);
        }
    }

    @Test
    void mappedInPlaceGivesMappedsBitsAndWritesOnlyWhereTheValuesLieInHostMemory() {
        INDArray whole = signedValues();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = whole.castTo(type);
            INDArray want = HostArrays.mapped(a, v -> Math.abs(v) * 1.5);
            INDArray got = HostArrays.mappedInPlace(a, v -> Math.abs(v) * 1.5);
            assertThat(got).as("a whole array is written in place").isSameAs(a);
            assertThat(bits(got)).isEqualTo(bits(want));

            INDArray base = whole.castTo(type);
            INDArray rows = base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
            INDArray rowsWant = HostArrays.mapped(rows, Math::abs);
            INDArray firstRow = base.getRow(0).dup();
            assertThat(HostArrays.mappedInPlace(rows, Math::abs)).as("a range of rows: in place").isSameAs(rows);
            assertThat(bits(base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()))).isEqualTo(bits(rowsWant));
            assertThat(base.getRow(0)).as("the rows outside the range").isEqualTo(firstRow);

            INDArray columns = base.get(NDArrayIndex.all(), NDArrayIndex.interval(7, 4000));
            INDArray before = base.dup();
            INDArray mappedColumns = HostArrays.mappedInPlace(columns, Math::abs);
            assertThat(mappedColumns).as("not contiguous: a new array").isNotSameAs(columns);
            assertThat(bits(mappedColumns)).isEqualTo(bits(HostArrays.mapped(columns, Math::abs)));
            assertThat(base).as("and the array is left as it was").isEqualTo(before);
        }
    }

    /** 3 × 5000 values, crossing the 8192-value window; signs alternate, with −0.0 and a subnormal among them. */
    private static INDArray signedValues() {
        INDArray whole = Nd4j.rand(DataType.DOUBLE, 3, 5000).subi(0.5);
        whole.putScalar(0, -0.0);
        whole.putScalar(1, -Double.MIN_NORMAL / 4);
        return whole;
    }

    private static long[] bits(INDArray a) {
        double[] v = HostArrays.doubles(a);
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    @Test
    void copiesValuesInRowMajorOrderFromPlainArraysViewsAndOtherOrders() {
        INDArray a = counting(DataType.FLOAT, 3, 4, 5);
        double[] d = HostArrays.doubles(a);
        assertThat(d).hasSize(60);
        assertThat(d[0]).isEqualTo(0.25);
        assertThat(d[59]).isEqualTo(59.25);
        INDArray view = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.interval(2, 4));
        double[] v = HostArrays.doubles(view);
        assertThat(v).hasSize(16);
        assertThat(v[0]).isEqualTo(a.getDouble(1, 0, 2));
        assertThat(v[15]).isEqualTo(a.getDouble(2, 3, 3));
        INDArray f = a.dup('f');
        assertThat(HostArrays.doubles(f)).containsExactly(d);
        assertThat(HostArrays.floats(view)[15]).isEqualTo(a.getFloat(2, 3, 3));
        // Fresh arrays: changing them leaves the source alone.
        d[0] = -1;
        assertThat(a.getDouble(0, 0, 0)).isEqualTo(0.25);
    }

    @Test
    void buildsArraysOfEveryTypeFromDoublesRoundingLikeACast() {
        double[] v = {0.1, -2.5, 1e-8, 3.0000001, 7, 8};
        long[] shape = {2, 3};
        assertThat(HostArrays.array(v, shape, DataType.DOUBLE)).isEqualTo(Nd4j.create(v, shape, DataType.DOUBLE));
        for (DataType t : new DataType[] {DataType.FLOAT, DataType.HALF, DataType.BFLOAT16}) {
            INDArray made = HostArrays.array(v, shape, t);
            assertThat(made.dataType()).isEqualTo(t);
            assertThat(made.shape()).isEqualTo(shape);
            assertThat(made).isEqualTo(Nd4j.create(v, shape, DataType.DOUBLE).castTo(t));
        }
    }

    @Test
    void floatDataLongerThanOneWindowIsCopiedWhole() {
        // float data moves through a per-thread window of HostArrays.WINDOW values: every window must land in place
        int n = 2 * HostArrays.WINDOW + 17;
        java.util.Random r = new java.util.Random(3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * 1e3;
        }
        long[] shape = {1, n};
        INDArray made = HostArrays.array(v, shape, DataType.FLOAT);
        INDArray cast = Nd4j.create(v, shape, DataType.DOUBLE).castTo(DataType.FLOAT);
        assertThat(made.data().asFloat()).containsExactly(cast.data().asFloat());
        assertThat(HostArrays.doubles(made)).containsExactly(cast.data().asDouble());
        assertThat(HostArrays.allFinite(made)).isTrue();
        for (long at : new long[] {HostArrays.WINDOW - 1, HostArrays.WINDOW, 2L * HostArrays.WINDOW, n - 1}) {
            INDArray b = made.dup();
            b.putScalar(at, Float.NaN);
            assertThat(HostArrays.allFinite(b)).as("NaN at %d", at).isFalse();
        }
    }

    @Test
    void leavesNoNativeTemporaryBehind() {
        INDArray a = counting(DataType.FLOAT, 4, 3, 8, 8);
        INDArray view = a.get(NDArrayIndex.interval(1, 3));
        double[] values = HostArrays.doubles(a);
        OpenBuffers snapshot = OpenBuffers.snapshot();
        HostArrays.doubles(view);
        HostArrays.floats(a.permute(0, 2, 3, 1));
        INDArray made = HostArrays.array(values, a.shape(), DataType.FLOAT);
        INDArray half = HostArrays.array(values, a.shape(), DataType.HALF);
        assertThat(snapshot.since(2, made, half)).isEmpty();
    }

    @Test
    void axesOfSizeOneKeepAnArrayPlain() {
        // ND4J gives [1, 1, 28, 28] the strides [784, 784, 28, 1], which its own default-stride test rejects
        for (long[] shape : new long[][] {{1, 1, 28, 28}, {16, 1, 28, 28}, {3, 4, 1}, {1, 10}, {2, 3}}) {
            INDArray a = counting(DataType.FLOAT, shape);
            assertThat(HostArrays.plain(a)).as("%s", java.util.Arrays.toString(shape)).isTrue();
            assertThat(HostArrays.doubles(a)).containsExactly(a.dup('c').data().asDouble());
        }
        INDArray a = counting(DataType.FLOAT, 3, 4, 5);
        assertThat(HostArrays.plain(a.permute(0, 2, 1))).isFalse();
        assertThat(HostArrays.plain(a.dup('f'))).isFalse();
        assertThat(HostArrays.plain(a.get(NDArrayIndex.interval(1, 3)))).isFalse();
        INDArray column = counting(DataType.FLOAT, 4, 3).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2));
        assertThat(HostArrays.plain(column)).isFalse(); // 4×1 view of a 4×3 array: its row stride is 3
        assertThat(HostArrays.doubles(column)).containsExactly(1.25, 4.25, 7.25, 10.25);
    }

    @org.junit.jupiter.api.Test
    void allFiniteFindsEveryNonFiniteValueWhereverItIs() {
        for (org.nd4j.linalg.api.buffer.DataType t : new org.nd4j.linalg.api.buffer.DataType[] {
                org.nd4j.linalg.api.buffer.DataType.FLOAT, org.nd4j.linalg.api.buffer.DataType.DOUBLE}) {
            INDArray a = org.nd4j.linalg.factory.Nd4j.ones(t, 3, 1, 10_000);
            org.assertj.core.api.Assertions.assertThat(HostArrays.allFinite(a)).isTrue();
            for (long at : new long[] {0, 4095, 4096, 29_999}) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    INDArray b = a.dup();
                    b.putScalar(at, bad);
                    org.assertj.core.api.Assertions.assertThat(HostArrays.allFinite(b)).as("%s %s at %d", t, bad, at)
                            .isFalse();
                    // a view (not plain) goes through ND4J's sum and the element-wise check
                    org.assertj.core.api.Assertions.assertThat(HostArrays.allFinite(b.permute(2, 1, 0))).isFalse();
                }
            }
            // finite values whose sum overflows are finite
            INDArray huge = org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {10}, 3e38, t);
            org.assertj.core.api.Assertions.assertThat(HostArrays.allFinite(huge)).isTrue();
            org.assertj.core.api.Assertions.assertThat(HostArrays.allFinite(huge.reshape(2, 5).transpose())).isTrue();
        }
        org.assertj.core.api.Assertions.assertThat(HostArrays.allFinite(
                org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.INT, 4))).isTrue();
    }

    /** Every value of {@code a} read through {@link HostArrays#forEachWindow}, with the window offsets checked. */
    private static double[] readByWindows(INDArray a) {
        double[] out = new double[(int) a.length()];
        long[] next = {0};
        boolean all = HostArrays.forEachWindow(a, (values, length, first) -> {
            assertThat(first).isEqualTo(next[0]);
            System.arraycopy(values, 0, out, (int) first, length);
            next[0] += length;
            return true;
        });
        assertThat(all).isTrue();
        assertThat(next[0]).isEqualTo(a.length());
        return out;
    }

    @Test
    void windowsGiveEveryValueInRowMajorOrderForWholeArraysRowRangesAndOtherLayouts() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            // more than two windows, and a last window that is not full
            INDArray a = counting(type, 2 * HostArrays.WINDOW / 10 + 7, 10);
            double[] expected = new double[(int) a.length()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = a.getDouble(i / 10, i % 10); // element by element, ND4J's own indexing
            }
            assertThat(readByWindows(a)).containsExactly(expected);
            INDArray rows = a.get(NDArrayIndex.interval(5, 1640), NDArrayIndex.all()); // a view with an offset
            assertThat(readByWindows(rows)).containsExactly(java.util.Arrays.copyOfRange(expected, 50, 16400));
            INDArray columns = a.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 4)); // not contiguous
            double[] cols = readByWindows(columns);
            assertThat(cols[0]).isEqualTo(expected[2]);
            assertThat(cols[3]).isEqualTo(expected[13]);
            assertThat(readByWindows(a.dup('f'))).containsExactly(expected);
        }
    }

    @Test
    void windowsStopWhenTheReaderSaysSo() {
        INDArray a = counting(DataType.FLOAT, 3 * HostArrays.WINDOW);
        int[] calls = {0};
        boolean all = HostArrays.forEachWindow(a, (values, length, first) -> ++calls[0] < 2);
        assertThat(all).isFalse();
        assertThat(calls[0]).isEqualTo(2);
    }

    /** Value of element i in the writer tests: distinct, and not exact in float (so a cast has to round it). */
    private static double value(long i) {
        return i * 0.1 - 3;
    }

    @Test
    void writtenByWindowsEqualsACastOfTheSameDoublesForEveryType() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            long[] shape = {2 * HostArrays.WINDOW / 10 + 7, 2, 5}; // more than two windows, the last not full
            int n = (int) (shape[0] * 10);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = value(i);
            }
            long[] seen = {0};
            INDArray made = HostArrays.filled(shape, type, (values, length, first) -> {
                assertThat(first).isEqualTo(seen[0]); // windows in order, none skipped
                for (int i = 0; i < length; i++) {
                    values[i] = value(first + i);
                }
                seen[0] += length;
            });
            assertThat(seen[0]).isEqualTo(n);
            assertThat(made.dataType()).isEqualTo(type);
            assertThat(made.ordering()).isEqualTo('c');
            assertThat(made).isEqualTo(Nd4j.create(v, shape, DataType.DOUBLE).castTo(type));
        }
    }

    @Test
    void writtenByRowsEqualsACastOfTheSameDoublesForEveryType() {
        // rows of 3·7 values: many rows per chunk, a last chunk that is not full; and rows longer than a window
        for (long[] shape : new long[][] {{HostArrays.WINDOW / 7 + 5, 3, 7}, {3, HostArrays.WINDOW + 3}}) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
                int rows = (int) shape[0];
                int len = (int) (shape[1] * (shape.length > 2 ? shape[2] : 1));
                double[] v = new double[rows * len];
                for (int i = 0; i < v.length; i++) {
                    v[i] = value(i);
                }
                int[] next = {0};
                INDArray made = HostArrays.filledByRows(shape, type, (chunk, from, count) -> {
                    assertThat(from).isEqualTo(next[0]);
                    for (int i = 0; i < count * len; i++) {
                        double x = value((long) from * len + i);
                        if (chunk instanceof float[] f) {
                            f[i] = (float) x;
                        } else {
                            ((double[]) chunk)[i] = x;
                        }
                    }
                    next[0] += count;
                });
                assertThat(next[0]).isEqualTo(rows);
                assertThat(made.dataType()).isEqualTo(type);
                assertThat(made).isEqualTo(Nd4j.create(v, shape, DataType.DOUBLE).castTo(type));
            }
        }
    }

    /**
     * The row chunk is the thread's spare, lent to one call at a time: a writer that fills another array meanwhile
     * gets its own chunk, and a writer that throws leaves the next call unharmed.
     */
    @Test
    void aWriterThatFillsAnotherArrayOrThrowsDoesNotShareTheChunk() {
        long[] shape = {40, 2, 5};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray[] inner = new INDArray[1];
            INDArray outer = HostArrays.filledByRows(shape, type, (chunk, from, count) -> {
                for (int i = 0; i < count * 10; i++) {
                    put(chunk, i, value((long) from * 10 + i));
                }
                // another array filled in the middle of this chunk, with other values
                inner[0] = HostArrays.filledByRows(shape, type, (c2, f2, n2) -> {
                    for (int i = 0; i < n2 * 10; i++) {
                        put(c2, i, -1 - value((long) f2 * 10 + i));
                    }
                });
            });
            double[] v = new double[400];
            for (int i = 0; i < v.length; i++) {
                v[i] = value(i);
            }
            INDArray want = Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
            assertThat(outer).isEqualTo(want);
            assertThat(inner[0]).isEqualTo(want.neg().subi(1));

            assertThatThrownBy(() -> HostArrays.filledByRows(shape, type, (chunk, from, count) -> {
                put(chunk, 0, 1);
                throw new IllegalStateException("writer failed");
            })).hasMessage("writer failed");
            assertThat(HostArrays.filledByRows(shape, type, (chunk, from, count) -> {
                for (int i = 0; i < count * 10; i++) {
                    put(chunk, i, value((long) from * 10 + i));
                }
            })).isEqualTo(want);
        }
    }

    private static void put(Object chunk, int i, double x) {
        if (chunk instanceof float[] f) {
            f[i] = (float) x;
        } else {
            ((double[]) chunk)[i] = x;
        }
    }
}
