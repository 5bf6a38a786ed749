package io.platform.etl.model.spec;

import io.platform.etl.model.rules.RuleViolation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline spec that cannot be used; carries every error found, each naming its path, e.g.
 * {@code spec.processing.stages[2].config.time_window: not a duration ("1hour")}.
 */
public final class SpecValidationException extends RuntimeException {

    private final List<RuleViolation> errors;

    public SpecValidationException(List<RuleViolation> errors) {
        super("invalid StreamingPipeline spec (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n  "
                + errors.stream().map(RuleViolation::toString).collect(Collectors.joining("\n  ")));
        this.errors = List.copyOf(errors);
    }

    /** All errors in document order; {@code toString()} of each is {@code "path: message"}. */
    public List<RuleViolation> errors() {
        return errors;
    }

    /** The errors as {@code "path: message"} lines. */
    public List<String> messages() {
        return errors.stream().map(RuleViolation::toString).toList();
    }
}
