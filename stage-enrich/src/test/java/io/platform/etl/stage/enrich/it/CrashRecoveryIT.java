package io.platform.etl.stage.enrich.it;

import static io.platform.etl.stage.enrich.it.EnrichRules.api;
import static io.platform.etl.stage.enrich.it.EnrichRules.database;
import static io.platform.etl.stage.enrich.it.EnrichRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.platform.etl.model.event.EventCodec;
import io.platform.etl.stage.enrich.Application;
import io.platform.etl.stagetestkit.KafkaIo;
import io.platform.etl.stagetestkit.StageProcess;
import io.platform.etl.stagetestkit.StageTestRun;
import io.platform.etl.testkit.CommittedTopicReader;
import io.platform.etl.testkit.PostgresServer;
import io.platform.etl.testkit.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under SIGKILL with lookups in flight: the stage runs in its own JVM against a geo service answering in
 * 5–30 ms, is killed while it works through a backlog, and a new process (another instance id, as a replaced pod)
 * finishes the job. A read_committed reader sees every record exactly once, enriched.
 */
class CrashRecoveryIT {

    private static final int RECORDS = 3000;

    @Test
    void stageKilledWithLookupsInFlightAndRestartedWritesEveryRecordExactlyOnce() throws Exception {
        StageTestRun run = StageTestRun.named("crash")
                .createTopics(2, "events.deduplicated", "events.enriched", "events.dlq");
        String input = "events.deduplicated" + run.suffix();
        String output = "events.enriched" + run.suffix();
        PostgresServer pg = TestInfra.shared().postgres();
        String url = pg.jdbcUrl(pg.createDatabase("crash"));
        Profiles db = new Profiles(url, pg.username(), pg.password());
        db.create();
        for (int u = 0; u < 100; u++) {
            db.put("u" + u, 20 + u % 50, "eu", "gold");
        }

        try (GeoServer geo = new GeoServer(); KafkaIo kafka = new KafkaIo(run.bootstrapServers())) {
            geo.delay(5, 30);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < RECORDS; i++) {
                String ip = "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256);
                geo.put(ip, "DE", "city-" + i);
                kafka.send(input, "u" + i % 100, "{\"event_id\":\"e-" + i + "\",\"user_id\":\"u" + i % 100
                        + "\",\"event_type\":\"click\",\"timestamp\":1714557600000,\"ip_address\":\"" + ip + "\"}");
                expected.add("e-" + i);
            }
            kafka.flush();
            new EnrichRules(run.rules()).publish(1,
                    List.of(database("user_profiles", "profiles", "1h"), api("geo_location", geo.endpoint(), "2s", 2)),
                    List.of(rule("user_profiles", "user_id", null, "age", "region", "subscription_tier"),
                            rule("geo_location", "ip_address", "ip_address IS NOT NULL", "country", "city")));

            Map<String, String> props = run.properties();
            props.putAll(EnrichProperties.of(url, pg.username(), pg.password()));
            props.put("stage.streams.consumer.session.timeout.ms", "6000");
            props.put("stage.loop.max-poll-records", "200");
            Path logs = Path.of("target");
            Files.createDirectories(logs);

            try (CommittedTopicReader reader = new CommittedTopicReader(run.bootstrapServers(), output)) {
                int atKill;
                try (StageProcess first = StageProcess.start(Application.class, props,
                        logs.resolve("crash-first.log"))) {
                    atKill = events(reader.until(r -> !events(r).isEmpty(), Duration.ofSeconds(90))).size();
                    first.kill();
                }
                System.out.printf("killed with %d of %d records committed, %d geo calls made%n", atKill, RECORDS,
                        geo.requests());
                assertThat(atKill).as("killed mid-stream").isBetween(1, RECORDS - 1);

                try (StageProcess second = StageProcess.start(Application.class, props,
                        logs.resolve("crash-second.log"))) {
                    reader.until(r -> events(r).size() >= RECORDS, Duration.ofSeconds(150));
                    List<JsonNode> all = events(reader.drain(Duration.ofSeconds(2)));
                    List<String> ids = all.stream().map(e -> e.get("event_id").asText()).toList();
                    assertThat(ids).hasSize(RECORDS).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(ids)).isEqualTo(expected);
                    // A lookup may time out on this busy machine (the record then flows on without those
                    // fields); what a lookup did add must belong to the record.
                    assertThat(all).filteredOn(e -> e.has("age") && e.has("city")).hasSizeGreaterThan(RECORDS * 9 / 10);
                    assertThat(all).filteredOn(e -> e.has("city")).allSatisfy(e -> assertThat(e.get("city").asText())
                            .isEqualTo("city-" + e.get("event_id").asText().substring(2)));
                    assertThat(second.isAlive()).isTrue();
                }
            }
        }
    }

    private static List<JsonNode> events(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.value().length > 0).map(r -> {
            try {
                return EventCodec.mapper().readTree(r.value());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
