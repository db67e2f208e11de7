package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.attribution.gradient.Quadrature;
import org.xai4j.attribution.gradient.QuadratureRule;

class QuadratureTest {

    @Test
    void gaussLegendreMatchesNumpy() {
        Map<String, Object> gl = TorchReference.map(TorchReference.data(), "gaussLegendre");
        for (String n : gl.keySet()) {
            Map<String, Object> ref = TorchReference.map(gl, n);
            QuadratureRule r = Quadrature.GAUSS_LEGENDRE.rule(Integer.parseInt(n));
            double[] a = TorchReference.doubles(ref, "alphas");
            double[] w = TorchReference.doubles(ref, "weights");
            assertThat(r.size()).isEqualTo(a.length);
            for (int i = 0; i < a.length; i++) {
                assertThat(r.alphas()[i]).as("node %d of %s", i, n).isCloseTo(a[i], offset(1e-14));
                assertThat(r.weights()[i]).as("weight %d of %s", i, n).isCloseTo(w[i], offset(1e-14));
            }
        }
    }

    @Test
    void gaussLegendreIsExactUpToDegreeTwoNMinusOne() {
        for (int n = 1; n <= 12; n++) {
            QuadratureRule r = Quadrature.GAUSS_LEGENDRE.rule(n);
            for (int k = 0; k <= 2 * n - 1; k++) {
                assertThat(integrate(r, k)).as("∫α^%d with %d points", k, n).isCloseTo(1.0 / (k + 1), offset(1e-14));
            }
            if (n <= 6) {
                // Degree 2n is not integrated exactly (the error shrinks fast with n: 5.7e-9 at n = 7).
                assertThat(Math.abs(integrate(r, 2 * n) - 1.0 / (2 * n + 1))).as("error at degree %d", 2 * n).isGreaterThan(1e-8);
            }
        }
    }

    @Test
    void riemannRulesHaveTheirDocumentedPoints() {
        assertThat(Quadrature.RIEMANN_LEFT.rule(4).alphas()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Quadrature.RIEMANN_RIGHT.rule(4).alphas()).containsExactly(0.25, 0.5, 0.75, 1);
        assertThat(Quadrature.RIEMANN_MIDDLE.rule(4).alphas()).containsExactly(0.125, 0.375, 0.625, 0.875);
        assertThat(Quadrature.RIEMANN_TRAPEZOID.rule(5).alphas()).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Quadrature.RIEMANN_TRAPEZOID.rule(5).weights()).containsExactly(0.125, 0.25, 0.25, 0.25, 0.125);
        assertThat(Quadrature.RIEMANN_LEFT.rule(4).weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @ParameterizedTest
    @EnumSource(Quadrature.class)
    void weightsSumToOneAndLinearFunctionsHaveKnownErrors(Quadrature q) {
        for (int n : new int[] {2, 3, 10, 50, 512}) {
            QuadratureRule r = q.rule(n);
            assertThat(integrate(r, 0)).isCloseTo(1.0, offset(1e-12));
            // ∫α dα = ½: the left and right sums are off by ∓1/(2n); the other rules are exact for linear functions.
            double expected = switch (q) {
                case RIEMANN_LEFT -> 0.5 - 0.5 / n;
                case RIEMANN_RIGHT -> 0.5 + 0.5 / n;
                default -> 0.5;
            };
            assertThat(integrate(r, 1)).as("%s n=%d", q, n).isCloseTo(expected, offset(1e-12));
        }
    }

    @Test
    void rejectsTooFewSteps() {
        assertThatThrownBy(() -> Quadrature.GAUSS_LEGENDRE.rule(0)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("steps").hasMessageContaining("0");
        assertThatThrownBy(() -> Quadrature.RIEMANN_TRAPEZOID.rule(1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("at least 2").hasMessageContaining("1");
        assertThat(Quadrature.RIEMANN_LEFT.rule(1).alphas()).containsExactly(0);
        assertThat(Quadrature.GAUSS_LEGENDRE.rule(1).alphas()).containsExactly(0.5);
    }

    @Test
    void rulesAreCopiedInAndOut() {
        double[] a = {0.5};
        double[] w = {1};
        QuadratureRule r = new QuadratureRule(a, w);
        a[0] = 7;
        r.alphas()[0] = 9;
        assertThat(r.alphas()).containsExactly(0.5);
        assertThatThrownBy(() -> new QuadratureRule(new double[] {0.1, 0.2}, new double[] {1})).isInstanceOf(InvalidConfigException.class);
    }

    private static double integrate(QuadratureRule r, int power) {
        double s = 0;
        for (int i = 0; i < r.size(); i++) {
            s += r.weights()[i] * Math.pow(r.alphas()[i], power);
        }
        return s;
    }
}
