package io.platform.etl.model.event;

/**
 * A record that cannot be read as an {@link Event}. Unchecked: stages catch it and route the record to the
 * dead-letter topic with {@link #reason()}{@code .code()} in a header and {@link #getMessage()} as the detail.
 */
public final class InvalidEventException extends RuntimeException {

    /** Why a record was rejected; {@link #code()} is the stable lowercase name used in DLQ headers and metrics. */
    public enum Reason {
        /** Not parseable as JSON (including empty input, invalid UTF-8 and trailing garbage). */
        NOT_JSON("not_json"),
        /** Valid JSON, but not an object. */
        NOT_OBJECT("not_object"),
        /** No {@code timestamp} field, or it is JSON null. */
        MISSING_TIMESTAMP("missing_timestamp"),
        /** {@code timestamp} is neither an ISO-8601 instant nor epoch milliseconds. */
        BAD_TIMESTAMP("bad_timestamp"),
        /** The record is larger than the configured maximum. */
        TOO_LARGE("too_large");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable lowercase code, e.g. {@code "not_json"}. */
        public String code() {
            return code;
        }

        @Override
        public String toString() {
            return code;
        }
    }

    private final Reason reason;

    public InvalidEventException(Reason reason, String message) {
        this(reason, message, null);
    }

    public InvalidEventException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The reason code of the rejection. */
    public Reason reason() {
        return reason;
    }
}
