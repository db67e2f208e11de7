package org.xai4j.cli;

import org.xai4j.core.baseline.Baseline;

/** Parses {@code baseline=...}: a number (constant), {@code zeros}, {@code blur:SIGMA} or {@code uniform:LO:HI}. */
final class Baselines {
    private Baselines() {
    }

    static Baseline parse(String text) {
        if (text == null || text.equals("zeros")) {
            return Baseline.zeros();
        }
        try {
            if (text.startsWith("blur:")) {
                return Baseline.blur(Double.parseDouble(text.substring(5)));
            }
            if (text.startsWith("uniform:")) {
                String[] p = text.substring(8).split(":");
                return Baseline.uniformNoise(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
            }
            return Baseline.constant(Double.parseDouble(text));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UsageException("baseline must be a number, zeros, blur:SIGMA or uniform:LO:HI but was '" + text + "'");
        }
    }
}
