/**
 * The {@code xai} command line (picocli): {@code demo}, {@code predict}, {@code explain}, {@code methods},
 * {@code layers} and {@code similarity}. Exit codes: 0 on success, 2 on bad arguments, 1 on failure, with
 * one clear line of error on standard error.
 */
package org.xai4j.cli;
