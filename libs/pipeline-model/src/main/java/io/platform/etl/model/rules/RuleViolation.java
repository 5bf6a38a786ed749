package io.platform.etl.model.rules;

import java.util.Objects;

/**
 * One validation error: {@code field} is the JSON path of the offending value as the user wrote it
 * ({@code rules[1].values}, {@code spec.sink.config.topic}), {@code message} says what is wrong
 * ({@code required for operator in}). {@link #toString()} gives {@code "field: message"}.
 */
public record RuleViolation(String field, String message) {

    public RuleViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
