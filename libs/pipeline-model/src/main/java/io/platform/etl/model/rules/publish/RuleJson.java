package io.platform.etl.model.rules.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.platform.etl.model.duration.DurationJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON configuration for rules, snapshots, notices and reports: snake_case property names, ISO-8601
 * instants ({@code "2024-05-01T10:00:00Z"}), durations as {@code "2h"}, exact decimals, unknown properties
 * ignored (so an older reader accepts a newer writer's additions). Thread-safe.
 */
public final class RuleJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(DurationJson.module())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private RuleJson() {
    }

    /** The configured mapper (do not reconfigure it; {@code copy()} it if you need changes). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes any of this library's records. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads JSON into a type.
     *
     * @throws RuleJsonException naming the problem when the text is not valid JSON of that type
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new RuleJsonException("invalid " + type.getSimpleName() + " JSON: " + detail, e);
        }
    }

    /** Reads UTF-8 JSON bytes into a type; see {@link #read(String, Class)}. */
    public static <T> T read(byte[] json, Class<T> type) {
        return read(new String(json, StandardCharsets.UTF_8), type);
    }

    public static RuleSnapshot readSnapshot(String json) {
        return read(json, RuleSnapshot.class);
    }

    public static RuleChangeNotice readNotice(String json) {
        return read(json, RuleChangeNotice.class);
    }

    public static AppliedVersionReport readReport(String json) {
        return read(json, AppliedVersionReport.class);
    }

    /** A value as a JSON tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Parses JSON text to a tree. */
    public static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RuleJsonException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
