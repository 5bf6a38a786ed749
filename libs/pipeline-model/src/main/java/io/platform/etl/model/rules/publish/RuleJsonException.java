package io.platform.etl.model.rules.publish;

/** JSON that cannot be read as the expected rule type (bad syntax, wrong shape, a required member missing). */
public final class RuleJsonException extends IllegalArgumentException {

    public RuleJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
