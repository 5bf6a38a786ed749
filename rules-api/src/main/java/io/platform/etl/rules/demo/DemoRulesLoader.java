package io.platform.etl.rules.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.platform.etl.model.rules.dedupe.DeduplicationConfigReader;
import io.platform.etl.model.rules.filter.FilterRuleReader;
import io.platform.etl.model.rules.publish.RuleJson;
import io.platform.etl.model.rules.publish.RuleKind;
import io.platform.etl.rules.enrich.EnrichmentChanges;
import io.platform.etl.rules.write.RuleCommands;
import io.platform.etl.rules.store.RuleReader;
import io.platform.etl.rules.write.WriteCommand;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code rules.demo.enabled=true}, writes {@code classpath:demo/advanced-streaming-pipeline.json} as version 1
 * of each rule kind that has no version yet (author {@code demo}). Restarting never overwrites operators' changes.
 */
@Singleton
@Requires(property = "rules.demo.enabled", value = "true")
public class DemoRulesLoader implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRulesLoader.class);
    static final String RESOURCE = "demo/advanced-streaming-pipeline.json";

    private final RuleReader reader;
    private final RuleCommands commands;
    private final EnrichmentChanges enrichment;

    public DemoRulesLoader(RuleReader reader, RuleCommands commands, EnrichmentChanges enrichment) {
        this.reader = reader;
        this.commands = commands;
        this.enrichment = enrichment;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        JsonNode demo = read();
        String pipeline = demo.path("pipeline").asText();
        seed(pipeline, RuleKind.FILTER, RuleJson.toTree(FilterRuleReader.read(demo.get("filter")).orElseThrow()));
        seed(pipeline, RuleKind.DEDUPLICATION,
                RuleJson.toTree(DeduplicationConfigReader.read(demo.get("deduplication")).orElseThrow()));
        seed(pipeline, RuleKind.ENRICHMENT, enrichment.validated(demo.get("enrichment")));
    }

    private void seed(String pipeline, RuleKind kind, JsonNode body) {
        if (reader.latest(pipeline, kind).isPresent()) {
            return;
        }
        // If-Match "0": a concurrent starter that seeded first wins and this one gets a harmless 412.
        try {
            commands.execute(WriteCommand.replace(pipeline, kind, "\"0\"", "demo", body));
            LOG.info("demo {} rules written for {}", kind.jsonName(), pipeline);
        } catch (RuntimeException e) {
            LOG.info("demo {} rules not written: {}", kind.jsonName(), e.getMessage());
        }
    }

    private static JsonNode read() {
        try (InputStream in = DemoRulesLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return RuleJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
