package io.platform.etl.stage.aggregate.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.platform.etl.model.event.Event;
import io.platform.etl.model.event.FieldPath;
import java.io.IOException;
import java.util.List;

/**
 * The {@code group_by} fields of the spec, compiled. A record's group key is the JSON array of its values in
 * {@code group_by} order ({@code ["u1","click",null]}): an absent field and an explicit JSON null both group as
 * null; other values keep their JSON type ({@code 1} and {@code "1"} are different groups).
 */
public final class GroupKey {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> fields;
    private final FieldPath[] paths;

    public GroupKey(List<String> fields) {
        this.fields = List.copyOf(fields);
        this.paths = fields.stream().map(FieldPath::of).toArray(FieldPath[]::new);
    }

    /** The field names (paths as written in the spec), in order. */
    public List<String> fields() {
        return fields;
    }

    /** The group key bytes of an event: compact JSON array of the values. */
    public byte[] bytes(Event event) {
        ArrayNode values = JsonNodeFactory.instance.arrayNode(paths.length);
        for (FieldPath path : paths) {
            JsonNode value = event.field(path);
            values.add(value.isMissingNode() ? NullNode.getInstance() : value);
        }
        try {
            return MAPPER.writeValueAsBytes(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an in-memory JSON tree", e);
        }
    }

    /** The values of a group key written by {@link #bytes(Event)}. */
    public ArrayNode values(byte[] key) {
        try {
            return (ArrayNode) MAPPER.readTree(key);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a group key: " + new String(key,
                    java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
