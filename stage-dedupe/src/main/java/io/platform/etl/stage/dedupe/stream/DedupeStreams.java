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
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The stage's part of the topology:
 * <pre>
 * input ─ dedupe-key ─┬─ (no key, pass) ──────────────────────────────────────────────┬─ output
 *                     └─ repartition by key hash ─ dedupe (stores) ─┬─ passed/expired ─┘
 *                                                                   └─ expired (dead_letter) ─ events.dlq
 * </pre>
 * Partitioning of the input does not decide correctness: every copy of a key meets in one task after the hop.
 */
public final class DedupeStreams {

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
        KStream<byte[], Routed> keyed = input.process(
                () -> new KeyingProcessor(rules, settings, context.metrics()), Named.as("dedupe-key"));
        KStream<byte[], byte[]> unkeyed = keyed.filter((k, v) -> v.target() == Routed.Target.OUTPUT,
                Named.as("dedupe-no-key")).mapValues(Routed::value, Named.as("dedupe-no-key-value"));
        KStream<byte[], Routed> judged = keyed.filter((k, v) -> v.target() == Routed.Target.JUDGE,
                        Named.as("dedupe-keyed"))
                .mapValues(Routed::value, Named.as("dedupe-keyed-value"))
                .repartition(Repartitioned.with(bytes, bytes).withName("dedupe-by-key"))
                .process(() -> new DedupeProcessor(rules, settings, context.metrics(), meters, deadLetters,
                                context.section().topics().input()), Named.as("dedupe"),
                        DedupeStores.EXACT, DedupeStores.BLOOM, DedupeStores.META);
        judged.filter((k, v) -> v.target() == Routed.Target.DEAD_LETTER, Named.as("dedupe-expired"))
                .mapValues(Routed::value, Named.as("dedupe-expired-value"))
                .to(deadLetters.topic(), Produced.with(bytes, bytes).withName("dedupe-dead-letters"));
        return judged.filter((k, v) -> v.target() == Routed.Target.OUTPUT, Named.as("dedupe-passed"))
                .mapValues(Routed::value, Named.as("dedupe-passed-value"))
                .merge(unkeyed, Named.as("dedupe-output"));
    }
}
