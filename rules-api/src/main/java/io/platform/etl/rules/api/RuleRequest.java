package io.platform.etl.rules.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.etl.model.rules.RuleViolation;
import java.util.Collection;
import java.util.List;

/**
 * A write request's body read so far: the JSON object, its {@code pipeline} (null when invalid) and the
 * violations found; the controller adds those of its own members, then {@link #requireValid()}.
 */
public record RuleRequest(ObjectNode json, String pipeline, List<RuleViolation> errors) {

    public RuleRequest reject(Collection<RuleViolation> violations) {
        errors.addAll(violations);
        return this;
    }

    public RuleRequest reject(String field, String message) {
        errors.add(new RuleViolation(field, message));
        return this;
    }

    /** Throws a 422 listing every violation when there are any. */
    public void requireValid() {
        RequestChecks.throwIfAny(errors);
    }
}
