package io.platform.etl.stageruntime.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.etl.model.event.InvalidEventException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    @Test
    void retriableAndIoFailuresAreTransientThroughWrappers() {
        assertThat(ErrorClassifier.classify(new StreamsException(new TimeoutException("t")))).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(ErrorClassifier.classify(new UncheckedIOException(new ConnectException("refused"))))
                .isEqualTo(ErrorClass.TRANSIENT);
    }

    @Test
    void badRecordsAndUnknownRuntimeErrorsArePermanent() {
        assertThat(ErrorClassifier.classify(new RecordTooLargeException("big"))).isEqualTo(ErrorClass.PERMANENT);
        assertThat(ErrorClassifier.classify(new IllegalStateException("x"))).isEqualTo(ErrorClass.PERMANENT);
        InvalidEventException invalid = new InvalidEventException(InvalidEventException.Reason.NOT_JSON, "bad");
        assertThat(ErrorClassifier.reason(new StreamsException(invalid))).isEqualTo("not_json");
    }

    @Test
    void fencingJvmErrorsAndExplicitStageExceptionsDecide() {
        assertThat(ErrorClassifier.classify(new StreamsException(new ProducerFencedException("f"))))
                .isEqualTo(ErrorClass.FATAL);
        assertThat(ErrorClassifier.classify(new OutOfMemoryError())).isEqualTo(ErrorClass.FATAL);
        StageException lookup = new StageException(ErrorClass.TRANSIENT, "lookup_failed", "db down", null);
        assertThat(ErrorClassifier.classify(new StreamsException(lookup))).isEqualTo(ErrorClass.TRANSIENT);
        assertThat(ErrorClassifier.reason(lookup)).isEqualTo("lookup_failed");
    }
}
