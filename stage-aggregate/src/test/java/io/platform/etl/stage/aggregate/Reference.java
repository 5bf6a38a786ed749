package io.platform.etl.stage.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.etl.stage.aggregate.window.TumblingWindows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline spec's aggregations computed the obvious way, independently of the stage: per (window, group)
 * {@code sum(amount)|count|max(timestamp)}, keyed like the stage's results.
 */
final class Reference {

    private Reference() {
    }

    static Map<String, String> of(List<Backlog.Event> events, TumblingWindows windows) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        for (Backlog.Event e : events) {
            String key = key(windows.startOf(e.time()), e.user(), e.type(), e.region());
            sums.merge(key, e.amount() == null ? BigDecimal.ZERO : e.amount(), BigDecimal::add);
            counts.merge(key, 1L, Long::sum);
            last.merge(key, e.time(), Math::max);
        }
        Map<String, String> expected = new HashMap<>();
        sums.forEach((key, sum) -> expected.put(key, summary(sum, counts.get(key), last.get(key))));
        return expected;
    }

    /** The same summary of a result from the stage. */
    static String summary(JsonNode result) {
        return summary(new BigDecimal(result.get("total_amount").asText()), result.get("event_count").asLong(),
                Instant.parse(result.get("last_event_time").asText()).toEpochMilli());
    }

    static String key(long windowStart, String user, String type, String region) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("window_start", Instant.ofEpochMilli(windowStart).toString());
        key.put("user_id", user);
        key.put("event_type", type);
        key.put("region", region);
        return key.toString();
    }

    private static String summary(BigDecimal sum, long count, long last) {
        return sum.stripTrailingZeros().toPlainString() + "|" + count + "|" + Instant.ofEpochMilli(last);
    }
}
