package io.platform.etl.stage.dedupe;

import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.dedupe.engine.DedupeRules;
import io.platform.etl.stage.dedupe.metrics.DedupeMeters;
import io.platform.etl.stage.dedupe.stream.DedupeStreams;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

/** The dedupe stage: key → repartition by key hash → judge against the state → original record out. */
@Singleton
public class DedupeTopology implements StageTopology {

    private final RuleHolder<DedupeRules> rules;
    private final DedupeSettings settings;
    private final DedupeMeters meters;

    public DedupeTopology(RuleHolder<DedupeRules> rules, DedupeSettings settings, DedupeMeters meters) {
        this.rules = rules;
        this.settings = settings;
        this.meters = meters;
    }

    @Override
    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        return new DedupeStreams(rules, settings, meters).build(input, context);
    }
}
