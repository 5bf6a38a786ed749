package io.platform.etl.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 20_000;

    @Test
    void aboutOneInAHundredIsUnreadableAndOneInAHundredIsLateTheRestAreCurrentEvents() {
        DemoTraffic traffic = new DemoTraffic("unused:9092", 50);
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        int unreadable = 0;
        int stragglers = 0;
        for (int i = 0; i < EVENTS; i++) {
            JsonNode event = parse(traffic.event("user-1", now));
            Instant time = event == null ? null : readable(event.path("timestamp").asText());
            if (time == null) {
                unreadable++;
                continue;
            }
            assertThat(event.path("user_id").asText()).isEqualTo("user-1");
            assertThat(event.path("event_id").asText()).isNotBlank();
            if (time.equals(now.minus(DemoTraffic.STRAGGLER_AGE))) {
                stragglers++;
            } else {
                assertThat(time).isEqualTo(now);
            }
        }
        // expected 200 each (1 %); the bounds are ~7 standard deviations wide
        assertThat(unreadable).isBetween(100, 300);
        assertThat(stragglers).isBetween(100, 300);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new DemoTraffic("unused:9092", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode parse(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Instant readable(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
