package io.platform.etl.model.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimestampsTest {

    @Test
    void fastUtcPathReadsEveryInstantAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            if (text.length() >= 20 && text.charAt(4) == '-') {
                assertThat(EventTimestamps.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.123Z", "2024-02-29T23:59:59.123456789Z",
        "1970-01-01T00:00:00Z"})
    void fastUtcPathReadsFractionsOfAnyLength(String text) {
        assertThat(EventTimestamps.parseUtc(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:00:00+02:00", "2024-05-01T23:59:60Z", "2024-05-01T10:00:00.Z",
        "2024-05-01T10:00:00.1234567890Z", "2023-02-29T10:00:00Z", "2024-13-01T10:00:00Z", "2024-05-01T24:00:00Z",
        "2024-05-01t10:00:00Z", "2024-05-01T1a:00:00Z", "+12024-05-01T10:00:00Z"})
    void leavesEverythingElseToInstantParse(String text) {
        assertThat(EventTimestamps.parseUtc(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:00:00+02:00", "2024-05-01T23:59:60Z", "2023-02-29T10:00:00Z",
        "2024-05-01T10:00:00.Z", "2024-05-01T24:00:00Z"})
    void readsTheSameAsInstantParseWhereTheFastPathDeclines(String text) {
        Optional<Instant> expected;
        try {
            expected = Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            expected = Optional.empty();
        }
        assertThat(EventTimestamps.parseIso(text)).isEqualTo(expected);
    }
}
