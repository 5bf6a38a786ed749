package io.platform.etl.stageruntime.dlq;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the producer could not write: transient → retried by Kafka Streams; permanent (e.g. too large for the
 * output topic) → a dead-letter record without the value (it would fail again; the headers point at the original
 * in the input topic) and processing resumes; fatal → the client stops.
 */
public final class StageProductionExceptionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StageProductionExceptionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = (DeadLetters) configs.get(DeadLetters.CONFIG_KEY);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        ErrorClass errorClass = ErrorClassifier.classify(exception);
        switch (errorClass) {
            case TRANSIENT -> {
                return Response.retry();
            }
            case FATAL -> {
                LOG.error("Fatal error writing to {}: {}", record.topic(), exception.toString());
                return Response.fail();
            }
            default -> {
                String reason = ErrorClassifier.reason(exception);
                LOG.error("Cannot write record from {}-{}@{} to {} ({}): {}", context.topic(), context.partition(),
                        context.offset(), record.topic(), reason, exception.toString());
                if (deadLetters == null || deadLetters.topic().equals(record.topic())) {
                    return Response.resume();
                }
                deadLetters.metrics().deadLettered(reason, System.nanoTime());
                return Response.resume(List.of(deadLetters.record(context.sourceRawKey(), null, context.headers(),
                        reason, "cannot write to " + record.topic() + ": " + exception, context.topic(),
                        context.partition(), context.offset())));
            }
        }
    }
}
