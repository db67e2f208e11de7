package org.xai4j.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.examples.concepts.ConceptsStudy;
import org.xai4j.examples.dynamics.DynamicsStudy;
import org.xai4j.examples.lesions.LesionsStudy;
import org.xai4j.examples.shortcut.ShortcutStudy;

/**
 * The example studies by name, and a plain {@code main}:
 * {@code NAME --out DIR [--quick] [--data FOLDER] [--model FILE] [--seed N]}. The same arguments work with
 * {@code ./xai example}.
 */
public final class Examples {
    /** Each study's name and how to run it. */
    public static final Map<String, Function<ExampleOptions, StudyWriter>> STUDIES = studies();

    private Examples() {
    }

    private static Map<String, Function<ExampleOptions, StudyWriter>> studies() {
        Map<String, Function<ExampleOptions, StudyWriter>> m = new LinkedHashMap<>();
        m.put(LesionsStudy.NAME, LesionsStudy::run);
        m.put(ConceptsStudy.NAME, ConceptsStudy::run);
        m.put(AgreementStudy.NAME, AgreementStudy::run);
        m.put(DynamicsStudy.NAME, DynamicsStudy::run);
        m.put(ShortcutStudy.NAME, ShortcutStudy::run);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Runs the study {@code name}; prints where the report is and how long it took. */
    public static StudyWriter run(String name, ExampleOptions options) {
        Function<ExampleOptions, StudyWriter> study = STUDIES.get(name);
        if (study == null) {
            throw new InvalidConfigException("unknown example '" + name + "'; the examples are " + STUDIES.keySet());
        }
        long start = System.nanoTime();
        StudyWriter w = study.apply(options);
        System.out.printf(Locale.ROOT, "%s: report in %s (%.1f s)%n", name,
                options.out().resolve(StudyWriter.INDEX), (System.nanoTime() - start) / 1e9);
        return w;
    }

    /** Parses {@code NAME --out DIR [--quick] [--data FOLDER] [--model FILE] [--seed N]}. */
    public static ExampleOptions parse(String[] args) {
        Path out = null;
        boolean quick = false;
        Path data = null;
        Path model = null;
        long seed = ExampleOptions.DEFAULT_SEED;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--model" -> model = Path.of(value(args, ++i, a));
                case "--seed" -> {
                    String v = value(args, ++i, a);
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new InvalidConfigException("--seed must be an integer but got '" + v + "'");
                    }
                }
                default -> throw new InvalidConfigException("unknown option '" + a
                        + "'; expected --out DIR, --quick, --data FOLDER, --model FILE or --seed N");
            }
        }
        return new ExampleOptions(out, quick, data, model, seed);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new InvalidConfigException(option + " needs a value");
        }
        return args[i];
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: NAME --out DIR [--quick] [--data FOLDER] [--model FILE] [--seed N]; NAME is one of "
                    + STUDIES.keySet());
            System.exit(2);
        }
        run(args[0], parse(args));
    }

    /**
     * Runs study {@code name} with {@code args} (each study's own {@code main} forwards here).
     *
     * @param name a study's name
     * @param args the options after the name
     */
    public static void main(String name, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        main(all);
    }
}
