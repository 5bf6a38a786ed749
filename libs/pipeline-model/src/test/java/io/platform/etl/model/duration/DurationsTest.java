package io.platform.etl.model.duration;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"30s,PT30S", "5m,PT5M", "1h,PT1H", "2h,PT2H", "300s,PT5M", "1d,PT24H", "500ms,PT0.5S",
            "0s,PT0S", "1h30m,PT1H30M", "' 10s ',PT10S", "PT2H,PT2H", "pt15m,PT15M", "90m,PT1H30M",
            "1d2h3m4s5ms,PT26H3M4.005S"})
    void parsesDurations(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1hour", "5", "m", "1.5h", "-5s", "5 s", "5S", "5M", "1w", "1y", "ms", "s5",
            "99999999999999999999s", "PT-5S", "P", "1h 30m", "1hh"})
    void rejectsNonDurationsNamingTheInput(String text) {
        assertThat(Durations.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(DurationFormatException.class)
                .hasMessageStartingWith("not a duration (\"" + text + "\")")
                .hasMessageContaining("\"30s\"");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsNullAndBlank(String text) {
        assertThat(Durations.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(DurationFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({"PT2H,2h", "PT5M,5m", "PT30S,30s", "PT0.5S,500ms", "PT1.5S,1500ms", "PT24H,1d", "PT48H,2d",
            "PT90M,90m", "PT0S,0s", "PT61S,61s", "PT0.000001S,PT0.000001S", "PT-1S,PT-1S"})
    void formatsInLargestExactUnit(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "5m", "2h", "1d", "500ms", "1h30m", "PT0.000001S", "36h"})
    void formatRoundTrips(String text) {
        Duration duration = Durations.parse(text);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    record Holder(@JsonProperty("ttl") Duration ttl) {
    }

    @Test
    void jacksonModuleWritesShortForm() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(DurationJson.module());
        assertThat(mapper.writeValueAsString(new Holder(Duration.ofHours(2)))).isEqualTo("{\"ttl\":\"2h\"}");
        assertThat(mapper.readValue("{\"ttl\":\"300s\"}", Holder.class).ttl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jacksonModuleRejectsBadInput() {
        ObjectMapper mapper = new ObjectMapper().registerModule(DurationJson.module());
        assertThatThrownBy(() -> mapper.readValue("{\"ttl\":\"1hour\"}", Holder.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("not a duration (\"1hour\")");
        assertThatThrownBy(() -> mapper.readValue("{\"ttl\":30}", Holder.class))
                .isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("expected a duration string");
    }
}
