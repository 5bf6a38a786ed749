package io.platform.etl.stage.enrich.enrich;

import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.rulesclient.AppliedRules;
import io.platform.etl.rulesclient.RuleHolder;
import io.platform.etl.stage.enrich.config.EnrichSettings;
import io.platform.etl.stage.enrich.lookup.LookupRegistry;
import io.platform.etl.stage.enrich.rules.EnrichmentPlan;
import io.platform.etl.stageruntime.loop.LoopStage;
import io.platform.etl.stageruntime.loop.Verdict;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich stage on the runtime's transactional loop (ADR 0800, 0337): {@link #start} starts one lookup round per
 * source for the batch's events (ADR 0801), the finish waits for them and writes each record with the looked-up
 * fields and the {@link EnrichmentHeader}. A record whose enriching failed goes to the dead-letter topic
 * ({@code enrich_error}).
 */
@Singleton
public class EnrichStage implements LoopStage {

    static final String ENRICHED = "enriched";
    static final String PASSED = "passed";
    static final String ENRICH_ERROR = "enrich_error";
    private static final Logger LOG = LoggerFactory.getLogger(EnrichStage.class);

    private final RuleHolder<EnrichmentPlan> rules;
    private final Enricher enricher;
    private final EventCodec codec = EventCodec.DEFAULT;

    public EnrichStage(RuleHolder<EnrichmentPlan> rules, LookupRegistry registry, EnrichSettings settings) {
        this.rules = rules;
        this.enricher = new Enricher(registry.metrics(), settings.batchTimeout());
    }

    @Override
    public Pending start(List<ConsumerRecord<byte[], byte[]>> records, List<Event> events) {
        AppliedRules<EnrichmentPlan> applied = rules.current();
        Supplier<List<EnrichedEvent>> lookups;
        try {
            lookups = enricher.start(events, applied.rules())::join;
        } catch (RuntimeException e) {
            lookups = () -> {
                throw e;
            };
        }
        Supplier<List<EnrichedEvent>> started = lookups;
        return () -> verdicts(records, events, applied, started);
    }

    private List<Verdict> verdicts(List<ConsumerRecord<byte[], byte[]>> records, List<Event> events,
                                   AppliedRules<EnrichmentPlan> applied, Supplier<List<EnrichedEvent>> lookups) {
        List<EnrichedEvent> enriched = enrichAll(events, applied, lookups);
        List<Verdict> verdicts = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            EnrichedEvent e = enriched.get(i);
            if (e == null) {
                verdicts.add(Verdict.deadLetter(ENRICH_ERROR, "enriching the record failed"));
                continue;
            }
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            RecordHeaders headers = new RecordHeaders(r.headers().toArray());
            headers.remove(EnrichmentHeader.NAME);
            headers.add(EnrichmentHeader.NAME, EnrichmentHeader.encode(applied.version(), e.outcomes()));
            verdicts.add(Verdict.write(e.added() ? codec.encode(e.event()) : r.value(), headers,
                    e.added() ? ENRICHED : PASSED));
        }
        return verdicts;
    }

    /** All events at once; if that throws (a bug tied to some record), one by one, and null for those that fail. */
    private List<EnrichedEvent> enrichAll(List<Event> events, AppliedRules<EnrichmentPlan> applied,
                                          Supplier<List<EnrichedEvent>> lookups) {
        try {
            return lookups.get();
        } catch (RuntimeException batchError) {
            LOG.warn("Enriching a batch of {} failed ({}); enriching its records one by one", events.size(),
                    batchError.toString());
            List<EnrichedEvent> one = new ArrayList<>(events.size());
            for (Event event : events) {
                try {
                    one.add(enricher.enrich(List.of(event), applied.rules()).getFirst());
                } catch (RuntimeException e) {
                    one.add(null);
                }
            }
            return one;
        }
    }
}
