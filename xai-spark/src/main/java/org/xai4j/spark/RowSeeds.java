package org.xai4j.spark;

import java.util.List;
import org.xai4j.cli.MethodEntry;
import org.xai4j.cli.Params;

/**
 * Per-row seeds for the methods that draw random numbers (SmoothGrad's noise, KernelSHAP's coalitions, LIME's
 * samples, GradientShap's baselines, …): row {@code id} of a job seeded with {@code s} gets the {@code id}-th
 * output (counting from 0) of Steele, Lea and Flood's SplitMix64 generator started at {@code s} ("Fast Splittable
 * Pseudorandom Number Generators", OOPSLA 2014) — the generator behind {@link java.util.SplittableRandom}. A row's
 * seed depends on its id and the job's seed only, never on the partition it lands in or the rows beside it, and
 * different rows draw independent numbers (where {@code xai explain}, one batch in one JVM, lets every row draw
 * from the same seed).
 */
public final class RowSeeds {
    /** The parameter that seeds a method, where it has one. */
    public static final String SEED_PARAM = "seed";

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private RowSeeds() {
    }

    /**
     * The seed of row {@code id} in a job seeded with {@code jobSeed}.
     *
     * @param jobSeed the job's seed
     * @param id the row's id
     * @return a seed that depends only on the two values, not on the partitioning
     */
    public static long of(long jobSeed, long id) {
        return mix(jobSeed + (id + 1) * GOLDEN_GAMMA);
    }

    /** SplitMix64's output function (Stafford's "Mix13" variant of MurmurHash3's finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Whether {@code method} draws random numbers, i.e. has a {@code seed} parameter.
     *
     * @param method the method's registry entry
     * @return true when the method has a {@code seed} parameter
     */
    public static boolean seeded(MethodEntry method) {
        return method.paramNames().contains(SEED_PARAM);
    }

    /**
     * The job seed of {@code method} run with {@code params}: the {@code seed} parameter as given, else the
     * method's default seed.
     *
     * @param method the method's registry entry
     * @param params the {@code key=value} parameters as given
     * @return the last {@code seed=} value in {@code params}, else the method's default seed
     */
    public static long jobSeed(MethodEntry method, List<String> params) {
        Params p = Params.parse(params);
        String fallback = method.params().stream().filter(d -> d.name().equals(SEED_PARAM))
                .map(MethodEntry.ParamDoc::defaultValue).findFirst().orElse("0");
        return p.longValue(SEED_PARAM, Long.parseLong(fallback.trim()));
    }

    /**
     * {@code params} with the seed set to {@code seed} (a later {@code seed=} overrides an earlier one).
     *
     * @param params the {@code key=value} parameters
     * @param seed the seed to set
     * @return a new list: {@code params} followed by {@code seed=<seed>}
     */
    public static List<String> withSeed(List<String> params, long seed) {
        List<String> out = new java.util.ArrayList<>(params);
        out.add(SEED_PARAM + "=" + seed);
        return out;
    }
}
