package io.platform.etl.stage.filter;

import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.StageContext;
import io.platform.etl.stageruntime.StageTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** The filter stage: stateless, one processor between the runtime's decode step and the output topic. */
@Singleton
public class FilterTopology implements StageTopology {

    private final RuleHolder<FilterEvaluator> rules;

    public FilterTopology(RuleHolder<FilterEvaluator> rules) {
        this.rules = rules;
    }

    @Override
    public KStream<byte[], byte[]> build(KStream<byte[], InputRecord> input, StageContext context) {
        return input.processValues(() -> new FilterProcessor(rules, context.metrics()), Named.as("filter"));
    }
}
