package io.platform.etl.model.rules.filter;

import java.util.Locale;

/** Why a condition did not hold; {@link #code()} is a stable lowercase name for metrics and logs. */
public enum FailureReason {
    /** The field is absent from the event. */
    MISSING_FIELD,
    /** The field is JSON null. */
    NULL_VALUE,
    /** The field's type cannot be compared with the operand (e.g. {@code gt} on a non-numeric string). */
    TYPE_MISMATCH,
    /** The comparison was made and is false. */
    NOT_SATISFIED;

    /** The lowercase name, e.g. {@code "missing_field"}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }
}
