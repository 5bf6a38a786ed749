package io.platform.etl.model.rules;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when rules are used that do not validate; carries every violation found. */
public class RuleValidationException extends IllegalArgumentException {

    private final List<RuleViolation> violations;

    public RuleValidationException(List<RuleViolation> violations) {
        this("invalid rules", violations);
    }

    protected RuleValidationException(String title, List<RuleViolation> violations) {
        super(title + ": " + violations.stream().map(RuleViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** All violations, in document order. */
    public List<RuleViolation> violations() {
        return violations;
    }
}
