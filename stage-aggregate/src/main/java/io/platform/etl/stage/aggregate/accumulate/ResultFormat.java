package io.platform.etl.stage.aggregate.accumulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.etl.stage.aggregate.group.GroupKey;
import io.platform.etl.stage.aggregate.window.TumblingWindows;
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

    public byte[] key(long windowStart, byte[] groupKey) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put(WINDOW_START, Instant.ofEpochMilli(windowStart).toString());
        putGroup(key, groupKey);
        return bytes(key);
    }

    public byte[] value(long windowStart, byte[] groupKey, WindowState state, boolean isFinal, int version) {
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.put(WINDOW_START, Instant.ofEpochMilli(windowStart).toString());
        value.put(WINDOW_END, Instant.ofEpochMilli(windows.endOf(windowStart)).toString());
        putGroup(value, groupKey);
        plan.writeResults(state, value);
        value.put(FINAL, isFinal);
        value.put(VERSION, version);
        return bytes(value);
    }

    private void putGroup(ObjectNode target, byte[] groupKey) {
        ArrayNode values = groups.values(groupKey);
        for (int i = 0; i < groups.fields().size(); i++) {
            target.set(groups.fields().get(i), values.get(i));
        }
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an in-memory JSON tree", e);
        }
    }
}
