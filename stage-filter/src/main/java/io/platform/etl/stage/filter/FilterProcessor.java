package io.platform.etl.stage.filter;

import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.InputRecord;
import io.platform.etl.stageruntime.metrics.Outcome;
import io.platform.etl.stageruntime.metrics.StageMetrics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Forwards a record (original bytes, key and headers) when every enabled condition holds. The rules are read once
 * per record, so a record is judged entirely by one rule version even while a new one is being applied.
 */
final class FilterProcessor implements FixedKeyProcessor<byte[], InputRecord, byte[]> {

    static final String PASSED = "passed";
    static final String FILTERED = "filtered";

    private final RuleHolder<FilterEvaluator> rules;
    private final Outcome passed;
    private final Outcome filtered;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    FilterProcessor(RuleHolder<FilterEvaluator> rules, StageMetrics metrics) {
        this.rules = rules;
        this.passed = metrics.outcome(PASSED);
        this.filtered = metrics.outcome(FILTERED);
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], InputRecord> record) {
        InputRecord input = record.value();
        FilterEvaluator evaluator = rules.current().rules();
        if (evaluator.passes(input.event())) {
            context.forward(record.withValue(input.value()));
            passed.record(input.receivedNanos());
        } else {
            filtered.record(input.receivedNanos());
        }
    }
}
