package io.platform.etl.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTextTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void showsAJsonValueIndentedUnderARuleNamingWhereItCameFrom() {
        String text = RecordText.format("events.filtered", 2, 41, 0, utf8("user-7"), List.of(), false,
                utf8("{\"event_id\":\"e1\",\"amount\":12.5}"));
        assertThat(text).isEqualTo("""
                ── events.filtered · partition 2 · offset 41 · 1970-01-01T00:00:00Z · key user-7
                {
                  "event_id" : "e1",
                  "amount" : 12.5
                }
                """);
    }

    @Test
    void showsHeadersWhenAskedAndAValueThatIsNotJsonAsText() {
        String text = RecordText.format("events.dlq", 0, 5, 1_000, null,
                List.of(Map.entry("x-error-stage", utf8("filter")), Map.entry("x-error-reason", utf8("not_json"))),
                true, utf8("click by user-3 at noon"));
        assertThat(text).isEqualTo("""
                ── events.dlq · partition 0 · offset 5 · 1970-01-01T00:00:01Z
                  x-error-stage: filter
                  x-error-reason: not_json
                click by user-3 at noon
                """);
    }

    @Test
    void hidesHeadersUnlessAsked() {
        String text = RecordText.format("events.enriched", 0, 0, 0, null,
                List.of(Map.entry("x-etl-enrichment", utf8("user_profiles=hit"))), false, utf8("{}"));
        assertThat(text).doesNotContain("x-etl-enrichment");
    }

    @Test
    void binaryBytesAreShownInHex() {
        assertThat(RecordText.text(new byte[] {0, 1, (byte) 0xff})).isEqualTo("0x0001ff");
        assertThat(RecordText.text(utf8("Ромашка"))).isEqualTo("Ромашка");
    }
}
