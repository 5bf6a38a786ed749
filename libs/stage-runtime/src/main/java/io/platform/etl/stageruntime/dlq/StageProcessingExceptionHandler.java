package io.platform.etl.stageruntime.dlq;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception thrown by stage code while processing a record: permanent → the original record goes to the
 * dead-letter topic (in the same transaction) and processing resumes; transient or fatal → the stream thread fails
 * and {@link StageUncaughtExceptionHandler} decides (replace with backoff, or stop).
 */
public final class StageProcessingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StageProcessingExceptionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = (DeadLetters) configs.get(DeadLetters.CONFIG_KEY);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        ErrorClass errorClass = ErrorClassifier.classify(exception);
        if (errorClass != ErrorClass.PERMANENT || deadLetters == null) {
            LOG.error("{} error processing {}-{}@{}: {}", errorClass, context.topic(), context.partition(),
                    context.offset(), exception.toString());
            return Response.fail();
        }
        String reason = ErrorClassifier.reason(exception);
        LOG.warn("Record {}-{}@{} to dead letters ({}): {}", context.topic(), context.partition(), context.offset(),
                reason, exception.toString());
        deadLetters.metrics().deadLettered(reason, System.nanoTime());
        return Response.resume(List.of(deadLetters.record(context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), reason, exception.toString(), context.topic(), context.partition(),
                context.offset())));
    }
}
