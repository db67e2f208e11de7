package org.xai4j.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a settings record whose {@code withX(...)} copies are written at build time from its components, the way
 * the compiler writes its accessors. For a record {@code FooConfig} the build's annotation processor (module
 * {@code xai-codegen}) writes the public interface {@code FooConfigWithers} in the same package, with one
 * {@code default FooConfig withX(T x)} per component {@code T x}; the record lists that interface in its
 * {@code implements} clause. Each copy calls the canonical constructor with the other components unchanged, so
 * the compact constructor's checks run on every copy.
 *
 * <p>The generated interface extends each of the record's other interfaces ({@link WithBatch}, {@link WithSeed},
 * ...) that declares a {@code withX} for one of the components, so its default method is the one the record
 * inherits. A record that declares its own {@code withX} with a component's type (a wither that does more than
 * copy) keeps it: no default is generated for that component.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Withers {
}
