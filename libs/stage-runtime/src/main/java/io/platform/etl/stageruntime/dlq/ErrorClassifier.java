package io.platform.etl.stageruntime.dlq;

import io.platform.etl.model.event.InvalidEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Maps a failure to an {@link ErrorClass}, looking through wrappers ({@code StreamsException} etc.) to the first
 * cause that decides: an explicit {@link StageException}; Kafka's retriable errors and I/O errors are transient;
 * fencing, authentication/authorization and JVM {@link Error}s are fatal; everything else (bad data, a bug that
 * depends on the record) is permanent for that record.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    public static ErrorClass classify(Throwable error) {
        for (Throwable t : ExceptionUtils.getThrowableList(error)) {
            ErrorClass decided = decide(t);
            if (decided != null) {
                return decided;
            }
        }
        return ErrorClass.PERMANENT;
    }

    /** A short code for headers and metric labels: the stage's reason, the event reason, or the exception name. */
    public static String reason(Throwable error) {
        for (Throwable t : ExceptionUtils.getThrowableList(error)) {
            if (t instanceof StageException se) {
                return se.reason();
            }
            if (t instanceof InvalidEventException ie) {
                return ie.reason().code();
            }
        }
        return ExceptionUtils.getRootCause(error).getClass().getSimpleName();
    }

    private static ErrorClass decide(Throwable t) {
        if (t instanceof StageException se) {
            return se.errorClass();
        }
        if (t instanceof Error || t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                || t instanceof AuthenticationException || t instanceof AuthorizationException
                || t instanceof UnsupportedVersionException) {
            return ErrorClass.FATAL;
        }
        if (t instanceof RecordTooLargeException || t instanceof SerializationException
                || t instanceof InvalidEventException) {
            return ErrorClass.PERMANENT;
        }
        if (t instanceof RetriableException || t instanceof IOException || t instanceof UncheckedIOException) {
            return ErrorClass.TRANSIENT;
        }
        return null;
    }
}
