package io.platform.etl.model.rules;

import java.util.List;

/**
 * The result of reading rule JSON: the value (possibly partial or null when errors were found) and every
 * violation found while reading and validating it.
 */
public record Validated<T>(T value, List<RuleViolation> violations) {

    public Validated {
        violations = List.copyOf(violations);
    }

    /** True when no violation was found. */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * The value when valid.
     *
     * @throws RuleValidationException with all violations otherwise
     */
    public T orElseThrow() {
        if (!violations.isEmpty()) {
            throw new RuleValidationException(violations);
        }
        return value;
    }
}
