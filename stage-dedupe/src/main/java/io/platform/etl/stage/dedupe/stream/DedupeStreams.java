package io.platform.etl.stage.dedupe.stream;

import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.DedupeSettings;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.metrics.DedupeMeters;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.dlq.DeadLetters;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The stage's part of the topology:
 * <pre>
 * input ─ dedupe-key ─ repartition by key hash (runtime: carries the watermark) ─ dedupe (stores) ─┬─ output
 *                                                                                                   └─ events.dlq
 * </pre>
 * Partitioning of the input does not decide correctness: every copy of a key meets in one task after the hop. Every
 * record crosses the hop (a record without a key field too), so all output comes from the tasks after it and the
 * watermark they forward downstream is the minimum over all input partitions.
 */
public final class DedupeStreams {

    /** Names the repartition topic {@code <application-id>-dedupe-by-key-repartition}. */
    public static final String REPARTITION = "dedupe-by-key";

    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;
    private final DedupeMeters meters;

    public DedupeStreams(RuleHolder<DedupeRules> rules, DedupeSettings settings, DedupeMeters meters) {
        this.rules = rules;
        this.settings = settings;
        this.meters = meters;
    }

    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        DedupeStores.addTo(context.builder());
        DeadLetters deadLetters = new DeadLetters(context.section().name(), context.section().topics().deadLetter(),
                context.metrics());
        KStream<byte[], InputRecord> keyed = input.process(() -> new KeyingProcessor(rules, settings),
                Named.as("dedupe-key"));
        KStream<byte[], Routed> judged = context.repartition(keyed, REPARTITION, (hash, record) -> hash)
                .process(() -> new DedupeProcessor(rules, settings, context.metrics(), meters, deadLetters,
                                context.section().topics().input(), context.eventTime(),
                                context.eventTime().repartitionTopic(REPARTITION)),
                        Named.as("dedupe"), DedupeStores.EXACT, DedupeStores.BLOOM);
        judged.filter((k, v) -> v.target() == Routed.Target.DEAD_LETTER, Named.as("dedupe-expired"))
                .mapValues(Routed::value, Named.as("dedupe-expired-value"))
                .to(deadLetters.topic(), Produced.with(bytes, bytes).withName("dedupe-dead-letters"));
        return judged.filter((k, v) -> v.target() == Routed.Target.OUTPUT, Named.as("dedupe-passed"))
                .mapValues(Routed::value, Named.as("dedupe-passed-value"));
    }
}
