package io.platform.etl.stagetestkit;

import io.micronaut.context.annotation.Requires;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import io.platform.etl.stageruntime.dlq.ErrorClass;
import io.platform.etl.stageruntime.dlq.StageException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A test-only stage whose failures are chosen by the record, for tests of the runtime's error classes: field
 * {@code fault} = {@code permanent} (reason {@code bad_amount}), {@code transient:N} (fails the first N attempts,
 * then passes; reason {@code store_unavailable}) or {@code fatal} (reason {@code fenced}); anything else passes
 * unchanged with outcome {@code passed}. It remembers when each {@code event_id} was attempted. Active only with
 * {@value #ENABLED}{@code =true}, so it never competes with a real stage's topology.
 */
@Singleton
@Requires(property = FaultyStage.ENABLED, value = "true")
public class FaultyStage implements StageTopology {

    /** The property that turns this stage on. */
    public static final String ENABLED = "stage-testkit.faulty-stage";

    private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

    /** {@link System#nanoTime()} of every attempt at this event id. */
    public List<Long> attempts(String eventId) {
        return List.copyOf(attempts.getOrDefault(eventId, List.of()));
    }

    @Override
    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        return input.processValues(() -> new FixedKeyProcessor<byte[], InputRecord, byte[]>() {
            private FixedKeyProcessorContext<byte[], byte[]> ctx;

            @Override
            public void init(FixedKeyProcessorContext<byte[], byte[]> ctx) {
                this.ctx = ctx;
            }

            @Override
            public void process(FixedKeyRecord<byte[], InputRecord> record) {
                InputRecord in = record.value();
                List<Long> seen = attempts.computeIfAbsent(in.event().eventId(), id -> new CopyOnWriteArrayList<>());
                seen.add(System.nanoTime());
                String fault = in.event().field("fault").asText("");
                if (fault.equals("permanent")) {
                    throw new StageException(ErrorClass.PERMANENT, "bad_amount", "amount is negative", null);
                }
                if (fault.equals("fatal")) {
                    throw new StageException(ErrorClass.FATAL, "fenced", "cannot go on", null);
                }
                if (fault.startsWith("transient:") && seen.size() <= Integer.parseInt(fault.substring(10))) {
                    throw new StageException(ErrorClass.TRANSIENT, "store_unavailable", "try again", null);
                }
                ctx.forward(record.withValue(in.value()));
                context.metrics().outcome("passed", in.receivedNanos());
            }
        }, Named.as("faulty"));
    }
}
