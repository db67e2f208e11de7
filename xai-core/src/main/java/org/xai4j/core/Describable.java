package org.xai4j.core;

/**
 * A setting that is not a plain number, flag or enum (a baseline, a segmenter, a backward rule, a composite)
 * and says what it is in one short line. {@link Settings#toMap} writes that line into provenance and
 * {@code xai methods}, so two settings that describe themselves alike must behave alike.
 */
public interface Describable {
    /**
     * A short, stable description, e.g. {@code blur(sigma=2.0)}.
     *
     * @return the description, e.g. for provenance and reports
     */
    String describe();
}
