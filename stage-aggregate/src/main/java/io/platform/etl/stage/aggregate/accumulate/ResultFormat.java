package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.platform.etl.stage.aggregate.group.GroupKey;
import io.platform.etl.stage.aggregate.window.TumblingWindows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The records on the output topic. Value: {@code window_start}, {@code window_end} (ISO-8601), the group fields
 * (null when absent), one field per alias, {@code final} and {@code version}. Key: {@code window_start} and the group
 * fields, so a consumer can upsert by key and keep the highest version; one (window, group) always lands in one
 * partition, in version order.
 */
public final class ResultFormat {

    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String FINAL = "final";
    public static final String VERSION = "version";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TumblingWindows windows;
    private final GroupKey groups;
    private final AggregationPlan plan;
    private volatile WindowText lastWindow;

    public ResultFormat(TumblingWindows windows, GroupKey groups, AggregationPlan plan) {
        this.windows = windows;
        this.groups = groups;
        this.plan = plan;
    }

    /** Names an alias must not take. */
    public static Set<String> reservedNames(GroupKey groups) {
        Set<String> reserved = new HashSet<>(groups.fields());
        reserved.addAll(Set.of(WINDOW_START, WINDOW_END, FINAL, VERSION));
        return reserved;
    }

    /** One result record's key and value. */
    public record Result(byte[] key, byte[] value) {
    }

    /**
     * The result of a (window, group): the value, and the key cut from it (its {@code window_start} and group
     * fields), so a result costs one generator and one read of the group key rather than two of each.
     */
    public Result result(long windowStart, byte[] groupKey, WindowState state, boolean isFinal, int version) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        int startEnd;
        int groupFrom;
        int groupTo;
        try (JsonGenerator out = MAPPER.createGenerator(bytes)) {
            WindowText window = text(windowStart);
            out.writeStartObject();
            out.writeStringField(WINDOW_START, window.start());
            out.flush();
            startEnd = bytes.size();
            out.writeStringField(WINDOW_END, window.end());
            out.flush();
            groupFrom = bytes.size();
            writeGroup(out, groupKey);
            out.flush();
            groupTo = bytes.size();
            plan.writeResults(state, out);
            out.writeBooleanField(FINAL, isFinal);
            out.writeNumberField(VERSION, version);
            out.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a result", e);
        }
        byte[] value = bytes.toByteArray();
        // {"window_start":"…"  +  ,"user_id":…,"region":…  +  }
        byte[] key = new byte[startEnd + (groupTo - groupFrom) + 1];
        System.arraycopy(value, 0, key, 0, startEnd);
        System.arraycopy(value, groupFrom, key, startEnd, groupTo - groupFrom);
        key[key.length - 1] = '}';
        return new Result(key, value);
    }

    /** Copies the group key's values (a JSON array, see {@link GroupKey}) into fields named by {@code group_by}. */
    private void writeGroup(JsonGenerator out, byte[] groupKey) throws IOException {
        try (JsonParser values = MAPPER.createParser(groupKey)) {
            if (values.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a group key: " + new String(groupKey, StandardCharsets.UTF_8));
            }
            for (String field : groups.fields()) {
                values.nextToken();
                out.writeFieldName(field);
                out.copyCurrentStructure(values);
            }
        }
    }

    /** Results come in runs of one window: its ISO-8601 texts are formatted once per run. */
    private WindowText text(long windowStart) {
        WindowText last = lastWindow;
        if (last == null || last.startMillis() != windowStart) {
            last = new WindowText(windowStart, Instant.ofEpochMilli(windowStart).toString(),
                    Instant.ofEpochMilli(windows.endOf(windowStart)).toString());
            lastWindow = last;
        }
        return last;
    }

    /** Immutable, so tasks on other stream threads may read or replace it without a lock. */
    private record WindowText(long startMillis, String start, String end) {
    }
}
