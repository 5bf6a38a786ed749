package io.platform.etl.stageruntime.dlq;

/** Thrown by stage code to state the {@link ErrorClass} of a failure explicitly. */
public class StageException extends RuntimeException {

    private final ErrorClass errorClass;
    private final String reason;

    /** @param reason short code for the {@code x-error-reason} header and the {@code error_type} label */
    public StageException(ErrorClass errorClass, String reason, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
        this.reason = reason;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public String reason() {
        return reason;
    }
}
