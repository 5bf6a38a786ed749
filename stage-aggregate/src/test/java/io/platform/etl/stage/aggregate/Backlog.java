package io.platform.etl.stage.aggregate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated input for the ITs: events over a number of groups in several partitions, each partition in event-time
 * order (up to a few seconds out of order) and {@code skew} ahead of the previous one. One group in ten has no
 * {@code region}; one event in seven has no {@code amount}.
 */
final class Backlog {

    static final long BASE = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();

    record Event(int partition, long time, String user, String type, String region, BigDecimal amount) {

        String json(int sequence) {
            return "{\"event_id\":\"e-" + sequence + "\",\"user_id\":\"" + user + "\",\"event_type\":\"" + type + "\""
                    + (region == null ? "" : ",\"region\":\"" + region + "\"")
                    + ",\"timestamp\":\"" + Instant.ofEpochMilli(time) + "\""
                    + (amount == null ? "" : ",\"amount\":" + amount.toPlainString()) + "}";
        }
    }

    private Backlog() {
    }

    static List<Event> skewed(int records, int partitions, int groups, Duration skew, Duration span, long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>(records);
        long perPartition = Math.max(1, records / partitions);
        long step = Math.max(1, span.toMillis() / perPartition);
        for (int i = 0; i < records; i++) {
            int partition = i % partitions;
            int group = random.nextInt(groups);
            long time = BASE + partition * skew.toMillis() + (i / partitions) * step - random.nextInt(3000);
            BigDecimal amount = random.nextInt(7) == 0 ? null
                    : BigDecimal.valueOf(random.nextInt(100_000), 2);
            events.add(new Event(partition, time, "u" + group / 4, group % 2 == 0 ? "click" : "purchase",
                    group % 10 == 9 ? null : (group / 2) % 2 == 0 ? "EU" : "US", amount));
        }
        return events;
    }
}
