package io.platform.etl.stage.filter;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.rules.filter.FilterEvaluator;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stageruntime.loop.LoopStage;
import io.platform.etl.stageruntime.loop.Verdict;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The filter stage, stateless on the runtime's transactional loop (ADR 0337): a record is forwarded unchanged
 * (original bytes, key and headers) when every enabled condition holds, else dropped. The rules are read once per
 * batch, so a record is judged entirely by one rule version even while a new one is being applied; the verdicts are
 * ready when the batch is started.
 */
@Singleton
public class FilterStage implements LoopStage {

    static final String PASSED = "passed";
    static final String FILTERED = "filtered";
    private static final Verdict PASS = Verdict.forward(PASSED);
    private static final Verdict DROP = Verdict.drop(FILTERED);

    private final RuleHolder<FilterEvaluator> rules;

    public FilterStage(RuleHolder<FilterEvaluator> rules) {
        this.rules = rules;
    }

    @Override
    public Pending start(List<ConsumerRecord<byte[], byte[]>> records, List<Event> events) {
        FilterEvaluator evaluator = rules.current().rules();
        List<Verdict> verdicts = new ArrayList<>(events.size());
        for (Event event : events) {
            verdicts.add(evaluator.passes(event) ? PASS : DROP);
        }
        return () -> verdicts;
    }
}
