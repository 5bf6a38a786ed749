package io.platform.etl.model.spec;

import io.platform.etl.model.event.EventTimestamps;
import io.platform.etl.model.json.Cursor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code spec.source}, {@code spec.intermediate_storage} and {@code spec.sink}. */
final class SourceSinkReader {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> ACKS = Set.of("all", "-1", "0", "1");
    private static final Set<String> COMPRESSION = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> KAFKA = Set.of("kafka");

    private SourceSinkReader() {
    }

    static SourceSpec source(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("type", "config"));
        String type = kafkaType(c.field("type"));
        Cursor k = c.field("config");
        if (!k.require() || !k.isObject()) {
            return new SourceSpec(type, null);
        }
        k.rejectUnknown(Set.of("brokers", "topic", "consumer_group", "start_offset", "start_timestamp", "security"));
        List<String> brokers = SpecChecks.requiredNames(k.field("brokers"));
        String topic = k.field("topic").requiredText();
        String group = k.field("consumer_group").requiredText();
        StartOffset offset = k.field("start_offset").named("start offset", StartOffset::fromYaml)
                .orElse(StartOffset.EARLIEST);
        Cursor ts = k.field("start_timestamp");
        Instant startTimestamp = ts.text().flatMap(EventTimestamps::parseText).orElse(null);
        if (ts.isPresent() && startTimestamp == null) {
            ts.error("not an ISO-8601 instant or epoch milliseconds");
        }
        if (offset == StartOffset.TIMESTAMP && !ts.isPresent()) {
            ts.error("required for start_offset timestamp");
        }
        SourceSpec.KafkaSecurity security = null;
        Cursor s = k.field("security");
        if (s.isObject()) {
            s.rejectUnknown(Set.of("protocol", "credentials_secret"));
            security = new SourceSpec.KafkaSecurity(
                    SpecChecks.oneOf(s.field("protocol"), "security protocol", PROTOCOLS, "PLAINTEXT"),
                    s.field("credentials_secret").text().orElse(null));
        }
        return new SourceSpec(type, new SourceSpec.Kafka(brokers, topic, group, offset, startTimestamp, security));
    }

    static List<IntermediateStorage> intermediate(Cursor list) {
        List<IntermediateStorage> out = new ArrayList<>();
        for (Cursor c : list.elements()) {
            if (!c.require() || !c.isObject()) {
                continue;
            }
            c.rejectUnknown(Set.of("after_stage", "type", "config"));
            String after = c.field("after_stage").requiredText();
            String type = kafkaType(c.field("type"));
            Cursor k = c.field("config");
            TopicSpec topic = null;
            if (k.require() && k.isObject()) {
                k.rejectUnknown(Set.of("topic", "partitions", "replication_factor", "retention_ms"));
                topic = new TopicSpec(k.field("topic").requiredText(), SpecChecks.atLeast(k.field("partitions"), 1, null),
                        SpecChecks.atLeast(k.field("replication_factor"), 1, null),
                        SpecChecks.atLeast(k.field("retention_ms"), -1L));
            }
            out.add(new IntermediateStorage(after, type, topic));
        }
        return out;
    }

    static SinkSpec sink(Cursor c) {
        if (!c.require() || !c.isObject()) {
            return null;
        }
        c.rejectUnknown(Set.of("type", "config"));
        String type = kafkaType(c.field("type"));
        Cursor k = c.field("config");
        if (!k.require() || !k.isObject()) {
            return new SinkSpec(type, null);
        }
        k.rejectUnknown(Set.of("brokers", "topic", "partitions", "replication_factor", "serialization",
                "acknowledgment", "compression_type"));
        List<String> brokers = k.field("brokers").textList();
        return new SinkSpec(type, new SinkSpec.Kafka(brokers == null ? List.of() : brokers,
                k.field("topic").requiredText(),
                SpecChecks.atLeast(k.field("partitions"), 1, null),
                SpecChecks.atLeast(k.field("replication_factor"), 1, null),
                SpecChecks.oneOf(k.field("serialization"), "serialization", Set.of("json"), "json"),
                SpecChecks.oneOf(k.field("acknowledgment"), "acknowledgment", ACKS, "all"),
                SpecChecks.oneOf(k.field("compression_type"), "compression type", COMPRESSION, "none")));
    }

    private static String kafkaType(Cursor type) {
        if (!type.isPresent()) {
            return "kafka";
        }
        return SpecChecks.oneOf(type, "type", KAFKA, "kafka");
    }
}
