package io.platform.etl.stage.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Results read back from {@code events.processed}: JSON key and value per record. */
record Results(List<Result> all) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How many of the records are final results (a text search: cheap enough to call on every poll). */
    static long finals(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"final\":true"))
                .count();
    }

    record Result(String key, JsonNode value) {

        boolean isFinal() {
            return value.path("final").asBoolean();
        }

        /** The value without {@code final} and {@code version}, as compact JSON. */
        String aggregate() {
            var copy = value.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("final", "version"));
            return copy.toString();
        }
    }

    static Results of(List<ConsumerRecord<byte[], byte[]>> records) {
        return new Results(records.stream().map(r -> new Result(new String(r.key(), StandardCharsets.UTF_8),
                parse(r.value()))).toList());
    }

    List<Result> finals() {
        return all.stream().filter(Result::isFinal).toList();
    }

    /** The highest-version result per key, as a consumer that upserts would keep it. */
    Map<String, Result> lastPerKey() {
        Map<String, Result> last = new LinkedHashMap<>();
        for (Result r : all) {
            Result previous = last.get(r.key());
            if (previous == null || previous.value().path("version").asInt() < r.value().path("version").asInt()) {
                last.put(r.key(), r);
            }
        }
        return last;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
