package org.xai4j.attribution;

import java.io.IOException;
import java.io.InputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/** The files src/test/python/gen_zennit_refs.py wrote (zennit 0.5.1 and zennit-crp 0.6.0 results). */
final class ZennitReference {
    static final String DIR = "/org/xai4j/attribution/lrp/";
    static final double LOW = -2;
    static final double HIGH = 2;
    static final int[] TARGETS = {1, 3};

    private ZennitReference() {
    }

    static byte[] bytes(String file) {
        try (InputStream in = ZennitReference.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException(DIR + file + " is missing: run src/test/python/gen_zennit_refs.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code net.onnx} (batch norms folded by torch) or {@code net-bn.onnx} (kept). */
    static Graph graph(String file) {
        return OnnxImporter.read(bytes(file + ".onnx"), file, OnnxImportOptions.builder().dataType(DataType.FLOAT).build());
    }

    static INDArray array(String file) {
        return Npy.read(bytes(file + ".npy"), file + ".npy");
    }

    /** max |a − b| / max |b|. */
    static double relativeError(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray b = expected.castTo(DataType.DOUBLE);
        return a.sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }

    /** Pearson correlation of two arrays' values. */
    static double correlation(INDArray a, INDArray b) {
        double[] x = a.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] y = b.castTo(DataType.DOUBLE).dup().data().asDouble();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
