package io.platform.etl.rulesclient;

import java.time.Instant;

/** The rules currently in effect for one kind. {@link #current()} is cheap (a volatile read); call it once per record. */
public interface RuleHolder<T> {

    /** The rules in effect now; never null. */
    AppliedRules<T> current();

    /** A holder that never changes (dynamic rules disabled in the spec). */
    static <T> RuleHolder<T> fixed(T rules) {
        AppliedRules<T> applied = new AppliedRules<>(0, rules, Instant.now());
        return () -> applied;
    }
}
