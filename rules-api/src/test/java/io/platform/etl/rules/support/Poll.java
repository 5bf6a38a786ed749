package io.platform.etl.rules.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until a deadline, or for a duration (no fixed sleeps in tests). */
public final class Poll {

    private Poll() {
    }

    public static void until(Duration timeout, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            pause();
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    /** Checks the condition for the whole duration (that something does not happen); fails at its first miss. */
    public static void holds(Duration duration, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + duration.toNanos();
        do {
            if (!Boolean.TRUE.equals(condition.get())) {
                throw new AssertionError("no longer true within " + duration + ": " + what);
            }
            pause();
        } while (System.nanoTime() < deadline);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
