package io.platform.etl.model.rules.dedupe;

import io.platform.etl.model.event.EventCodec;
import io.platform.etl.model.rules.Validated;
import io.platform.etl.model.rules.RuleViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicationConfigTest {

    private static Validated<DeduplicationConfig> read(String json) throws Exception {
        return DeduplicationConfigReader.read(EventCodec.mapper().readTree(json));
    }

    @Test
    void readsTheSeedApiExample() throws Exception {
        DeduplicationConfig config = read("""
                {"window_size":"2h","key_fields":["event_id","user_id"],"algorithm":"exact","cleanup_interval":"6h"}""")
                .orElseThrow();
        assertThat(config.windowSize()).isEqualTo(Duration.ofHours(2));
        assertThat(config.keyFields()).containsExactly("event_id", "user_id");
        assertThat(config.algorithm()).isEqualTo(DedupeAlgorithm.EXACT);
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(config.falsePositiveRate()).isEqualTo(0.001);
        assertThat(config.expectedInsertions()).isEqualTo(1_000_000L);
    }

    @Test
    void appliesDefaults() throws Exception {
        DeduplicationConfig config = read("{\"key_fields\":[\"event_id\"]}").orElseThrow();
        assertThat(config).isEqualTo(DeduplicationConfig.of(List.of("event_id")));
        assertThat(config.windowSize()).isEqualTo(Duration.ofHours(1));
        assertThat(config.algorithm()).isEqualTo(DedupeAlgorithm.EXACT);
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void acceptsProbabilisticAsBloomFilterAlias() throws Exception {
        assertThat(read("{\"key_fields\":[\"a\"],\"algorithm\":\"probabilistic\"}").orElseThrow().algorithm())
                .isEqualTo(DedupeAlgorithm.BLOOM_FILTER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}                                                              | key_fields: required",
            "{\"key_fields\":[]}                                             | key_fields: required",
            "{\"key_fields\":\"a\"}                                          | key_fields: expected a list",
            "{\"key_fields\":[\"a\",\"a\"]}                                  | `key_fields[1]: duplicate field \"a\"`",
            "{\"key_fields\":[\"a\",\" \"]}                                  | key_fields[1]: must not be blank",
            "{\"key_fields\":[\"a\"],\"window_size\":\"2hours\"}             | `window_size: not a duration (\"2hours\")`",
            "{\"key_fields\":[\"a\"],\"window_size\":\"0s\"}                 | window_size: must be positive",
            "{\"key_fields\":[\"a\"],\"window_size\":3600}                   | `window_size: not a duration (\"3600\")`",
            "{\"key_fields\":[\"a\"],\"cleanup_interval\":\"0m\"}            | cleanup_interval: must be positive",
            "{\"key_fields\":[\"a\"],\"algorithm\":\"lru\"}                  | `algorithm: unknown algorithm \"lru\"`",
            "{\"key_fields\":[\"a\"],\"false_positive_rate\":0.5}            | false_positive_rate: must be > 0 and < 0.5, was 0.5",
            "{\"key_fields\":[\"a\"],\"false_positive_rate\":0}              | false_positive_rate: must be > 0 and < 0.5, was 0.0",
            "{\"key_fields\":[\"a\"],\"false_positive_rate\":\"x\"}          | `false_positive_rate: expected a number, was \"x\"`",
            "{\"key_fields\":[\"a\"],\"expected_insertions\":0}              | expected_insertions: must be positive, was 0",
            "{\"key_fields\":[\"a\"],\"expected_insertions\":1.5}            | expected_insertions: expected a whole number, was 1.5",
            "{\"key_fields\":[\"a\"],\"windowsize\":\"1h\"}                  | windowsize: unknown field",
    })
    void reportsViolationWithPath(String json, String expected) throws Exception {
        assertThat(read(json).violations()).extracting(RuleViolation::toString).containsExactly(expected);
    }

    @Test
    void reportsAllViolationsTogether() throws Exception {
        assertThat(read("{\"window_size\":\"x\",\"algorithm\":\"y\",\"false_positive_rate\":0.9}").violations())
                .extracting(RuleViolation::field)
                .containsExactlyInAnyOrder("window_size", "algorithm", "key_fields", "false_positive_rate");
    }

    @Test
    void jsonRoundTripUsesSnakeCaseAndShortDurations() throws Exception {
        DeduplicationConfig config = new DeduplicationConfig(Duration.ofHours(2), List.of("event_id", "user_id"),
                DedupeAlgorithm.BLOOM_FILTER, Duration.ofMinutes(10), 0.01, 5000L);
        String json = EventCodec.mapper().writeValueAsString(config);
        assertThat(json).isEqualTo("{\"window_size\":\"2h\",\"key_fields\":[\"event_id\",\"user_id\"],"
                + "\"algorithm\":\"bloom_filter\",\"cleanup_interval\":\"10m\",\"false_positive_rate\":0.01,"
                + "\"expected_insertions\":5000}");
        assertThat(EventCodec.mapper().readValue(json, DeduplicationConfig.class)).isEqualTo(config);
        assertThat(read(json).orElseThrow()).isEqualTo(config);
    }

    @Test
    void validatesRecordsBuiltInCode() {
        assertThat(DeduplicationConfig.of(List.of()).withWindowSize(Duration.ofSeconds(-1)).validate("config"))
                .extracting(RuleViolation::toString)
                .containsExactly("config.key_fields: required", "config.window_size: must be positive");
        assertThat(DeduplicationConfig.of(List.of("a")).validate()).isEmpty();
    }
}
